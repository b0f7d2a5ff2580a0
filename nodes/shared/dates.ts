/**
 * Date handling shared by every provider. n8n's dateTime fields hand us ISO 8601 strings, with or
 * without an offset (the date picker writes none: such a value is wall-clock time in the workflow's
 * time zone), or luxon DateTime / JS Date objects from expressions. Everything is normalised to an
 * instant, then written in the form each API wants.
 */

/** Something that looks like a luxon DateTime (what `$now` and friends evaluate to). */
interface IsoConvertible {
	toISO(): string | null;
}

function isIsoConvertible(value: unknown): value is IsoConvertible {
	return (
		typeof value === 'object' && value !== null && typeof (value as Partial<IsoConvertible>).toISO === 'function'
	);
}

const ISO_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/**
 * Epoch ms of a UTC wall-clock time. Unlike `Date.UTC`, years 0–99 stay what they are (`Date.UTC`
 * reads 50 as 1950).
 */
function wallClockUtcMs(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, ms: number): number {
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	date.setUTCHours(hour, minute, second, ms);
	return date.getTime();
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (east positive). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	let beforeCommonEra = false;
	for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
		if (part.type === 'era') beforeCommonEra = part.value === 'BC';
		else if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	// Intl counts years before 1 CE as 1 BC, 2 BC, …; ISO 8601 as 0, -1, ….
	const year = beforeCommonEra ? 1 - parts.year : parts.year;
	const asUtc = wallClockUtcMs(year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, 0);
	const wholeSecond = utcMs - (((utcMs % 1000) + 1000) % 1000);
	return asUtc - wholeSecond;
}

/** An instant, or why a value is not one (said to the user after the field's name). */
type InstantReading = { ms: number } | { problem: string };

/**
 * Reads a date value into epoch milliseconds. Values without an offset are read as wall-clock time
 * in `timeZone` (an IANA name, n8n's workflow time zone). Every part must be in range: a month 13,
 * a 30 February, a minute 75, a second 99 or an offset +99:99 is refused, never rolled over.
 */
export function readInstantValue(value: unknown, timeZone = 'UTC'): InstantReading {
	return withinYears(readAnyInstant(value, timeZone));
}

function readAnyInstant(value: unknown, timeZone: string): InstantReading {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? { problem: 'it is an invalid Date' } : { ms: value.getTime() };
	if (isIsoConvertible(value)) {
		const iso = value.toISO();
		return iso === null ? { problem: 'it is an invalid date' } : readAnyInstant(iso, timeZone);
	}
	if (typeof value !== 'string') return { problem: 'it is not an ISO 8601 date' };
	const match = ISO_PATTERN.exec(value.trim());
	if (!match) return { problem: 'it is not an ISO 8601 date' };
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', offset] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	if (month < 1 || month > 12) return { problem: `month ${mo} does not exist` };
	if (hour > 23) return { problem: `hour ${h} does not exist (00 to 23)` };
	if (minute > 59) return { problem: `minute ${mi} does not exist (00 to 59)` };
	if (second > 59) return { problem: `second ${s} does not exist (00 to 59)` };
	const ms = Math.floor(Number(`0.${fraction}`) * 1000);
	const wall = wallClockUtcMs(year, month - 1, day, hour, minute, second, ms);
	if (new Date(wall).getUTCDate() !== day) return { problem: `day ${d} does not exist in that month` };
	if (offset) {
		if (offset === 'Z' || offset === 'z') return { ms: wall };
		const sign = offset.startsWith('-') ? -1 : 1;
		const digits = offset.slice(1).replace(':', '');
		const offsetHours = Number(digits.slice(0, 2));
		const offsetMinutes = Number(digits.slice(2) || '0');
		if (offsetHours > 23 || offsetMinutes > 59) return { problem: `the offset ${offset} does not exist (at most ±23:59)` };
		return { ms: wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000 };
	}
	// Wall-clock time in the zone: correct the guess by the zone's offset at that instant, twice so
	// that a value next to a daylight-saving switch lands on the right side.
	let utc = wall - zoneOffsetMs(wall, timeZone);
	const again = wall - zoneOffsetMs(utc, timeZone);
	if (again !== utc) utc = again;
	return { ms: utc };
}

/** The instants ISO 8601's four-digit years can write: 0000-01-01 to 9999-12-31, UTC. */
const FIRST_MS = wallClockUtcMs(0, 0, 1, 0, 0, 0, 0);
const LAST_MS = wallClockUtcMs(9999, 11, 31, 23, 59, 59, 999);

/** readInstantValue, with instants outside the four-digit years refused (a Date or luxon value can be anywhere). */
function withinYears(reading: InstantReading): InstantReading {
	if ('ms' in reading && (reading.ms < FIRST_MS || reading.ms > LAST_MS)) return { problem: 'it is outside the years 0000 to 9999 (UTC)' };
	return reading;
}

/** Epoch ms of a date value (see readInstantValue), or undefined when it is not a valid date. */
export function parseInstant(value: unknown, timeZone = 'UTC'): number | undefined {
	const reading = readInstantValue(value, timeZone);
	return 'ms' in reading ? reading.ms : undefined;
}

/** ISO 8601 in UTC with `Z`, without a zero millisecond part: `2026-02-25T09:00:00Z`. */
export function toIsoUtc(epochMs: number): string {
	return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

export function toUnixSeconds(epochMs: number): number {
	return Math.floor(epochMs / 1000);
}
