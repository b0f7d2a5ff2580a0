/**
 * Hardening (issue 21), through n8n's real execution engine against each provider's simulator over
 * loopback HTTP: a credential goes only to its own origin (a redirect elsewhere is refused, naming
 * the host; a second loopback server stands for the other origin, and `localhost` for the same
 * server under another origin than `127.0.0.1`), the credential's Allowed Domains are honoured,
 * secrets never appear in an error, and bad input is refused before any request.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

import { AcceloOAuth2Api } from '../../credentials/AcceloOAuth2Api.credentials';
import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { HousecallProApi } from '../../credentials/HousecallProApi.credentials';
import { PlanadoApi } from '../../credentials/PlanadoApi.credentials';
import { WorklayerApi } from '../../credentials/WorklayerApi.credentials';
import { Accelo } from '../../nodes/Accelo/Accelo.node';
import { FsmNavigator } from '../../nodes/FsmNavigator/FsmNavigator.node';
import { HousecallPro } from '../../nodes/HousecallPro/HousecallPro.node';
import { Planado } from '../../nodes/Planado/Planado.node';
import { planadoApi } from '../../nodes/Planado/provider';
import { Worklayer } from '../../nodes/Worklayer/Worklayer.node';
import { AcceloSimulator } from '../../tooling/simulators/accelo';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';
import { HCP_DEFAULT_COMPANY_API_KEY, HousecallProSimulator } from '../../tooling/simulators/housecallPro';
import { PLANADO_DEFAULT_API_KEY, PlanadoSimulator } from '../../tooling/simulators/planado';
import type { SimulatorServer } from '../../tooling/simulators/server';
import { WORKLAYER_TOKEN_PATH, WorklayerSimulator, generateWorklayerData } from '../../tooling/simulators/worklayer';
import { Harness, type RunError, type RunResult } from '../harness/engine';
import { TestServer } from '../harness/test-server';

interface ProviderCase {
	name: string;
	type: string;
	node: INodeType;
	credential: ICredentialType;
	start(): Promise<void>;
	stop(): Promise<void>;
	server(): SimulatorServer;
	/** The stored credential pointing at the simulator. */
	credentialData(): ICredentialDataDecryptedObject;
	/** Path (as the simulator logs it) of the job list. */
	listPath: string;
	/** Secrets of the credential as it is after a run (a fetched token included). */
	secrets(harness: Harness): string[];
}

const REAL_PLANADO_LIMIT = planadoApi.pacing!.limit;

function acceloCase(): ProviderCase {
	const sim = new AcceloSimulator({ jobCount: 5 });
	let origin = '';
	return {
		name: 'Accelo',
		type: 'n8n-nodes-field-service.accelo',
		node: new Accelo(),
		credential: new AcceloOAuth2Api(),
		start: async () => void (origin = await sim.start()),
		stop: async () => await sim.stop(),
		server: () => sim.server,
		credentialData: () => ({ deployment: sim.deployment, baseUrl: origin, clientId: sim.clientId, clientSecret: sim.clientSecret }),
		listPath: '/api/v0/jobs',
		secrets: (h) => {
			const stored = h.storedCredential('acceloOAuth2Api');
			const token = (stored.oauthTokenData as { access_token?: string } | undefined)?.access_token;
			return [sim.clientSecret, ...(token ? [token] : [])];
		},
	};
}

function fsmCase(): ProviderCase {
	const sim = new FsmNavigatorSimulator({ jobCount: 5 });
	return {
		name: 'FSM Navigator',
		type: 'n8n-nodes-field-service.fsmNavigator',
		node: new FsmNavigator(),
		credential: new FsmNavigatorApi(),
		start: async () => void (await sim.start()),
		stop: async () => await sim.stop(),
		server: () => sim.server,
		credentialData: () => ({ apiKey: FSM_DEFAULT_API_KEY, baseUrl: sim.baseUrl }),
		listPath: '/api/v1/jobs',
		secrets: () => [FSM_DEFAULT_API_KEY],
	};
}

function hcpCase(): ProviderCase {
	const sim = new HousecallProSimulator({ jobCount: 5 });
	return {
		name: 'Housecall Pro',
		type: 'n8n-nodes-field-service.housecallPro',
		node: new HousecallPro(),
		credential: new HousecallProApi(),
		start: async () => void (await sim.start()),
		stop: async () => await sim.stop(),
		server: () => sim.server,
		credentialData: () => ({ apiKey: HCP_DEFAULT_COMPANY_API_KEY, baseUrl: sim.baseUrl }),
		listPath: '/jobs',
		secrets: () => [HCP_DEFAULT_COMPANY_API_KEY],
	};
}

function planadoCase(): ProviderCase {
	const sim = new PlanadoSimulator({ jobCount: 5 });
	return {
		name: 'Planado',
		type: 'n8n-nodes-field-service.planado',
		node: new Planado(),
		credential: new PlanadoApi(),
		start: async () => void (await sim.start()),
		stop: async () => await sim.stop(),
		server: () => sim.server,
		credentialData: () => ({ apiKey: PLANADO_DEFAULT_API_KEY, baseUrl: sim.baseUrl }),
		listPath: '/v2/jobs',
		secrets: () => [PLANADO_DEFAULT_API_KEY],
	};
}

function worklayerCase(): ProviderCase {
	const sim = new WorklayerSimulator({ data: generateWorklayerData(5, 1, new Date()) });
	return {
		name: 'Worklayer',
		type: 'n8n-nodes-field-service.worklayer',
		node: new Worklayer(),
		credential: new WorklayerApi(),
		start: async () => void (await sim.start()),
		stop: async () => await sim.stop(),
		server: () => sim.server,
		credentialData: () => ({ clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl: sim.baseUrl }),
		listPath: '/v1.0/jobs',
		secrets: (h) => [sim.clientSecret, String(h.storedCredential('worklayerApi').accessToken ?? '')].filter(Boolean),
	};
}

const CASES = [acceloCase(), fsmCase(), hcpCase(), planadoCase(), worklayerCase()];
/** The other origin a redirect points to: it must never see a request. */
const elsewhere = new TestServer(() => ({ status: 200, body: { jobs: [], data: [] } }));
let elsewhereOrigin = '';

function harnessFor(c: ProviderCase, data: ICredentialDataDecryptedObject = c.credentialData()): Harness {
	return new Harness({
		nodeTypes: { [c.type]: c.node },
		credentialTypes: [c.credential],
		credentials: [{ type: c.credential.name, data }],
	});
}

async function run(c: ProviderCase, h: Harness, parameters: INodeParameters): Promise<RunResult> {
	return await h.runNode({ type: c.type, parameters: { resource: 'job', ...parameters } });
}

const getOne: INodeParameters = { operation: 'getAll', returnAll: false, limit: 1 };

/** Everything an error shows or keeps, as text. */
function shown(error: RunError | undefined): string {
	return [error?.message, error?.description, JSON.stringify(error?.context ?? null), JSON.stringify(error?.raw ?? null)].join('\n');
}

beforeAll(async () => {
	planadoApi.pacing!.limit = { calls: 90, windowMs: 600 };
	elsewhereOrigin = await elsewhere.start();
	for (const c of CASES) await c.start();
});

afterAll(async () => {
	planadoApi.pacing!.limit = REAL_PLANADO_LIMIT;
	await elsewhere.stop();
	for (const c of CASES) await c.stop();
});

beforeEach(() => {
	elsewhere.clear();
	for (const c of CASES) {
		c.server().clearLog();
		c.server().clearFaults();
	}
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s: the credential stays with its origin', (_name, c) => {
	it('refuses a redirect to another server, naming its host, and sends it nothing', async () => {
		c.server().injectFault({ method: 'GET', path: c.listPath }, { status: 302, headers: { Location: `${elsewhereOrigin}/steal?x=1` } });
		const result = await run(c, harnessFor(c), getOne);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '302' });
		expect(result.error?.message).toBe(`${c.name} redirected the request to ${new URL(elsewhereOrigin).host}; the node did not follow it`);
		expect(result.error?.description).toContain("is not the API's origin");
		expect(elsewhere.requests).toHaveLength(0);
	});

	it('refuses a redirect to the same server under another origin (localhost for 127.0.0.1)', async () => {
		const port = new URL(c.credentialData().baseUrl as string).port;
		c.server().injectFault({ method: 'GET', path: c.listPath }, { status: 307, headers: { Location: `http://localhost:${port}/stolen` } });
		const result = await run(c, harnessFor(c), getOne);
		expect(result.error?.message).toBe(`${c.name} redirected the request to localhost:${port}; the node did not follow it`);
		expect(c.server().requests.filter((r) => r.path === '/stolen')).toHaveLength(0);
	});

	it('follows a redirect within its own origin, with the credential', async () => {
		const listed = c.server().requests.length;
		c.server().injectFault({ method: 'GET', path: c.listPath }, { status: 302, headers: { Location: '/moved' } });
		const result = await run(c, harnessFor(c), getOne);
		// The simulator has no /moved: its error answer shows the redirect was followed within the origin.
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: expect.stringMatching(/^4\d\d$/) });
		expect(elsewhere.requests).toHaveLength(0);
		const moved = c.server().requests.slice(listed).filter((r) => r.path === '/moved');
		expect(moved).toHaveLength(1);
		expect(moved[0].headers.authorization ?? moved[0].headers['x-api-key']).toBeTruthy();
	});

	it("honours the credential's Allowed Domains: a Base URL outside them is refused before any request", async () => {
		const data = { ...c.credentialData(), allowedHttpRequestDomains: 'domains', allowedDomains: 'api.example.com, *.example.org' };
		const result = await run(c, harnessFor(c, data), getOne);
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/may not be used with 127\.0\.0\.1:\d+: it is not among its Allowed Domains \(api\.example\.com, \*\.example\.org\)/);
		expect(c.server().requests.filter((r) => r.path === c.listPath)).toHaveLength(0);
		const allowed = await run(c, harnessFor(c, { ...data, allowedDomains: 'example.org, 127.0.0.1' }), getOne);
		expect(allowed.status).toBe('success');
	});

	it('keeps no secret of the credential in an error whose body echoes them', async () => {
		const h = harnessFor(c);
		// A first run fetches the token (Accelo, Worklayer), so the echo below can hold it.
		expect((await run(c, h, getOne)).status).toBe('success');
		const secrets = c.secrets(h);
		const echo = secrets.join(' | ');
		c.server().injectFault(
			{ method: 'GET', path: c.listPath },
			{ status: 400, body: { message: `Bad request from ${echo}`, error: echo, echoed: { authorization: `Bearer ${secrets[secrets.length - 1]}`, [secrets[0]]: echo } } },
		);
		const result = await run(c, h, getOne);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		const text = shown(result.error);
		for (const secret of secrets) expect(text).not.toContain(secret);
		expect(text).toContain('[redacted]');
	});
});

describe('bad input is refused before any request', () => {
	const [accelo, fsm, , planado, worklayer] = CASES;

	it.each(['.', '..', ' .. ', 'a\u0000b'])('Planado refuses the job reference %j', async (reference) => {
		const result = await run(planado, harnessFor(planado), { operation: 'get', jobId: { __rl: true, mode: 'id', value: reference } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/^'Job' is not a valid ID/);
		expect(planado.server().requests).toHaveLength(0);
	});

	it('Planado still reaches a job by an external ID with dots', async () => {
		const result = await run(planado, harnessFor(planado), { operation: 'get', jobId: { __rl: true, mode: 'id', value: '...' } });
		expect(result.error).toMatchObject({ httpCode: '404' });
		expect(planado.server().requests.map((r) => r.path)).toEqual(['/v2/jobs/...']);
	});

	it.each([2 ** 31, 600_001, 0, -5])('Timeout %p ms is refused, naming the field and its bound', async (timeout) => {
		const result = await run(fsm, harnessFor(fsm), { ...getOne, options: { timeout } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toBe(`'Timeout' must be a number of milliseconds from 1 to 600000 (10 minutes): ${timeout}`);
		expect(fsm.server().requests).toHaveLength(0);
	});

	it.each([100_000, 17, 0, 2.5])('Parallel Requests %p is refused, naming the field and its cap', async (parallelRequests) => {
		const result = await run(fsm, harnessFor(fsm), { operation: 'getAll', returnAll: true, options: { parallelRequests } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toBe(`'Parallel Requests' must be a whole number from 1 to 16: ${parallelRequests}`);
		expect(fsm.server().requests).toHaveLength(0);
	});

	it('Accelo: a Deployment that is not a name reaches neither the token URL nor the API, in a run or a credential test', async () => {
		const data = { ...accelo.credentialData(), baseUrl: 'http://{deployment}', deployment: `${new URL(elsewhereOrigin).host}/steal?` };
		const h = harnessFor(accelo, data);
		const result = await run(accelo, h, getOne);
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain("The Accelo credential's 'Deployment' is not valid");
		const test = await h.testCredential('acceloOAuth2Api');
		expect(test.status).toBe('Error');
		expect(elsewhere.requests).toHaveLength(0);
		expect(accelo.server().requests).toHaveLength(0);
	});

	it('Worklayer: the token URL in an error shows scheme, host and path only', async () => {
		const tokenUrl = new URL(worklayer.credentialData().tokenUrl as string);
		const typed = `http://someone:pa55word@${tokenUrl.host}${tokenUrl.pathname}?client_secret=in-the-query`;
		const data = { ...worklayer.credentialData(), tokenUrl: typed, clientSecret: 'a-wrong-secret' };
		const result = await run(worklayer, harnessFor(worklayer, data), getOne);
		expect(result.status).toBe('error');
		const text = shown(result.error);
		expect(text).toContain(`http://${tokenUrl.host}${WORKLAYER_TOKEN_PATH}`);
		for (const part of ['someone', 'pa55word', 'in-the-query', 'a-wrong-secret']) expect(text).not.toContain(part);
	});

	it('Worklayer: the token request does not follow a redirect (its body holds the client secret)', async () => {
		worklayer.server().injectFault({ path: WORKLAYER_TOKEN_PATH }, { status: 307, headers: { Location: `${elsewhereOrigin}/oauth/token` } });
		const result = await run(worklayer, harnessFor(worklayer), getOne);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('no access token');
		expect(elsewhere.requests).toHaveLength(0);
	});
});
