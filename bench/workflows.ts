/**
 * The bench's n8n workflows: from one Manual Trigger, (a) our node's Get Many with Return All and
 * (b) the baseline a user would otherwise build, n8n's HTTP Request node with its own pagination
 * settings at the same page size, followed by Split Out on the list field.
 */
import type { N8nCredential, N8nWorkflow, N8nWorkflowNode } from '../tooling/n8n';

export type Provider = 'fsmNavigator' | 'accelo';
export type Branch = 'ours' | 'baseline';

export const PAGE_SIZE = 100;
/** The HTTP Request version a new node gets in n8n 2.41.1 (HttpRequest.node.js `defaultVersion`). */
export const HTTP_REQUEST_VERSION = 4.5;
/** Header the baseline (and the floor) add to every API request, so the simulator log tells branches apart. */
export const BRANCH_HEADER = 'X-Bench-Branch';

export const NODE_NAMES = {
	ours: 'Ours: Get Many',
	http: 'Baseline: HTTP Request',
	split: 'Baseline: Split Out',
} as const;

export interface ProviderSetup {
	provider: Provider;
	/** Our node's type. */
	nodeType: string;
	credential: N8nCredential;
	/** The list URL the baseline calls. */
	listUrl: string;
	/** Static query of the baseline (besides the paging parameter). */
	query: Array<{ name: string; value: string }>;
	/** Header auth of the baseline (FSM Navigator), or none (Accelo: the credential). */
	authHeaders: Array<{ name: string; value: string }>;
	/** Baseline auth via our credential type as n8n's "Predefined Credential Type". */
	predefinedCredential: boolean;
	pagingParameter: { name: string; value: string };
	completeExpression: string;
	/** Field of each page that holds the jobs (Split Out). */
	listField: string;
	/** Field that identifies a job. */
	idField: string;
}

export function fsmSetup(apiBase: string, apiKey: string): ProviderSetup {
	return {
		provider: 'fsmNavigator',
		nodeType: 'n8n-nodes-field-service.fsmNavigator',
		credential: { id: 'benchFsmNavigator', name: 'FSM Navigator (bench)', type: 'fsmNavigatorApi', data: { apiKey, baseUrl: apiBase } },
		listUrl: `${apiBase}/jobs`,
		query: [{ name: 'per_page', value: String(PAGE_SIZE) }],
		authHeaders: [{ name: 'X-API-Key', value: apiKey }],
		predefinedCredential: false,
		pagingParameter: { name: 'page', value: '={{ $pageCount + 1 }}' },
		completeExpression:
			'={{ $response.body.data.length === 0 || $response.body.pagination.page >= $response.body.pagination.total_pages }}',
		listField: 'data',
		idField: 'job_id',
	};
}

export function acceloSetup(origin: string, sim: { deployment: string; clientId: string; clientSecret: string }): ProviderSetup {
	return {
		provider: 'accelo',
		nodeType: 'n8n-nodes-field-service.accelo',
		// As the credential dialog saves it: the hidden fields (grant type, token URL, authentication)
		// are left to their defaults, which n8n fills in when it decrypts the credential.
		credential: {
			id: 'benchAccelo',
			name: 'Accelo (bench)',
			type: 'acceloOAuth2Api',
			data: { deployment: sim.deployment, baseUrl: origin, clientId: sim.clientId, clientSecret: sim.clientSecret, scope: 'read(all)' },
		},
		listUrl: `${origin}/api/v0/jobs`,
		// _fields=_ALL: the same fields our node asks for (it returns what Get returns).
		query: [
			{ name: '_fields', value: '_ALL' },
			{ name: '_limit', value: String(PAGE_SIZE) },
		],
		authHeaders: [],
		predefinedCredential: true,
		pagingParameter: { name: '_offset', value: `={{ $pageCount * ${PAGE_SIZE} }}` },
		completeExpression: `={{ $response.body.response.length < ${PAGE_SIZE} }}`,
		listField: 'response',
		idField: 'id',
	};
}

function oursNode(setup: ProviderSetup, position: [number, number]): N8nWorkflowNode {
	return {
		id: 'ours',
		name: NODE_NAMES.ours,
		type: setup.nodeType,
		typeVersion: 1,
		position,
		parameters: { resource: 'job', operation: 'getAll', returnAll: true },
		credentials: { [setup.credential.type]: { id: setup.credential.id, name: setup.credential.name } },
	};
}

function baselineNodes(setup: ProviderSetup, position: [number, number]): N8nWorkflowNode[] {
	const http: N8nWorkflowNode = {
		id: 'baseline-http',
		name: NODE_NAMES.http,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position,
		parameters: {
			method: 'GET',
			url: setup.listUrl,
			authentication: setup.predefinedCredential ? 'predefinedCredentialType' : 'none',
			...(setup.predefinedCredential ? { nodeCredentialType: setup.credential.type } : {}),
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: setup.query },
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: { parameters: [...setup.authHeaders, { name: BRANCH_HEADER, value: 'baseline' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', ...setup.pagingParameter }] },
						paginationCompleteWhen: 'other',
						completeExpression: setup.completeExpression,
					},
				},
			},
		},
		...(setup.predefinedCredential
			? { credentials: { [setup.credential.type]: { id: setup.credential.id, name: setup.credential.name } } }
			: {}),
	};
	const split: N8nWorkflowNode = {
		id: 'baseline-split',
		name: NODE_NAMES.split,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [position[0] + 240, position[1]],
		parameters: { fieldToSplitOut: setup.listField, include: 'noOtherFields', options: {} },
	};
	return [http, split];
}

/**
 * `branches` in execution order: n8n's v1 execution order runs the branches of one output one after
 * the other, topmost node first, so order is set by the nodes' y positions.
 */
export function benchWorkflow(id: string, setup: ProviderSetup, branches: Branch[]): N8nWorkflow {
	const trigger: N8nWorkflowNode = {
		id: 'trigger',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: N8nWorkflowNode[] = [trigger];
	const targets: string[] = [];
	branches.forEach((branch, index) => {
		const position: [number, number] = [240, index * 200];
		if (branch === 'ours') {
			nodes.push(oursNode(setup, position));
			targets.push(NODE_NAMES.ours);
		} else {
			nodes.push(...baselineNodes(setup, position));
			targets.push(NODE_NAMES.http);
		}
	});
	const connections: N8nWorkflow['connections'] = {};
	if (targets.length) {
		connections['Manual Trigger'] = { main: [targets.map((node) => ({ node, type: 'main', index: 0 }))] };
	}
	if (branches.includes('baseline')) {
		connections[NODE_NAMES.http] = { main: [[{ node: NODE_NAMES.split, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name: `bench ${id}`,
		nodes,
		connections,
		settings: {
			executionOrder: 'v1',
			// Keep 50,000-item runs out of SQLite: n8n deletes a successful execution instead of saving it.
			saveDataSuccessExecution: 'none',
			saveManualExecutions: false,
			saveExecutionProgress: false,
		},
	};
}
