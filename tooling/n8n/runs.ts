/** Workflows to run and the run JSON `n8n execute --rawOutput` prints. */
import type { N8nRun, N8nRunError, N8nRunItem, N8nWorkflow, N8nWorkflowNode } from './types';

export type WorkflowStep = Omit<N8nWorkflowNode, 'id' | 'position' | 'typeVersion'> &
	Partial<Pick<N8nWorkflowNode, 'id' | 'position' | 'typeVersion'>>;

/**
 * A workflow `Manual Trigger → steps[0] → steps[1] → …` (main output 0 to input 0), the shape
 * `n8n execute` needs (the Start node is gone since n8n 2.0).
 */
export function manualTriggerWorkflow(id: string, name: string, steps: WorkflowStep[]): N8nWorkflow {
	const trigger: N8nWorkflowNode = {
		id: `${id}-trigger`,
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: N8nWorkflowNode[] = [
		trigger,
		...steps.map((step, index) => ({
			...step,
			id: step.id ?? `${id}-node-${index + 1}`,
			typeVersion: step.typeVersion ?? 1,
			position: step.position ?? ([220 * (index + 1), 0] as [number, number]),
		})),
	];
	const connections: N8nWorkflow['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections };
}

/**
 * Extracts the run JSON from execute's stdout: it starts at the first line beginning with `{` and,
 * being pretty-printed, ends at the first later line that is exactly `}`.
 */
export function parseRunJson(stdout: string): N8nRun | undefined {
	// Found by searching, not by splitting into lines: the output of a big run is 100 MB and more.
	const start = stdout.startsWith('{') ? 0 : stdout.indexOf('\n{') + 1;
	if (start === 0 && !stdout.startsWith('{')) return undefined;
	const firstLineEnd = stdout.indexOf('\n', start);
	const closings: number[] = [];
	// A run printed on one line ends with its first line; a pretty-printed one at a line that is `}`.
	if (stdout[(firstLineEnd < 0 ? stdout.length : firstLineEnd) - 1] === '}') {
		closings.push(firstLineEnd < 0 ? stdout.length : firstLineEnd);
	}
	for (let at = stdout.indexOf('\n}', start); at >= 0; at = stdout.indexOf('\n}', at + 2)) closings.push(at + 2);
	for (const close of closings) {
		try {
			const parsed = JSON.parse(stdout.slice(start, close)) as unknown;
			if (isRun(parsed)) return parsed;
		} catch {
			// try the next closing line
		}
	}
	return undefined;
}

function isRun(value: unknown): value is N8nRun {
	if (typeof value !== 'object' || value === null) return false;
	const data = (value as { data?: unknown }).data;
	if (typeof data !== 'object' || data === null) return false;
	const resultData = (data as { resultData?: unknown }).resultData;
	return typeof resultData === 'object' && resultData !== null && 'runData' in resultData;
}

/** Items a node emitted (`runData[node][runIndex].data.main[output]`); [] when none. */
export function nodeOutput(run: N8nRun, nodeName: string, output = 0, runIndex = 0): N8nRunItem[] {
	const task = run.data.resultData.runData[nodeName]?.[runIndex];
	return task?.data?.main?.[output] ?? [];
}

/** The error a node reported in its run, if any. */
export function nodeError(run: N8nRun, nodeName: string, runIndex = 0): N8nRunError | undefined {
	return run.data.resultData.runData[nodeName]?.[runIndex]?.error;
}

/** A Set node (typeVersion 3.4) that adds `field` = `expression` to every item and keeps the other fields. */
export function tagNode(id: string, name: string, field: string, expression: string): N8nWorkflowNode {
	return {
		id,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [110, 200],
		parameters: {
			mode: 'manual',
			includeOtherFields: true,
			assignments: { assignments: [{ id: `${id}-field`, name: field, value: `=${expression}`, type: 'string' }] },
			options: {},
		},
	};
}

/**
 * The same workflow started by a production webhook instead of its Manual Trigger (executions of
 * an active workflow, which queue mode hands to workers): `GET /webhook/<path>`. With `tag`, a Set
 * node right after the webhook adds a field to the item, e.g. which process ran the execution.
 */
export function asWebhookWorkflow(
	workflow: N8nWorkflow,
	opts: { path: string; responseMode: 'onReceived' | 'lastNode'; tag?: { field: string; expression: string } },
): N8nWorkflow {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.id}: no Manual Trigger to replace`);
	const webhook: N8nWorkflowNode = {
		id: `${workflow.id}-webhook`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: trigger.position,
		webhookId: `${workflow.id}-${opts.path}`,
		parameters: { httpMethod: 'GET', path: opts.path, responseMode: opts.responseMode, options: {} },
	};
	const nodes = workflow.nodes.map((node) => (node === trigger ? webhook : node));
	const connections: N8nWorkflow['connections'] = {};
	for (const [from, outputs] of Object.entries(workflow.connections)) connections[from === trigger.name ? webhook.name : from] = outputs;
	if (opts.tag) {
		const tag = tagNode(`${workflow.id}-tag`, 'Tag', opts.tag.field, opts.tag.expression);
		nodes.push(tag);
		connections[tag.name] = connections[webhook.name] ?? { main: [[]] };
		connections[webhook.name] = { main: [[{ node: tag.name, type: 'main', index: 0 }]] };
	}
	return { ...workflow, nodes, connections };
}
