/**
 * When to retry a failed request and how long to wait. Pure functions, so the rules can be tested
 * without a clock or a server.
 *
 * Rules: 429 is retried for every method, waiting for `Retry-After` (seconds or an HTTP
 * date) or `X-RateLimit-Reset` (unix seconds), else capped exponential backoff with jitter.
 * 502/503/504 and dropped connections are retried for GET only: a create, update or status change
 * whose answer was lost may have been applied, so it is never sent twice.
 */

export interface RetryPolicy {
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** The most time spent waiting between attempts, summed over one request. */
	maxTotalWaitMs: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	maxTotalWaitMs: 90_000,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
};

interface FailedAttempt {
	method: string;
	/** HTTP status, when the server answered. */
	status?: number;
	/** Network error code (ECONNRESET, ECONNABORTED, ETIMEDOUT, ...), when it did not. */
	code?: string;
	headers?: Record<string, unknown>;
}

type FailureKind = 'rateLimit' | 'transient' | 'final';

export type RetryDecision =
	| { retry: true; kind: FailureKind; waitMs: number }
	| { retry: false; kind: FailureKind; reason: 'notRetryable' | 'attemptsExhausted' | 'waitTooLong'; waitMs?: number };

const TRANSIENT_STATUSES = new Set([502, 503, 504]);
// ENOTJSON and ECUTOFF are the transport's own codes for an answer that is not JSON or broke off.
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTJSON', 'ECUTOFF']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function classifyFailure(failure: FailedAttempt): FailureKind {
	if (failure.status === 429) return 'rateLimit';
	const safe = SAFE_METHODS.has(failure.method.toUpperCase());
	if (!safe) return 'final';
	if (failure.status !== undefined && TRANSIENT_STATUSES.has(failure.status)) return 'transient';
	if (failure.status === undefined && failure.code !== undefined && TRANSIENT_CODES.has(failure.code)) {
		return 'transient';
	}
	return 'final';
}

/** A response header by its lower-case name, whatever case the answer used; the first of a repeated one. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	if (key === undefined) return undefined;
	const value = headers[key];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * How long the server asked us to wait, in ms, or undefined when it did not say.
 * `Retry-After` wins over `X-RateLimit-Reset`.
 */
export function serverRequestedWaitMs(headers: Record<string, unknown> | undefined, nowMs: number): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after')?.trim();
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	const reset = headerValue(headers, 'x-ratelimit-reset')?.trim();
	if (reset && /^\d+(\.\d+)?$/.test(reset)) {
		const value = Number(reset);
		// Unix seconds (the documented form); small values are read as "seconds from now",
		// which some gateways send instead; 13-digit values as unix milliseconds.
		if (value > 1e12) return Math.max(0, value - nowMs);
		if (value > 1e9) return Math.max(0, Math.ceil(value * 1000 - nowMs));
		return Math.round(value * 1000);
	}
	return undefined;
}

/** Capped exponential backoff with full jitter; `attempt` is the number of attempts made so far. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Decides about the next attempt after `attemptsMade` attempts failed, `waitedMs` having been spent
 * waiting already.
 */
export function decideRetry(
	failure: FailedAttempt,
	attemptsMade: number,
	waitedMs: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	nowMs: number = Date.now(),
	random: () => number = Math.random,
): RetryDecision {
	const kind = classifyFailure(failure);
	if (kind === 'final') return { retry: false, kind, reason: 'notRetryable' };
	if (attemptsMade >= policy.maxAttempts) return { retry: false, kind, reason: 'attemptsExhausted' };
	const requested = kind === 'rateLimit' ? serverRequestedWaitMs(failure.headers, nowMs) : undefined;
	// A small margin after the server's reset time, so we do not arrive a few ms early.
	const waitMs = requested !== undefined ? requested + 100 : backoffMs(attemptsMade, policy, random);
	if (waitedMs + waitMs > policy.maxTotalWaitMs) return { retry: false, kind, reason: 'waitTooLong', waitMs };
	return { retry: true, kind, waitMs };
}
