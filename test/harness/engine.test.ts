/**
 * Proves the harness: throwaway node and credential types, run through n8n-core's real engine
 * against a loopback server.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';

import { Harness } from './engine';
import { header, TestServer } from './test-server';

// ------------------------------------------------------------------------------------------------
// Throwaway credential types

class HeaderApi implements ICredentialType {
	name = 'harnessHeaderApi';
	displayName = 'Harness Header API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Tenant', name: 'tenant', type: 'string', default: 'acme' },
	];
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-API-Key': '={{$credentials.apiKey}}' },
			qs: { tenant: '={{$credentials.tenant}}' },
		},
	};
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/me' },
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'account.disabled', value: true, message: 'Account disabled' } },
		],
	};
}

class FunctionApi implements ICredentialType {
	name = 'harnessFunctionApi';
	displayName = 'Harness Function API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Company ID', name: 'companyId', type: 'string', default: '' },
	];
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...requestOptions.headers, Authorization: `Token ${String(credentials.apiKey)}` };
		if (credentials.companyId) headers['X-Company-Id'] = String(credentials.companyId);
		return { ...requestOptions, headers };
	}
}

class PreAuthApi implements ICredentialType {
	name = 'harnessPreAuthApi';
	displayName = 'Harness PreAuth API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const { access_token } = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.baseUrl)}/token`,
			json: true,
			body: { client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' },
		})) as { access_token: string };
		return { accessToken: access_token };
	}
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
	test: ICredentialTestRequest = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' } };
}

/** Shaped like the Accelo credential: oAuth2Api with the client-credentials grant. */
class ClientCredentialsApi implements ICredentialType {
	name = 'harnessOAuth2Api';
	displayName = 'Harness OAuth2 API';
	extends = ['oAuth2Api'];
	properties: ICredentialType['properties'] = [
		{ displayName: 'Deployment', name: 'deployment', type: 'string', default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://{deployment}.api.example.com' },
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{$self["baseUrl"].replace("{deployment}", $self["deployment"]).replace(/\\/+$/, "") + "/oauth2/v0/token"}}',
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: 'read(all) write(all)' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];
}

/** The same with a `test` request (Accelo's is `GET /api/v0/tokeninfo`). */
class ClientCredentialsTestedApi extends ClientCredentialsApi {
	name = 'harnessOAuth2TestedApi';
	test: ICredentialTestRequest = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' } };
}

const CREDENTIAL_TYPES = [
	new HeaderApi(),
	new FunctionApi(),
	new PreAuthApi(),
	new ClientCredentialsApi(),
	new ClientCredentialsTestedApi(),
];

// ------------------------------------------------------------------------------------------------
// Throwaway node types

function description(name: string, credential: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: `Harness ${name}`,
		name,
		group: ['transform'],
		version: 1,
		description: 'Harness test node',
		defaults: { name: `Harness ${name}` },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: credential, required: true }],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '/things' },
			{ displayName: 'Category', name: 'category', type: 'string', default: 'all' },
		],
		...extra,
	};
}

function trimmed(credentials: { baseUrl: string }): string {
	return credentials.baseUrl.replace(/\/+$/, '');
}

/** GETs `path` (an expression per item is fine) with the credential; per-item continueOnFail. */
function echoNode(credential: string): INodeType {
	return {
		description: description(`echo_${credential}`, credential),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const baseUrl = trimmed(await this.getCredentials<{ baseUrl: string }>(credential));
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < items.length; i++) {
				try {
					const path = this.getNodeParameter('path', i) as string;
					if (path === '/invalid') {
						throw new NodeOperationError(this.getNode(), 'Path is invalid', { itemIndex: i, description: 'Use another path' });
					}
					const body = (await this.helpers.httpRequestWithAuthentication.call(this, credential, {
						method: 'GET',
						url: `${baseUrl}${path}`,
						json: true,
					})) as IDataObject;
					out.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(body), { itemData: { item: i } }));
				} catch (error) {
					if (this.continueOnFail()) {
						out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
						continue;
					}
					if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
					throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
				}
			}
			return [out];
		},
		methods: {
			listSearch: {
				async searchThings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
					const baseUrl = trimmed(await this.getCredentials<{ baseUrl: string }>(credential));
					const res = (await this.helpers.httpRequestWithAuthentication.call(this, credential, {
						method: 'GET',
						url: `${baseUrl}/search`,
						qs: { q: filter ?? '', page: paginationToken ?? '1' },
						json: true,
					})) as { items: Array<{ id: string; title: string }>; next?: string };
					return {
						results: res.items.map((t) => ({ name: t.title, value: t.id, url: `${baseUrl}/things/${t.id}` })),
						paginationToken: res.next,
					};
				},
			},
			loadOptions: {
				async getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
					const baseUrl = trimmed(await this.getCredentials<{ baseUrl: string }>(credential));
					const category = this.getCurrentNodeParameter('category') as string;
					const res = (await this.helpers.httpRequestWithAuthentication.call(this, credential, {
						method: 'GET',
						url: `${baseUrl}/statuses`,
						qs: { category },
						json: true,
					})) as string[];
					return res.map((s) => ({ name: s.toUpperCase(), value: s }));
				},
			},
		},
	};
}

/** Emits jobs newer than its cursor; the first tick only sets the cursor; manual mode returns the newest job. */
const pollNode: INodeType = {
	description: description('pollTrigger', 'harnessHeaderApi', {
		group: ['trigger'],
		polling: true,
		inputs: [],
		defaults: { name: 'Harness Trigger' },
		properties: [],
	}),
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		const baseUrl = trimmed(await this.getCredentials<{ baseUrl: string }>('harnessHeaderApi'));
		const jobs = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessHeaderApi', {
			method: 'GET',
			url: `${baseUrl}/jobs`,
			qs: { after: this.getMode() === 'manual' ? 0 : Number(state.cursor ?? 0) },
			json: true,
		})) as Array<{ id: number }>;
		if (this.getMode() === 'manual') {
			state.touchedInManual = true; // n8n discards static data of manual runs
			return jobs.length ? [this.helpers.returnJsonArray(jobs.slice(-1))] : null;
		}
		state.ticks = Number(state.ticks ?? 0) + 1;
		state.activation = this.getActivationMode();
		if (state.cursor === undefined) {
			state.cursor = jobs.length ? jobs[jobs.length - 1].id : 0;
			return null;
		}
		if (!jobs.length) return null;
		state.cursor = jobs[jobs.length - 1].id;
		return [this.helpers.returnJsonArray(jobs)];
	},
};

const NODE_TYPES: Record<string, INodeType> = {
	'harness.echoHeader': echoNode('harnessHeaderApi'),
	'harness.echoFunction': echoNode('harnessFunctionApi'),
	'harness.echoPreAuth': echoNode('harnessPreAuthApi'),
	'harness.echoOAuth2': echoNode('harnessOAuth2Api'),
	'harness.poll': pollNode,
};

// ------------------------------------------------------------------------------------------------
// Server

let tokenCounter = 0;
let jobs: Array<{ id: number; title: string }> = [];
const validBearer = new Set<string>();

const server = new TestServer((req) => {
	if (req.method === 'POST' && (req.path === '/token' || req.path === '/oauth2/v0/token')) {
		tokenCounter += 1;
		const token = `tok-${tokenCounter}`;
		validBearer.add(token);
		return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600 } };
	}
	const auth = header(req, 'authorization');
	if (auth?.startsWith('Bearer ') && !validBearer.has(auth.slice(7))) return { status: 401, body: { error: 'bad token' } };
	if (header(req, 'x-api-key') === 'wrong') return { status: 401, body: { error: 'bad key' } };
	switch (req.path) {
		case '/things':
		case '/a':
		case '/b':
			return { status: 200, body: { path: req.path, tenant: req.query.get('tenant') } };
		case '/me':
			return { status: 200, body: { account: { disabled: header(req, 'x-api-key') === 'disabled' } } };
		case '/search': {
			const q = req.query.get('q') ?? '';
			const page = Number(req.query.get('page'));
			const all = ['alpha', 'beta', 'gamma'].filter((t) => t.includes(q));
			return {
				status: 200,
				body: { items: all.slice(page - 1, page).map((t) => ({ id: t, title: `Thing ${t}` })), next: page < all.length ? String(page + 1) : undefined },
			};
		}
		case '/statuses':
			return { status: 200, body: [`${req.query.get('category')}-open`, `${req.query.get('category')}-closed`] };
		case '/jobs':
			return { status: 200, body: jobs.filter((j) => j.id > Number(req.query.get('after') ?? 0)) };
		default:
			return undefined;
	}
});

let origin = '';

beforeAll(async () => {
	origin = await server.start();
});

afterAll(async () => {
	await server.stop();
});

beforeEach(() => {
	server.clear();
	validBearer.clear();
	tokenCounter = 0;
	jobs = [];
});

function harness(): Harness {
	return new Harness({
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
		credentials: [
			{ type: 'harnessHeaderApi', data: { baseUrl: `${origin}/`, apiKey: 'k-123' } },
			{ type: 'harnessFunctionApi', data: { baseUrl: origin, apiKey: 'f-456', companyId: 'co-9' } },
			{ type: 'harnessPreAuthApi', data: { baseUrl: origin, clientId: 'pid', clientSecret: 'psecret' } },
			{ type: 'harnessOAuth2Api', data: { baseUrl: origin, clientId: 'cid', clientSecret: 'csecret' } },
			{ type: 'harnessOAuth2TestedApi', data: { baseUrl: origin, clientId: 'cid', clientSecret: 'csecret' } },
		],
	});
}

// ------------------------------------------------------------------------------------------------

describe('Harness.runNode credentials', () => {
	it('(a) applies a generic credential: header and query string resolved from $credentials', async () => {
		const result = await harness().runNode({ type: 'harness.echoHeader', parameters: { path: '/a' } });
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { path: '/a', tenant: 'acme' }, pairedItem: { item: 0 } }]);
		const [req] = server.to('/a');
		expect(header(req, 'x-api-key')).toBe('k-123');
		expect(req.query.get('tenant')).toBe('acme'); // from the property default
	});

	it('(b) calls a function-form authenticate', async () => {
		const h = harness();
		const result = await h.runNode({ type: 'harness.echoFunction', parameters: { path: '/b' } });
		expect(result.status).toBe('success');
		const [req] = server.to('/b');
		expect(header(req, 'authorization')).toBe('Token f-456');
		expect(header(req, 'x-company-id')).toBe('co-9');

		h.setCredential({ type: 'harnessFunctionApi', data: { baseUrl: origin, apiKey: 'f-456' } });
		server.clear();
		await h.runNode({ type: 'harness.echoFunction', parameters: { path: '/b' } });
		expect(header(server.to('/b')[0], 'x-company-id')).toBeUndefined();
	});

	it('(c) preAuthentication: fetches once, reuses, re-fetches after one 401', async () => {
		const h = harness();
		const first = await h.runNode({ type: 'harness.echoPreAuth', parameters: { path: '/things' } });
		expect(first.status).toBe('success');
		expect(server.to('/token')).toHaveLength(1);
		expect(JSON.parse(server.to('/token')[0].rawBody)).toEqual({
			client_id: 'pid',
			client_secret: 'psecret',
			grant_type: 'client_credentials',
		});
		expect(header(server.to('/things')[0], 'authorization')).toBe('Bearer tok-1');
		expect(h.storedCredential('harnessPreAuthApi').accessToken).toBe('tok-1');

		const second = await h.runNode({ type: 'harness.echoPreAuth', parameters: { path: '/things' } });
		expect(second.status).toBe('success');
		expect(server.to('/token')).toHaveLength(1);
		expect(header(server.to('/things')[1], 'authorization')).toBe('Bearer tok-1');

		validBearer.delete('tok-1'); // the token expired on the server side
		const third = await h.runNode({ type: 'harness.echoPreAuth', parameters: { path: '/things' } });
		expect(third.status).toBe('success');
		expect(server.to('/token')).toHaveLength(2);
		const calls = server.to('/things').slice(2).map((r) => header(r, 'authorization'));
		expect(calls).toEqual(['Bearer tok-1', 'Bearer tok-2']);
		expect(h.storedCredential('harnessPreAuthApi')).toEqual({
			baseUrl: origin,
			clientId: 'pid',
			clientSecret: 'psecret',
			accessToken: 'tok-2',
		});
	});

	it('(d) OAuth2 client credentials: token with form body + Basic auth, Bearer on calls, stored and reused', async () => {
		const h = harness();
		expect(h.credentialsHelper.getParentTypes('harnessOAuth2Api')).toEqual(['oAuth2Api']);
		const decrypted = await h.decryptedCredential('harnessOAuth2Api');
		expect(decrypted).toMatchObject({
			grantType: 'clientCredentials',
			accessTokenUrl: `${origin}/oauth2/v0/token`,
			scope: 'read(all) write(all)',
			authentication: 'header',
		});

		const first = await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(first.status).toBe('success');
		const tokenRequests = server.to('/oauth2/v0/token');
		expect(tokenRequests).toHaveLength(1);
		expect(header(tokenRequests[0], 'content-type')).toContain('application/x-www-form-urlencoded');
		expect(header(tokenRequests[0], 'authorization')).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
		const form = new URLSearchParams(tokenRequests[0].rawBody);
		expect(form.get('grant_type')).toBe('client_credentials');
		expect(form.get('scope')).toBe('read(all) write(all)');
		expect(form.get('client_secret')).toBeNull();
		expect(header(server.to('/things')[0], 'authorization')).toBe('Bearer tok-1');
		const stored = h.storedCredential('harnessOAuth2Api');
		expect(stored.oauthTokenData).toMatchObject({ access_token: 'tok-1', token_type: 'Bearer' });
		expect(h.credentialWrites('harnessOAuth2Api').map((w) => w.kind)).toEqual(['updateCredentialsOauthTokenData']);

		await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(server.to('/oauth2/v0/token')).toHaveLength(1);
		expect(header(server.to('/things')[1], 'authorization')).toBe('Bearer tok-1');

		validBearer.delete('tok-1'); // 401 → n8n-core fetches a new client-credentials token and resends
		const third = await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(third.status).toBe('success');
		expect(server.to('/oauth2/v0/token')).toHaveLength(2);
		expect(header(server.to('/things')[3], 'authorization')).toBe('Bearer tok-2');
		expect(h.storedCredential('harnessOAuth2Api').oauthTokenData).toMatchObject({ access_token: 'tok-2' });
	});
});

describe('Harness.runNode items and errors', () => {
	it('(e) continueOnFail keeps going with one item per input and pairedItem', async () => {
		const result = await harness().runNode({
			type: 'harness.echoHeader',
			parameters: { path: '={{ $json.path }}' },
			input: [{ json: { path: '/a' } }, { json: { path: '/missing' } }, { json: { path: '/invalid' } }, { json: { path: '/b' } }],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json).toEqual({ path: '/a', tenant: 'acme' });
		expect(result.items[1].json.error).toMatch(/resource you are requesting could not be found/i);
		expect(result.items[2].json).toEqual({ error: 'Path is invalid' });
		expect(result.items[3].json.path).toBe('/b');
	});

	it('(f) a node error ends up in RunResult.error with its httpCode', async () => {
		server.once('/a', { status: 429, body: { message: 'slow down' } });
		const result = await harness().runNode({ type: 'harness.echoHeader', parameters: { path: '/a' } });
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '429',
			message: expect.stringMatching(/too many requests/i),
		});

		const invalid = await harness().runNode({ type: 'harness.echoHeader', parameters: { path: '/invalid' } });
		expect(invalid.error).toMatchObject({ name: 'NodeOperationError', message: 'Path is invalid', description: 'Use another path' });
	});
});

describe('Harness.pollTrigger', () => {
	it('(g) keeps static data across ticks; manual mode runs on a discarded copy', async () => {
		const h = harness();
		jobs = [{ id: 1, title: 'one' }, { id: 2, title: 'two' }];
		const trigger = h.pollTrigger({ type: 'harness.poll' });

		expect(await trigger.poll()).toBeNull(); // first tick sets the cursor
		expect(trigger.staticData()).toEqual({ cursor: 2, ticks: 1, activation: 'activate' });

		expect(await trigger.poll()).toBeNull(); // nothing new
		jobs.push({ id: 3, title: 'three' }, { id: 4, title: 'four' });
		const emitted = await trigger.poll('trigger', 'init');
		expect(emitted?.[0].map((i) => i.json.id)).toEqual([3, 4]);
		expect(trigger.staticData()).toEqual({ cursor: 4, ticks: 3, activation: 'init' });

		const manual = await trigger.poll('manual');
		expect(manual?.[0].map((i) => i.json.id)).toEqual([4]);
		expect(server.requests.at(-1)?.query.get('after')).toBe('0');
		expect(trigger.lastManualStaticData()).toMatchObject({ touchedInManual: true, cursor: 4 });
		expect(trigger.staticData()).toEqual({ cursor: 4, ticks: 3, activation: 'init' });

		server.once('/jobs', { status: 500, body: {} });
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(trigger.staticData()).toMatchObject({ cursor: 4 });
	});

	it('starts from given static data', async () => {
		jobs = [{ id: 1, title: 'one' }, { id: 2, title: 'two' }];
		const trigger = harness().pollTrigger({ type: 'harness.poll', staticData: { 'node:Harness Trigger': { cursor: 1 } } });
		expect((await trigger.poll())?.[0].map((i) => i.json.id)).toEqual([2]);
	});
});

describe('Harness.listSearch / loadOptions', () => {
	it('(h) runs listSearch with filter and pagination, and loadOptions with the current parameters', async () => {
		const h = harness();
		const page1 = await h.listSearch({ type: 'harness.echoHeader', method: 'searchThings', filter: 'a' });
		expect(page1).toEqual({
			results: [{ name: 'Thing alpha', value: 'alpha', url: `${origin}/things/alpha` }],
			paginationToken: '2',
		});
		const page3 = await h.listSearch({ type: 'harness.echoHeader', method: 'searchThings', filter: 'a', paginationToken: '3' });
		expect(page3.results.map((r) => r.value)).toEqual(['gamma']);
		expect(page3.paginationToken).toBeUndefined();
		expect(server.to('/search').every((r) => header(r, 'x-api-key') === 'k-123')).toBe(true);

		const options = await h.loadOptions({ type: 'harness.echoHeader', method: 'getStatuses', parameters: { category: 'hvac' } });
		expect(options).toEqual([
			{ name: 'HVAC-OPEN', value: 'hvac-open' },
			{ name: 'HVAC-CLOSED', value: 'hvac-closed' },
		]);
		const defaults = await h.loadOptions({ type: 'harness.echoHeader', method: 'getStatuses' });
		expect(defaults[0].value).toBe('all-open');
	});
});

describe('Harness.testCredential', () => {
	it('runs the type test request through RoutingNode with the credential applied', async () => {
		const h = harness();
		expect(await h.testCredential('harnessHeaderApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(header(server.to('/me')[0], 'x-api-key')).toBe('k-123');
		expect(await h.testCredential('harnessHeaderApi', { baseUrl: origin, apiKey: 'wrong' })).toEqual({
			status: 'Error',
			message: 'Unauthorized',
		});
		expect(await h.testCredential('harnessHeaderApi', { baseUrl: origin, apiKey: 'disabled' })).toEqual({
			status: 'Error',
			message: 'Account disabled',
		});
		expect(await h.testCredential('harnessFunctionApi')).toMatchObject({ status: 'Error' });
	});

	it('forces preAuthentication during a test, as n8n does', async () => {
		const h = harness();
		h.setCredential({ type: 'harnessPreAuthApi', data: { baseUrl: origin, clientId: 'pid', clientSecret: 'x', accessToken: 'stale' } });
		expect(await h.testCredential('harnessPreAuthApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.to('/token')).toHaveLength(1);
		expect(header(server.to('/me')[0], 'authorization')).toBe('Bearer tok-1');
		expect(h.storedCredential('harnessPreAuthApi').accessToken).toBe('tok-1');
	});

	it('OAuth2: without a test request it checks for a token; with one, n8n-core fetches and stores a token first', async () => {
		const h = harness();
		expect(await h.testCredential('harnessOAuth2Api')).toEqual({
			status: 'Error',
			message: 'This OAuth2 credential was not connected to an account.',
		});
		expect(await h.testCredential('harnessOAuth2TestedApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.to('/oauth2/v0/token')).toHaveLength(1);
		expect(header(server.to('/me')[0], 'authorization')).toBe('Bearer tok-1');
		expect(h.storedCredential('harnessOAuth2TestedApi').oauthTokenData).toMatchObject({ access_token: 'tok-1' });

		await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(await h.testCredential('harnessOAuth2Api')).toEqual({ status: 'OK', message: 'Connection Successful!' });
	});
});
