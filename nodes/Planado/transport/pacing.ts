/**
 * Client-side pacing for Planado's limit of 90 calls a minute, enforced as a leaky bucket
 * (https://api-docs.planadoapp.com/docs/v2/index.html, "Rate limiting"). The node mirrors that
 * bucket (GCRA, the virtual-scheduling form of a leaky bucket) with a margin: a burst of up to 81
 * calls (90 %) goes out at once, after that one call every 700 ms (5 % slower than 90 a minute), so a
 * long Get Many spreads its pages instead of running into 429, and a trigger or another node on the
 * same key still finds room. The schedule is kept per credential and API base URL for the whole n8n process, so that
 * several items, nodes and executions using the same credential share it. Calls made by other
 * systems with the same key are not seen: for those, the shared transport still retries 429.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Calls allowed per window. */
	calls: number;
	windowMs: number;
}

/** Planado's documented limit. Tests scale the window down; nothing else changes it. */
export const PLANADO_RATE_LIMIT: RateLimit = { calls: 90, windowMs: 60_000 };

/** The pacing derived from a limit: calls sent at once, then the gap between calls. */
export function pacingOf(limit: RateLimit): { burst: number; intervalMs: number } {
	return { burst: Math.max(1, Math.floor(limit.calls * 0.9)), intervalMs: (limit.windowMs / limit.calls) * 1.05 };
}

/** Per key: the theoretical arrival time of the next call (epoch ms). */
const schedules = new Map<string, number>();

/**
 * Reserves the next call's slot under `key` and returns how long to wait before sending it (0 while
 * the burst allowance lasts). Synchronous, so concurrent callers never take the same slot.
 */
export function reserveSlot(
	key: string,
	nowMs: number,
	limit: RateLimit = PLANADO_RATE_LIMIT,
	state: Map<string, number> = schedules,
): number {
	const { burst, intervalMs } = pacingOf(limit);
	const tat = Math.max(state.get(key) ?? nowMs, nowMs);
	const wait = Math.max(0, tat - (burst - 1) * intervalMs - nowMs);
	state.set(key, tat + intervalMs);
	// Idle schedules are forgotten, so the map holds only credentials in use.
	for (const [other, next] of state) if (next < nowMs) state.delete(other);
	return wait;
}

/** Waits for this call's slot. */
export async function pace(key: string): Promise<number> {
	const wait = reserveSlot(key, Date.now());
	if (wait > 0) await sleep(wait);
	return wait;
}

/** Forgets every schedule (tests). */
export function resetPacing(): void {
	schedules.clear();
}

/**
 * The least time `requests` calls take under `limit` from an idle schedule: the burst goes at once,
 * each further call waits one interval.
 */
export function minimumPacedMs(requests: number, limit: RateLimit = PLANADO_RATE_LIMIT): number {
	const { burst, intervalMs } = pacingOf(limit);
	return Math.max(0, requests - burst) * intervalMs;
}
