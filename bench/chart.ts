/** The benchmark's chart, drawn by hand as SVG (no chart service, no dependencies). */
import type { BenchResults, CaseResult } from './results';
import { PROVIDER_NAMES, fmtInt, fmtMb, fmtMs, floorGrowthMb } from './format';

const COLORS = { ours: '#2563eb', oursSeq: '#93c5fd', baseline: '#f97316', floor: '#6b7280' };
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

const BRANCH_LABELS: Record<'ours' | 'oursSeq' | 'baseline' | 'floor', string> = {
	ours: 'our node (default Parallel Requests)',
	oursSeq: 'our node, Parallel Requests 1',
	baseline: 'baseline: HTTP Request + Split Out',
	floor: 'floor: plain Node.js fetch loop',
};

function timeSeries(cases: CaseResult[]): Series[] {
	const series: Series[] = [];
	const keys: Array<'ours' | 'oursSeq' | 'baseline' | 'floor'> = ['ours', 'oursSeq', 'baseline', 'floor'];
	for (const key of keys) {
		if (!cases.some((c) => c.summary.timeMs[key] !== undefined)) continue;
		const values = cases.map((c) => c.summary.timeMs[key] ?? Number.NaN);
		series.push({ name: key, color: COLORS[key], values, labels: values.map((v) => (Number.isFinite(v) ? fmtMs(v) : '')) });
	}
	return series;
}

export function renderChart(results: BenchResults): string {
	const providers = results.config.providers;
	const latencies = results.config.latencies ?? [0];
	const panelW = 430;
	const panelH = 280;
	const width = 20 + panelW * providers.length + 10;
	const height = 70 + panelH * (latencies.length + 1) + 10;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
	);
	parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
	parts.push(
		`<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">Get Many, Return All: n8n ${escapeXml(results.versions.n8n)}, ${escapeXml(results.machine.cpuModel)}, ${results.machine.cores} cores</text>`,
	);
	let lx = width / 2 - 420;
	for (const key of ['ours', 'oursSeq', 'baseline', 'floor'] as const) {
		parts.push(`<rect x="${lx}" y="36" width="12" height="12" fill="${COLORS[key]}"/>`);
		parts.push(`<text x="${lx + 17}" y="46" font-size="12">${escapeXml(BRANCH_LABELS[key])}</text>`);
		lx += 17 + BRANCH_LABELS[key].length * 6.6 + 24;
	}
	providers.forEach((provider, col) => {
		const x = 20 + col * panelW;
		const name = PROVIDER_NAMES[provider] ?? provider;
		latencies.forEach((latency, row) => {
			const cases = results.cases.filter((c) => c.provider === provider && (c.latencyMs ?? 0) === latency).sort((a, b) => a.size - b.size);
			if (cases.length === 0) return;
			parts.push(
				drawPanel({
					x,
					y: 60 + row * panelH,
					w: panelW - 10,
					h: panelH,
					title: `${name}, ${latency} ms latency: time (ms, log)`,
					axisLabel: 'ms (median)',
					groups: cases.map((c) => `${fmtInt(c.size)} jobs`),
					scale: 'log',
					series: timeSeries(cases),
				}),
			);
		});
		const cases = results.cases.filter((c) => c.provider === provider && (c.latencyMs ?? 0) === latencies[0]).sort((a, b) => a.size - b.size);
		if (cases.length === 0) return;
		parts.push(
			drawPanel({
				x,
				y: 60 + latencies.length * panelH,
				w: panelW - 10,
				h: panelH,
				title: `${name}: RSS growth (MB), ${latencies[0]} ms`,
				axisLabel: 'MB above RSS at branch start',
				groups: cases.map((c) => `${fmtInt(c.size)} jobs`),
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
					{ name: 'floor', color: COLORS.floor, values: cases.map((c) => floorGrowthMb(c)), labels: cases.map((c) => fmtMb(floorGrowthMb(c))) },
				],
			}),
		);
	});
	parts.push(
		`<text x="${width - 12}" y="${height - 6}" text-anchor="end" font-size="10" fill="#6b7280">time: n8n executionTime, median of ${results.config.repeats} runs of one workflow holding every branch; memory: one execution per branch (floor: its own process)</text>`,
	);
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown
