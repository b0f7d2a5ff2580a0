/**
 * Turns bench/results.json into bench/results.md and a chart drawn by hand as SVG
 * (bench/results.svg), converted to PNG with rsvg-convert when it is installed
 * (`apt-get install librsvg2-bin`). No chart service, no dependencies.
 *
 * Re-render from a saved results.json without re-running the bench:
 *   node .build/bench/report.js [bench/results.json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { PROVIDERS } from '../tooling/providers';
import { renderChart } from './chart';
import { PROVIDER_NAMES, fmtInt, fmtMb, fmtMs, fmtRatio, floorGrowthMb } from './format';
import type { BenchResults, CaseResult } from './results';

function name(c: CaseResult): string {
	return PROVIDER_NAMES[c.provider] ?? c.provider;
}

function opt(n: number | undefined, f: (n: number) => string = fmtMs): string {
	return n === undefined || !Number.isFinite(n) ? '–' : f(n);
}

function caseRow(c: CaseResult): string {
	const s = c.summary;
	const r = s.requests;
	return (
		`| ${name(c)} | ${fmtInt(c.size)} | ${s.parallelRequests ?? 1} | ${r.ours} / ${opt(r.oursSeq, String)} / ${r.baseline} / ${r.floor} | ` +
		`${fmtMs(s.timeMs.ours)} | ${opt(s.timeMs.oursSeq)} | ${fmtMs(s.timeMs.baseline)} | ${fmtMs(s.timeMs.floor)} | ` +
		`**${fmtRatio(s.ratios.oursToBaseline)}** | **${fmtRatio(s.ratios.oursToFloor)}** | ${opt(s.ratios.oursSeqToBaseline, fmtRatio)} | ${opt(s.ratios.oursSeqToFloor, fmtRatio)} | ` +
		`${opt(s.latencyLimitMs)} | ${s.oursToLimit === undefined ? '–' : `**${fmtRatio(s.oursToLimit)}**`} |`
	);
}

function soloOutputMb(c: CaseResult, branch: 'ours' | 'baseline'): string {
	const e = c.executions.find((x) => x.kind === 'solo' && x.order[0] === branch);
	return e ? (e.outputBytes / 1024 / 1024).toFixed(0) : '?';
}

function memoryRow(c: CaseResult): string {
	const m = c.summary.memory;
	const floorPeak = Math.max(...c.floor.map((f) => f.maxRssKb / 1024));
	const floorGrowth = floorGrowthMb(c);
	return (
		`| ${name(c)} | ${fmtInt(c.size)} | ${c.latencyMs ?? 0} | ${fmtMb(m.ours.peakMb)} | ${fmtMb(m.baseline.peakMb)} | **${fmtRatio(m.peakRatio)}** | ` +
		`${fmtMb(m.ours.growthMb)} | ${fmtMb(m.baseline.growthMb)} | **${fmtRatio(m.growthRatio)}** | ` +
		`${m.processPeakMb.ours === undefined ? '?' : fmtMb(m.processPeakMb.ours)} / ${m.processPeakMb.baseline === undefined ? '?' : fmtMb(m.processPeakMb.baseline)} | ${fmtMb(floorGrowth)} / ${fmtMb(floorPeak)} | ${soloOutputMb(c, 'ours')} / ${soloOutputMb(c, 'baseline')} |`
	);
}

function clientRow(c: CaseResult): string {
	const s = c.summary;
	return (
		`| ${name(c)} | ${fmtInt(c.size)} | ${fmtMs(s.simMs.ours)} / ${opt(s.simMs.oursSeq)} / ${fmtMs(s.simMs.baseline)} / ${fmtMs(s.simMs.floor)} | ` +
		`${fmtMs(s.clientMs.ours)} | ${opt(s.clientMs.oursSeq)} | ${fmtMs(s.clientMs.baseline)} | ${fmtMs(s.clientMs.floor)} | ${fmtRatio(s.clientRatios.oursToBaseline)} | ${fmtRatio(s.clientRatios.oursToFloor)} |`
	);
}

function samplesRow(c: CaseResult): string {
	const s = c.summary;
	const list = (v: number[] | undefined) => (v ? v.map(fmtMs).join(', ') : '–');
	const combined = c.executions.filter((e) => e.kind === 'combined');
	const process = combined.map((e) => (e.processMs / 1000).toFixed(1)).join(', ');
	const inFlight = Math.max(0, ...c.executions.flatMap((e) => e.branches).filter((b) => b.branch === 'ours').map((b) => b.maxInFlight ?? 1));
	return (
		`| ${name(c)} | ${fmtInt(c.size)} | ${c.latencyMs ?? 0} | ${list(s.timeSamplesMs.ours)} | ${list(s.timeSamplesMs.oursSeq)} | ${list(s.timeSamplesMs.baseline)} | ` +
		`${list(s.timeSamplesMs.floor)} | ${fmtMs(s.soloTimeMs.ours)} / ${fmtMs(s.soloTimeMs.baseline)} | ${inFlight} | ${process} |`
	);
}

/** The results before issue #13 (bench/previous/), for the 0 ms comparison. */
function readPrevious(): BenchResults | undefined {
	const file = join(__dirname, '..', '..', 'bench', 'previous', PREVIOUS_FILE);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : undefined;
}

const PREVIOUS_FILE = 'results-before-issue-13.json';
/** Providers whose Get Many reads pages in parallel, for the targets of issue #13. */
const PARALLEL_TARGET_PROVIDERS = ['fsmNavigator', 'housecallPro', 'accelo'];
const TARGET_RATIO_TO_BASELINE = 0.35;
const TARGET_RATIO_TO_LIMIT = 1.5;

function mark(ok: boolean): string {
	return ok ? 'met' : '**not met**';
}

function targetLines(cases: CaseResult[], previous: BenchResults | undefined): string[] {
	const lines: string[] = ['| Provider | Target | Figure | |', '|---|---|---:|---|'];
	const at100 = cases.filter((c) => (c.latencyMs ?? 0) === 100 && c.size === 10000 && PARALLEL_TARGET_PROVIDERS.includes(c.provider));
	if (at100.length) {
		for (const c of at100) {
			const s = c.summary;
			lines.push(`| ${name(c)} | 100 ms, 10,000 jobs: ours ≤ ${TARGET_RATIO_TO_BASELINE} × baseline | ${fmtRatio(s.ratios.oursToBaseline)} (${fmtInt(s.timeMs.ours)} / ${fmtInt(s.timeMs.baseline)} ms) | ${mark(s.ratios.oursToBaseline <= TARGET_RATIO_TO_BASELINE)} |`);
			if (s.oursToLimit !== undefined) {
				lines.push(
					`| ${name(c)} | 100 ms, 10,000 jobs: ours ≤ ${TARGET_RATIO_TO_LIMIT} × latency limit (${s.listRequests.ours} pages ÷ ${s.parallelRequests} × 100 ms = ${fmtInt(s.latencyLimitMs ?? 0)} ms) | ${fmtRatio(s.oursToLimit)} | ${mark(s.oursToLimit <= TARGET_RATIO_TO_LIMIT)} |`,
				);
			}
		}
	}
	if (previous) {
		for (const c of cases.filter((x) => (x.latencyMs ?? 0) === 0)) {
			const before = previous.cases.find((p) => p.provider === c.provider && p.size === c.size);
			if (!before) continue;
			const s = c.summary;
			const b = before.summary;
			lines.push(
				`| ${name(c)} | 0 ms, ${fmtInt(c.size)} jobs: ours no slower than before | ${fmtInt(s.timeMs.ours)} ms now, ${fmtInt(b.timeMs.ours)} ms before (${fmtRatio(s.timeMs.ours / b.timeMs.ours)}×); ours/baseline ${fmtRatio(s.ratios.oursToBaseline)} now, ${fmtRatio(b.ratios.oursToBaseline)} before | ${mark(s.timeMs.ours <= b.timeMs.ours)} |`,
			);
			if (c.size === 10000) {
				lines.push(
					`| ${name(c)} | 0 ms, 10,000 jobs: memory growth no higher than before | ${fmtMb(s.memory.ours.growthMb)} MB now, ${fmtMb(b.memory.ours.growthMb)} MB before | ${mark(s.memory.ours.growthMb <= b.memory.ours.growthMb)} |`,
				);
			}
		}
		for (const c of cases.filter((x) => x.size === 10000 && (x.latencyMs ?? 0) === 0 && !previous.cases.some((p) => p.provider === x.provider))) {
			lines.push(`| ${name(c)} | 0 ms: against before | no earlier figures (the provider joined the bench after them) | – |`);
		}
	}
	return lines;
}

function profileLines(results: BenchResults): string[] {
	const p = results.profile;
	if (!p) return [];
	const lines: string[] = [];
	const pct = (ms: number) => `${((ms / p.sampledMs) * 100).toFixed(0)} %`;
	lines.push('## Where a page\'s time goes inside n8n (CPU profile)');
	lines.push('');
	lines.push(
		`One \`n8n execute\` of ${PROVIDER_NAMES[p.provider] ?? p.provider} Get Many (Return All, the node's defaults) with ${fmtInt(p.size)} jobs at ${p.latencyMs} ms latency, ` +
			'run with `NODE_OPTIONS=--cpu-prof` (V8\'s sampling profiler; https://nodejs.org/api/cli.html#--cpu-prof), the profile of the main n8n process cut to the node\'s run ' +
			`(first to last sample with our package on the stack around the node's run, whose times are placed in the profile's clock by the moment the process exited: a window of ${fmtMs(p.windowMs)} ms for an executionTime of ${fmtMs(p.nodeMs)} ms; ${p.pages} page requests). ` +
			'Profiling slows JavaScript down somewhat; the shares are what counts. Self time by category:',
	);
	lines.push('');
	lines.push('| Category | Self time (ms) | Share | Per page (ms) |');
	lines.push('|---|---:|---:|---:|');
	for (const [category, ms] of Object.entries(p.categories)) lines.push(`| ${category} | ${fmtMs(ms)} | ${pct(ms)} | ${(ms / Math.max(1, p.pages)).toFixed(2)} |`);
	lines.push('');
	lines.push('Inclusive (time with such a frame anywhere on the stack; buckets overlap):');
	lines.push('');
	lines.push('| Stack holds | Time (ms) | Share | Per page (ms) |');
	lines.push('|---|---:|---:|---:|');
	for (const [bucket, ms] of Object.entries(p.inclusive)) lines.push(`| ${bucket} | ${fmtMs(ms)} | ${pct(ms)} | ${(ms / Math.max(1, p.pages)).toFixed(2)} |`);
	lines.push('');
	lines.push('Top self-time functions in the window:');
	lines.push('');
	lines.push('| Function | Where | Category | Self (ms) |');
	lines.push('|---|---|---|---:|');
	for (const e of p.top.slice(0, 20)) lines.push(`| \`${e.functionName}\` | ${e.where} | ${e.category} | ${fmtMs(e.selfMs)} |`);
	lines.push('');
	if (p.topOurs.length) {
		lines.push('Top self-time functions of our package:');
		lines.push('');
		lines.push('| Function | Where | Self (ms) |');
		lines.push('|---|---|---:|');
		for (const e of p.topOurs.slice(0, 10)) lines.push(`| \`${e.functionName}\` | ${e.where} | ${fmtMs(e.selfMs)} |`);
		lines.push('');
	}
	return lines;
}

export function renderMarkdown(results: BenchResults, chartFile: string): string {
	const m = results.machine;
	const v = results.versions;
	const latencies = results.config.latencies ?? [0];
	const order = (p: string) => results.config.providers.indexOf(p as (typeof results.config.providers)[number]);
	const cases = [...results.cases].sort(
		(a, b) => (a.latencyMs ?? 0) - (b.latencyMs ?? 0) || order(a.provider) - order(b.provider) || a.size - b.size,
	);
	const previous = readPrevious();
	const lines: string[] = [];
	lines.push('# Benchmark: Get Many with Return All');
	lines.push('');
	lines.push(
		`Generated by \`npm run bench\` (bench/run.ts) on ${results.date.slice(0, 10)}; the whole run took ${(results.totalMs / 60000).toFixed(1)} minutes. ` +
			'Raw measurements: bench/results.json, written next to this file by the run (not tracked in git). Not part of the tests.' +
			(previous ? ` The 0 ms comparison reads the figures from before the parallel reads (issue #13) from bench/previous/${PREVIOUS_FILE}, kept on the machine that ran them.` : ''),
	);
	lines.push('');
	lines.push('## Machine and versions');
	lines.push('');
	lines.push(`- CPU: ${m.cpuModel}, ${m.cores} cores; memory ${m.memoryGb} GB; ${m.os}, Linux ${m.kernel}`);
	lines.push(`- n8n ${v.n8n} (n8n-nodes-base ${v.n8nNodesBase}) on Node.js ${v.nodeForN8n}, SQLite, expression engine \`${results.config.expressionEngine}\``);
	lines.push(
		`- n8n-nodes-field-service ${v.package}${v.gitCommit ? ` (commit ${v.gitCommit})` : ''}, packed with \`npm pack\` and installed as a community package`,
	);
	lines.push(`- Bench process and simulators: Node.js ${v.nodeForBench}; floor loop: Node.js ${v.nodeForN8n} (the binary n8n runs on)`);
	lines.push('');
	lines.push('## What was measured');
	lines.push('');
	lines.push(
		`For each latency (${latencies.join(', ')} ms), provider and size, a simulator (tooling/simulators) holding N jobs on loopback HTTP that waits the latency before every answer, ` +
			'as a distant API does, and one n8n workflow with a branch per client from one Manual Trigger:',
	);
	lines.push('');
	lines.push(
		'- **ours**: the provider node, Job → Get Many, Return All, options left at their defaults: Parallel Requests ' +
			results.config.providers
				.map((p) => `${PROVIDER_NAMES[p] ?? p} ${cases.find((c) => c.provider === p)?.summary.parallelRequests ?? 1}`)
				.join(', ') +
			' (1: the node reads one page at a time: Worklayer and Planado page by token and cursor).',
	);
	lines.push('- **ours (1)**: the same node with Parallel Requests set to 1, where the default is more.');
	lines.push(
		`- **baseline**: what a user would otherwise build: \`n8n-nodes-base.httpRequest\` (typeVersion ${results.config.httpRequestTypeVersion}) with its ` +
			'Pagination option ("Update a Parameter in Each Request", "Pagination Complete When: Other"), same page size, then `n8n-nodes-base.splitOut` on the list field. ' +
			PROVIDERS.filter((p) => results.config.providers.includes(p.key))
				.map((p) => p.bench.baselineNote)
				.join(' '),
	);
	lines.push(
		'- **floor**: bench/floor.ts, a plain Node.js loop with global `fetch` reading the same pages one at a time with the same auth (its own process, ' +
			'tokens fetched and one untimed request made before the clock starts, so fetch\'s lazy loading is not timed); timed from the first request to the last parsed page.',
	);
	lines.push(
		'- **latency limit**: the least time a client with ours\' requests in flight needs at that latency: list pages ÷ Parallel Requests × latency (the formula of issue #13; ' +
			'the first page, and Accelo\'s count request before it, go alone, so a real client stays a little above it).',
	);
	lines.push('');
	lines.push('How:');
	lines.push('');
	lines.push(
		`- **Time** is n8n's own \`executionTime\` of the node's task data (baseline: HTTP Request + Split Out), median of ${results.config.repeats} ` +
			'executions of the workflow with the branch order rotated (n8n v1 order runs the topmost branch first), each a fresh ' +
			`\`n8n execute\` process. Floor: median of ${results.config.floorRepeats} runs. Every branch is checked to return exactly N items with N distinct job ids, or the bench fails.`,
	);
	lines.push(
		'- **Requests** are what the simulator logged: the baseline and the floor tag theirs with an `X-Bench-Branch` header; our node sends none, so its requests go to the branch of ours ' +
			'running when they arrived (n8n runs one branch after the other). The bench fails unless the floor makes exactly the requests of a one-page-at-a-time read, ours at Parallel Requests 1 exactly its own ' +
			'(the same, except Accelo: every page after the first starts 3 jobs back, so that a job deleted during the read cannot move a job past the reader; 10,000 jobs take 104 pages instead of 101), ' +
			'ours with its default makes no more pages and at most one other request (Accelo\'s `/jobs/count`), every run of a branch makes the same count, ' +
			'ours at Parallel Requests 1 never has two requests in flight and ours never more than its setting. ' +
			'Token requests are not counted: a warm-up execution (Get Many, Limit 1) makes n8n fetch an OAuth2 token and store it in the credential first.',
	);
	lines.push(
		`- **Memory** comes from separate executions, one per branch (a workflow holding only ours or only the baseline), so that a peak belongs to one branch. ` +
			`A worker thread reads \`/proc/<pid>/status\` of the \`n8n execute\` process every ${results.config.sampleIntervalMs} ms. ` +
			'*Peak* is the highest resident set while the branch\'s nodes ran; *growth* is that peak minus the RSS when the branch started (n8n itself, idle, peaks at ' +
			`${results.idle.processPeakMb === undefined ? '?' : fmtMb(results.idle.processPeakMb)} MB). ` +
			'*Process peak* is VmHWM of the whole `n8n execute`, which also holds n8n printing the run JSON of every item at the end.',
	);
	lines.push(
		'- The simulators run in the bench process (Node.js ' +
			`${v.nodeForBench}), n8n and the floor in processes of their own, on ${m.cores} cores. ` +
			(results.config.gcBetweenRuns
				? 'The bench process runs a full GC before every measured run.'
				: 'The bench process ran without --expose-gc: its own garbage collection may have slowed the simulator during some runs.') +
			' Workflows are saved with `saveDataSuccessExecution: none`, so n8n does not write big runs to SQLite.',
	);
	lines.push('');
	lines.push('## Targets of issue #13');
	lines.push('');
	lines.push(...targetLines(cases, previous));
	lines.push('');
	lines.push('## Results');
	lines.push('');
	lines.push(`![Execution time and memory per provider, size and latency](${chartFile})`);
	lines.push('');
	for (const latency of latencies) {
		const at = cases.filter((c) => (c.latencyMs ?? 0) === latency);
		if (at.length === 0) continue;
		lines.push(`### Time and requests at ${latency} ms latency`);
		lines.push('');
		lines.push(
			'| Provider | Jobs | Parallel requests | Requests ours / ours (1) / baseline / floor | Ours (ms) | Ours (1) (ms) | Baseline (ms) | Floor (ms) | Ours / baseline | Ours / floor | Ours (1) / baseline | Ours (1) / floor | Latency limit (ms) | Ours / limit |',
		);
		lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const c of at) lines.push(caseRow(c));
		lines.push('');
	}
	const atZero = cases.filter((c) => (c.latencyMs ?? 0) === 0);
	if (atZero.length) {
		lines.push('### Time outside the simulator (0 ms)');
		lines.push('');
		lines.push(
			'A branch\'s time is the simulator\'s handling time (measured in the bench process around every request, by branch) plus everything on the client\'s side ' +
				'(n8n, the node, HTTP, JSON). This table takes the simulator out; with pages in flight at once the simulator times overlap, so for ours with its default it takes out too much.',
		);
		lines.push('');
		lines.push('| Provider | Jobs | Simulator time ours / ours (1) / baseline / floor (ms) | Ours − sim (ms) | Ours (1) − sim (ms) | Baseline − sim (ms) | Floor − sim (ms) | Ours / baseline | Ours / floor |');
		lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const c of atZero) lines.push(clientRow(c));
		lines.push('');
	}
	lines.push('### Memory of the n8n process (separate execution per branch)');
	lines.push('');
	lines.push('| Provider | Jobs | Latency (ms) | Peak RSS ours (MB) | Peak RSS baseline (MB) | Ours / baseline | Growth ours (MB) | Growth baseline (MB) | Ours / baseline | Process peak ours / baseline (MB) | Floor growth / process peak (MB) | Run JSON printed ours / baseline (MB) |');
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const c of cases) lines.push(memoryRow(c));
	lines.push('');
	lines.push('### Samples behind the medians (ms)');
	lines.push('');
	lines.push('| Provider | Jobs | Latency (ms) | Ours | Ours (1) | Baseline | Floor | Solo runs ours / baseline | Ours: most requests in flight | `n8n execute` wall time per run (s) |');
	lines.push('|---|---:|---:|---|---|---|---|---|---:|---|');
	for (const c of cases) lines.push(samplesRow(c));
	lines.push('');
	lines.push(...profileLines(results));
	lines.push('## Notes');
	lines.push('');
	const acceloCases = cases.filter((c) => c.provider === 'accelo');
	if (acceloCases.length) {
		const warm = acceloCases.map((c) => c.executions.find((e) => e.kind === 'warmup')?.tokenRequests ?? 0);
		const later = acceloCases.flatMap((c) => c.executions.filter((e) => e.kind !== 'warmup')).map((e) => e.tokenRequests);
		lines.push(
			`- **Accelo OAuth2 in \`n8n execute\`.** The credential is imported as the dialog saves it; n8n fetched the token itself on first use (token requests in the warm-up executions: ${warm.join(', ')}), ` +
				`stored it in the credential, and every later execution reused it (token requests: ${later.reduce((a, b) => a + b, 0)} in ${later.length} executions). ` +
				'The HTTP Request node takes the community credential type `acceloOAuth2Api` as a "Predefined Credential Type". ' +
				'Ours with its default asks `/jobs/count` first and then reads exactly the pages the count gives, so it needs no empty page at the end: the same pages as one page at a time, plus the count. Every page after the first starts 3 jobs back (a job deleted during the read cannot push another past the reader): 104 pages for 10,000 jobs where the baseline reads 101.',
		);
	}
	lines.push(
		'- **HTTP Request pagination, as configured here.** The Complete Expression must be exactly `={{ … }}` (HttpRequestV3 `completeExpression.trim().slice(3, -2)`). ' +
			'All pages are collected before the node emits anything, one item per page (so Split Out is needed), and the execution then holds every job twice. ' +
			'It reads one page at a time: n8n\'s pagination has no parallel mode, so at a latency its time is pages × latency at least.',
	);
	if (cases.some((c) => c.provider === 'planado')) {
		lines.push(
			'- **Planado paces itself.** Planado allows 90 calls a minute per account (https://api-docs.planadoapp.com/docs/v2/index.html, "Rate limiting"); our node sends up to 81 calls at once and then one every 700 ms, ' +
				'so a read of more than 81 pages takes about 0.7 s a page whatever the latency. The simulator\'s limit is lifted in the bench, so the baseline and the floor, which do not pace, are not stopped; against the real API they would get 429 after 90 calls in a minute.',
		);
	}
	lines.push(
		'- **`n8n execute` prints the whole run** (every item of every node) at the end, after the nodes ran; that is outside the node times but inside the process peak. The bench sends it to a file.',
	);
	lines.push('');
	lines.push('## Closing note');
	lines.push('');
	for (const latency of latencies) {
		for (const provider of results.config.providers) {
			const list = cases.filter((c) => c.provider === provider && (c.latencyMs ?? 0) === latency);
			if (list.length === 0) continue;
			const per = (f: (c: CaseResult) => number | undefined) => list.map((c) => `${opt(f(c), fmtRatio)} at ${fmtInt(c.size)}`).join(', ');
			lines.push(
				`- **${PROVIDER_NAMES[provider] ?? provider}, ${latency} ms**: ours/baseline ${per((c) => c.summary.ratios.oursToBaseline)} jobs; ours/floor ${per((c) => c.summary.ratios.oursToFloor)}` +
					(list.some((c) => c.summary.ratios.oursSeqToBaseline !== undefined) ? `; ours (1)/baseline ${per((c) => c.summary.ratios.oursSeqToBaseline)}` : '') +
					(latency > 0 ? `; ours/latency limit ${per((c) => c.summary.oursToLimit)}` : '') +
					`; memory growth ours/baseline ${per((c) => c.summary.memory.growthRatio)}. Requests ours ${list.map((c) => c.summary.requests.ours).join(' / ')}, baseline ${list.map((c) => c.summary.requests.baseline).join(' / ')}.`,
			);
		}
	}
	lines.push('');
	return `${lines.join('\n')}\n`;
}

/** Writes results.md, results.svg and (with rsvg-convert) results.png into outDir; returns the file names. */
export function writeReport(results: BenchResults, outDir: string): string[] {
	const written: string[] = [];
	const svgPath = join(outDir, 'results.svg');
	writeFileSync(svgPath, renderChart(results), 'utf8');
	written.push('results.svg');
	const pngPath = join(outDir, 'results.png');
	const png = spawnSync('rsvg-convert', ['--background-color', 'white', '-o', pngPath, svgPath], { encoding: 'utf8' });
	let chartFile = 'results.svg';
	if (png.status === 0 && existsSync(pngPath)) {
		chartFile = 'results.png';
		written.push('results.png');
	} else {
		rmSync(pngPath, { force: true });
		process.stderr.write('[bench] rsvg-convert not available: the chart is results.svg only (apt-get install librsvg2-bin for a PNG)\n');
	}
	writeFileSync(join(outDir, 'results.md'), renderMarkdown(results, chartFile), 'utf8');
	written.push('results.md');
	return written;
}

if (require.main === module) {
	const file = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'bench', 'results.json'));
	const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
	const written = writeReport(results, dirname(file));
	process.stdout.write(`wrote ${written.map((f) => join(dirname(file), f)).join(', ')}\n`);
}
