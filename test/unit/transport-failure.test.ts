/**
 * The transport reads the failure every pinned n8n version throws. The errors are rebuilt from
 * test/e2e/fixtures/thrown-errors.json: what `httpRequestWithAuthentication` threw in real n8n
 * (captured, and re-checked on every e2e run, by test/e2e/thrownErrors.e2e.test.ts). n8n 2.x keeps
 * the AxiosError with the response; n8n 1.x keeps only `httpCode` and a JSON body in
 * `context.data`. The transport asks n8n for error answers instead (so 1.x's have their headers),
 * which the last block checks with a helper that answers as n8n 1.x does.
 */
jest.mock('n8n-workflow', () => {
	const actual: Record<string, unknown> = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async () => undefined) };
});

import { sleep, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { acceloApi } from '../../nodes/Accelo/provider';
import { fsmNavigatorApi } from '../../nodes/FsmNavigator/provider';
import { readFailure } from '../../nodes/shared/httpFailure';
import { providerRequest, type ApiRequest, type ProviderApi } from '../../nodes/shared/transport';
import { majorOf } from '../../tooling/n8n/versionPins';
import { PROBE_RATE_LIMIT_RESET } from '../../tooling/n8n/thrownErrors/server';
import { rebuildThrown, type Shape } from '../../tooling/n8n/thrownErrors/shape';
import fixture from '../e2e/fixtures/thrown-errors.json';

type Captures = Record<string, Record<string, { thrown: Shape; answered: Shape }>>;
const captures = (fixture as { versions: Captures }).versions;
const VERSIONS = Object.keys(captures);

/** The error n8n `version` threw for probe case `name`, rebuilt. */
function thrown(version: string, name: string): unknown {
	const capture = captures[version]?.[name];
	if (!capture) throw new Error(`no capture of ${name} for n8n ${version} in the fixture`);
	return rebuildThrown(capture.thrown);
}

const RATE_LIMIT_BODY = { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' };

/** What every version tells, by probe case (the probe API's answers, tooling/n8n/thrownErrors/server.ts). */
const READ_IN_EVERY_VERSION: Record<string, { status?: number; code?: string; body?: unknown }> = {
	'get-429-retry-after-seconds': { status: 429, body: RATE_LIMIT_BODY },
	'get-429-retry-after-date': { status: 429, body: RATE_LIMIT_BODY },
	'get-503-json': { status: 503, body: { error: 'unavailable', message: 'Down for maintenance' } },
	'get-503-text': { status: 503 },
	'get-404-json': { status: 404, body: { success: false, error: 'not_found', message: 'Job not found' } },
	'post-400-json': { status: 400, body: { meta: { status: 'invalid_request', message: 'Unknown field: colour' }, response: {} } },
	'get-connection-reset': { code: 'ECONNRESET' },
	'get-timeout': { code: 'ECONNABORTED' },
	'get-connection-refused': { code: 'ECONNREFUSED' },
	'oauth2-get-429': { status: 429, body: RATE_LIMIT_BODY },
	'oauth2-get-503-json': { status: 503, body: { error: 'unavailable', message: 'Down for maintenance' } },
	'oauth2-get-400-json': { status: 400, body: { meta: { status: 'invalid_request', message: 'No job with that id' }, response: {} } },
	'oauth2-post-400-json': { status: 400, body: { meta: { status: 'invalid_request', message: 'Unknown field: colour' }, response: {} } },
	'oauth2-get-connection-reset': { code: 'ECONNRESET' },
};

it('has a capture of every probe case for n8n 1.x and 2.x', () => {
	expect(VERSIONS.map(majorOf).sort()).toEqual(expect.arrayContaining([1, 2]));
	for (const version of VERSIONS) expect(Object.keys(captures[version]).sort()).toEqual(Object.keys(READ_IN_EVERY_VERSION).sort());
});

describe.each(VERSIONS)('what n8n %s throws', (version) => {
	const keepsResponse = majorOf(version) >= 2;

	it.each(Object.entries(READ_IN_EVERY_VERSION))('%s: status, network code and JSON body are read', (name, expected) => {
		const failure = readFailure(thrown(version, name));
		expect({ status: failure.status, code: failure.status === undefined ? failure.code : undefined }).toEqual({
			status: expected.status,
			code: expected.code,
		});
		if (expected.body !== undefined) expect(failure.body).toEqual(expected.body);
	});

	it(keepsResponse ? 'keeps the response headers and a text body' : 'has no response headers and no text body (n8n 1.x drops them)', () => {
		const seconds = readFailure(thrown(version, 'get-429-retry-after-seconds'));
		const date = readFailure(thrown(version, 'get-429-retry-after-date'));
		const text = readFailure(thrown(version, 'get-503-text'));
		if (keepsResponse) {
			expect(seconds.headers).toMatchObject({ 'retry-after': '7', 'x-ratelimit-reset': PROBE_RATE_LIMIT_RESET });
			expect(date.headers).toMatchObject({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
			expect(readFailure(thrown(version, 'oauth2-get-429')).headers).toMatchObject({ 'retry-after': '7' });
			expect(text.body).toBe('Service Unavailable');
		} else {
			expect(seconds.headers).toBeUndefined();
			expect(date.headers).toBeUndefined();
			expect(text.body).toBeUndefined();
		}
	});
});

describe.each(VERSIONS)('providerRequest on what n8n %s throws', (version) => {
	const node: INode = {
		id: 'n1',
		name: 'Node',
		type: 'n8n-nodes-field-service.fsmNavigator',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const sleepMock = jest.mocked(sleep);

	/** Runs one request whose first answers are the captured failures `failures`, then a 200. */
	async function request(
		api: ProviderApi,
		req: Omit<ApiRequest, 'baseUrl'>,
		failures: string[],
	): Promise<{ calls: number; result?: unknown; error?: Record<string, unknown>; waits: number[] }> {
		sleepMock.mockClear();
		let calls = 0;
		const context = {
			getNode: () => node,
			getCredentials: async () => ({}),
			helpers: {
				httpRequestWithAuthentication: async () => {
					const failure = failures[calls++];
					if (failure) throw thrown(version, failure);
					return { body: { ok: true }, statusCode: 200, headers: {} };
				},
			},
		} as unknown as IExecuteFunctions;
		const waits = (): number[] => sleepMock.mock.calls.map(([ms]) => ms);
		try {
			const result = await providerRequest.call(context, api, { ...req, baseUrl: 'http://127.0.0.1:1/api' });
			return { calls, result: result.body, waits: waits() };
		} catch (error) {
			return { calls, error: error as Record<string, unknown>, waits: waits() };
		}
	}

	it('retries a 429 on GET, waiting as long as Retry-After says where n8n passes it on', async () => {
		const outcome = await request(fsmNavigatorApi, { method: 'GET', path: '/jobs' }, ['get-429-retry-after-seconds']);
		expect({ calls: outcome.calls, result: outcome.result }).toEqual({ calls: 2, result: { ok: true } });
		if (majorOf(version) >= 2) expect(outcome.waits).toEqual([7_100]);
		else expect(outcome.waits).toEqual([expect.any(Number)]);
	});

	it('retries a 429 on POST too (a rate-limited write was not applied)', async () => {
		const outcome = await request(fsmNavigatorApi, { method: 'POST', path: '/jobs', body: {} }, ['get-429-retry-after-date']);
		expect(outcome.calls).toBe(2);
	});

	it('retries a 429 from an OAuth 2 credential (Accelo)', async () => {
		const outcome = await request(acceloApi, { method: 'GET', path: '/jobs' }, ['oauth2-get-429', 'oauth2-get-429']);
		expect({ calls: outcome.calls, result: outcome.result }).toEqual({ calls: 3, result: { ok: true } });
	});

	it('retries a 503 on GET, and not on POST', async () => {
		const get = await request(fsmNavigatorApi, { method: 'GET', path: '/jobs' }, ['get-503-json', 'get-503-text']);
		expect({ calls: get.calls, result: get.result }).toEqual({ calls: 3, result: { ok: true } });
		const post = await request(fsmNavigatorApi, { method: 'POST', path: '/jobs', body: {} }, ['get-503-json']);
		expect(post.calls).toBe(1);
		expect(post.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '503',
			message: 'FSM Navigator: Down for maintenance (unavailable)',
		});
		expect(String(post.error?.description)).toContain('The request was not repeated');
	});

	it("shows FSM Navigator's own message for a missing job, after one request", async () => {
		const outcome = await request(fsmNavigatorApi, { method: 'GET', path: '/jobs' }, ['get-404-json']);
		expect(outcome.calls).toBe(1);
		expect(outcome.error).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: 'FSM Navigator: Job not found (not_found)' });
	});

	it("shows Accelo's own message", async () => {
		const get = await request(acceloApi, { method: 'GET', path: '/jobs/1' }, ['oauth2-get-400-json']);
		expect(get.error).toMatchObject({ httpCode: '400', message: 'Accelo: No job with that id (invalid_request)' });
		const post = await request(acceloApi, { method: 'POST', path: '/jobs', body: {} }, ['oauth2-post-400-json']);
		expect(post.error).toMatchObject({ httpCode: '400', message: 'Accelo: Unknown field: colour (invalid_request)' });
	});

	it('retries a dropped connection and a timeout on GET, and names a refused connection', async () => {
		const dropped = await request(fsmNavigatorApi, { method: 'GET', path: '/jobs' }, ['get-connection-reset', 'get-timeout']);
		expect({ calls: dropped.calls, result: dropped.result }).toEqual({ calls: 3, result: { ok: true } });
		const refused = await request(fsmNavigatorApi, { method: 'GET', path: '/jobs' }, ['get-connection-refused']);
		expect(refused.calls).toBe(1);
		expect(refused.error).toMatchObject({ message: 'FSM Navigator refused the connection' });
	});
});

describe('providerRequest when n8n hands error answers back (ignoreHttpStatusErrors)', () => {
	const node: INode = {
		id: 'n1',
		name: 'Node',
		type: 'n8n-nodes-field-service.fsmNavigator',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const sleepMock = jest.mocked(sleep);
	interface Answer {
		statusCode: number;
		headers?: Record<string, unknown>;
		body?: unknown;
	}

	/**
	 * A helper like n8n 1.x's: with `ignoreHttpStatusErrors` set (any value: 1.x has no `except`)
	 * it returns `answers` in turn; without it, it throws what `thrownWithout` gives (n8n 1.x's
	 * error shape) or answers 200 when that is undefined (a renewed token worked).
	 */
	async function request(
		req: Omit<ApiRequest, 'baseUrl'>,
		answers: Answer[],
		thrownWithout?: () => unknown,
	): Promise<{ asked: IHttpRequestOptions[]; result?: unknown; error?: Record<string, unknown>; waits: number[] }> {
		sleepMock.mockClear();
		const asked: IHttpRequestOptions[] = [];
		let answered = 0;
		const context = {
			getNode: () => node,
			getCredentials: async () => ({ apiKey: 'secret-key-0123456789' }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					asked.push({ ...options });
					if (options.ignoreHttpStatusErrors) {
						const answer = answers[answered++] ?? { statusCode: 200, body: { ok: true } };
						return { headers: {}, ...answer };
					}
					if (thrownWithout) throw thrownWithout();
					return { statusCode: 200, headers: {}, body: { ok: true } };
				},
			},
		} as unknown as IExecuteFunctions;
		const waits = (): number[] => sleepMock.mock.calls.map(([ms]) => ms);
		try {
			const result = await providerRequest.call(context, fsmNavigatorApi, { ...req, baseUrl: 'http://127.0.0.1:1/api' });
			return { asked, result: result.body, waits: waits() };
		} catch (error) {
			return { asked, error: error as Record<string, unknown>, waits: waits() };
		}
	}

	it('asks for error answers, except a 401, which n8n must throw to renew a token', async () => {
		const outcome = await request({ method: 'GET', path: '/jobs' }, []);
		expect(outcome.asked[0].ignoreHttpStatusErrors).toEqual({ ignore: true, except: [401] });
	});

	it.each([
		['Retry-After seconds', { 'retry-after': '7' }, 7_100],
		['X-RateLimit-Reset seconds', { 'x-ratelimit-reset': '3' }, 3_100],
	])('waits for a 429 as its %s asks', async (_name, headers, wait) => {
		const outcome = await request({ method: 'GET', path: '/jobs' }, [{ statusCode: 429, headers, body: RATE_LIMIT_BODY }]);
		expect({ calls: outcome.asked.length, result: outcome.result, waits: outcome.waits }).toEqual({ calls: 2, result: { ok: true }, waits: [wait] });
	});

	it('sends a 401 answer again in throwing mode, once, and returns what n8n gives after renewing the token', async () => {
		const outcome = await request({ method: 'POST', path: '/jobs', body: { a: 1 } }, [{ statusCode: 401, body: { message: 'expired' } }]);
		expect(outcome.result).toEqual({ ok: true });
		expect(outcome.asked.map((o) => o.ignoreHttpStatusErrors)).toEqual([{ ignore: true, except: [401] }, false]);
	});

	it('reads the error n8n throws when the request sent again fails (n8n 1.x shape), after two requests', async () => {
		const outcome = await request({ method: 'GET', path: '/jobs' }, [{ statusCode: 401, body: { message: 'expired' } }], () => thrown('1.123.81', 'get-404-json'));
		expect(outcome.asked).toHaveLength(2);
		expect(outcome.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
	});

	it('sends a write answered 503 once, with the API message, and keeps a long body short and without secrets', async () => {
		const outcome = await request({ method: 'PUT', path: '/jobs/1' }, [
			{ statusCode: 503, body: { success: false, error: 'unavailable', message: 'Down for maintenance', echo: 'secret-key-0123456789', pad: 'x'.repeat(9_000) } },
		]);
		expect(outcome.asked).toHaveLength(1);
		expect(outcome.error).toMatchObject({ name: 'NodeApiError', httpCode: '503', message: 'FSM Navigator: Down for maintenance (unavailable)' });
		expect(String(outcome.error?.description)).toContain('The request was not repeated');
		const kept = JSON.stringify([outcome.error, outcome.error?.errorResponse]);
		expect(kept).not.toContain('secret-key-0123456789');
		expect(kept).toContain('characters in all');
		expect(kept.length).toBeLessThan(8_000);
	});

	it('follows a redirect answer within the origin and refuses one elsewhere', async () => {
		const followed = await request({ method: 'GET', path: '/jobs' }, [{ statusCode: 302, headers: { location: '/api/moved?x=1' } }]);
		expect(followed.result).toEqual({ ok: true });
		expect(followed.asked.map((o) => o.url)).toEqual(['http://127.0.0.1:1/api/jobs', 'http://127.0.0.1:1/api/moved?x=1']);
		const refused = await request({ method: 'GET', path: '/jobs' }, [{ statusCode: 302, headers: { location: 'http://elsewhere.example/steal' } }]);
		expect(refused.asked).toHaveLength(1);
		expect(refused.error).toMatchObject({ httpCode: '302', message: 'FSM Navigator redirected the request to elsewhere.example; the node did not follow it' });
	});
});
