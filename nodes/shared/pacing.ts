/**
 * Client-side pacing for an API whose documented limit is enforced as a leaky bucket (Planado: 90
 * calls a minute, https://api-docs.planadoapp.com/docs/v2/index.html, "Rate limiting"). The node
 * mirrors that bucket (GCRA, the virtual-scheduling form of a leaky bucket) with a margin: a burst
 * of up to 90 % of the limit goes out at once, after that one call every window ÷ limit × 1.05, so a
 * long Get Many spreads its pages instead of running into 429, and a trigger or another node on the
 * same key still finds room. The schedule is kept per credential and API base URL for the whole n8n
 * process, so that several items, nodes and executions using the same credential share it. Calls
 * made by other systems with the same key are not seen: for those, the transport still retries 429.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Calls allowed per window. */
	calls: number;
	windowMs: number;
}

/** The pacing derived from a limit: calls sent at once, then the gap between calls. */
export function pacingOf(limit: RateLimit): { burst: number; intervalMs: number } {
	return { burst: Math.max(1, Math.floor(limit.calls * 0.9)), intervalMs: (limit.windowMs / limit.calls) * 1.05 };
}

/**
 * Reserves the next call's slot under `key` in `state` (per key: the theoretical arrival time of
 * the next call, epoch ms) and returns how long to wait before sending it (0 while the burst
 * allowance lasts). Synchronous, so concurrent callers never take the same slot.
 */
export function reserveSlot(key: string, nowMs: number, limit: RateLimit, state: Map<string, number>): number {
	const { burst, intervalMs } = pacingOf(limit);
	const tat = Math.max(state.get(key) ?? nowMs, nowMs);
	const wait = Math.max(0, tat - (burst - 1) * intervalMs - nowMs);
	state.set(key, tat + intervalMs);
	// Idle schedules are forgotten, so the map holds only credentials in use.
	for (const [other, next] of state) if (next < nowMs) state.delete(other);
	return wait;
}

/**
 * The least time `requests` calls take under `limit` from an idle schedule: the burst goes at once,
 * each further call waits one interval.
 */
export function minimumPacedMs(requests: number, limit: RateLimit): number {
	const { burst, intervalMs } = pacingOf(limit);
	return Math.max(0, requests - burst) * intervalMs;
}

/**
 * The pacing of one API: its limit is data (tests scale the window down by setting `limit`), the
 * schedules live as long as the n8n process.
 */
export class RequestPacing {
	private readonly schedules = new Map<string, number>();

	constructor(public limit: RateLimit) {}

	/** Waits for this call's slot under `key`; returns the wait in ms. */
	async wait(key: string): Promise<number> {
		const wait = reserveSlot(key, Date.now(), this.limit, this.schedules);
		if (wait > 0) await sleep(wait);
		return wait;
	}

	/** The least time `requests` calls take from an idle schedule. */
	minimumMs(requests: number): number {
		return minimumPacedMs(requests, this.limit);
	}

	/** Forgets every schedule (tests). */
	reset(): void {
		this.schedules.clear();
	}
}
