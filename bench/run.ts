/**
 * Benchmark: Get Many with Return All through real n8n (2.41.1, Node 24) against the loopback
 * simulators, next to the baseline a user would otherwise build (HTTP Request with pagination +
 * Split Out) and the floor (a plain Node.js fetch loop). Not part of the tests.
 *
 *   npm run build && npx tsc -p tsconfig.scripts.json && \
 *     node --expose-gc --max-old-space-size=6144 .build/bench/run.js [--sizes 1000,10000,50000] \
 *       [--providers fsmNavigator,accelo] [--repeats 4] [--floor-repeats 3] [--keep] [--out bench]
 *
 * Writes bench/results.json (raw), bench/results.md and bench/results.svg (+ results.png when
 * rsvg-convert is installed). Scratch files (the n8n home, the packed tarball) go to bench/.work/.
 *
 * Per provider and size: one simulator with N jobs; credentials and workflows imported into one n8n
 * home; then
 *   - `--repeats` executions (default 4) of ONE workflow holding both branches from one Manual
 *     Trigger, alternating which branch runs first (n8n's v1 order: topmost branch first). Time and
 *     requests come from these; the median is reported.
 *   - one execution per branch on its own (a workflow with only that branch), for memory: the peak
 *     RSS of the `n8n execute` process while the branch's nodes ran belongs to that branch alone.
 *   - `--floor-repeats` runs of bench/floor.ts (its own process, same Node 24 binary).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

import {
	createN8nHome,
	ensureN8n,
	freePort,
	importCredentials,
	importWorkflow,
	N8N_VERSION,
	nodeOutput,
	packPackage,
	parseRunJson,
	type N8nBins,
	type N8nHome,
	type N8nRun,
	type N8nWorkflow,
} from '../tooling/n8n';
import { REPO_ROOT } from '../tooling/repo';
import { AcceloSimulator, generateAcceloData } from '../tooling/simulators/accelo';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator, generateFsmData } from '../tooling/simulators/fsmNavigator';
import type { RecordedRequest, SimulatorServer } from '../tooling/simulators/server';
import type { FloorConfig, FloorResult } from './floor';
import { writeReport } from './report';
import type { SamplerInput, SamplerOutput } from './sampler';
import {
	acceloSetup,
	benchWorkflow,
	BRANCH_HEADER,
	fsmSetup,
	HTTP_REQUEST_VERSION,
	NODE_NAMES,
	PAGE_SIZE,
	type Branch,
	type Provider,
	type ProviderSetup,
} from './workflows';

// ---------------------------------------------------------------------------------------------
// Types of bench/results.json

export interface MemoryWindow {
	/** VmRSS of the n8n process at the last sample before the branch's first node started. */
	rssAtStartMb: number;
	/** Highest resident set while the branch's nodes ran: VmHWM if it rose during the window, else the highest VmRSS sample. */
	peakMb: number;
	/** peakMb - rssAtStartMb. */
	growthMb: number;
	samples: number;
}

export interface BranchRun {
	branch: Branch;
	/** Sum of the branch's nodes' executionTime from n8n's run data (baseline: HTTP Request + Split Out). */
	execMs: number;
	/** executionTime per node. */
	nodeMs: Record<string, number>;
	/** First node's start to last node's end (includes n8n's hand-over between the two baseline nodes). */
	spanMs: number;
	startTime: number;
	items: number;
	distinctIds: number;
	/** Baseline: items the HTTP Request node emitted (one per page). */
	pages?: number;
	requests: number;
	/** Time the simulator spent answering this branch's requests (part of execMs). */
	simMs: number;
	memory?: MemoryWindow;
}

export interface ExecutionRecord {
	workflowId: string;
	kind: 'combined' | 'solo' | 'warmup' | 'idle';
	order: Branch[];
	/** Wall time of the whole `n8n execute` process (start-up, run, printing the run JSON, exit). */
	processMs: number;
	/** Size of what n8n printed (the run JSON of every item, plus a few log lines). */
	outputBytes: number;
	/** VmHWM of the n8n process over the whole execute (start-up and printing the run JSON included). */
	processPeakMb: number | undefined;
	/** Highest VmHWM of n8n's child processes (task runner), for reference. */
	childPeakMb: number | undefined;
	tokenRequests: number;
	otherRequests: number;
	branches: BranchRun[];
}

export interface FloorRecord extends FloorResult {
	/** Requests the simulator saw from the floor's timed loop (tagged with the branch header). */
	simRequests: number;
	/** Time the simulator spent answering them. */
	simMs: number;
}

export interface CaseSummary {
	requests: { ours: number; baseline: number; floor: number };
	timeMs: { ours: number; baseline: number; floor: number };
	/** Individual samples behind the medians. */
	timeSamplesMs: { ours: number[]; baseline: number[]; floor: number[] };
	ratios: { oursToBaseline: number; oursToFloor: number; baselineToFloor: number };
	/** Median time the simulator spent answering each branch (inside the times above). */
	simMs: { ours: number; baseline: number; floor: number };
	/** Time outside the simulator (time - simulator time, medians of the per-run differences) and its ratios. */
	clientMs: { ours: number; baseline: number; floor: number };
	clientRatios: { oursToBaseline: number; oursToFloor: number };
	memory: {
		ours: MemoryWindow;
		baseline: MemoryWindow;
		peakRatio: number;
		growthRatio: number;
		processPeakMb: { ours: number | undefined; baseline: number | undefined };
	};
	/** Execution times of the solo (memory) runs, for reference. */
	soloTimeMs: { ours: number; baseline: number };
}

export interface CaseResult {
	provider: Provider;
	size: number;
	executions: ExecutionRecord[];
	floor: FloorRecord[];
	tokensIssuedToN8n: number;
	summary: CaseSummary;
	durationMs: number;
}

export interface BenchResults {
	date: string;
	machine: { cpuModel: string; cores: number; memoryGb: number; os: string; kernel: string };
	versions: {
		n8n: string;
		n8nNodesBase: string;
		nodeForN8n: string;
		nodeForBench: string;
		package: string;
		gitCommit: string | undefined;
	};
	config: {
		sizes: number[];
		providers: Provider[];
		pageSize: number;
		httpRequestTypeVersion: number;
		repeats: number;
		floorRepeats: number;
		sampleIntervalMs: number;
		expressionEngine: string;
		/** Whether the bench process ran a full GC before each measured run (node --expose-gc). */
		gcBetweenRuns: boolean;
	};
	idle: ExecutionRecord;
	cases: CaseResult[];
	totalMs: number;
}

// ---------------------------------------------------------------------------------------------
// Arguments

interface Args {
	sizes: number[];
	providers: Provider[];
	repeats: number;
	floorRepeats: number;
	keep: boolean;
	outDir: string;
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		sizes: [1000, 10000, 50000],
		providers: ['fsmNavigator', 'accelo'],
		repeats: 4,
		floorRepeats: 3,
		keep: false,
		outDir: join(REPO_ROOT, 'bench'),
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--sizes':
				args.sizes = value()
					.split(',')
					.map((s) => Number(s.trim().replace(/_/g, '')));
				if (args.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes: positive integers, comma-separated');
				break;
			case '--providers':
				args.providers = value()
					.split(',')
					.map((s) => s.trim()) as Provider[];
				for (const p of args.providers) {
					if (p !== 'fsmNavigator' && p !== 'accelo') throw new Error(`--providers: unknown provider ${p} (fsmNavigator, accelo)`);
				}
				break;
			case '--repeats':
				args.repeats = Number(value());
				if (!Number.isInteger(args.repeats) || args.repeats < 1) throw new Error('--repeats: a positive integer');
				break;
			case '--floor-repeats':
				args.floorRepeats = Number(value());
				if (!Number.isInteger(args.floorRepeats) || args.floorRepeats < 1) throw new Error('--floor-repeats: a positive integer');
				break;
			case '--keep':
				args.keep = true;
				break;
			case '--out':
				args.outDir = resolve(value());
				break;
			case '-h':
			case '--help':
				process.stdout.write(
					'node --expose-gc .build/bench/run.js [--sizes 1000,10000,50000] [--providers fsmNavigator,accelo] [--repeats 4] [--floor-repeats 3] [--keep] [--out bench]\n',
				);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return args;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const SAMPLE_INTERVAL_MS = 20;
const EXECUTE_TIMEOUT_MS = 30 * 60_000;
const MB = 1024;

const benchStart = Date.now();
function log(message: string): void {
	const elapsed = ((Date.now() - benchStart) / 1000).toFixed(0).padStart(4);
	process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
}

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The simulators run in this process, which also parses up to a few hundred MB of run JSON after
 * every execution. A full GC before each measured run keeps that garbage from being collected in
 * the middle of the next one, where it would slow the simulator (node --expose-gc; a no-op without).
 */
function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

function fail(message: string): never {
	throw new Error(`BENCH ASSERTION FAILED: ${message}`);
}

function header(req: RecordedRequest, name: string): string | undefined {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

// ---------------------------------------------------------------------------------------------
// Simulators

interface SimHandle {
	setup: ProviderSetup;
	requests(): RecordedRequest[];
	/** Clears the request log and the simulator-time counters. */
	clear(): void;
	/** Wall time the simulator spent handling requests (read body, answer, serialize), by X-Bench-Branch tag ('' = untagged = ours). */
	simMs(tag: string): number;
	isList(req: RecordedRequest): boolean;
	isToken(req: RecordedRequest): boolean;
	tokensIssued(): number;
	floorConfig(): FloorConfig;
	stop(): Promise<void>;
}

type HandleFn = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Times every request the simulator handles (SimulatorServer's private `handle`: read the body, run
 * the API, serialize and send), by the X-Bench-Branch header. The client of each branch waits for
 * every page in turn, so this is the part of a branch's time spent inside the simulator.
 */
function instrument(server: SimulatorServer): { clear(): void; ms(tag: string): number } {
	const target = server as unknown as { handle: HandleFn };
	const original = target.handle;
	const totals = new Map<string, number>();
	target.handle = async function timedHandle(this: unknown, req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const raw = req.headers[BRANCH_HEADER.toLowerCase()];
		const tag = (Array.isArray(raw) ? raw[0] : raw) ?? '';
		try {
			await original.call(server, req, res);
		} finally {
			totals.set(tag, (totals.get(tag) ?? 0) + performance.now() - started);
		}
	};
	return { clear: () => totals.clear(), ms: (tag) => totals.get(tag) ?? 0 };
}

async function startSimulator(provider: Provider, size: number): Promise<SimHandle> {
	if (provider === 'fsmNavigator') {
		const sim = new FsmNavigatorSimulator({ data: generateFsmData(size) });
		const timer = instrument(sim.server);
		const apiBase = await sim.start();
		return {
			setup: fsmSetup(apiBase, FSM_DEFAULT_API_KEY),
			requests: () => sim.requests,
			clear: () => {
				sim.server.clearLog();
				timer.clear();
			},
			simMs: (tag) => timer.ms(tag),
			isList: (r) => r.method === 'GET' && r.path === '/api/v1/jobs',
			isToken: () => false,
			tokensIssued: () => 0,
			floorConfig: () => ({
				provider,
				baseUrl: apiBase,
				apiKey: FSM_DEFAULT_API_KEY,
				pageSize: PAGE_SIZE,
				headers: { [BRANCH_HEADER]: 'floor' },
			}),
			stop: async () => await sim.stop(),
		};
	}
	// Accelo documents 5000 requests an hour; the bench makes more than that against one deployment.
	const sim = new AcceloSimulator({ data: generateAcceloData(size), rateLimit: { limit: 1_000_000_000, windowMs: 3_600_000 } });
	const timer = instrument(sim.server);
	const origin = await sim.start();
	return {
		setup: acceloSetup(origin, sim),
		requests: () => sim.server.requests,
		clear: () => {
			sim.server.clearLog();
			timer.clear();
		},
		simMs: (tag) => timer.ms(tag),
		isList: (r) => r.method === 'GET' && r.path === '/api/v0/jobs',
		isToken: (r) => r.path === '/oauth2/v0/token',
		tokensIssued: () => sim.issuedTokens.length,
		floorConfig: () => ({
			provider,
			baseUrl: origin,
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
			scope: 'read(all)',
			pageSize: PAGE_SIZE,
			headers: { [BRANCH_HEADER]: 'floor' },
		}),
		stop: async () => await sim.stop(),
	};
}

// ---------------------------------------------------------------------------------------------
// Executions with memory sampling

/** What `n8n execute` printed, and how it ended. */
interface ExecuteOutcome {
	run: N8nRun | undefined;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	processMs: number;
	outputBytes: number;
	/** The end of the output (for error messages). */
	tail: string;
}

/** The environment n8n.ts gives every CLI call (its processEnv is not exported): a few passthrough variables, a free broker port, the home's env. */
async function n8nEnv(home: N8nHome): Promise<NodeJS.ProcessEnv> {
	const env: NodeJS.ProcessEnv = {};
	for (const key of ['HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
		if (process.env[key] !== undefined) env[key] = process.env[key];
	}
	return { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...home.env, N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' };
}

/**
 * `n8n execute --id=<id> --rawOutput` with its output going to a FILE, while a worker thread samples
 * the process's memory.
 *
 * Not test/e2e/n8n.ts's executeWorkflow: that reads the output through a pipe, and n8n exits
 * (process.exit) before a big run JSON has gone through the pipe: with 50,000 jobs only the first
 * ~6 MB arrived and the run could not be parsed. Writes to a file are synchronous in Node, so the
 * file gets all of it.
 */
async function executeSampled(home: N8nHome, workflowId: string): Promise<{ outcome: ExecuteOutcome; memory: SamplerOutput }> {
	const outDir = join(home.root, 'bench-output');
	mkdirSync(outDir, { recursive: true });
	const outFile = join(outDir, `${workflowId}-${Date.now()}.txt`);
	const fd = openSync(outFile, 'w');
	const env = await n8nEnv(home);
	const started = Date.now();
	const child = spawn(home.bins.nodeBin, [home.bins.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: home.root,
		env,
		stdio: ['ignore', fd, fd],
		// Own process group, so that n8n's task runners go with it.
		detached: true,
	});
	const stop = new SharedArrayBuffer(4);
	const input: SamplerInput = {
		parentPid: process.pid,
		pid: child.pid,
		match: ['execute', `--id=${workflowId}`],
		intervalMs: SAMPLE_INTERVAL_MS,
		stop,
	};
	const worker = new Worker(join(__dirname, 'sampler.js'), { workerData: input });
	const memoryPromise = new Promise<SamplerOutput>((resolvePromise, reject) => {
		worker.once('message', (message: SamplerOutput) => resolvePromise(message));
		worker.once('error', reject);
	});
	const killGroup = (signal: NodeJS.Signals): void => {
		if (child.pid === undefined) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	let timedOut = false;
	const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup('SIGKILL');
		}, EXECUTE_TIMEOUT_MS);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, sig) => {
			clearTimeout(timer);
			// The group may still hold task runners when the CLI process itself has exited.
			killGroup('SIGKILL');
			resolvePromise({ exitCode: code, signal: sig });
		});
	});
	const processMs = Date.now() - started;
	closeSync(fd);
	const flag = new Int32Array(stop);
	Atomics.store(flag, 0, 1);
	Atomics.notify(flag, 0);
	const memory = await memoryPromise;
	await worker.terminate();
	if (timedOut) fail(`n8n execute --id=${workflowId} did not finish within ${EXECUTE_TIMEOUT_MS / 60000} minutes (killed)`);
	const outputBytes = statSync(outFile).size;
	if (outputBytes > 500 * 1024 * 1024) fail(`n8n execute --id=${workflowId} printed ${outputBytes} bytes: too big to parse as one string`);
	const text = readFileSync(outFile, 'utf8');
	const run = parseRunJson(text);
	const tail = text.slice(-3000);
	rmSync(outFile, { force: true });
	return { outcome: { run, exitCode, signal, processMs, outputBytes, tail }, memory };
}

function memoryWindow(memory: SamplerOutput, start: number, end: number): MemoryWindow | undefined {
	const samples = memory.samples;
	if (samples.length === 0) return undefined;
	let before = samples[0];
	for (const s of samples) {
		if (s.t <= start) before = s;
		else break;
	}
	const inside = samples.filter((s) => s.t > start && s.t <= end);
	const after = samples.find((s) => s.t > end) ?? samples[samples.length - 1];
	const maxRss = Math.max(before.rssKb, ...inside.map((s) => s.rssKb));
	// VmHWM is the kernel's exact peak so far: if it rose between the window's edges, the new peak was
	// reached in the window (give or take one sample interval after it).
	const peakKb = after.hwmKb > before.hwmKb ? Math.max(after.hwmKb, maxRss) : maxRss;
	return {
		rssAtStartMb: before.rssKb / MB,
		peakMb: peakKb / MB,
		growthMb: (peakKb - before.rssKb) / MB,
		samples: inside.length,
	};
}

function branchNodes(branch: Branch): string[] {
	return branch === 'ours' ? [NODE_NAMES.ours] : [NODE_NAMES.http, NODE_NAMES.split];
}

function checkRun(result: ExecuteOutcome, label: string): N8nRun {
	const run = result.run;
	if (!run) {
		fail(`${label}: n8n printed no run (exit ${String(result.exitCode)}, ${result.outputBytes} bytes of output).\n--- output (tail) ---\n${result.tail}`);
	}
	const error = run.data.resultData.error;
	if (error || result.exitCode !== 0) {
		fail(`${label}: the execution failed (exit ${String(result.exitCode)}${result.signal ? `, ${result.signal}` : ''}): ${JSON.stringify(error ?? {}).slice(0, 2000)}\n--- output (tail) ---\n${result.tail}`);
	}
	for (const [node, tasks] of Object.entries(run.data.resultData.runData)) {
		const nodeError = tasks[0]?.error;
		if (nodeError) fail(`${label}: node "${node}" failed: ${JSON.stringify(nodeError).slice(0, 2000)}`);
	}
	return run;
}

function analyseBranch(
	run: N8nRun,
	branch: Branch,
	setup: ProviderSetup,
	size: number,
	requests: number,
	simMs: number,
	memory: SamplerOutput | undefined,
	label: string,
): BranchRun {
	const names = branchNodes(branch);
	const tasks = names.map((name) => {
		const task = run.data.resultData.runData[name]?.[0];
		if (!task) fail(`${label}: node "${name}" did not run`);
		return task;
	});
	const nodeMs: Record<string, number> = {};
	names.forEach((name, i) => (nodeMs[name] = tasks[i].executionTime));
	const execMs = tasks.reduce((sum, t) => sum + t.executionTime, 0);
	const startTime = tasks[0].startTime;
	const last = tasks[tasks.length - 1];
	const end = last.startTime + last.executionTime;
	const items = nodeOutput(run, names[names.length - 1]);
	const distinctIds = new Set(items.map((item) => String(item.json[setup.idField]))).size;
	if (items.length !== size) fail(`${label}: ${branch} returned ${items.length} items, expected ${size}`);
	if (distinctIds !== size) fail(`${label}: ${branch} returned ${distinctIds} distinct jobs, expected ${size}`);
	const pages = branch === 'baseline' ? nodeOutput(run, NODE_NAMES.http).length : undefined;
	const expectedRequests = setup.provider === 'accelo' ? Math.floor(size / PAGE_SIZE) + 1 : Math.ceil(size / PAGE_SIZE);
	if (requests < expectedRequests) fail(`${label}: ${branch} made ${requests} list requests, expected at least ${expectedRequests}`);
	return {
		branch,
		execMs,
		nodeMs,
		spanMs: end - startTime,
		startTime,
		items: items.length,
		distinctIds,
		pages,
		requests,
		simMs: Math.round(simMs * 10) / 10,
		memory: memory ? memoryWindow(memory, startTime, end) : undefined,
	};
}

async function runExecution(
	home: N8nHome,
	sim: SimHandle | undefined,
	workflow: N8nWorkflow,
	kind: ExecutionRecord['kind'],
	order: Branch[],
	size: number,
): Promise<ExecutionRecord> {
	const label = `${workflow.id} (${kind}${order.length ? `: ${order.join(' then ')}` : ''})`;
	collectGarbage();
	sim?.clear();
	const { outcome, memory } = await executeSampled(home, workflow.id);
	const processMs = outcome.processMs;
	const run = checkRun(outcome, label);
	const requests = sim ? [...sim.requests()] : [];
	const listRequests = (tag: string | undefined) =>
		requests.filter((r) => sim!.isList(r) && header(r, BRANCH_HEADER) === tag).length;
	const tokenRequests = requests.filter((r) => sim?.isToken(r)).length;
	const otherRequests = requests.filter((r) => !sim?.isToken(r) && !sim?.isList(r)).length;
	const branches = kind === 'warmup' || kind === 'idle' ? [] : order.map((branch) =>
		analyseBranch(
			run,
			branch,
			sim!.setup,
			size,
			listRequests(branch === 'ours' ? undefined : 'baseline'),
			sim!.simMs(branch === 'ours' ? '' : 'baseline'),
			kind === 'solo' ? memory : undefined,
			label,
		),
	);
	if (branches.length === 2) {
		const [first, second] = branches;
		if (!(first.startTime < second.startTime)) fail(`${label}: branch order was not ${order.join(' then ')}`);
	}
	const hwm = memory.samples.length ? memory.samples[memory.samples.length - 1].hwmKb / MB : undefined;
	const childPeak = memory.children.length ? Math.max(...memory.children.map((c) => c.hwmKb)) / MB : undefined;
	const record: ExecutionRecord = {
		workflowId: workflow.id,
		kind,
		order,
		processMs,
		outputBytes: outcome.outputBytes,
		processPeakMb: hwm,
		childPeakMb: childPeak,
		tokenRequests,
		otherRequests,
		branches,
	};
	const summary = branches
		.map((b) => `${b.branch} ${b.execMs} ms, ${b.requests} req${b.memory ? `, peak ${b.memory.peakMb.toFixed(0)} MB (+${b.memory.growthMb.toFixed(0)})` : ''}`)
		.join('; ');
	log(`  ${label}: ${summary || 'ok'}; process ${(processMs / 1000).toFixed(1)} s, peak ${hwm?.toFixed(0) ?? '?'} MB${tokenRequests ? `, ${tokenRequests} token request(s)` : ''}`);
	return record;
}

// ---------------------------------------------------------------------------------------------
// Floor

async function runFloor(bins: N8nBins, sim: SimHandle, size: number): Promise<FloorRecord> {
	collectGarbage();
	sim.clear();
	const script = join(__dirname, 'floor.js');
	const config = sim.floorConfig();
	const output = await new Promise<string>((resolvePromise, reject) => {
		const child = spawn(bins.nodeBin, [script, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
		child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`floor exited ${String(code)}: ${err}`))));
	});
	const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as FloorResult;
	if (result.items !== size || result.distinctIds !== size) fail(`floor returned ${result.items} items (${result.distinctIds} distinct), expected ${size}`);
	const simRequests = sim.requests().filter((r) => sim.isList(r) && header(r, BRANCH_HEADER) === 'floor').length;
	return { ...result, simRequests, simMs: Math.round(sim.simMs('floor') * 10) / 10 };
}

// ---------------------------------------------------------------------------------------------
// One provider and size

async function runCase(home: N8nHome, bins: N8nBins, provider: Provider, size: number, args: Args): Promise<CaseResult> {
	const caseStart = Date.now();
	log(`${provider}, ${size.toLocaleString('en-US')} jobs: starting the simulator`);
	const sim = await startSimulator(provider, size);
	try {
		const setup = sim.setup;
		const prefix = `${provider === 'accelo' ? 'acc' : 'fsm'}${size}`;
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
		if (provider === 'accelo' && tokensIssuedToN8n < 1) fail(`${prefix}: n8n never fetched an Accelo token`);

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

// ---------------------------------------------------------------------------------------------
// Machine and versions

function machineInfo(): BenchResults['machine'] {
	let os: string = process.platform;
	try {
		const osRelease = readFileSync('/etc/os-release', 'utf8');
		os = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? os;
	} catch {
		// not Linux
	}
	const list = cpus();
	return {
		cpuModel: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		os,
		kernel: release(),
	};
}

function versions(bins: N8nBins): BenchResults['versions'] {
	const n8nDir = dirname(dirname(bins.n8nBin));
	const readVersion = (file: string): string => {
		try {
			return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
		} catch {
			return 'unknown';
		}
	};
	const nodeVersion = spawnSync(bins.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
	return {
		n8n: readVersion(join(n8nDir, 'package.json')),
		n8nNodesBase: readVersion(join(dirname(n8nDir), 'n8n-nodes-base', 'package.json')),
		nodeForN8n: nodeVersion,
		nodeForBench: process.version,
		package: readVersion(join(REPO_ROOT, 'package.json')),
		gitCommit: git.status === 0 ? git.stdout.trim() : undefined,
	};
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (!existsSync(join(REPO_ROOT, 'dist', 'nodes', 'FsmNavigator', 'FsmNavigator.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (the bench installs the packed package into n8n)');
	}
	const workDir = join(REPO_ROOT, 'bench', '.work');
	mkdirSync(workDir, { recursive: true });
	log(`sizes ${args.sizes.join(', ')}; providers ${args.providers.join(', ')}; ${args.repeats} combined run(s) per size, ${args.floorRepeats} floor run(s)`);
	const bins = await ensureN8n();
	const tgz = await packPackage(REPO_ROOT, { destDir: workDir });
	log(`packed ${tgz}`);
	const home = await createN8nHome({ packages: [tgz], parentDir: workDir });
	log(`n8n home ${home.root}`);
	try {
		// The idle run: n8n's own footprint (a Manual Trigger only) and a warm file cache.
		const idleWorkflow = benchWorkflow('idle', fsmSetup('http://127.0.0.1:9/api/v1', 'unused'), []);
		await importWorkflow(home, idleWorkflow);
		const idle = await runExecution(home, undefined, idleWorkflow, 'idle', [], 0);

		const cases: CaseResult[] = [];
		for (const provider of args.providers) {
			for (const size of args.sizes) cases.push(await runCase(home, bins, provider, size, args));
		}
		const results: BenchResults = {
			date: new Date().toISOString(),
			machine: machineInfo(),
			versions: versions(bins),
			config: {
				sizes: args.sizes,
				providers: args.providers,
				pageSize: PAGE_SIZE,
				httpRequestTypeVersion: HTTP_REQUEST_VERSION,
				repeats: args.repeats,
				floorRepeats: args.floorRepeats,
				sampleIntervalMs: SAMPLE_INTERVAL_MS,
				expressionEngine: home.expressionEngine,
				gcBetweenRuns: typeof (globalThis as { gc?: unknown }).gc === 'function',
			},
			idle,
			cases,
			totalMs: Date.now() - benchStart,
		};
		if (results.versions.n8n !== N8N_VERSION) log(`warning: n8n reports ${results.versions.n8n}, expected ${N8N_VERSION}`);
		mkdirSync(args.outDir, { recursive: true });
		writeFileSync(join(args.outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`, 'utf8');
		const written = writeReport(results, args.outDir);
		log(`wrote ${['results.json', ...written].map((f) => join(args.outDir, f)).join(', ')}`);
	} finally {
		if (args.keep) log(`kept ${home.root}`);
		else home.cleanup();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	});
}
