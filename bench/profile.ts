/**
 * Where a Get Many's CPU time goes inside n8n: one `n8n execute` of our node alone with V8's CPU
 * profiler on (`--cpu-prof` through NODE_OPTIONS; https://nodejs.org/api/cli.html#--cpu-prof), the
 * profile of the main n8n process cut to the node's run (first to last sample with our package on the
 * stack near the node's start and end, placed in the profile's clock by the moment the process
 * exited) and summed by self time: our package, n8n, JSON, Node's HTTP, GC, idle (waiting on the
 * simulator). Inclusive figures show what a whole call costs, such as resolving the credential.
 *
 * The .cpuprofile format (nodes with call frames and children, samples, timeDeltas in µs):
 * https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { importCredentials, importWorkflow, nodeOutput, type N8nHome } from '../tooling/n8n';
import { providerByKey } from '../tooling/providers';
import { executeSampled } from './execute';
import type { ProfileEntry, ProfileSummary } from './results';
import { startSimulator } from './simulator';
import { fail, log } from './util';
import { benchWorkflow, NODE_NAMES } from './workflows';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const PACKAGE_DIR = '/node_modules/n8n-nodes-field-service/';

/** Inclusive buckets: time with a frame of this name (or script) anywhere on the stack. */
const INCLUSIVE: Array<{ name: string; match: (frame: CallFrame) => boolean }> = [
	{ name: 'our package (any frame of ours on the stack)', match: (f) => f.url.includes(PACKAGE_DIR) },
	{ name: 'credential resolution (getCredentials)', match: (f) => /^(getCredentials|_getCredentials|getDecrypted)$/.test(f.functionName) },
	{ name: 'credential decryption (Cipher.decrypt)', match: (f) => /^decrypt(V\d)?$/.test(f.functionName) && f.url.includes('n8n-core') },
	{ name: 'httpRequestWithAuthentication', match: (f) => f.functionName === 'httpRequestWithAuthentication' },
	{ name: 'JSON.parse', match: (f) => f.functionName === 'parse' && f.url === '' },
	{ name: 'JSON.stringify', match: (f) => f.functionName === 'stringify' && f.url === '' },
	{ name: 'database (typeorm, sqlite3)', match: (f) => /\/node_modules\/(typeorm|sqlite3|@n8n\/typeorm)\//.test(f.url) },
];

/** The package a script belongs to ('node:http', 'n8n-core', 'ours', …). */
function packageOf(url: string): string {
	if (url === '') return '';
	if (url.includes(PACKAGE_DIR)) return 'ours';
	if (url.startsWith('node:')) return url;
	const parts = url.split('/node_modules/');
	const last = parts[parts.length - 1];
	if (parts.length === 1) return url;
	const segments = last.split('/');
	return segments[0].startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0];
}

function categoryOf(frame: CallFrame): string {
	const { functionName: name, url } = frame;
	if (name === '(idle)') return 'idle (waiting for answers)';
	if (name === '(garbage collector)') return 'GC';
	if (name === '(program)') return 'V8 (program)';
	if (url === '' && (name === 'parse' || name === 'stringify')) return `JSON.${name}`;
	if (url === '') return 'V8 builtins and native';
	const pkg = packageOf(url);
	if (pkg === 'ours') return 'ours (n8n-nodes-field-service)';
	if (pkg.startsWith('node:')) return 'Node.js runtime (http, net, streams, modules)';
	// The database first: n8n's TypeORM fork is an @n8n package too.
	if (/^(typeorm|sqlite3|@n8n\/typeorm)$/.test(pkg)) return 'database';
	if (/^(n8n|n8n-core|n8n-workflow|n8n-nodes-base|@n8n\/.*)$/.test(pkg)) return 'n8n';
	if (/^(axios|follow-redirects|form-data|proxy-from-env)$/.test(pkg)) return 'HTTP client (axios)';
	return 'other libraries';
}

function shortWhere(frame: CallFrame): string {
	const pkg = packageOf(frame.url);
	if (pkg === '') return '(native)';
	const tail = frame.url.split('/node_modules/').pop() ?? frame.url;
	if (pkg === 'ours') return `ours: ${tail.replace(/^n8n-nodes-field-service\/dist\//, '')}:${frame.lineNumber + 1}`;
	return `${tail.replace(/^file:\/\//, '')}:${frame.lineNumber + 1}`;
}

/** How far the node's times placed in the profile's clock may be off (the exit takes a while). */
const ANCHOR_SLACK_US = 1_000_000;

/**
 * The profile cut to our node's run, summed: first to last sample with our package on the stack,
 * among those near `window` (the node's run placed in the profile's clock, µs) so that loading the
 * package at start-up is left out.
 */
export function analyseProfile(
	profile: CpuProfile,
	window?: { startUs: number; endUs: number },
): Omit<ProfileSummary, 'provider' | 'size' | 'latencyMs' | 'nodeMs' | 'pages'> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	const stackOf = (id: number): CallFrame[] => {
		const frames: CallFrame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
		return frames;
	};
	const ours = new Map<number, boolean>();
	const isOurs = (id: number): boolean => {
		let v = ours.get(id);
		if (v === undefined) {
			v = stackOf(id).some((f) => f.url.includes(PACKAGE_DIR));
			ours.set(id, v);
		}
		return v;
	};
	// Sample i covers timeDeltas[i + 1] (the time until the next sample).
	const times: number[] = [];
	let t = profile.startTime;
	for (const delta of profile.timeDeltas) times.push((t += delta));
	let first = -1;
	let last = -1;
	profile.samples.forEach((id, i) => {
		const near = !window || (times[i] >= window.startUs - ANCHOR_SLACK_US && times[i] <= window.endUs + ANCHOR_SLACK_US);
		if (near && isOurs(id)) {
			if (first < 0) first = i;
			last = i;
		}
	});
	if (first < 0) fail('the CPU profile holds no sample with our package on the stack');
	const self = new Map<number, number>();
	for (let i = first; i <= last; i++) {
		const dur = (i + 1 < times.length ? times[i + 1] - times[i] : 0) / 1000;
		self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dur);
	}
	const categories: Record<string, number> = {};
	const inclusive: Record<string, number> = Object.fromEntries(INCLUSIVE.map((b) => [b.name, 0]));
	const byFunction = new Map<string, ProfileEntry>();
	let sampledMs = 0;
	for (const [id, ms] of self) {
		sampledMs += ms;
		const frame = byId.get(id)!.callFrame;
		const category = categoryOf(frame);
		categories[category] = (categories[category] ?? 0) + ms;
		const stack = stackOf(id);
		for (const bucket of INCLUSIVE) if (stack.some(bucket.match)) inclusive[bucket.name] += ms;
		const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
		const entry = byFunction.get(key) ?? { functionName: frame.functionName || '(anonymous)', where: shortWhere(frame), category, selfMs: 0 };
		entry.selfMs += ms;
		byFunction.set(key, entry);
	}
	const entries = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs);
	const round = (ms: number) => Math.round(ms * 10) / 10;
	const roundAll = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v)]));
	const roundEntry = (e: ProfileEntry): ProfileEntry => ({ ...e, selfMs: round(e.selfMs) });
	return {
		windowMs: round((times[last] - times[first]) / 1000),
		sampledMs: round(sampledMs),
		categories: roundAll(categories),
		inclusive: roundAll(inclusive),
		top: entries.filter((e) => !e.functionName.startsWith('(')).slice(0, 25).map(roundEntry),
		topOurs: entries.filter((e) => e.category.startsWith('ours')).slice(0, 15).map(roundEntry),
	};
}

/** One profiled `n8n execute` of Get Many (Return All, the node's defaults) on its own. */
export async function takeProfile(home: N8nHome, providerKey: string, size: number, latencyMs: number): Promise<ProfileSummary> {
	log(`CPU profile: ${providerKey}, ${size.toLocaleString('en-US')} jobs, ${latencyMs} ms latency`);
	const sim = await startSimulator(providerByKey(providerKey), size, latencyMs);
	const dir = join(home.root, 'cpu-profiles');
	try {
		const setup = sim.setup;
		const workflow = benchWorkflow(`profile-${providerKey}${size}`, setup, ['ours']);
		const warmup = benchWorkflow(`profile-${providerKey}${size}-warm`, setup, ['ours']);
		warmup.nodes.find((n) => n.name === NODE_NAMES.ours)!.parameters = { resource: 'job', operation: 'getAll', returnAll: false, limit: 1 };
		await importCredentials(home, [setup.credential]);
		await importWorkflow(home, [warmup, workflow]);
		// Warm-up: the OS file cache, and for OAuth2 the token stored in the credential.
		await executeSampled(home, warmup.id);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		sim.clear();
		const started = Date.now();
		const { outcome, pid } = await executeSampled(home, workflow.id, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
		// V8 writes the profile as the process exits: its endTime is the exit, give or take the few ms
		// until the bench saw the process close. That anchors n8n's epoch-ms node times in the profile.
		const closedAt = started + outcome.processMs;
		const run = outcome.run;
		const task = run?.data.resultData.runData[NODE_NAMES.ours]?.[0];
		if (!run || !task || task.error) fail(`CPU profile: the execution failed (exit ${String(outcome.exitCode)})\n${outcome.tail}`);
		const items = nodeOutput(run, NODE_NAMES.ours).length;
		if (items !== size) fail(`CPU profile: ${items} jobs, expected ${size}`);
		const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${String(pid)}.`));
		if (!file) fail(`CPU profile: no profile of process ${String(pid)} in ${dir} (${readdirSync(dir).join(', ')})`);
		const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
		const pages = sim.timed().filter((e) => e.request && sim.isList(e.request)).length;
		const toUs = (epochMs: number) => profile.endTime - (closedAt - epochMs) * 1000;
		const window = { startUs: toUs(task.startTime), endUs: toUs(task.startTime + task.executionTime) };
		const summary: ProfileSummary = { provider: providerKey, size, latencyMs, nodeMs: task.executionTime, pages, ...analyseProfile(profile, window) };
		log(
			`  node ${summary.nodeMs} ms, window ${summary.windowMs} ms: ` +
				Object.entries(summary.categories)
					.slice(0, 6)
					.map(([k, v]) => `${k} ${v.toFixed(0)}`)
					.join(', '),
		);
		return summary;
	} finally {
		await sim.stop();
	}
}
