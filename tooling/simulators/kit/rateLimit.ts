/**
 * Per-key rate limiters, chosen by configuration: a rolling window (a key may make `limit` calls in any
 * `windowMs`), a fixed window (`limit` calls per window that starts with the first call after the last one
 * ended; refused calls count too) or a leaky bucket (the level drains at `limit` per `windowMs`; a call
 * that would overflow is refused and does not fill the bucket).
 */

export interface RateDecision {
	allowed: boolean;
	/** Calls left in the window (rolling) or room left in the bucket (leaky), after this one. */
	remaining: number;
	/** Epoch ms when the oldest counted call leaves the window (rolling) or the bucket is empty (leaky). */
	resetMs: number;
}

export interface RateLimiter {
	readonly limit: number;
	readonly windowMs: number;
	reset(): void;
	/** Counts a call by `key` at `now` unless it is over the limit. */
	take(key: string, now: number): RateDecision;
}

export interface RateLimitConfig {
	algorithm: 'rolling-window' | 'fixed-window' | 'leaky-bucket';
	limit: number;
	windowMs: number;
	/** Rolling window only: false counts calls (for the headers) but never refuses one. */
	enforce?: boolean;
}

export class RollingWindowLimiter implements RateLimiter {
	private readonly log = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly enforce = true,
	) {}

	reset(): void {
		this.log.clear();
	}

	take(key: string, now: number): RateDecision {
		let hits = this.log.get(key);
		if (!hits) this.log.set(key, (hits = []));
		let drop = 0;
		while (drop < hits.length && hits[drop] <= now - this.windowMs) drop++;
		if (drop) hits.splice(0, drop);
		if (this.enforce && hits.length >= this.limit) return { allowed: false, remaining: 0, resetMs: hits[0] + this.windowMs };
		hits.push(now);
		return { allowed: true, remaining: Math.max(0, this.limit - hits.length), resetMs: hits[0] + this.windowMs };
	}
}

export class FixedWindowLimiter implements RateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	reset(): void {
		this.windows.clear();
	}

	take(key: string, now: number): RateDecision {
		let window = this.windows.get(key);
		if (!window || now >= window.start + this.windowMs) this.windows.set(key, (window = { start: now, count: 0 }));
		window.count++;
		return { allowed: window.count <= this.limit, remaining: Math.max(0, this.limit - window.count), resetMs: window.start + this.windowMs };
	}
}

export class LeakyBucketLimiter implements RateLimiter {
	private readonly levels = new Map<string, { level: number; at: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	reset(): void {
		this.levels.clear();
	}

	take(key: string, now: number): RateDecision {
		const state = this.levels.get(key) ?? { level: 0, at: now };
		const leaked = ((now - state.at) * this.limit) / this.windowMs;
		const level = Math.max(0, state.level - leaked);
		const allowed = level + 1 <= this.limit + 1e-9;
		const after = allowed ? level + 1 : level;
		this.levels.set(key, { level: after, at: now });
		return { allowed, remaining: Math.max(0, Math.floor(this.limit - after)), resetMs: now + Math.ceil((after * this.windowMs) / this.limit) };
	}
}

export function createRateLimiter(config: RateLimitConfig): RateLimiter {
	if (config.algorithm === 'leaky-bucket') return new LeakyBucketLimiter(config.limit, config.windowMs);
	if (config.algorithm === 'fixed-window') return new FixedWindowLimiter(config.limit, config.windowMs);
	return new RollingWindowLimiter(config.limit, config.windowMs, config.enforce ?? true);
}
