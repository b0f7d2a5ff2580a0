/**
 * Every shared parameter reader (nodes/shared/parameters.ts) on generated input: it returns what its
 * contract promises, or refuses with an InvalidInputError; nothing else is ever thrown.
 */
import fc from 'fast-check';

import { HCP_ID } from '../../nodes/HousecallPro/filters';
import { JOB_REF } from '../../nodes/Planado/actions/job/common';
import { JOB_ID } from '../../nodes/Worklayer/provider';
import {
	INTEGER_ID,
	MAX_PARALLEL_REQUESTS,
	MAX_TIMEOUT_MS,
	UUID,
	checkId,
	checkOption,
	checkOptions,
	parseIdList,
	readCollection,
	readInstant,
	readIsoDate,
	readJobId,
	readLimit,
	readParallelRequests,
	readTimeout,
	readUnixSeconds,
	requireText,
	type IdPattern,
	type NodeParameters,
} from '../../nodes/shared/parameters';
import { TIME_ZONES, anyValue, assertProperty, isoLike, refusedOrRead } from './arbitraries';

// 10,000 inputs per property: minutes on a loaded machine, seconds otherwise.
jest.setTimeout(300_000);

const PATTERNS: Array<[string, IdPattern]> = [
	['INTEGER_ID', INTEGER_ID],
	['UUID', UUID],
	['HCP_ID', HCP_ID],
	['Worklayer JOB_ID', JOB_ID],
	['Planado JOB_REF', JOB_REF],
];

function paramsOf(values: Record<string, unknown>, timeZone = 'UTC'): NodeParameters {
	return { get: (name, fallback) => (name in values ? values[name] : fallback), timeZone };
}

describe.each(PATTERNS)('ids (%s)', (_name, pattern) => {
	it('parseIdList returns only ids of the pattern, never blank, or refuses', () => {
		assertProperty(
			fc.property(anyValue, (value) => {
				const ids = refusedOrRead(() => parseIdList(value, 'IDs', pattern));
				for (const id of ids ?? []) {
					expect(id).not.toBe('');
					expect(pattern.regex.test(id)).toBe(true);
					if (pattern.safeInteger) expect(Number.isSafeInteger(Number(id))).toBe(true);
				}
			}),
		);
	});

	it('checkId returns an id of the pattern (a path segment other than . and ..), or refuses', () => {
		assertProperty(
			fc.property(anyValue, (value) => {
				const id = refusedOrRead(() => checkId(value, 'Job', pattern));
				if (id === undefined) return;
				expect(pattern.regex.test(id)).toBe(true);
				expect(['.', '..']).not.toContain(encodeURIComponent(id));
				expect(/[\u0000-\u001f\u007f]/.test(id)).toBe(false);
			}),
		);
	});
});

describe('dates', () => {
	it('readInstant, readIsoDate and readUnixSeconds agree on one finite instant, or refuse', () => {
		assertProperty(
			fc.property(fc.oneof(isoLike, anyValue), fc.constantFrom(...TIME_ZONES), (value, timeZone) => {
				const ms = refusedOrRead(() => readInstant(value, 'Date', timeZone));
				const iso = refusedOrRead(() => readIsoDate(value, 'Date', timeZone));
				const seconds = refusedOrRead(() => readUnixSeconds(value, 'Date', timeZone));
				if (ms === undefined) {
					expect([iso, seconds]).toEqual([undefined, undefined]);
					return;
				}
				expect(Number.isFinite(ms)).toBe(true);
				expect(Date.parse(iso as string)).toBe(ms);
				expect(seconds).toBe(Math.floor(ms / 1000));
			}),
		);
	});

	it('reads an in-range ISO 8601 value with Z or an offset as the instant Date.parse gives, and refuses any out-of-range part', () => {
		assertProperty(
			fc.property(isoLike, fc.constantFrom(...TIME_ZONES), (value, timeZone) => {
				const ms = refusedOrRead(() => readInstant(value, 'Date', timeZone));
				const parts = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-](\d\d):(\d\d))?)?$/.exec(value);
				if (!parts) throw new Error(`generator wrote ${value}`);
				const [, y, mo, d, h = '0', mi = '0', s = '0', zone, oh = '0', om = '0'] = parts;
				const daysInMonth = new Date(Date.UTC(2000, Number(mo), 0)).getUTCDate();
				const leapFebruary = Number(mo) === 2 && Number(d) === 29;
				const year = Number(y);
				const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
				const inRange =
					Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= daysInMonth && (!leapFebruary || isLeap) &&
					Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59 && Number(oh) <= 23 && Number(om) <= 59;
				expect(ms !== undefined).toBe(inRange);
				// Date.parse reads the full ISO form (four-digit year, ms precision) without the two-digit-year rule.
				if (ms !== undefined && zone) {
					const fraction = /\.(\d+)/.exec(value)?.[1] ?? '';
					const canonical = `${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction.padEnd(3, '0').slice(0, 3)}${zone}`;
					expect(ms).toBe(Date.parse(canonical));
				}
			}),
		);
	});
});

describe('options and text', () => {
	const ALLOWED = ['asc', 'desc', 'in_progress'] as const;

	it('checkOption returns one of the allowed values, or refuses', () => {
		assertProperty(
			fc.property(fc.oneof(fc.constantFrom(...ALLOWED), anyValue), (value) => {
				const option = refusedOrRead(() => checkOption(value, 'Sort', ALLOWED));
				if (option !== undefined) expect(ALLOWED).toContain(option);
			}),
		);
	});

	it('checkOptions returns allowed values only, or refuses', () => {
		assertProperty(
			fc.property(fc.oneof(fc.array(fc.oneof(fc.constantFrom(...ALLOWED), anyValue)), anyValue), (value) => {
				for (const option of refusedOrRead(() => checkOptions(value, 'Status', ALLOWED)) ?? []) expect(ALLOWED).toContain(option);
			}),
		);
	});

	it('requireText returns trimmed, non-empty text, or refuses', () => {
		assertProperty(
			fc.property(anyValue, (value) => {
				const text = refusedOrRead(() => requireText(value, 'Title'));
				if (text === undefined) return;
				expect(text).not.toBe('');
				expect(text).toBe(text.trim());
			}),
		);
	});
});

describe('the readers of an item', () => {
	it('readTimeout gives 1 to 10 minutes of milliseconds, or nothing (the default), or refuses', () => {
		assertProperty(
			fc.property(fc.option(anyValue, { nil: undefined }), (timeout) => {
				const ms = refusedOrRead(() => readTimeout(paramsOf({ options: timeout === undefined ? {} : { timeout } })));
				if (ms === undefined) return;
				expect(ms).toBeGreaterThanOrEqual(1);
				expect(ms).toBeLessThanOrEqual(MAX_TIMEOUT_MS);
			}),
		);
	});

	it('readParallelRequests gives a whole number from 1 to 16, or refuses', () => {
		assertProperty(
			fc.property(anyValue, (parallelRequests) => {
				const requests = refusedOrRead(() => readParallelRequests(paramsOf({ options: { parallelRequests } })));
				if (requests === undefined) return;
				expect(Number.isInteger(requests)).toBe(true);
				expect(requests).toBeGreaterThanOrEqual(1);
				expect(requests).toBeLessThanOrEqual(MAX_PARALLEL_REQUESTS);
			}),
		);
	});

	it('readLimit gives a whole number of at least 1, or all (undefined), or refuses', () => {
		assertProperty(
			fc.property(anyValue, fc.boolean(), (limit, returnAll) => {
				const read = refusedOrRead(() => readLimit(paramsOf({ limit, returnAll })));
				if (returnAll) expect(read).toBeUndefined();
				else if (read !== undefined) expect(Number.isInteger(read) && read >= 1).toBe(true);
			}),
		);
	});

	it('readJobId and readCollection return or refuse, never throw anything else', () => {
		assertProperty(
			fc.property(anyValue, fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { maxKeys: 3, noNullPrototype: true }), fc.boolean(), (jobId, fields, required) => {
				refusedOrRead(() => readJobId(paramsOf({ jobId }), JOB_REF));
				const collection = refusedOrRead(() => readCollection(paramsOf({ updateFields: fields }), 'updateFields', required ? 'Update Fields' : undefined));
				if (required && Object.keys(fields).length === 0) expect(collection).toBeUndefined();
			}),
		);
	});
});
