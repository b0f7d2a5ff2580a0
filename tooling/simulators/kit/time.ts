/** Time helpers the simulators share: durations in ms and fast UTC formatting of the many generated times. */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** `00`…`59`, then `000`…`999`: formatting by table lookup (the generators format a lot of times). */
export const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
export const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

const dayPrefixes = new Map<number, string>();

/** `YYYY-MM-DDTHH:MM:SS` of an epoch ms, UTC, no offset; the date part is cached per day. */
export function utcSeconds(ms: number): string {
	const day = Math.floor(ms / DAY);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY).toISOString().slice(0, 11);
		if (dayPrefixes.size < 100_000) dayPrefixes.set(day, prefix);
	}
	const secs = Math.floor((ms - day * DAY) / 1000);
	return `${prefix}${PAD2[Math.floor(secs / 3600)]}:${PAD2[Math.floor(secs / 60) % 60]}:${PAD2[secs % 60]}`;
}

/** The milliseconds of an epoch ms as three digits (also for times before 1970). */
export function msPart(ms: number): string {
	return PAD3[((ms % 1000) + 1000) % 1000];
}

/** The parts of an ISO 8601 match: year … second as text, `frac` with its dot, `offset` as `Z` or `±hh[:]mm`. */
export interface IsoParts {
	y: string;
	mo: string;
	d: string;
	h?: string;
	mi?: string;
	s?: string;
	frac?: string;
	offset?: string;
}

/**
 * Epoch ms of validated ISO parts (no offset → UTC); undefined for an impossible date or time, or, with
 * `checkOffset`, an offset beyond ±23:59. Each simulator keeps its own pattern (what the API accepts).
 */
export function isoPartsToMs(p: IsoParts, checkOffset = false): number | undefined {
	const month = Number(p.mo);
	const day = Number(p.d);
	if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(p.y), month, 0)).getUTCDate()) return undefined;
	const hour = p.h === undefined ? 0 : Number(p.h);
	const minute = p.mi === undefined ? 0 : Number(p.mi);
	const second = p.s === undefined ? 0 : Number(p.s);
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	let ms = Date.UTC(Number(p.y), month - 1, day, hour, minute, second) + (p.frac ? Math.floor(Number(p.frac) * 1000) : 0);
	if (p.offset && p.offset !== 'Z') {
		const sign = p.offset[0] === '-' ? -1 : 1;
		const digits = p.offset.slice(1).replace(':', '');
		const oh = Number(digits.slice(0, 2));
		const om = Number(digits.slice(2));
		if (checkOffset && (oh > 23 || om > 59)) return undefined;
		ms -= sign * (oh * 60 + om) * MINUTE;
	}
	return ms;
}

/** `isoPartsToMs` of a match of a pattern whose groups are year, month, day, hour, minute, second, fraction, offset. */
export function isoMatchToMs(m: RegExpExecArray | null, checkOffset = false): number | undefined {
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, offset] = m;
	return isoPartsToMs({ y, mo, d, h, mi, s, frac, offset }, checkOffset);
}
