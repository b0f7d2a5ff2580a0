/** Turns an `n8n execute` result into the short per-workflow summary the headless sandbox prints. */
import type { ExecuteResult, N8nRun, N8nWorkflow } from '../../tooling/n8n';
import type { RunningSimulator } from '../../tooling/providers';
import { PACKAGE_NAME } from '../../tooling/repo';

export interface NodeCount {
	name: string;
	type: string;
	/** Items on all outputs over all runs; undefined when the node did not run. */
	items: number | undefined;
	/** How many of them are empty (what *Always Output Data* emits when a node finds nothing). */
	empty: number;
}

function isPackageNode(node: { type: string }): boolean {
	return node.type.startsWith(`${PACKAGE_NAME}.`);
}

/** The items a node found: a node of this package's empty items (Always Output Data) do not count; 0 when it did not run. */
export function foundItems(node: NodeCount | undefined): number {
	if (node?.items === undefined) return 0;
	return isPackageNode(node) ? node.items - node.empty : node.items;
}

/** "10", or "0 (+1 empty)" for a node of this package that found nothing but always outputs data. */
export function itemText(node: NodeCount): string {
	if (node.items === undefined) return '(not run)';
	return isPackageNode(node) && node.empty ? `${foundItems(node)} (+${node.empty} empty)` : String(node.items);
}

function isEmptyItem(item: { json?: unknown; binary?: unknown } | null | undefined): boolean {
	const json = item?.json;
	const hasJson = typeof json === 'object' && json !== null && Object.keys(json).length > 0;
	return !hasJson && item?.binary === undefined;
}

export interface WorkflowOutcome {
	ok: boolean;
	status: string;
	problems: string[];
	nodes: NodeCount[];
	result: string | undefined;
}

/** Items per node, in the order the nodes ran (then the ones that did not run). Sticky notes are left out. */
export function nodeCounts(workflow: N8nWorkflow, run: N8nRun | undefined): NodeCount[] {
	const runData = run?.data.resultData.runData ?? {};
	const nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
	const ran = Object.keys(runData);
	const ordered = [
		...ran.map((name) => nodes.find((node) => node.name === name)).filter((node) => node !== undefined),
		...nodes.filter((node) => !ran.includes(node.name)),
	];
	return ordered.map((node) => {
		const tasks = runData[node.name];
		const outputs = (tasks ?? []).flatMap((task) => Object.values(task.data ?? {}).flat());
		const all = outputs.flatMap((out) => out ?? []);
		return { name: node.name, type: node.type, items: tasks ? all.length : undefined, empty: all.filter(isEmptyItem).length };
	});
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		return text(record.title) ?? text(record.name) ?? text(record.id);
	}
	return undefined;
}

/**
 * "job 1398 "Leaking water heater" (Assigned)" from a job item of any provider: the number people
 * quote where the job has one (Planado's serial_no, Worklayer's short_id, Housecall Pro's invoice_number,
 * a common job's number), else its id.
 */
export function describeJob(json: Record<string, unknown>): string {
	const number = text(json.serial_no) ?? text(json.short_id) ?? text(json.invoice_number) ?? (json.provider ? text(json.number) : undefined);
	const id = (number ? `#${number}` : undefined) ?? text(json.job_id) ?? text(json.id) ?? text(json.uuid) ?? '?';
	const title = text(json.job_title) ?? text(json.title) ?? text(json.name);
	const rawStatus = text(json.job_status) ?? text(json.status);
	// Accelo answers with the status id ("2") and its standing ("active").
	const status = rawStatus && /^\d+$/.test(rawStatus) ? `status ${rawStatus}` : rawStatus;
	const standing = text(json.standing);
	const state = [status, standing && standing !== rawStatus ? standing : undefined].filter(Boolean).join(', ');
	return `job ${id}${title ? ` "${title}"` : ''}${state ? ` (${state})` : ''}`;
}

export function judge(workflow: N8nWorkflow, result: ExecuteResult): WorkflowOutcome {
	const problems: string[] = [];
	const run = result.run;
	const nodes = nodeCounts(workflow, run);
	if (!run) {
		const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
		problems.push(`n8n printed no run (exit ${String(result.exitCode)}${result.signal ? `, ${result.signal}` : ''}):\n${output}`);
		return { ok: false, status: 'no run', problems, nodes, result: undefined };
	}
	const status = run.status ?? (run.finished ? 'success' : 'unknown');
	const error = run.data.resultData.error;
	if (status !== 'success' || error) {
		const where = error?.node?.name ?? run.data.resultData.lastNodeExecuted;
		problems.push(
			`${where ? `node "${where}": ` : ''}${error?.message ?? `status ${status}`}` +
				(error?.description ? ` — ${error.description}` : '') +
				(error?.httpCode ? ` (HTTP ${error.httpCode})` : ''),
		);
	}
	if (result.exitCode !== 0 && !result.crashedOnExit && problems.length === 0) {
		problems.push(`n8n execute exited with ${String(result.exitCode)}${result.signal ? ` (${result.signal})` : ''}`);
	}
	if (problems.length === 0) {
		for (const node of nodes) {
			if (!isPackageNode(node)) continue;
			if (node.items === undefined) problems.push(`node "${node.name}" did not run`);
			else if (foundItems(node) === 0) problems.push(`node "${node.name}" returned no items (the demo data should give it some)`);
		}
	}
	const last = [...nodes].reverse().find((node) => isPackageNode(node) && foundItems(node) > 0);
	const items = last ? (run.data.resultData.runData[last.name]?.[0]?.data?.main?.[0] ?? []) : [];
	const result1 =
		last && items.length
			? `${last.name}: ${items.slice(0, 3).map((item) => describeJob(item.json)).join('; ')}${items.length > 3 ? `; … (${items.length})` : ''}`
			: undefined;
	return { ok: problems.length === 0, status, problems, nodes, result: result1 };
}

/** "FSM Navigator 5 (GET /api/v1/jobs ×3, PATCH /api/v1/jobs ×1, …)" for the requests since `from`. */
export function requestSummary(name: string, sim: RunningSimulator, from: number): string | undefined {
	const seen = sim.requests().slice(from);
	if (seen.length === 0) return undefined;
	const counts = new Map<string, number>();
	for (const req of seen) counts.set(sim.route(req), (counts.get(sim.route(req)) ?? 0) + 1);
	const parts = [...counts].map(([route, count]) => `${route} ×${count}`);
	return `${name} ${seen.length} (${parts.join(', ')})`;
}
