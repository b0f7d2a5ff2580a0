/**
 * Generators shared by the property tests: values a user (or an expression) can put into a
 * parameter, with the characters that matter to the wire formats overrepresented, and the check
 * every reader must pass: it returns, or it refuses with an InvalidInputError (which the router and
 * the poll engine turn into a NodeOperationError naming the parameter). Any other exception is a bug.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from '../../nodes/shared/parameters';

/** Inputs per property (the issue asks for at least 10,000). */
export const RUNS = 10_000;

export const TIME_ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Pacific/Chatham', 'Australia/Lord_Howe'] as const;

/** Characters with a meaning in a query string, a filter language or a URL path. */
const SPECIAL = [...'()[],;:=&|!<>"\'\\/?#%+-_. *@$\t\n\r\u0000\u007f', 'OR', 'AND', ' OR ', ' AND ', '..', '%2e', '||', '&&'];

export const specialString = fc
	.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 3 }), fc.integer({ min: -99, max: 99999 }).map(String)), { maxLength: 8 })
	.map((parts) => parts.join(''));

/**
 * Strings shaped like ISO 8601 dates, with any number in each part (0050, minute 75, offset +99:99 …).
 * Years 0001–9998: a zone or an offset moves 0000-01-01 and 9999-12-31 out of the years the readers
 * take (0000–9999, refused: test/unit/dates.test.ts); the properties below predict by the written parts.
 */
export const isoLike = fc
	.record({
		year: fc.integer({ min: 1, max: 9998 }),
		month: fc.integer({ min: 0, max: 19 }),
		day: fc.integer({ min: 0, max: 39 }),
		hour: fc.integer({ min: 0, max: 29 }),
		minute: fc.integer({ min: 0, max: 99 }),
		second: fc.integer({ min: 0, max: 99 }),
		fraction: fc.option(fc.integer({ min: 0, max: 999_999 })),
		offset: fc.option(fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })), { nil: undefined }),
		zulu: fc.boolean(),
		dateOnly: fc.boolean(),
	})
	.map(({ year, month, day, hour, minute, second, fraction, offset, zulu, dateOnly }) => {
		const pad = (n: number, width = 2) => String(n).padStart(width, '0');
		const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
		if (dateOnly) return date;
		const time = `${pad(hour)}:${pad(minute)}:${pad(second)}${fraction === null ? '' : `.${fraction}`}`;
		const zone = offset ? `${offset[0]}${pad(offset[1])}:${pad(offset[2])}` : zulu ? 'Z' : '';
		return `${date}T${time}${zone}`;
	});

/** Anything a parameter may hold: text (plain, special, date-like), numbers (NaN, ±Infinity, huge), lists, objects. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	specialString,
	isoLike,
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 12 }),
	fc.integer(),
	fc.double(),
	fc.constantFrom(0, -1, 1, 16, 17, 2 ** 31, 2 ** 53 + 2, 600_000, 600_001, Number.MAX_SAFE_INTEGER, 1e21),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.date(),
	fc.array(fc.oneof(specialString, fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 4 }),
	// Parameters come from JSON or expressions: objects have the usual prototype.
	fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3, noNullPrototype: true }),
);

/** A collection (Filters, Fields, Options) with some of `keys` set to any value. */
export function collectionOf(keys: readonly string[], value: fc.Arbitrary<unknown> = anyValue): fc.Arbitrary<IDataObject> {
	return fc
		.dictionary(fc.constantFrom(...keys), value, { maxKeys: Math.min(keys.length, 6), noNullPrototype: true })
		.map((entries) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as IDataObject);
}

/**
 * Runs `read`: its result when it returns, undefined when it refused with an InvalidInputError;
 * any other exception fails the property (it would reach the user as an error not naming a field).
 */
export function refusedOrRead<T>(read: () => T): T | undefined {
	try {
		return read();
	} catch (error) {
		if (error instanceof InvalidInputError) return undefined;
		throw error;
	}
}

/** Fixed, so that a run repeats; FAST_CHECK_SEED=<n> explores others (a failure prints its seed). */
const SEED = Number(process.env.FAST_CHECK_SEED ?? 2026);

export function assertProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>): void {
	fc.assert(property, { numRuns: RUNS, seed: SEED });
}
