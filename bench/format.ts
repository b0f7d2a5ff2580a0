/** Number formats and names shared by the benchmark's report and chart. */
import { PROVIDERS } from '../tooling/providers';
import type { CaseResult } from './results';

/** Display names of the providers in the registry, by key. */
export const PROVIDER_NAMES: Record<string, string> = Object.fromEntries(PROVIDERS.map((p) => [p.key, p.displayName]));

export function fmtInt(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

export function fmtMs(n: number): string {
	if (n >= 100) return fmtInt(n);
	if (n >= 10) return n.toFixed(1);
	return n.toFixed(2);
}

export function fmtRatio(n: number): string {
	if (!Number.isFinite(n)) return 'n/a';
	return n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function fmtMb(n: number): string {
	return n.toFixed(0);
}

/** Median growth of the floor process's RSS during its loop (MB). */
export function floorGrowthMb(c: CaseResult): number {
	const values = c.floor.map((f) => f.growthKb / 1024).sort((a, b) => a - b);
	return values[Math.floor(values.length / 2)];
}
