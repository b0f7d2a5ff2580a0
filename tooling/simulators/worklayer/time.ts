/** Worklayer times: microseconds since the epoch as plain numbers (< 2^53 until year 2255). */
import { isoPartsToMs, msPart, utcSeconds } from '../kit/time';

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp (upper-case T and Z, offset required) to microseconds; undefined if invalid. */
export function parseWorklayerTime(value: string): number | undefined {
	const m = RFC3339_RE.exec(value);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, offset] = m;
	const ms = isoPartsToMs({ y, mo, d, h, mi, s, offset }, true);
	if (ms === undefined) return undefined;
	const micros = frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
	return ms * 1000 + micros;
}

const timeCache = new Map<string, number | undefined>();

/** `parseWorklayerTime` with a bounded cache: lists sort and compare the same strings over and over. */
export function cachedTime(value: string): number | undefined {
	if (timeCache.has(value)) return timeCache.get(value);
	const parsed = parseWorklayerTime(value);
	if (timeCache.size >= 500_000) timeCache.clear();
	timeCache.set(value, parsed);
	return parsed;
}

/** `2026-02-17T17:44:31.737Z`. */
export function worklayerIsoMs(ms: number): string {
	return `${utcSeconds(ms)}.${msPart(ms)}Z`;
}

/** `2026-02-17T17:45:13.285105Z`. */
export function worklayerIsoMicros(micros: number): string {
	const ms = Math.floor(micros / 1000);
	const rest = String(micros - ms * 1000).padStart(3, '0');
	return `${worklayerIsoMs(ms).slice(0, -1)}${rest}Z`;
}
