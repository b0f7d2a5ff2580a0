/**
 * The interactive sandbox's n8n as a process that must not outlive the sandbox: its pid is written
 * into the n8n user folder while it runs, every way out of the sandbox process ends its process
 * group, and a start that finds an n8n left running on the same folder (a sandbox killed with
 * SIGKILL, a crashed terminal) stops that one first.
 */
import { existsSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PID_FILE = 'n8n.pid';

interface PidRecord {
	pid: number;
	port: number;
}

/** Whether a process (a negative pid: any process of that group) exists. */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * Whether `pid` is an n8n running in `homeDir` (its working folder, as `startN8n` starts it), read
 * from /proc; undefined where /proc cannot tell (not Linux, another user's process).
 */
function isN8nOf(pid: number, homeDir: string): boolean | undefined {
	try {
		const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
		const cwd = readlinkSync(`/proc/${pid}/cwd`);
		return cmdline.some((arg) => /(^|\/)n8n(\.js)?$/.test(arg) || arg.endsWith('/bin/n8n')) && resolve(cwd) === resolve(homeDir);
	} catch {
		return undefined;
	}
}

/**
 * Before a start: stops an n8n that an earlier sandbox left running on `homeDir` (SIGTERM to its
 * process group, SIGKILL after 20 s). Returns what it did, for the log; throws, saying how to stop
 * it by hand, when it cannot tell whether the recorded process is that n8n.
 */
export async function stopStaleN8n(homeDir: string): Promise<string | undefined> {
	const file = join(homeDir, PID_FILE);
	if (!existsSync(file)) return undefined;
	let record: PidRecord | undefined;
	try {
		record = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
	} catch {
		record = undefined;
	}
	if (!record || !Number.isInteger(record.pid) || record.pid <= 1 || !alive(record.pid)) {
		rmSync(file, { force: true });
		return undefined;
	}
	const ours = isN8nOf(record.pid, homeDir);
	if (ours === false) {
		// The pid was reused by another program: the n8n it named is gone.
		rmSync(file, { force: true });
		return undefined;
	}
	if (ours === undefined) {
		throw new Error(
			`an earlier sandbox's n8n may still be running on this folder (pid ${record.pid}, port ${record.port}) and this machine cannot tell ` +
				`for sure: stop it with \`kill -TERM -${record.pid}\`, or delete ${file} if it is gone, then start again`,
		);
	}
	// Its whole process group (n8n and its task runners), not only n8n itself.
	killGroup(record.pid, 'SIGTERM');
	const deadline = Date.now() + 20_000;
	while (alive(-record.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
	if (alive(-record.pid)) killGroup(record.pid, 'SIGKILL');
	rmSync(file, { force: true });
	return `stopped an n8n an earlier sandbox left running on this folder (pid ${record.pid}, port ${record.port})`;
}

/**
 * While n8n runs: records its pid in `homeDir`, and ends its process group when this process exits
 * in any way the stop steps did not run (an uncaught error, process.exit). Returns the clean-up
 * for a normal stop (after n8n stopped): forgets the pid.
 */
export function guardN8n(homeDir: string, pid: number | undefined, port: number): () => void {
	if (pid === undefined) return () => undefined;
	const file = join(homeDir, PID_FILE);
	writeFileSync(file, JSON.stringify({ pid, port } satisfies PidRecord), 'utf8');
	// 'exit' handlers run synchronously: a signal is all that can be sent; n8n shuts down on SIGTERM.
	const onExit = (): void => {
		if (alive(pid)) killGroup(pid, 'SIGTERM');
	};
	process.on('exit', onExit);
	return () => {
		process.off('exit', onExit);
		rmSync(file, { force: true });
	};
}
