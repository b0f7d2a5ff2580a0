/**
 * Memory sampler for the `n8n execute` child, run in a worker thread so that it keeps its pace while
 * the bench's main thread is busy serving the simulator.
 *
 * It looks for the process whose parent is the bench process and whose command line holds
 * `execute` and `--id=<workflow id>` (n8n.ts spawns Node 24 directly, no shell), then reads
 * `/proc/<pid>/status` every `intervalMs`: VmRSS (resident now) and VmHWM (the kernel's high-water
 * mark of the resident set, i.e. the exact peak so far). Descendants (n8n's task runner) are
 * looked up every few samples and their VmHWM kept as well.
 *
 * Stop: the main thread sets `stop[0] = 1` (a SharedArrayBuffer) and the worker posts its samples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

export interface SamplerInput {
	parentPid: number;
	/** The process to watch, when known; else it is looked up by parent and command line. */
	pid?: number;
	/** Substrings (NUL-separated cmdline joined with spaces) that identify the process. */
	match: string[];
	intervalMs: number;
	stop: SharedArrayBuffer;
}

export interface MemorySample {
	/** Date.now() of the reading (ms since epoch; n8n's run data uses the same clock). */
	t: number;
	rssKb: number;
	hwmKb: number;
}

export interface SamplerOutput {
	pid: number | undefined;
	samples: MemorySample[];
	/** Highest VmHWM seen for each descendant process (task runners), by pid. */
	children: Array<{ pid: number; cmd: string; hwmKb: number }>;
}

function readStat(pid: number): { ppid: number } | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid ...": comm may hold spaces and parentheses; split after the last ')'.
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(rest[1]) };
	} catch {
		return undefined;
	}
}

function readCmdline(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

function readMemory(pid: number): { rssKb: number; hwmKb: number } | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
		const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
		if (!rss || !hwm) return undefined; // zombie: memory already released
		return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) };
	} catch {
		return undefined;
	}
}

function childrenOf(parents: Set<number>): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		const stat = readStat(pid);
		if (stat && parents.has(stat.ppid)) found.push(pid);
	}
	return found;
}

function run(input: SamplerInput): SamplerOutput {
	const stop = new Int32Array(input.stop);
	const samples: MemorySample[] = [];
	const children = new Map<number, { cmd: string; hwmKb: number }>();
	let pid: number | undefined = input.pid;
	let tick = 0;
	while (Atomics.load(stop, 0) === 0) {
		if (pid === undefined) {
			for (const candidate of childrenOf(new Set([input.parentPid]))) {
				const cmd = readCmdline(candidate);
				if (input.match.every((m) => cmd.includes(m))) {
					pid = candidate;
					break;
				}
			}
		}
		if (pid !== undefined) {
			const memory = readMemory(pid);
			if (memory) samples.push({ t: Date.now(), ...memory });
			if (tick % 10 === 0) {
				// Descendants of the n8n process (two levels: the launcher and its runner).
				const level1 = childrenOf(new Set([pid]));
				const level2 = level1.length ? childrenOf(new Set(level1)) : [];
				for (const child of [...level1, ...level2]) {
					const mem = readMemory(child);
					if (!mem) continue;
					const known = children.get(child);
					if (!known) children.set(child, { cmd: readCmdline(child).slice(0, 200), hwmKb: mem.hwmKb });
					else known.hwmKb = Math.max(known.hwmKb, mem.hwmKb);
				}
			}
			tick++;
		}
		Atomics.wait(stop, 0, 0, input.intervalMs);
	}
	return { pid, samples, children: [...children].map(([childPid, c]) => ({ pid: childPid, ...c })) };
}

if (parentPort) {
	parentPort.postMessage(run(workerData as SamplerInput));
}
