/**
 * Proves the harness: throwaway node and credential types, run through n8n-core's real engine
 * against a loopback server.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
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
import { Harness } from '../engine';
import { header, TestServer } from '../test-server';

// ------------------------------------------------------------------------------------------------
// Throwaway credential types

export class HeaderApi implements ICredentialType {
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

export class FunctionApi implements ICredentialType {
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

export class PreAuthApi implements ICredentialType {
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
export class ClientCredentialsApi implements ICredentialType {
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
export class ClientCredentialsTestedApi extends ClientCredentialsApi {
	name = 'harnessOAuth2TestedApi';
	test: ICredentialTestRequest = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' } };
}

export const CREDENTIAL_TYPES = [
	new HeaderApi(),
	new FunctionApi(),
	new PreAuthApi(),
	new ClientCredentialsApi(),
	new ClientCredentialsTestedApi(),
];

// ------------------------------------------------------------------------------------------------
// Throwaway node types

export function description(name: string, credential: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
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

export function trimmed(credentials: { baseUrl: string }): string {
	return credentials.baseUrl.replace(/\/+$/, '');
}

/** GETs `path` (an expression per item is fine) with the credential; per-item continueOnFail. */
export function echoNode(credential: string): INodeType {
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
export const pollNode: INodeType = {
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

export const NODE_TYPES: Record<string, INodeType> = {
	'harness.echoHeader': echoNode('harnessHeaderApi'),
	'harness.echoFunction': echoNode('harnessFunctionApi'),
	'harness.echoPreAuth': echoNode('harnessPreAuthApi'),
	'harness.echoOAuth2': echoNode('harnessOAuth2Api'),
	'harness.poll': pollNode,
};

// ------------------------------------------------------------------------------------------------
// Server

export let tokenCounter = 0;
export let jobs: Array<{ id: number; title: string }> = [];

/** The jobs the test API serves from now on. */
export function setJobs(next: Array<{ id: number; title: string }>): void {
	jobs = next;
}
export const validBearer = new Set<string>();

export const server = new TestServer((req) => {
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

export let origin = '';

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

export function harness(): Harness {
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
