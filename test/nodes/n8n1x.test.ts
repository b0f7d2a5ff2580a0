/**
 * The nodes with an n8n 1.x-like request helper (test/harness/n8n1x.ts) through n8n's engine,
 * against the simulators: a 429 waits as long as the API asks (1.x's thrown error has no headers, so
 * the transport asks for error answers as answers), a token that expires mid-read is still renewed
 * (a 401 answer is sent again in n8n's throwing mode), and writes, redirects and messages are as on
 * 2.x. The real n8n 1.x runs in test/e2e/versions.e2e.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import { AcceloOAuth2Api } from '../../credentials/AcceloOAuth2Api.credentials';
import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { WorklayerApi } from '../../credentials/WorklayerApi.credentials';
import { Accelo } from '../../nodes/Accelo/Accelo.node';
import { FsmNavigator } from '../../nodes/FsmNavigator/FsmNavigator.node';
import { Worklayer } from '../../nodes/Worklayer/Worklayer.node';
import { AcceloSimulator } from '../../tooling/simulators/accelo';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';
import type { RecordedRequest, SimulatorServer } from '../../tooling/simulators/server';
import { WorklayerSimulator } from '../../tooling/simulators/worklayer';
import { Harness } from '../harness/engine';
import { withN8n1xHelper, type N8n1xCalls } from '../harness/n8n1x';

const FSM = 'n8n-nodes-field-service.fsmNavigator';
const ACCELO = 'n8n-nodes-field-service.accelo';
const WORKLAYER = 'n8n-nodes-field-service.worklayer';
const RATE_LIMIT_BODY = { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' };

let fsm: FsmNavigatorSimulator;
let accelo: AcceloSimulator;
let worklayer: WorklayerSimulator;
let acceloOrigin = '';
const calls: N8n1xCalls = { options: [] };

function makeHarness(): Harness {
	return new Harness({
		nodeTypes: {
			[FSM]: withN8n1xHelper(new FsmNavigator(), calls),
			[ACCELO]: withN8n1xHelper(new Accelo(), calls),
			[WORKLAYER]: withN8n1xHelper(new Worklayer(), calls),
		},
		credentialTypes: [new FsmNavigatorApi(), new AcceloOAuth2Api(), new WorklayerApi()],
		credentials: [
			{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: fsm.baseUrl } },
			{
				type: 'acceloOAuth2Api',
				data: { deployment: accelo.deployment, baseUrl: acceloOrigin, clientId: accelo.clientId, clientSecret: accelo.clientSecret },
			},
			{
				type: 'worklayerApi',
				data: { clientId: worklayer.clientId, clientSecret: worklayer.clientSecret, tokenUrl: worklayer.tokenUrl, baseUrl: worklayer.baseUrl },
			},
		],
	});
}

beforeAll(async () => {
	fsm = new FsmNavigatorSimulator({ jobCount: 30 });
	accelo = new AcceloSimulator({ jobCount: 260 });
	worklayer = new WorklayerSimulator({ jobCount: 180 });
	await fsm.start();
	acceloOrigin = await accelo.start();
	await worklayer.start();
});

afterAll(async () => {
	await fsm.stop();
	await accelo.stop();
	await worklayer.stop();
});

beforeEach(() => {
	calls.options = [];
	for (const server of [fsm.server, accelo.server, worklayer.server]) {
		server.clearLog();
		server.clearFaults();
		server.onRequest = undefined;
	}
	worklayer.onList = undefined;
});

/**
 * Answers the first request `matches` accepts with a 429 asking for the wait `headers(now)` gives
 * (`askedMs` from now); returns the time between that 429 and the next matching request.
 */
function rateLimitOnce(
	server: SimulatorServer,
	matches: (req: RecordedRequest) => boolean,
	answer: (now: number) => { headers: Record<string, string>; askedMs: number; body?: unknown },
): { gap: () => number; asked: () => number } {
	let hitAt: number | undefined;
	let retriedAt: number | undefined;
	let askedMs = 0;
	server.onRequest = (req) => {
		if (!matches(req)) return;
		const now = Date.now();
		if (hitAt === undefined) {
			hitAt = now;
			const { headers, askedMs: asked, body } = answer(now);
			askedMs = asked;
			server.injectFault({ path: req.path }, { status: 429, headers, body: body ?? RATE_LIMIT_BODY }, 1);
			return;
		}
		retriedAt ??= now;
	};
	return {
		gap: () => (retriedAt ?? Number.NaN) - (hitAt ?? Number.NaN),
		asked: () => askedMs,
	};
}

const fsmRun = async (h: Harness, parameters: INodeParameters) => await h.runNode({ type: FSM, parameters: { resource: 'job', ...parameters } });
const fsmList = (req: RecordedRequest) => req.method === 'GET' && req.path === '/api/v1/jobs';

describe('a 429 waits as long as the API asks, with an n8n 1.x helper', () => {
	it.each([
		['Retry-After: 1', () => ({ headers: { 'Retry-After': '1' }, askedMs: 1_000 })],
		[
			'Retry-After: <HTTP date, 2 s ahead>',
			(now: number) => {
				const date = new Date(now + 2_000).toUTCString();
				return { headers: { 'Retry-After': date }, askedMs: Date.parse(date) - now };
			},
		],
		[
			'X-RateLimit-Reset: <unix seconds, 2 s ahead>',
			(now: number) => {
				const reset = Math.ceil(now / 1000) + 2;
				return { headers: { 'X-RateLimit-Reset': String(reset) }, askedMs: reset * 1000 - now };
			},
		],
	])('FSM Navigator, %s', async (_name, answer) => {
		const timing = rateLimitOnce(fsm.server, fsmList, answer);
		const result = await fsmRun(makeHarness(), { operation: 'getAll', limit: 2 });
		expect(result.error?.message).toBeUndefined();
		expect(result.items).toHaveLength(2);
		// The node's own backoff would retry after 250-500 ms.
		expect(timing.gap()).toBeGreaterThanOrEqual(timing.asked() - 50);
		expect(timing.gap()).toBeLessThan(timing.asked() + 1_000);
	});

	it('Accelo (OAuth 2), Retry-After: 1', async () => {
		const h = makeHarness();
		const timing = rateLimitOnce(
			accelo.server,
			(req) => req.method === 'GET' && req.path === '/api/v0/jobs',
			() => ({ headers: { 'Retry-After': '1' }, askedMs: 1_000, body: { meta: { status: 'rate_limited', message: 'Slow down' }, response: {} } }),
		);
		const result = await h.runNode({ type: ACCELO, parameters: { resource: 'job', operation: 'getAll', limit: 2 } });
		expect(result.error?.message).toBeUndefined();
		expect(timing.gap()).toBeGreaterThanOrEqual(950);
		expect(timing.gap()).toBeLessThan(2_000);
	});
});

describe('tokens are renewed with an n8n 1.x helper', () => {
	it('renews an Accelo token that expires in the middle of a long Get Many and reads on', async () => {
		const h = makeHarness();
		await h.runNode({ type: ACCELO, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		accelo.server.clearLog();
		calls.options = [];
		let expired = false;
		accelo.server.onRequest = (req) => {
			if (req.path === '/api/v0/jobs' && req.query._offset === '194' && !expired) {
				expired = true;
				accelo.expireAllTokens();
			}
		};
		const result = await h.runNode({
			type: ACCELO,
			parameters: { resource: 'job', operation: 'getAll', returnAll: true, options: { parallelRequests: 1 } },
		});
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(accelo.jobs.map((job) => String(job.id)));
		expect(accelo.tokenRequests).toHaveLength(1);
		// Page 3: refused as an answer, sent again in n8n's throwing mode (refused, token renewed, sent again).
		expect(accelo.apiRequests.map((r) => r.query._offset)).toEqual(['0', '97', '194', '194', '194']);
		expect(calls.options.map((o) => o.ignoreHttpStatusErrors === false)).toEqual([false, false, false, true]);
	});

	it('renews a Worklayer token (preAuthentication) that expires in the middle of a long Get Many', async () => {
		const h = makeHarness();
		await h.runNode({ type: WORKLAYER, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		worklayer.server.clearLog();
		worklayer.onList = ({ pageIndex }) => {
			if (pageIndex === 1) worklayer.expireTokens();
		};
		const result = await h.runNode({ type: WORKLAYER, parameters: { resource: 'job', operation: 'getAll', returnAll: true } });
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((item) => String(item.json.id))).toEqual(worklayer.listJobs().map((job) => job.id));
		expect(worklayer.tokenRequests).toHaveLength(1);
		expect(h.storedCredential('worklayerApi').accessToken).toBe(worklayer.issuedTokens[worklayer.issuedTokens.length - 1].accessToken);
	});
});

describe('errors are as on n8n 2.x, with an n8n 1.x helper', () => {
	it('sends a create answered 503 once, with the API message', async () => {
		fsm.server.injectFault({ method: 'POST', path: '/api/v1/jobs' }, { status: 503, body: { success: false, error: 'unavailable', message: 'Down for maintenance' } });
		const location = [...fsm.locations.values()][0];
		const result = await fsmRun(makeHarness(), { operation: 'create', jobTitle: 'x', customerLocationId: String(location.customer_location_id) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503', message: 'FSM Navigator: Down for maintenance (unavailable)' });
		expect(result.error?.description).toContain('The request was not repeated');
		expect(fsm.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('follows a redirect within its own origin, and shows a wrong key as 401 without the key', async () => {
		fsm.server.injectFault({ method: 'GET', path: '/api/v1/jobs' }, { status: 302, headers: { Location: '/moved' } });
		const moved = await fsmRun(makeHarness(), { operation: 'getAll', limit: 1 });
		expect(moved.error).toMatchObject({ name: 'NodeApiError', httpCode: expect.stringMatching(/^4\d\d$/) });
		expect(fsm.requests.filter((r) => r.path === '/moved')).toHaveLength(1);

		const h = makeHarness();
		h.setCredential({ type: 'fsmNavigatorApi', data: { apiKey: 'wrong-key-123', baseUrl: fsm.baseUrl } });
		const wrong = await fsmRun(h, { operation: 'getAll', limit: 1 });
		expect(wrong.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(JSON.stringify([wrong.error?.message, wrong.error?.description, wrong.error?.context, wrong.error?.raw])).not.toContain('wrong-key-123');
	});
});
