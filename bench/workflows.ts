/**
 * The bench's n8n workflows: from one Manual Trigger, (a) our node's Get Many with Return All and
 * (b) the baseline a user would otherwise build, n8n's HTTP Request node with its own pagination
 * settings at the same page size, followed by Split Out on the list field. The provider-specific
 * parts come from the provider's bench profile (tooling/providers/<provider>.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nCredential, N8nWorkflow, N8nWorkflowNode } from '../tooling/n8n';
import { credentialFor, type BaselineRequest, type ProviderTooling, type RunningSimulator } from '../tooling/providers';
import { REPO_ROOT } from '../tooling/repo';

/** ours: Get Many as a user leaves it; oursSeq: the same with Parallel Requests 1; baseline: HTTP Request + Split Out. */
export type Branch = 'ours' | 'oursSeq' | 'baseline';

/** The HTTP Request version a new node gets in n8n 2.41.1 (HttpRequest.node.js `defaultVersion`). */
export const HTTP_REQUEST_VERSION = 4.5;
/** Header the baseline (and the floor) add to every API request, so the simulator log tells branches apart. */
export const BRANCH_HEADER = 'X-Bench-Branch';

export const NODE_NAMES = {
	ours: 'Ours: Get Many',
	oursSeq: 'Ours: Get Many, 1 request at a time',
	http: 'Baseline: HTTP Request',
	split: 'Baseline: Split Out',
} as const;

/** What the workflows of one case need: our node and credential, the baseline's request, the id field. */
export interface BenchSetup {
	/** Provider key. */
	provider: string;
	/** Our node's type. */
	nodeType: string;
	credential: N8nCredential;
	baseline: BaselineRequest;
	/** Field that identifies a job. */
	idField: string;
	/**
	 * Default of Get Many's Parallel Requests option (`options.parallelRequests`) as the built node
	 * describes it; undefined where the node has no such option (it reads one page at a time).
	 */
	parallelRequests: number | undefined;
}

interface NodeProperty {
	name: string;
	type?: string;
	default?: unknown;
	displayOptions?: { show?: Record<string, unknown[] | undefined> };
	options?: NodeProperty[];
}

/**
 * The default of Get Many's `options.parallelRequests` in the node under dist/ (what the packed
 * package installed into n8n holds), or undefined when its Get Many has no such option.
 */
export function parallelRequestsDefault(nodeType: string): number | undefined {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
	for (const file of manifest.n8n.nodes) {
		const exports = require(join(REPO_ROOT, file)) as Record<string, unknown>;
		for (const value of Object.values(exports)) {
			if (typeof value !== 'function') continue;
			const description = (new (value as new () => { description?: { name: string; properties: NodeProperty[] } })()).description;
			if (!description || `${manifest.name}.${description.name}` !== nodeType) continue;
			const options = description.properties.find(
				(p) => p.name === 'options' && (p.displayOptions?.show?.operation ?? []).includes('getAll') && (p.displayOptions?.show?.resource ?? ['job']).includes('job'),
			);
			const option = options?.options?.find((o) => o.name === 'parallelRequests');
			return typeof option?.default === 'number' ? option.default : undefined;
		}
	}
	throw new Error(`${nodeType}: not among the nodes of package.json (dist/ built?)`);
}

export function benchSetup(provider: ProviderTooling, running: RunningSimulator): BenchSetup {
	return {
		provider: provider.key,
		nodeType: provider.nodeTypes.action,
		credential: credentialFor(provider, running, 'bench'),
		baseline: provider.bench.baseline(running),
		idField: provider.bench.idField,
		parallelRequests: parallelRequestsDefault(provider.nodeTypes.action),
	};
}

/** The branches a case compares: ours at Parallel Requests 1 only where the default reads in parallel. */
export function caseBranches(setup: BenchSetup): Branch[] {
	return setup.parallelRequests !== undefined && setup.parallelRequests > 1 ? ['ours', 'oursSeq', 'baseline'] : ['ours', 'baseline'];
}

function oursNode(setup: BenchSetup, position: [number, number], sequential: boolean): N8nWorkflowNode {
	return {
		id: sequential ? 'ours-seq' : 'ours',
		name: sequential ? NODE_NAMES.oursSeq : NODE_NAMES.ours,
		type: setup.nodeType,
		typeVersion: 1,
		position,
		// ours: the option left at its default, as a user leaves it.
		parameters: { resource: 'job', operation: 'getAll', returnAll: true, ...(sequential ? { options: { parallelRequests: 1 } } : {}) },
		credentials: { [setup.credential.type]: { id: setup.credential.id, name: setup.credential.name } },
	};
}

function baselineNodes(setup: BenchSetup, position: [number, number]): N8nWorkflowNode[] {
	const http: N8nWorkflowNode = {
		id: 'baseline-http',
		name: NODE_NAMES.http,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position,
		parameters: {
			method: 'GET',
			url: setup.baseline.listUrl,
			authentication: setup.baseline.predefinedCredential ? 'predefinedCredentialType' : 'none',
			...(setup.baseline.predefinedCredential ? { nodeCredentialType: setup.credential.type } : {}),
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: setup.baseline.query },
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: { parameters: [...setup.baseline.authHeaders, { name: BRANCH_HEADER, value: 'baseline' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', ...setup.baseline.pagingParameter }] },
						paginationCompleteWhen: 'other',
						completeExpression: setup.baseline.completeExpression,
					},
				},
			},
		},
		...(setup.baseline.predefinedCredential
			? { credentials: { [setup.credential.type]: { id: setup.credential.id, name: setup.credential.name } } }
			: {}),
	};
	const split: N8nWorkflowNode = {
		id: 'baseline-split',
		name: NODE_NAMES.split,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [position[0] + 240, position[1]],
		parameters: { fieldToSplitOut: setup.baseline.listField, include: 'noOtherFields', options: {} },
	};
	return [http, split];
}

/**
 * `branches` in execution order: n8n's v1 execution order runs the branches of one output one after
 * the other, topmost node first, so order is set by the nodes' y positions.
 */
export function benchWorkflow(id: string, setup: BenchSetup | undefined, branches: Branch[]): N8nWorkflow {
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
		if (!setup) throw new Error(`benchWorkflow ${id}: branches need a setup`);
		if (branch === 'ours' || branch === 'oursSeq') {
			nodes.push(oursNode(setup, position, branch === 'oursSeq'));
			targets.push(NODE_NAMES[branch]);
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
