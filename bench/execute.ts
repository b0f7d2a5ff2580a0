/** `n8n execute` with its memory sampled, and the run checked and measured branch by branch. */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { nodeOutput, parseRunJson, processEnv, type N8nHome, type N8nRun, type N8nWorkflow } from '../tooling/n8n';
import type { BranchRun, ExecutionRecord, MemoryWindow } from './results';
import type { SamplerInput, SamplerOutput } from './sampler';
import type { SimHandle } from './simulator';
import { collectGarbage, EXECUTE_TIMEOUT_MS, fail, header, log, MB, SAMPLE_INTERVAL_MS } from './util';
import { BRANCH_HEADER, NODE_NAMES, type BenchSetup, type Branch } from './workflows';

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
export async function executeSampled(home: N8nHome, workflowId: string): Promise<{ outcome: ExecuteOutcome; memory: SamplerOutput }> {
	const outDir = join(home.root, 'bench-output');
	mkdirSync(outDir, { recursive: true });
	const outFile = join(outDir, `${workflowId}-${Date.now()}.txt`);
	const fd = openSync(outFile, 'w');
	const env = await processEnv(home, { N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' });
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
	setup: BenchSetup,
	expectedRequests: number,
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
			sim!.provider.bench.expectedListRequests(size),
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
