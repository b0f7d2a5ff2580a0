/** Small helpers of the bench: its log, medians, assertions. */
import type { RecordedRequest } from '../tooling/simulators/server';

export const SAMPLE_INTERVAL_MS = 20;
export const EXECUTE_TIMEOUT_MS = 30 * 60_000;
export const MB = 1024;

export const benchStart = Date.now();
export function log(message: string): void {
	const elapsed = ((Date.now() - benchStart) / 1000).toFixed(0).padStart(4);
	process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
}

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The simulators run in this process, which also parses up to a few hundred MB of run JSON after
 * every execution. A full GC before each measured run keeps that garbage from being collected in
 * the middle of the next one, where it would slow the simulator (node --expose-gc; a no-op without).
 */
export function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

export function fail(message: string): never {
	throw new Error(`BENCH ASSERTION FAILED: ${message}`);
}

export function header(req: RecordedRequest, name: string): string | undefined {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}
