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

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (east positive). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	const wholeSecond = utcMs - (((utcMs % 1000) + 1000) % 1000);
	return asUtc - wholeSecond;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

/**
 * Parses a date value into epoch milliseconds. Values without an offset are read as wall-clock time
 * in `timeZone` (an IANA name, n8n's workflow time zone). Returns undefined when it cannot be read.
 */
export function parseInstant(value: unknown, timeZone = 'UTC'): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (isIsoConvertible(value)) return parseInstant(value.toISO(), timeZone);
	if (typeof value !== 'string') return undefined;
	const match = ISO_PATTERN.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', offset] = match;
	const ms = Math.floor(Number(`0.${fraction}`) * 1000);
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
	const check = new Date(wall);
	if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) {
		return undefined;
	}
	if (offset) {
		if (offset === 'Z' || offset === 'z') return wall;
		const sign = offset.startsWith('-') ? -1 : 1;
		const digits = offset.slice(1).replace(':', '');
		const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
		return wall - sign * minutes * 60_000;
	}
	// Wall-clock time in the zone: correct the guess by the zone's offset at that instant, twice so
	// that a value next to a daylight-saving switch lands on the right side.
	let utc = wall - zoneOffsetMs(wall, timeZone);
	const second = wall - zoneOffsetMs(utc, timeZone);
	if (second !== utc) utc = second;
	return utc;
}

/** ISO 8601 in UTC with `Z`, without a zero millisecond part: `2026-02-25T09:00:00Z`. */
export function toIsoUtc(epochMs: number): string {
	return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

export function toUnixSeconds(epochMs: number): number {
	return Math.floor(epochMs / 1000);
}
