/** `n8n execute` with its memory sampled, and the run checked and measured branch by branch. */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { nodeOutput, parseRunJson, processEnv, type N8nHome, type N8nRun, type N8nWorkflow } from '../tooling/n8n';
import type { BranchRun, ExecutionRecord, MemoryWindow } from './results';
import type { SamplerInput, SamplerOutput } from './sampler';
import type { RecordedRequest } from '../tooling/simulators/server';
import type { SimHandle, TimedRequest } from './simulator';
import { collectGarbage, EXECUTE_TIMEOUT_MS, fail, log, MB, SAMPLE_INTERVAL_MS } from './util';
import { NODE_NAMES, type BenchSetup, type Branch } from './workflows';

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


/**
 * `n8n execute --id=<id> --rawOutput` with its output going to a FILE, while a worker thread samples
 * the process's memory.
 *
 * Not tooling/n8n's executeWorkflow, which waits for the process without watching it: this one
 * spawns n8n itself so that the sampler knows its pid from the start. The output goes to a file, not
 * a pipe: n8n exits (process.exit) before a big run JSON has gone through a pipe (with 50,000 jobs
 * only the first ~6 MB arrived); writes to a file are synchronous in Node, so the file gets all of it.
 */
export async function executeSampled(
	home: N8nHome,
	workflowId: string,
	extraEnv: Record<string, string> = {},
): Promise<{ outcome: ExecuteOutcome; memory: SamplerOutput; pid: number | undefined }> {
	const outDir = join(home.root, 'bench-output');
	mkdirSync(outDir, { recursive: true });
	const outFile = join(outDir, `${workflowId}-${Date.now()}.txt`);
	const fd = openSync(outFile, 'w');
	const env = await processEnv(home, { N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text', ...extraEnv });
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
	return { outcome: { run, exitCode, signal, processMs, outputBytes, tail }, memory, pid: child.pid };
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
	return branch === 'baseline' ? [NODE_NAMES.http, NODE_NAMES.split] : [NODE_NAMES[branch]];
}

/** First node's start to last node's end of a branch, from n8n's run data (epoch ms). */
function branchWindow(run: N8nRun, branch: Branch): { start: number; end: number } | undefined {
	const tasks = branchNodes(branch).map((name) => run.data.resultData.runData[name]?.[0]);
	if (tasks.some((t) => !t)) return undefined;
	const last = tasks[tasks.length - 1]!;
	return { start: tasks[0]!.startTime, end: last.startTime + last.executionTime };
}

/**
 * Which branch sent each request: the baseline and the floor tag theirs (X-Bench-Branch); our node
 * sends none, so an untagged request belongs to the branch of ours that was running when it arrived
 * (n8n's v1 order runs one branch after the other). An untagged request outside every window of
 * ours fails the bench: it would be counted nowhere.
 */
function attribute(
	sim: SimHandle,
	run: N8nRun,
	order: Branch[],
	label: string,
): Map<Branch, TimedRequest[]> {
	const byBranch = new Map<Branch, TimedRequest[]>(order.map((b) => [b, []]));
	const windows = order
		.filter((b) => b !== 'baseline')
		.map((branch) => ({ branch, window: branchWindow(run, branch) }));
	for (const entry of sim.timed()) {
		if (entry.request && sim.isToken(entry.request)) continue;
		if (entry.tag === 'baseline') {
			byBranch.get('baseline')?.push(entry);
			continue;
		}
		if (entry.tag !== '') continue;
		// Date.now() in two processes: allow the millisecond either side.
		const owner = windows.find(({ window }) => window && entry.at >= window.start - 1 && entry.at <= window.end + 1);
		if (!owner) fail(`${label}: an untagged request (${entry.request?.method ?? '?'} ${entry.request?.rawUrl ?? '?'}) arrived outside every branch of ours`);
		byBranch.get(owner.branch)!.push(entry);
	}
	return byBranch;
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
	setup: BenchSetup,
	expectedRequests: number,
	size: number,
	sent: TimedRequest[],
	isList: (req: RecordedRequest) => boolean,
	memory: SamplerOutput | undefined,
	label: string,
): BranchRun {
	const requests = sent.filter((e) => e.request && isList(e.request)).length;
	const otherRequests = sent.length - requests;
	const simMs = sent.reduce((sum, e) => sum + e.ms, 0);
	const maxInFlight = sent.reduce((max, e) => Math.max(max, e.inFlight), 0);
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
	// Today's count, or one request fewer in pages where a count request (Accelo) replaced the
	// empty page at the end: the list and count requests together are never fewer.
	if (requests + otherRequests < expectedRequests) {
		fail(`${label}: ${branch} made ${requests} list and ${otherRequests} other requests, expected at least ${expectedRequests}`);
	}
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
		otherRequests,
		maxInFlight,
		simMs: Math.round(simMs * 10) / 10,
		memory: memory ? memoryWindow(memory, startTime, end) : undefined,
	};
}

export async function runExecution(
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
	const requests = sim ? sim.timed().flatMap((e) => (e.request ? [e.request] : [])) : [];
	const tokenRequests = requests.filter((r) => sim?.isToken(r)).length;
	const otherRequests = requests.filter((r) => !sim?.isToken(r) && !sim?.isList(r)).length;
	const measured = kind !== 'warmup' && kind !== 'idle';
	const sent = measured && sim ? attribute(sim, run, order, label) : new Map<Branch, TimedRequest[]>();
	const branches = !measured ? [] : order.map((branch) =>
		analyseBranch(
			run,
			branch,
			sim!.setup,
			sim!.provider.bench.expectedListRequests(size),
			size,
			sent.get(branch) ?? [],
			(r) => sim!.isList(r),
			kind === 'solo' ? memory : undefined,
			label,
		),
	);
	for (let i = 1; i < branches.length; i++) {
		if (!(branches[i - 1].startTime < branches[i].startTime)) fail(`${label}: branch order was not ${order.join(' then ')}`);
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
		.map((b) => `${b.branch} ${b.execMs} ms, ${b.requests}${b.otherRequests ? `+${b.otherRequests}` : ''} req${b.maxInFlight > 1 ? ` (${b.maxInFlight} at once)` : ''}${b.memory ? `, peak ${b.memory.peakMb.toFixed(0)} MB (+${b.memory.growthMb.toFixed(0)})` : ''}`)
		.join('; ');
	log(`  ${label}: ${summary || 'ok'}; process ${(processMs / 1000).toFixed(1)} s, peak ${hwm?.toFixed(0) ?? '?'} MB${tokenRequests ? `, ${tokenRequests} token request(s)` : ''}`);
	return record;
}
