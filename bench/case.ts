/** One provider and size: a simulator, the workflows, the runs, the summary. */
import { importCredentials, importWorkflow, type N8nBins, type N8nHome, type N8nWorkflow } from '../tooling/n8n';
import { providerByKey } from '../tooling/providers';
import type { Args } from './args';
import { runExecution } from './execute';
import { runFloor } from './floorRun';
import type { CaseResult, CaseSummary, ExecutionRecord, FloorRecord } from './results';
import { startSimulator } from './simulator';
import { fail, log, median } from './util';
import { benchWorkflow, NODE_NAMES, type Branch } from './workflows';

export async function runCase(home: N8nHome, bins: N8nBins, provider: string, size: number, args: Args): Promise<CaseResult> {
	const caseStart = Date.now();
	log(`${provider}, ${size.toLocaleString('en-US')} jobs: starting the simulator`);
	const profile = providerByKey(provider).bench;
	const sim = await startSimulator(providerByKey(provider), size);
	try {
		const setup = sim.setup;
		const prefix = `${profile.idPrefix}${size}`;
		const combined: Array<{ workflow: N8nWorkflow; order: Branch[] }> = [];
		for (let i = 0; i < args.repeats; i++) {
			const order: Branch[] = i % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
			combined.push({ workflow: benchWorkflow(`${prefix}-c${i + 1}`, setup, order), order });
		}
		const soloOurs = benchWorkflow(`${prefix}-ours`, setup, ['ours']);
		const soloBaseline = benchWorkflow(`${prefix}-base`, setup, ['baseline']);
		const warmup = benchWorkflow(`${prefix}-warm`, setup, ['ours']);
		// Warm-up: Get Many with Limit 1. For Accelo this makes n8n fetch the OAuth2 token (client
		// credentials) and store it in the credential, so no measured branch pays for it.
		const oursWarm = warmup.nodes.find((n) => n.name === NODE_NAMES.ours)!;
		oursWarm.parameters = { resource: 'job', operation: 'getAll', returnAll: false, limit: 1 };

		// Re-importing the credential (same id) also drops any token stored by an earlier size.
		await importCredentials(home, [setup.credential]);
		await importWorkflow(home, [warmup, ...combined.map((c) => c.workflow), soloOurs, soloBaseline]);

		const tokensBefore = sim.tokensIssued();
		const executions: ExecutionRecord[] = [];
		executions.push(await runExecution(home, sim, warmup, 'warmup', [], size));
		for (const { workflow, order } of combined) executions.push(await runExecution(home, sim, workflow, 'combined', order, size));
		executions.push(await runExecution(home, sim, soloOurs, 'solo', ['ours'], size));
		executions.push(await runExecution(home, sim, soloBaseline, 'solo', ['baseline'], size));
		const tokensIssuedToN8n = sim.tokensIssued() - tokensBefore;
		if (profile.usesToken && tokensIssuedToN8n < 1) fail(`${prefix}: n8n never fetched a token`);

		const floor: FloorRecord[] = [];
		for (let i = 0; i < args.floorRepeats; i++) floor.push(await runFloor(bins, sim, size));
		log(`  floor: ${floor.map((f) => `${f.ms.toFixed(0)} ms`).join(', ')} (${floor[0].simRequests} requests)`);

		const branchesOf = (kind: ExecutionRecord['kind'], branch: Branch) =>
			executions.filter((e) => e.kind === kind).flatMap((e) => e.branches.filter((b) => b.branch === branch));
		const oursRuns = branchesOf('combined', 'ours');
		const baseRuns = branchesOf('combined', 'baseline');
		const uniform = (values: number[], what: string): number => {
			if (new Set(values).size !== 1) fail(`${prefix}: ${what} differ between runs: ${values.join(', ')}`);
			return values[0];
		};
		const requests = {
			ours: uniform([...oursRuns, ...branchesOf('solo', 'ours')].map((b) => b.requests), 'our request counts'),
			baseline: uniform([...baseRuns, ...branchesOf('solo', 'baseline')].map((b) => b.requests), 'baseline request counts'),
			floor: uniform(floor.map((f) => f.simRequests), 'floor request counts'),
		};
		const timeSamplesMs = {
			ours: oursRuns.map((b) => b.execMs),
			baseline: baseRuns.map((b) => b.execMs),
			floor: floor.map((f) => Math.round(f.ms * 10) / 10),
		};
		const timeMs = {
			ours: median(timeSamplesMs.ours),
			baseline: median(timeSamplesMs.baseline),
			floor: median(timeSamplesMs.floor),
		};
		const simMs = {
			ours: median(oursRuns.map((b) => b.simMs)),
			baseline: median(baseRuns.map((b) => b.simMs)),
			floor: median(floor.map((f) => f.simMs)),
		};
		const clientMs = {
			ours: median(oursRuns.map((b) => b.execMs - b.simMs)),
			baseline: median(baseRuns.map((b) => b.execMs - b.simMs)),
			floor: median(floor.map((f) => f.ms - f.simMs)),
		};
		const soloOursRun = branchesOf('solo', 'ours')[0];
		const soloBaseRun = branchesOf('solo', 'baseline')[0];
		if (!soloOursRun.memory || !soloBaseRun.memory) fail(`${prefix}: no memory samples for a solo run`);
		const processPeak = (id: string) => executions.find((e) => e.workflowId === id)?.processPeakMb;
		const summary: CaseSummary = {
			requests,
			timeMs,
			timeSamplesMs,
			ratios: {
				oursToBaseline: timeMs.ours / timeMs.baseline,
				oursToFloor: timeMs.ours / timeMs.floor,
				baselineToFloor: timeMs.baseline / timeMs.floor,
			},
			simMs,
			clientMs,
			clientRatios: { oursToBaseline: clientMs.ours / clientMs.baseline, oursToFloor: clientMs.ours / clientMs.floor },
			memory: {
				ours: soloOursRun.memory,
				baseline: soloBaseRun.memory,
				peakRatio: soloOursRun.memory.peakMb / soloBaseRun.memory.peakMb,
				growthRatio: soloOursRun.memory.growthMb / soloBaseRun.memory.growthMb,
				processPeakMb: { ours: processPeak(soloOurs.id), baseline: processPeak(soloBaseline.id) },
			},
			soloTimeMs: { ours: soloOursRun.execMs, baseline: soloBaseRun.execMs },
		};
		log(
			`  => time ours ${timeMs.ours} ms, baseline ${timeMs.baseline} ms, floor ${timeMs.floor.toFixed(0)} ms; ` +
				`ours/baseline ${summary.ratios.oursToBaseline.toFixed(2)}, ours/floor ${summary.ratios.oursToFloor.toFixed(2)}`,
		);
		return { provider, size, executions, floor, tokensIssuedToN8n, summary, durationMs: Date.now() - caseStart };
	} finally {
		await sim.stop();
	}
}
