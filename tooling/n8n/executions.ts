/**
 * Workflows published and executions read back through n8n's REST API (the editor's own endpoints, with the owner's cookie):
 * the list of a workflow's executions and one execution with its run data. n8n stores and sends run
 * data in the "flatted" format (github.com/WebReflection/flatted), which `parseFlatted` reads.
 */
import type { RunningN8n } from './rest';
import type { N8nCredential, N8nRun } from './types';

/**
 * Reads the flatted format: a JSON array whose first entry is the value; inside objects and arrays
 * every string is the index of another entry (so shared and circular references survive), and the
 * entries that are strings are the string values.
 */
export function parseFlatted(text: string): unknown {
	const input = JSON.parse(text) as unknown;
	if (!Array.isArray(input)) throw new Error('not flatted data: expected a JSON array');
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const entry: unknown = input[index];
		if (typeof entry !== 'object' || entry === null) return entry;
		const known = revived.get(index);
		if (known !== undefined) return known;
		const out: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		revived.set(index, out);
		for (const [key, value] of Object.entries(entry)) {
			(out as Record<string, unknown>)[key] = typeof value === 'string' ? revive(Number(value)) : value;
		}
		return out;
	};
	return revive(0);
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
}

export interface ExecutionDetail extends ExecutionSummary {
	/** The run data (what `n8n execute --rawOutput` prints as `data`). */
	run: N8nRun;
}

/** A call to n8n's REST API as the owner; resolves with the answer's `data`, throws on a non-2xx answer. */
export async function restCall(server: RunningN8n, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${server.baseUrl}${path}`, {
		method,
		headers: {
			Cookie: server.authCookie,
			Accept: 'application/json',
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 500)}`);
	return (JSON.parse(text) as { data: unknown }).data;
}

const restGet = (server: RunningN8n, path: string): Promise<unknown> => restCall(server, 'GET', path);

/**
 * Publishes (activates) a workflow the way the editor does: its current version, through
 * `POST /rest/workflows/<id>/activate`. Main then registers its webhooks and starts its pollers.
 */
export async function activateWorkflow(server: RunningN8n, workflowId: string): Promise<void> {
	const workflow = (await restGet(server, `/rest/workflows/${encodeURIComponent(workflowId)}`)) as { versionId?: unknown };
	if (typeof workflow.versionId !== 'string') throw new Error(`workflow ${workflowId} has no versionId`);
	await restCall(server, 'POST', `/rest/workflows/${encodeURIComponent(workflowId)}/activate`, { versionId: workflow.versionId });
}

function summary(raw: Record<string, unknown>): ExecutionSummary {
	const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
	return {
		id: String(raw.id),
		workflowId: String(raw.workflowId),
		status: String(raw.status),
		mode: String(raw.mode),
		finished: raw.finished === true,
		startedAt: text(raw.startedAt),
		stoppedAt: text(raw.stoppedAt),
	};
}

/** The executions of one workflow, newest first (at most `limit`). */
export async function listExecutions(server: RunningN8n, workflowId: string, limit = 100): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = (await restGet(server, `/rest/executions?filter=${filter}&limit=${limit}`)) as { results?: Array<Record<string, unknown>> };
	return (data.results ?? []).map(summary);
}

/** One execution with its run data. */
export async function getExecution(server: RunningN8n, id: string): Promise<ExecutionDetail> {
	const raw = (await restGet(server, `/rest/executions/${encodeURIComponent(id)}`)) as Record<string, unknown>;
	const data = typeof raw.data === 'string' ? parseFlatted(raw.data) : raw.data;
	const run = { status: String(raw.status), finished: raw.finished === true, mode: String(raw.mode), data } as N8nRun;
	return { ...summary(raw), run };
}

/** What the editor's Test button gets for a credential: `POST /rest/credentials/test` with its fields. */
export async function testCredential(server: RunningN8n, credential: N8nCredential): Promise<{ status: string; message?: string }> {
	const { id, name, type, data } = credential;
	return (await restCall(server, 'POST', '/rest/credentials/test', { credentials: { id, name, type, data } })) as { status: string; message?: string };
}

/** Whether a workflow is published (active) now, as the editor reads it. */
export async function isWorkflowActive(server: RunningN8n, workflowId: string): Promise<boolean> {
	const workflow = (await restGet(server, `/rest/workflows/${encodeURIComponent(workflowId)}`)) as { active?: unknown };
	return workflow.active === true;
}
