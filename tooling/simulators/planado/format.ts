/** Planado constants and the formatting and parsing of its times and ids. */
import { isoMatchToMs, msPart, PAD3, utcSeconds } from '../kit/time';

export const PLANADO_REFERENCE_DATE = '2026-03-01T00:00:00Z';
export const PLANADO_DEFAULT_API_KEY = 'planado_test_key';
export const PLANADO_JOBS_PAGE_SIZE = 50;
/** The docs' example: skills are listed in batches of 20. */
export const PLANADO_REFERENCE_PAGE_SIZE = 20;
export const PLANADO_RATE_LIMIT_TEXT = 'Rate Limit Exceeded';
/** `2016-05-29T17:31:01.419601Z`, the docs' created_at/updated_at form (microseconds, UTC). */
export function planadoTimestamp(ms: number, micros = 0): string {
	return `${utcSeconds(ms)}.${msPart(ms)}${PAD3[micros % 1000]}Z`;
}

/** `2019-11-20T06:25:00`, the list page's scheduled_at form (no offset). */
export function planadoLocal(ms: number): string {
	return utcSeconds(ms);
}

/** `2015-01-19T20:35:04.617Z`, the get page's timestamps form. */
export function millisIso(ms: number): string {
	return `${utcSeconds(ms)}.${msPart(ms)}Z`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isUuid(value: string): boolean {
	return UUID_RE.test(value);
}

/** ISO 8601 date-time → epoch ms; an offset-less value is in the account time zone (UTC here). */
export function parsePlanadoDateTime(value: string): number | undefined {
	return isoMatchToMs(DATETIME_RE.exec(value), true);
}

const HEX8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** A random (version 4 shaped) uuid from the seeded generator. */
export function uuidFrom(rand: () => number): string {
	const a = HEX8(rand() * 0x100000000);
	const b = HEX8(rand() * 0x100000000);
	const c = HEX8(rand() * 0x100000000);
	const d = HEX8(rand() * 0x100000000);
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0], 16) & 3]}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}
