/** A long-running child process (a database, a queue worker): its output, its exit, and a stop that ends its whole group. */
import { spawn } from 'node:child_process';

import { tail } from '../process';

export interface Daemon {
	readonly label: string;
	readonly pid: number;
	/** Everything it printed so far (stdout and stderr). */
	output(): string;
	/** Set once it has exited. */
	exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
	/** SIGTERM (or `signal`) to its process group, SIGKILL after `graceMs`; resolves once it has exited. */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Starts `command` in its own process group with piped output. */
export function startDaemon(
	command: string,
	args: string[],
	opts: { label: string; env: NodeJS.ProcessEnv; cwd?: string },
): Daemon {
	const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	if (child.pid === undefined) throw new Error(`${opts.label}: could not start ${command}`);
	const pid = child.pid;
	let text = '';
	let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => (text += chunk));
	child.stderr.on('data', (chunk: string) => (text += chunk));
	const closed = new Promise<void>((resolve) => {
		child.on('close', (code, signal) => {
			exit = { code, signal };
			resolve();
		});
		child.on('error', (error) => {
			text += `\n[${opts.label}] ${error.message}\n`;
			exit ??= { code: null, signal: null };
			resolve();
		});
	});
	const signalGroup = (signal: NodeJS.Signals): void => {
		try {
			process.kill(-pid, signal);
		} catch {
			// already gone
		}
	};
	return {
		label: opts.label,
		pid,
		output: () => text,
		exited: () => exit,
		stop: async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) => {
			if (!exit) {
				signalGroup(signal);
				const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
				await closed;
				clearTimeout(timer);
			}
			// Children that outlived the leader (n8n's task runners).
			signalGroup('SIGKILL');
		},
	};
}

/** Polls `ready` every 250 ms until it is true; fails early when the daemon exits. */
export async function waitUntilReady(daemon: Daemon, ready: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const exit = daemon.exited();
		if (exit) {
			throw new Error(`${daemon.label} exited (code ${String(exit.code)}, signal ${String(exit.signal)}) before ${what}:\n${tail(daemon.output())}`);
		}
		if (await ready().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${daemon.label}: not ${what} after ${timeoutMs} ms:\n${tail(daemon.output())}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
