/** One provider, size and latency: a simulator, the workflows, the runs, the summary. */
import { importCredentials, importWorkflow, type N8nBins, type N8nHome, type N8nWorkflow } from '../tooling/n8n';
import { providerByKey } from '../tooling/providers';
import type { Args } from './args';
import { runExecution } from './execute';
import { runFloor } from './floorRun';
import type { CaseResult, CaseSummary, ExecutionRecord, FloorRecord, PerBranch } from './results';
import { startSimulator } from './simulator';
import { fail, log, median } from './util';
import { benchWorkflow, caseBranches, NODE_NAMES, type Branch } from './workflows';

/** `branches` rotated by `i`: over as many runs as branches, each runs first, second, … once. */
function rotation(branches: Branch[], i: number): Branch[] {
	const k = i % branches.length;
	return [...branches.slice(k), ...branches.slice(0, k)];
}

export async function runCase(home: N8nHome, bins: N8nBins, provider: string, size: number, latencyMs: number, args: Args): Promise<CaseResult> {
	const caseStart = Date.now();
	log(`${provider}, ${size.toLocaleString('en-US')} jobs, ${latencyMs} ms latency: starting the simulator`);
	const profile = providerByKey(provider).bench;
	const sim = await startSimulator(providerByKey(provider), size, latencyMs);
	try {
		const setup = sim.setup;
		const branches = caseBranches(setup);
		const prefix = `${profile.idPrefix}${size}-l${latencyMs}`;
		const combined: Array<{ workflow: N8nWorkflow; order: Branch[] }> = [];
		for (let i = 0; i < args.repeats; i++) {
			const order = rotation(branches, i);
			combined.push({ workflow: benchWorkflow(`${prefix}-c${i + 1}`, setup, order), order });
		}
		const soloOurs = benchWorkflow(`${prefix}-ours`, setup, ['ours']);
		const soloBaseline = benchWorkflow(`${prefix}-base`, setup, ['baseline']);
		const warmup = benchWorkflow(`${prefix}-warm`, setup, ['ours']);
		// Warm-up: Get Many with Limit 1. For Accelo this makes n8n fetch the OAuth2 token (client
		// credentials) and store it in the credential, so no measured branch pays for it.
		const oursWarm = warmup.nodes.find((n) => n.name === NODE_NAMES.ours)!;
		oursWarm.parameters = { resource: 'job', operation: 'getAll', returnAll: false, limit: 1 };

		// Re-importing the credential (same id) also drops any token stored by an earlier case.
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
		const runsOf = (branch: Branch) => branchesOf('combined', branch);
		const hasSeq = branches.includes('oursSeq');
		const uniform = (values: number[], what: string): number => {
			if (new Set(values).size !== 1) fail(`${prefix}: ${what} differ between runs: ${values.join(', ')}`);
			return values[0];
		};
		const allRuns = (branch: Branch) => [...runsOf(branch), ...branchesOf('solo', branch)];
		const count = (branch: Branch, what: (b: { requests: number; otherRequests: number }) => number, label: string) =>
			uniform(allRuns(branch).map(what), label);
		const listRequests: PerBranch<number> = {
			ours: count('ours', (b) => b.requests, 'our list request counts'),
			...(hasSeq ? { oursSeq: count('oursSeq', (b) => b.requests, 'our list request counts at Parallel Requests 1') } : {}),
			baseline: count('baseline', (b) => b.requests, 'baseline request counts'),
			floor: uniform(floor.map((f) => f.simRequests), 'floor request counts'),
		};
		const requests: PerBranch<number> = {
			ours: count('ours', (b) => b.requests + b.otherRequests, 'our request counts'),
			...(hasSeq ? { oursSeq: count('oursSeq', (b) => b.requests + b.otherRequests, 'our request counts at Parallel Requests 1') } : {}),
			baseline: count('baseline', (b) => b.requests + b.otherRequests, 'baseline request counts'),
			floor: listRequests.floor,
		};
		// Request counts: the floor reads the fewest pages; ours one page at a time reads its own
		// (more only where the provider's module says why); the default may add one request
		// (Accelo's count) and no page.
		const expected = profile.expectedListRequests(size);
		if (requests.floor !== expected) fail(`${prefix}: the floor made ${requests.floor} requests, expected ${expected}`);
		const oursExpected = profile.ourListRequests?.(size) ?? expected;
		const sequentialOurs = requests.oursSeq ?? requests.ours;
		if (sequentialOurs !== oursExpected) fail(`${prefix}: ours one page at a time made ${sequentialOurs} requests, expected ${oursExpected}`);
		if (listRequests.ours > oursExpected || requests.ours > oursExpected + 1) {
			fail(`${prefix}: ours made ${listRequests.ours} list and ${requests.ours - listRequests.ours} other requests, expected at most ${oursExpected} and 1`);
		}
		const parallelRequests = setup.parallelRequests ?? 1;
		const seqInFlight = hasSeq ? Math.max(...allRuns('oursSeq').map((b) => b.maxInFlight)) : 1;
		if (seqInFlight > 1) fail(`${prefix}: ours at Parallel Requests 1 had ${seqInFlight} requests in flight`);
		const oursInFlight = Math.max(...allRuns('ours').map((b) => b.maxInFlight));
		if (oursInFlight > parallelRequests) fail(`${prefix}: ours had ${oursInFlight} requests in flight, more than its ${parallelRequests}`);

		const med = (branch: Branch, f: (b: { execMs: number; simMs: number }) => number) => median(runsOf(branch).map(f));
		const timeSamplesMs: PerBranch<number[]> = {
			ours: runsOf('ours').map((b) => b.execMs),
			...(hasSeq ? { oursSeq: runsOf('oursSeq').map((b) => b.execMs) } : {}),
			baseline: runsOf('baseline').map((b) => b.execMs),
			floor: floor.map((f) => Math.round(f.ms * 10) / 10),
		};
		const timeMs: PerBranch<number> = {
			ours: median(timeSamplesMs.ours),
			...(timeSamplesMs.oursSeq ? { oursSeq: median(timeSamplesMs.oursSeq) } : {}),
			baseline: median(timeSamplesMs.baseline),
			floor: median(timeSamplesMs.floor),
		};
		const simMs: PerBranch<number> = {
			ours: med('ours', (b) => b.simMs),
			...(hasSeq ? { oursSeq: med('oursSeq', (b) => b.simMs) } : {}),
			baseline: med('baseline', (b) => b.simMs),
			floor: median(floor.map((f) => f.simMs)),
		};
		const clientMs: PerBranch<number> = {
			ours: med('ours', (b) => b.execMs - b.simMs),
			...(hasSeq ? { oursSeq: med('oursSeq', (b) => b.execMs - b.simMs) } : {}),
			baseline: med('baseline', (b) => b.execMs - b.simMs),
			floor: median(floor.map((f) => f.ms - f.simMs)),
		};
		const soloOursRun = branchesOf('solo', 'ours')[0];
		const soloBaseRun = branchesOf('solo', 'baseline')[0];
		if (!soloOursRun.memory || !soloBaseRun.memory) fail(`${prefix}: no memory samples for a solo run`);
		const processPeak = (id: string) => executions.find((e) => e.workflowId === id)?.processPeakMb;
		const latencyLimitMs = latencyMs > 0 ? (listRequests.ours / parallelRequests) * latencyMs : undefined;
		const summary: CaseSummary = {
			requests,
			listRequests,
			timeMs,
			timeSamplesMs,
			ratios: {
				oursToBaseline: timeMs.ours / timeMs.baseline,
				oursToFloor: timeMs.ours / timeMs.floor,
				baselineToFloor: timeMs.baseline / timeMs.floor,
				...(timeMs.oursSeq !== undefined
					? {
							oursSeqToBaseline: timeMs.oursSeq / timeMs.baseline,
							oursSeqToFloor: timeMs.oursSeq / timeMs.floor,
							oursToOursSeq: timeMs.ours / timeMs.oursSeq,
						}
					: {}),
			},
			parallelRequests,
			latencyLimitMs,
			oursToLimit: latencyLimitMs ? timeMs.ours / latencyLimitMs : undefined,
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
			`  => time ours ${timeMs.ours} ms${timeMs.oursSeq !== undefined ? ` (1 at a time ${timeMs.oursSeq} ms)` : ''}, baseline ${timeMs.baseline} ms, floor ${timeMs.floor.toFixed(0)} ms; ` +
				`ours/baseline ${summary.ratios.oursToBaseline.toFixed(2)}, ours/floor ${summary.ratios.oursToFloor.toFixed(2)}` +
				(summary.oursToLimit !== undefined ? `, ours/limit ${summary.oursToLimit.toFixed(2)}` : ''),
		);
		return { provider, size, latencyMs, executions, floor, tokensIssuedToN8n, summary, durationMs: Date.now() - caseStart };
	} finally {
		await sim.stop();
	}
}
