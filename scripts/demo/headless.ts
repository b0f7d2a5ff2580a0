/**
 * The headless sandbox (`npm run demo -- --headless [--repeat N]`): runs every example workflow with
 * `n8n execute`, N times in a row each (default once), in the same sandbox (simulators and n8n user
 * folder), prints what each run did and a summary, and fails when any run fails or finds nothing.
 */
import { executeWorkflow, TIMEOUTS, type N8nHome } from '../../tooling/n8n';
import type { ProviderTooling, RunningSimulator } from '../../tooling/providers';
import type { SandboxState } from './state';
import { foundItems, itemText, judge, requestSummary, type NodeCount, type WorkflowOutcome } from './summary';
import type { DemoWorkflow } from './workflows';

interface RunRecord {
	ok: boolean;
	seconds: number;
	nodes: NodeCount[];
}

function range(values: number[]): string {
	const min = Math.min(...values);
	const max = Math.max(...values);
	return min === max ? String(min) : `${min}–${max}`;
}

/** "Get Many 9–10 → Limit 1 → …": items per node over the runs (nodes that ran at least once). */
function itemRanges(runs: RunRecord[]): string {
	const names = [...new Set(runs.flatMap((run) => run.nodes.filter((n) => n.items !== undefined).map((n) => n.name)))];
	return names
		.map((name) => `${name} ${range(runs.map((run) => foundItems(run.nodes.find((n) => n.name === name))))}`)
		.join(' → ');
}

async function runOnce(
	state: SandboxState,
	home: N8nHome,
	demo: DemoWorkflow,
	simulators: Map<ProviderTooling, RunningSimulator>,
	label: string,
): Promise<RunRecord> {
	const { workflow } = demo;
	const before = new Map([...simulators].map(([p, sim]) => [p, sim.requests().length]));
	const t0 = Date.now();
	state.log(`running "${workflow.name}"${label}…`);
	let outcome: WorkflowOutcome;
	try {
		outcome = judge(workflow, await executeWorkflow(home, workflow.id, { timeoutMs: state.budget(TIMEOUTS.execute) }));
	} catch (error) {
		// A hung or killed `n8n execute`: report it with the others, go on while time is left.
		const message = state.overTime() ? `${state.timeLimitNote}; n8n execute was stopped` : (error as Error).message;
		outcome = { ok: false, status: 'not finished', problems: [message], nodes: [], result: undefined };
	}
	const seconds = (Date.now() - t0) / 1000;
	const requests = [...simulators]
		.map(([p, sim]) => requestSummary(p.displayName, sim, before.get(p) ?? 0))
		.filter((s): s is string => s !== undefined);
	const block = [
		`- ${workflow.name}${label} (${demo.file}): ${outcome.ok ? 'OK' : 'FAILED'}, status ${outcome.status}, ${seconds.toFixed(1)} s`,
		...(outcome.nodes.length ? [`    items: ${outcome.nodes.map((n) => `${n.name} ${itemText(n)}`).join(' → ')}`] : []),
		...(outcome.result ? [`    result: ${outcome.result}`] : []),
		`    requests: ${requests.length ? requests.join('; ') : 'none'}`,
		...outcome.problems.map((p) => `    PROBLEM: ${p.split('\n').join('\n      ')}`),
	];
	for (const line of block) state.write(`${line}\n`);
	return { ok: outcome.ok, seconds, nodes: outcome.nodes };
}

export async function runHeadless(
	state: SandboxState,
	home: N8nHome,
	workflows: DemoWorkflow[],
	simulators: Map<ProviderTooling, RunningSimulator>,
	opts: { repeat: number; started: number },
): Promise<number> {
	const { repeat } = opts;
	const summary: string[] = [];
	let runs = 0;
	let failedRuns = 0;
	let failedWorkflows = 0;
	for (const demo of workflows) {
		const { workflow } = demo;
		if (!demo.runnable) {
			summary.push(`- ${workflow.name} (${demo.file}): imported, not run (no Manual Trigger)`);
			continue;
		}
		const records: RunRecord[] = [];
		let notRun = 0;
		for (let i = 1; i <= repeat; i++) {
			state.checkAborted();
			if (state.overTime()) {
				notRun = repeat - i + 1;
				break;
			}
			records.push(await runOnce(state, home, demo, simulators, repeat > 1 ? ` (run ${i} of ${repeat})` : ''));
		}
		const ok = records.filter((r) => r.ok).length;
		runs += records.length;
		failedRuns += records.length - ok + notRun;
		if (ok < repeat) failedWorkflows += 1;
		const times = records.map((r) => r.seconds);
		summary.push(
			`- ${workflow.name} (${demo.file}): ${ok === repeat ? 'OK' : 'FAILED'}, ${repeat > 1 ? `${ok} of ${repeat} runs succeeded` : ok ? 'succeeded' : 'did not succeed'}` +
				(times.length ? `, ${range(times.map((t) => Math.round(t * 10) / 10))} s${repeat > 1 ? ' a run' : ''}` : '') +
				(notRun ? `; ${notRun} not run: ${state.timeLimitNote}` : ''),
			...(records.length ? [`    items${repeat > 1 ? ' (fewest–most over the runs)' : ''}: ${itemRanges(records)}`] : []),
		);
	}
	state.write('\n');
	state.log(`summary (${((Date.now() - opts.started) / 1000).toFixed(1)} s after the install check):`);
	for (const line of summary) state.write(`${line}\n`);
	const total = workflows.filter((w) => w.runnable).length;
	const each = repeat > 1 ? ` ${repeat} times each (${runs} runs)` : '';
	const verdict =
		total === 0
			? 'FAILED: no example workflow can be run headless'
			: failedWorkflows === 0
				? `all ${total} example workflows succeeded${each}`
				: `FAILED: ${failedWorkflows} of ${total} example workflows did not succeed` +
					(repeat > 1 ? ` every time (${failedRuns} of ${total * repeat} runs failed or did not run)` : '');
	state.write(`${verdict}\n`);
	return total > 0 && failedWorkflows === 0 ? 0 : 1;
}
