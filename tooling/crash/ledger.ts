/**
 * What the crash test expects each trigger to emit and what n8n's executions show it emitted:
 * each expected event is lost (in no execution), once, or twice (in two or more).
 */
import { getExecution, restCall, type ExecutionDetail, type RunningN8n } from '../n8n';
import type { JobChanges, MadeChange } from './providers';
import { TRIGGER_NODE, type TriggerEvent } from './workflows';

export interface Tally {
	lost: number;
	once: number;
	twice: number;
	/** Emitted, but no change of the test made it (should stay 0). */
	unexpected: number;
}

export const keyOf = (event: TriggerEvent, change: MadeChange): string =>
	event === 'jobCreated' ? change.id : `${change.id}|${change.updated}`;

interface Watched {
	workflowId: string;
	event: TriggerEvent;
	changes: JobChanges;
	/** Expected key → the label (crash point) it is counted under. */
	expected: Map<string, string>;
}

/** The trigger's items of one execution, wherever n8n keeps them (run data, or the stack of one that never ran). */
function triggerItems(execution: ExecutionDetail): Array<Record<string, unknown>> {
	const data = execution.run.data as unknown as {
		resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>> };
		executionData?: { nodeExecutionStack?: Array<{ node?: { name?: string }; data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }> };
	};
	const ran = data?.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0];
	if (ran) return ran.map((item) => item.json);
	const stacked = data?.executionData?.nodeExecutionStack?.find((entry) => entry.node?.name === TRIGGER_NODE)?.data?.main?.[0];
	return (stacked ?? []).map((item) => item.json);
}

/** Every execution id of a workflow, page by page (n8n's REST list: at most 100 a page, `nextCursor`). */
async function executionIds(main: RunningN8n, workflowId: string): Promise<string[]> {
	const ids: string[] = [];
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	let cursor: string | null = null;
	do {
		const page = (await restCall(main, 'GET', `/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)) as {
			results?: Array<{ id: unknown }>;
			nextCursor?: string | null;
		};
		ids.push(...(page.results ?? []).map((execution) => String(execution.id)));
		cursor = page.nextCursor ?? null;
	} while (cursor);
	return ids;
}

export class Ledger {
	private readonly watched = new Map<string, Watched>();

	private readonly executions = new Map<string, ExecutionDetail>();

	watch(workflowId: string, event: TriggerEvent, changes: JobChanges): void {
		this.watched.set(workflowId, { workflowId, event, changes, expected: new Map() });
	}

	expect(workflowId: string, change: MadeChange, label: string): void {
		const watched = this.watched.get(workflowId);
		if (!watched) throw new Error(`ledger: ${workflowId} is not watched`);
		watched.expected.set(keyOf(watched.event, change), label);
	}

	/** Reads the executions n8n has now (each one once: an execution's trigger output does not change). */
	async refresh(main: RunningN8n): Promise<void> {
		for (const { workflowId } of this.watched.values()) {
			for (const id of await executionIds(main, workflowId)) {
				if (this.executions.has(id)) continue;
				const detail = await getExecution(main, id);
				if (triggerItems(detail).length || ['success', 'error', 'crashed'].includes(detail.status)) this.executions.set(id, detail);
			}
		}
	}

	/** How often each key of a workflow was emitted. */
	private emitted(watched: Watched): Map<string, number> {
		const counts = new Map<string, number>();
		for (const execution of this.executions.values()) {
			if (execution.workflowId !== watched.workflowId) continue;
			for (const json of triggerItems(execution)) {
				const key = keyOf(watched.event, watched.changes.read(json));
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
		}
		return counts;
	}

	/** Expected keys not emitted yet (for waiting until a poll has delivered them). */
	missing(label?: string): number {
		let missing = 0;
		for (const watched of this.watched.values()) {
			const counts = this.emitted(watched);
			for (const [key, keyLabel] of watched.expected) if ((label === undefined || keyLabel === label) && !counts.has(key)) missing++;
		}
		return missing;
	}

	/** Lost / once / twice per label, and per workflow. */
	tally(): { byLabel: Record<string, Tally>; byWorkflow: Record<string, Tally>; executions: Record<string, number> } {
		const byLabel: Record<string, Tally> = {};
		const byWorkflow: Record<string, Tally> = {};
		const empty = (): Tally => ({ lost: 0, once: 0, twice: 0, unexpected: 0 });
		for (const watched of this.watched.values()) {
			const counts = this.emitted(watched);
			const perWorkflow = (byWorkflow[watched.workflowId] = empty());
			for (const [key, label] of watched.expected) {
				const tally = (byLabel[label] ??= empty());
				const seen = counts.get(key) ?? 0;
				const field = seen === 0 ? 'lost' : seen === 1 ? 'once' : 'twice';
				tally[field]++;
				perWorkflow[field]++;
			}
			for (const key of counts.keys()) if (!watched.expected.has(key)) perWorkflow.unexpected++;
		}
		const executions: Record<string, number> = {};
		for (const execution of this.executions.values()) executions[execution.status] = (executions[execution.status] ?? 0) + 1;
		return { byLabel, byWorkflow, executions };
	}
}
