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
import type { BenchResults, CaseResult } from './results';

/** Display names of the providers in the registry, by key. */
const PROVIDER_NAMES: Record<string, string> = Object.fromEntries(PROVIDERS.map((p) => [p.key, p.displayName]));

const COLORS = { ours: '#2563eb', baseline: '#f97316', floor: '#6b7280' };

function fmtInt(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

function fmtMs(n: number): string {
	if (n >= 100) return fmtInt(n);
	if (n >= 10) return n.toFixed(1);
	return n.toFixed(2);
}

function fmtRatio(n: number): string {
	if (!Number.isFinite(n)) return 'n/a';
	return n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function fmtMb(n: number): string {
	return n.toFixed(0);
}

/** Median growth of the floor process's RSS during its loop (MB). */
function floorGrowthMb(c: CaseResult): number {
	const values = c.floor.map((f) => f.growthKb / 1024).sort((a, b) => a - b);
	return values[Math.floor(values.length / 2)];
}

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------
// Chart

interface Series {
	name: string;
	color: string;
	values: number[];
	labels: string[];
}

interface Panel {
	x: number;
	y: number;
	w: number;
	h: number;
	title: string;
	axisLabel: string;
	groups: string[];
	series: Series[];
	scale: 'log' | 'linear';
}

function niceMax(max: number): number {
	if (max <= 0) return 1;
	const exp = 10 ** Math.floor(Math.log10(max));
	for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * exp >= max) return m * exp;
	return 10 * exp;
}

function drawPanel(p: Panel): string {
	const out: string[] = [];
	const left = p.x + 58;
	const right = p.x + p.w - 10;
	const top = p.y + 34;
	const bottom = p.y + p.h - 34;
	const plotH = bottom - top;
	const values = p.series.flatMap((s) => s.values).filter((v) => Number.isFinite(v) && v > 0);
	let toY: (v: number) => number;
	const ticks: Array<{ v: number; label: string }> = [];
	if (p.scale === 'log') {
		const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
		const hi = 10 ** Math.ceil(Math.log10(Math.max(...values) * 1.15));
		const span = Math.log10(hi) - Math.log10(lo);
		toY = (v) => bottom - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / span) * plotH;
		for (let v = lo; v <= hi * 1.0001; v *= 10) ticks.push({ v, label: v >= 1000 ? `${v / 1000}k` : String(v) });
	} else {
		const hi = niceMax(Math.max(...values) * 1.12);
		toY = (v) => bottom - (v / hi) * plotH;
		for (let i = 0; i <= 5; i++) ticks.push({ v: (hi * i) / 5, label: fmtInt((hi * i) / 5) });
	}
	out.push(`<text x="${p.x + p.w / 2}" y="${p.y + 16}" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(p.title)}</text>`);
	for (const tick of ticks) {
		const y = toY(tick.v).toFixed(1);
		out.push(`<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`);
		out.push(`<text x="${left - 6}" y="${y}" dy="4" text-anchor="end" font-size="11" fill="#374151">${tick.label}</text>`);
	}
	out.push(
		`<text transform="translate(${p.x + 14},${(top + bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="11" fill="#374151">${escapeXml(p.axisLabel)}</text>`,
	);
	out.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#9ca3af"/>`);
	const groupW = (right - left) / p.groups.length;
	const barW = Math.min(44, (groupW - 24) / p.series.length);
	p.groups.forEach((group, g) => {
		const gx = left + g * groupW + (groupW - barW * p.series.length) / 2;
		p.series.forEach((s, i) => {
			const v = s.values[g];
			if (!Number.isFinite(v)) return;
			const x = gx + i * barW;
			const y = toY(v);
			out.push(
				`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${Math.max(0, bottom - y).toFixed(1)}" fill="${s.color}"/>`,
			);
			out.push(
				`<text x="${(x + barW / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="#111827">${escapeXml(s.labels[g])}</text>`,
			);
		});
		out.push(
			`<text x="${(left + g * groupW + groupW / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="12" fill="#111827">${escapeXml(group)}</text>`,
		);
	});
	return out.join('\n');
}

export function renderChart(results: BenchResults): string {
	const providers = results.config.providers;
	const panelW = 470;
	const panelH = 300;
	const width = 20 + panelW * providers.length + 10;
	const height = 70 + panelH * 2 + 10;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
	);
	parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
	parts.push(
		`<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">Get Many, Return All, page size ${results.config.pageSize}: n8n ${escapeXml(results.versions.n8n)}, ${escapeXml(results.machine.cpuModel)}, ${results.machine.cores} cores</text>`,
	);
	const legend: Array<[string, string]> = [
		['our node', COLORS.ours],
		['baseline: HTTP Request + Split Out', COLORS.baseline],
		['floor: plain Node.js fetch loop', COLORS.floor],
	];
	let lx = width / 2 - 300;
	for (const [name, color] of legend) {
		parts.push(`<rect x="${lx}" y="36" width="12" height="12" fill="${color}"/>`);
		parts.push(`<text x="${lx + 17}" y="46" font-size="12">${escapeXml(name)}</text>`);
		lx += 17 + name.length * 7 + 24;
	}
	providers.forEach((provider, col) => {
		const cases = results.cases.filter((c) => c.provider === provider).sort((a, b) => a.size - b.size);
		const groups = cases.map((c) => `${fmtInt(c.size)} jobs`);
		const x = 20 + col * panelW;
		parts.push(
			drawPanel({
				x,
				y: 60,
				w: panelW - 10,
				h: panelH,
				title: `${PROVIDER_NAMES[provider] ?? provider}: execution time (ms, log scale)`,
				axisLabel: 'ms (median)',
				groups,
				scale: 'log',
				series: [
					{ name: 'ours', color: COLORS.ours, values: cases.map((c) => c.summary.timeMs.ours), labels: cases.map((c) => fmtMs(c.summary.timeMs.ours)) },
					{
						name: 'baseline',
						color: COLORS.baseline,
						values: cases.map((c) => c.summary.timeMs.baseline),
						labels: cases.map((c) => fmtMs(c.summary.timeMs.baseline)),
					},
					{ name: 'floor', color: COLORS.floor, values: cases.map((c) => c.summary.timeMs.floor), labels: cases.map((c) => fmtMs(c.summary.timeMs.floor)) },
				],
			}),
		);
		parts.push(
			drawPanel({
				x,
				y: 60 + panelH,
				w: panelW - 10,
				h: panelH,
				title: `${PROVIDER_NAMES[provider] ?? provider}: n8n RSS growth during the branch (MB)`,
				axisLabel: 'MB above RSS at branch start',
				groups,
				scale: 'linear',
				series: [
					{
						name: 'ours',
						color: COLORS.ours,
						values: cases.map((c) => Math.max(0, c.summary.memory.ours.growthMb)),
						labels: cases.map((c) => fmtMb(c.summary.memory.ours.growthMb)),
					},
					{
						name: 'baseline',
						color: COLORS.baseline,
						values: cases.map((c) => Math.max(0, c.summary.memory.baseline.growthMb)),
						labels: cases.map((c) => fmtMb(c.summary.memory.baseline.growthMb)),
					},
					{
						name: 'floor',
						color: COLORS.floor,
						values: cases.map((c) => floorGrowthMb(c)),
						labels: cases.map((c) => fmtMb(floorGrowthMb(c))),
					},
				],
			}),
		);
	});
	parts.push(
		`<text x="${width - 12}" y="${height - 6}" text-anchor="end" font-size="10" fill="#6b7280">time: n8n executionTime, median of ${results.config.repeats} two-branch runs; memory: one execution per branch (floor: its own process)</text>`,
	);
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

function range(values: number[]): string {
	const finite = values.filter(Number.isFinite);
	const lo = Math.min(...finite);
	const hi = Math.max(...finite);
	return lo.toFixed(2) === hi.toFixed(2) ? fmtRatio(lo) : `${fmtRatio(lo)}–${fmtRatio(hi)}`;
}

function caseRow(c: CaseResult): string {
	const s = c.summary;
	return (
		`| ${PROVIDER_NAMES[c.provider] ?? c.provider} | ${fmtInt(c.size)} | ${s.requests.ours} / ${s.requests.baseline} / ${s.requests.floor} | ` +
		`${fmtMs(s.timeMs.ours)} | ${fmtMs(s.timeMs.baseline)} | ${fmtMs(s.timeMs.floor)} | ` +
		`**${fmtRatio(s.ratios.oursToBaseline)}** | **${fmtRatio(s.ratios.oursToFloor)}** | ${fmtRatio(s.ratios.baselineToFloor)} |`
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
		`| ${PROVIDER_NAMES[c.provider] ?? c.provider} | ${fmtInt(c.size)} | ${fmtMb(m.ours.peakMb)} | ${fmtMb(m.baseline.peakMb)} | **${fmtRatio(m.peakRatio)}** | ` +
		`${fmtMb(m.ours.growthMb)} | ${fmtMb(m.baseline.growthMb)} | **${fmtRatio(m.growthRatio)}** | ` +
		`${m.processPeakMb.ours === undefined ? '?' : fmtMb(m.processPeakMb.ours)} / ${m.processPeakMb.baseline === undefined ? '?' : fmtMb(m.processPeakMb.baseline)} | ${fmtMb(floorGrowth)} / ${fmtMb(floorPeak)} | ${soloOutputMb(c, 'ours')} / ${soloOutputMb(c, 'baseline')} |`
	);
}

function clientRow(c: CaseResult): string {
	const s = c.summary;
	return (
		`| ${PROVIDER_NAMES[c.provider] ?? c.provider} | ${fmtInt(c.size)} | ${fmtMs(s.simMs.ours)} / ${fmtMs(s.simMs.baseline)} / ${fmtMs(s.simMs.floor)} | ` +
		`${fmtMs(s.clientMs.ours)} | ${fmtMs(s.clientMs.baseline)} | ${fmtMs(s.clientMs.floor)} | ${fmtRatio(s.clientRatios.oursToBaseline)} | ${fmtRatio(s.clientRatios.oursToFloor)} |`
	);
}

function samplesRow(c: CaseResult): string {
	const s = c.summary;
	const list = (v: number[]) => v.map(fmtMs).join(', ');
	const combined = c.executions.filter((e) => e.kind === 'combined');
	const process = combined.map((e) => (e.processMs / 1000).toFixed(1)).join(', ');
	const pages = c.executions.flatMap((e) => e.branches).find((b) => b.branch === 'baseline')?.pages;
	return (
		`| ${PROVIDER_NAMES[c.provider] ?? c.provider} | ${fmtInt(c.size)} | ${list(s.timeSamplesMs.ours)} | ${list(s.timeSamplesMs.baseline)} | ` +
		`${list(s.timeSamplesMs.floor)} | ${fmtMs(s.soloTimeMs.ours)} / ${fmtMs(s.soloTimeMs.baseline)} | ${pages ?? '?'} | ${process} |`
	);
}

export function renderMarkdown(results: BenchResults, chartFile: string): string {
	const m = results.machine;
	const v = results.versions;
	const order = (p: string) => results.config.providers.indexOf(p as (typeof results.config.providers)[number]);
	const cases = [...results.cases].sort((a, b) => order(a.provider) - order(b.provider) || a.size - b.size);
	const byProvider = (p: string) => cases.filter((c) => c.provider === p);
	const lines: string[] = [];
	lines.push('# Benchmark: Get Many with Return All');
	lines.push('');
	lines.push(
		`Generated by \`npm run bench\` (bench/run.ts) on ${results.date.slice(0, 10)}; the whole run took ${(results.totalMs / 60000).toFixed(1)} minutes. ` +
			'Raw measurements: [results.json](results.json). Not part of the tests.',
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
		`For each provider and size, a simulator (tooling/simulators) holding N jobs on loopback HTTP, and one n8n workflow with two branches from one Manual Trigger:`,
	);
	lines.push('');
	lines.push('- **ours**: the provider node, Job → Get Many, Return All (page size 100, the API maximum).');
	lines.push(
		`- **baseline**: what a user would otherwise build: \`n8n-nodes-base.httpRequest\` (typeVersion ${results.config.httpRequestTypeVersion}) with its ` +
			'Pagination option ("Update a Parameter in Each Request", "Pagination Complete When: Other"), same page size, then `n8n-nodes-base.splitOut` on the list field. ' +
			PROVIDERS.filter((p) => results.config.providers.includes(p.key))
				.map((p) => p.bench.baselineNote)
				.join(' '),
	);
	lines.push(
		'- **floor**: bench/floor.ts, a plain Node.js loop with global `fetch` reading the same pages with the same auth (its own process, ' +
			'Accelo token fetched and one untimed request made before the clock starts, so fetch\'s lazy loading is not timed); timed from the first request to the last parsed page.',
	);
	lines.push('');
	lines.push('How:');
	lines.push('');
	lines.push(
		`- **Time** is n8n's own \`executionTime\` of the node's task data (baseline: HTTP Request + Split Out), median of ${results.config.repeats} ` +
			'executions of the two-branch workflow with the branch order alternated (n8n v1 order runs the topmost branch first), each a fresh ' +
			`\`n8n execute\` process. Floor: median of ${results.config.floorRepeats} runs. Every branch is checked to return exactly N items with N distinct job ids, or the bench fails.`,
	);
	lines.push(
		'- **Requests** are what the simulator logged: the baseline and the floor tag theirs with an `X-Bench-Branch` header; our node sends none. ' +
			'Accelo token requests are not counted: a warm-up execution (Get Many, Limit 1) makes n8n fetch the client-credentials token and store it in the credential first.',
	);
	lines.push(
		`- **Memory** comes from separate executions, one per branch (a workflow holding only that branch), so that a peak belongs to one branch. ` +
			`A worker thread reads \`/proc/<pid>/status\` of the \`n8n execute\` process every ${results.config.sampleIntervalMs} ms. ` +
			'*Peak* is the highest resident set while the branch\'s nodes ran (from the node start/end times in the run data; VmHWM when it rose in that window, else the highest VmRSS sample); ' +
			'*growth* is that peak minus the RSS when the branch started (n8n itself, idle, peaks at ' +
			`${results.idle.processPeakMb === undefined ? '?' : fmtMb(results.idle.processPeakMb)} MB). ` +
			'*Process peak* is VmHWM of the whole `n8n execute`, which also holds n8n printing the run JSON of every item at the end (`n8n execute` always does).',
	);
	lines.push(
		'- The simulators run in the bench process (Node.js ' +
			`${v.nodeForBench}), n8n and the floor in processes of their own, on ${m.cores} cores. ` +
			(results.config.gcBetweenRuns
				? 'The bench process runs a full GC before every measured run, so that the garbage of parsing the previous run\'s output is not collected while the simulator serves the next one.'
				: 'The bench process ran without --expose-gc: its own garbage collection may have slowed the simulator during some runs.'),
	);
	lines.push(
		'- Workflows are saved with `saveDataSuccessExecution: none`, so n8n does not write 50,000-item runs to SQLite (that would happen after the nodes ran and is not in any number above).',
	);
	lines.push('');
	lines.push('## Results');
	lines.push('');
	lines.push(`![Execution time and memory per provider and size](${chartFile})`);
	lines.push('');
	lines.push('### Time and requests');
	lines.push('');
	lines.push('| Provider | Jobs | Requests ours / baseline / floor | Ours (ms) | Baseline (ms) | Floor (ms) | Ours / baseline | Ours / floor | Baseline / floor |');
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const c of cases) lines.push(caseRow(c));
	lines.push('');
	lines.push('### Time outside the simulator');
	lines.push('');
	lines.push(
		'Each client waits for one page at a time, so a branch\'s time is the simulator\'s handling time (measured in the bench process around every request, ' +
			'by branch) plus everything on the client\'s side (n8n, the node, HTTP, JSON). The simulator is the same for all three; this table takes it out.',
	);
	lines.push('');
	lines.push('| Provider | Jobs | Simulator time ours / baseline / floor (ms) | Ours − sim (ms) | Baseline − sim (ms) | Floor − sim (ms) | Ours / baseline | Ours / floor |');
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
	for (const c of cases) lines.push(clientRow(c));
	lines.push('');
	lines.push('### Memory of the n8n process (separate execution per branch)');
	lines.push('');
	lines.push('| Provider | Jobs | Peak RSS ours (MB) | Peak RSS baseline (MB) | Ours / baseline | Growth ours (MB) | Growth baseline (MB) | Ours / baseline | Process peak ours / baseline (MB) | Floor growth / process peak (MB) | Run JSON printed ours / baseline (MB) |');
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const c of cases) lines.push(memoryRow(c));
	lines.push('');
	lines.push('### Samples behind the medians (ms)');
	lines.push('');
	lines.push('| Provider | Jobs | Ours (two-branch runs) | Baseline (two-branch runs) | Floor | Solo runs ours / baseline | Baseline pages (HTTP Request items) | `n8n execute` wall time per two-branch run (s) |');
	lines.push('|---|---:|---|---|---|---|---:|---|');
	for (const c of cases) lines.push(samplesRow(c));
	lines.push('');
	lines.push('## Notes');
	lines.push('');
	const acceloCases = cases.filter((c) => c.provider === 'accelo');
	if (acceloCases.length) {
		const warm = acceloCases.map((c) => c.executions.find((e) => e.kind === 'warmup')?.tokenRequests ?? 0);
		const later = acceloCases.flatMap((c) => c.executions.filter((e) => e.kind !== 'warmup')).map((e) => e.tokenRequests);
		lines.push(
			`- **Accelo OAuth2 in \`n8n execute\`.** The credential is imported with \`n8n import:credentials\` as the dialog saves it: \`deployment\`, \`baseUrl\`, \`clientId\`, \`clientSecret\`, \`scope\`; ` +
				'the hidden fields (grant type `clientCredentials`, the token URL expression, `authentication: header`) are left out and n8n fills in their defaults when it decrypts the credential. ' +
				`n8n fetched the token itself on first use (token requests in the warm-up executions: ${warm.join(', ')}), stored it in the credential, and every later execution, ` +
				`our node and the HTTP Request node alike, reused it (token requests: ${later.reduce((a, b) => a + b, 0)} in ${later.length} executions). ` +
				'The HTTP Request node takes the community credential type `acceloOAuth2Api` as a "Predefined Credential Type" (n8n lets HTTP Request use any credential type), so no generic OAuth2 credential was needed.',
		);
	}
	lines.push(
		'- **HTTP Request pagination, as configured here.** The Complete Expression must be exactly `={{ … }}`: n8n cuts the first three and the last two characters off and wraps the rest in `!(…)` ' +
			'(HttpRequestV3 `completeExpression.trim().slice(3, -2)`), so anything outside the braces breaks it. `$pageCount` is 0 when the first request is built, hence `page = $pageCount + 1` and `_offset = $pageCount * 100`. ' +
			'All pages are collected before the node emits anything, one item per page (so Split Out is needed), and the execution then holds every job twice (pages and split items); ' +
			'the run JSON column above shows it. Three identical pages in a row stop it with "The returned response was identical 5x". ' +
			'There is no de-duplication and no wait-and-retry on 429 inside the loop (a failing page fails the node; "Limit Pages Fetched" is the only cap). With Accelo\'s short-page end signal both ours and the baseline need one extra, empty request when N is a multiple of 100.',
	);
	lines.push(
		'- **`n8n execute` prints the whole run** (every item of every node, pretty-printed JSON) at the end, after the nodes ran; that is outside the node times but inside the process peak. ' +
			'Through a pipe the output was cut off at about 6 MB when n8n exited, so the bench sends it to a file.',
	);
	const slow = cases.filter((c) => c.summary.ratios.oursToBaseline > 1.1);
	if (slow.length) {
		lines.push(
			`- **Where our node loses time** (ours/baseline above 1.1 in ${slow.length} of ${cases.length} cases). A CPU profile of \`n8n execute\` for FSM Navigator with 50,000 jobs, taken while building the bench (\`--cpu-prof\`), ` +
				'showed, within the node\'s 4.9 s: about 0.45 s in SQLite/TypeORM and 0.34 s in AES decryption (`decryptV2`) plus about 0.3 s resolving credential expressions, because every page looks the credential up twice ' +
				'(`this.getCredentials` in shared/transport.ts `providerRequest` for the base URL, and again inside `httpRequestWithAuthentication`), and in the n8n CLI each lookup is a database read, a decryption and an expression evaluation. ' +
				'The baseline with a plain header does none of that per page. Reading the credential once per Get Many (not once per page) would remove one of the two lookups.',
		);
	}
	lines.push('');
	lines.push('## Closing note');
	lines.push('');
	for (const provider of results.config.providers) {
		const list = byProvider(provider);
		if (list.length === 0) continue;
		const name = PROVIDER_NAMES[provider] ?? provider;
		const per = (f: (c: CaseResult) => number) => list.map((c) => `${fmtRatio(f(c))} at ${fmtInt(c.size)}`).join(', ');
		lines.push(
			`- **${name}**: ours/baseline time ${per((c) => c.summary.ratios.oursToBaseline)} jobs; ` +
				`ours/floor ${per((c) => c.summary.ratios.oursToFloor)} (baseline/floor ${per((c) => c.summary.ratios.baselineToFloor)}). ` +
				`Outside the simulator: ours/baseline ${per((c) => c.summary.clientRatios.oursToBaseline)}, ours/floor ${per((c) => c.summary.clientRatios.oursToFloor)}. ` +
				`Memory growth ours/baseline ${per((c) => c.summary.memory.growthRatio)}; peak RSS ours/baseline ${per((c) => c.summary.memory.peakRatio)}. ` +
				`Requests: ours ${list.map((c) => c.summary.requests.ours).join(' / ')}, baseline ${list.map((c) => c.summary.requests.baseline).join(' / ')}, floor ${list.map((c) => c.summary.requests.floor).join(' / ')}.`,
		);
	}
	const all = cases;
	lines.push(
		`- Over all cases: ours/baseline time ${range(all.map((c) => c.summary.ratios.oursToBaseline))}, ours/floor ${range(all.map((c) => c.summary.ratios.oursToFloor))} ` +
			`(outside the simulator: ${range(all.map((c) => c.summary.clientRatios.oursToBaseline))} and ${range(all.map((c) => c.summary.clientRatios.oursToFloor))}), ` +
			`ours/baseline memory growth ${range(all.map((c) => c.summary.memory.growthRatio))}.`,
	);
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
