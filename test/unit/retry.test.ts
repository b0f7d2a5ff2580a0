import {
	backoffMs,
	classifyFailure,
	decideRetry,
	serverRequestedWaitMs,
	type RetryPolicy,
} from '../../nodes/shared/retry';

const policy: RetryPolicy = { maxAttempts: 4, maxTotalWaitMs: 10_000, baseDelayMs: 100, maxDelayMs: 1_000 };
const now = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('classifyFailure', () => {
	it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('retries 429 for %s', (method) => {
		expect(classifyFailure({ method, status: 429 })).toBe('rateLimit');
	});

	it.each([502, 503, 504])('retries %i for GET only', (status) => {
		expect(classifyFailure({ method: 'GET', status })).toBe('transient');
		expect(classifyFailure({ method: 'POST', status })).toBe('final');
		expect(classifyFailure({ method: 'PATCH', status })).toBe('final');
	});

	it('retries a reset or timed-out connection for GET only', () => {
		expect(classifyFailure({ method: 'GET', code: 'ECONNRESET' })).toBe('transient');
		expect(classifyFailure({ method: 'GET', code: 'ECONNABORTED' })).toBe('transient');
		expect(classifyFailure({ method: 'PUT', code: 'ECONNRESET' })).toBe('final');
		expect(classifyFailure({ method: 'POST', code: 'ECONNABORTED' })).toBe('final');
	});

	it('does not retry client errors or a refused connection', () => {
		for (const status of [400, 401, 403, 404, 422, 500]) {
			expect(classifyFailure({ method: 'GET', status })).toBe('final');
		}
		expect(classifyFailure({ method: 'GET', code: 'ECONNREFUSED' })).toBe('final');
	});
});

describe('serverRequestedWaitMs', () => {
	it('reads Retry-After in seconds, case-insensitively', () => {
		expect(serverRequestedWaitMs({ 'Retry-After': '7' }, now)).toBe(7000);
		expect(serverRequestedWaitMs({ 'retry-after': ['2'] }, now)).toBe(2000);
	});

	it('reads Retry-After as an HTTP date', () => {
		const date = new Date(now + 12_000).toUTCString();
		expect(serverRequestedWaitMs({ 'retry-after': date }, now)).toBe(12_000);
	});

	it('reads X-RateLimit-Reset as unix seconds', () => {
		expect(serverRequestedWaitMs({ 'x-ratelimit-reset': String(now / 1000 + 30) }, now)).toBe(30_000);
	});

	it('prefers Retry-After over X-RateLimit-Reset', () => {
		expect(
			serverRequestedWaitMs({ 'retry-after': '1', 'x-ratelimit-reset': String(now / 1000 + 300) }, now),
		).toBe(1000);
	});

	it('never returns a negative wait for a reset in the past', () => {
		expect(serverRequestedWaitMs({ 'x-ratelimit-reset': String(now / 1000 - 50) }, now)).toBe(0);
	});

	it('is undefined without the headers', () => {
		expect(serverRequestedWaitMs({}, now)).toBeUndefined();
		expect(serverRequestedWaitMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
	});
});

describe('backoffMs', () => {
	it('doubles per attempt up to the cap, with jitter between half and all of it', () => {
		expect(backoffMs(1, policy, () => 0)).toBe(50);
		expect(backoffMs(1, policy, () => 1)).toBe(100);
		expect(backoffMs(3, policy, () => 1)).toBe(400);
		expect(backoffMs(10, policy, () => 1)).toBe(1000);
		expect(backoffMs(10, policy, () => 0)).toBe(500);
	});
});

describe('decideRetry', () => {
	it('waits what the server asks on 429, plus a small margin', () => {
		const decision = decideRetry({ method: 'POST', status: 429, headers: { 'retry-after': '2' } }, 1, 0, policy, now);
		expect(decision).toEqual({ retry: true, kind: 'rateLimit', waitMs: 2100 });
	});

	it('stops after maxAttempts', () => {
		const decision = decideRetry({ method: 'GET', status: 503 }, 4, 0, policy, now);
		expect(decision).toMatchObject({ retry: false, reason: 'attemptsExhausted' });
	});

	it('refuses a wait beyond the total budget instead of sleeping for it', () => {
		const decision = decideRetry({ method: 'GET', status: 429, headers: { 'retry-after': '3600' } }, 1, 0, policy, now);
		expect(decision).toMatchObject({ retry: false, reason: 'waitTooLong', waitMs: 3_600_100 });
	});

	it('counts the time already waited against the budget', () => {
		const decision = decideRetry({ method: 'GET', status: 429, headers: { 'retry-after': '5' } }, 2, 6_000, policy, now);
		expect(decision).toMatchObject({ retry: false, reason: 'waitTooLong' });
	});

	it('never retries a POST after a 503', () => {
		expect(decideRetry({ method: 'POST', status: 503 }, 1, 0, policy, now)).toMatchObject({
			retry: false,
			reason: 'notRetryable',
		});
	});
});
