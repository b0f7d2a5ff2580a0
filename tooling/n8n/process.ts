/** Child processes of the driver: one command, its output, a time limit that ends its whole group. */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ProcessResult } from './types';

class TimeoutError extends Error {}

/** Runs a command; resolves with its output (any exit code), rejects on spawn failure or timeout. */
export async function runProcess(
	command: string,
	args: string[],
	opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; label: string; onStderr?: (chunk: string) => void },
): Promise<ProcessResult> {
	const started = Date.now();
	return await new Promise<ProcessResult>((resolvePromise, reject) => {
		// stdout goes to a file, not a pipe: n8n ends with process.exit(), which can cut a large run
		// JSON short in a pipe (seen at 50,000 items: 6 MB of 100 arrived); file writes are synchronous.
		const outDir = mkdtempSync(join(tmpdir(), 'n8n-cli-out-'));
		const outFile = join(outDir, 'stdout');
		const outFd = openSync(outFile, 'w');
		const child = spawn(command, args, {
			cwd: opts.cwd,
			env: opts.env,
			stdio: ['ignore', outFd, 'pipe'],
			// Own process group, so a timeout also ends n8n's task-runner children.
			detached: true,
		});
		closeSync(outFd);
		const readStdout = (): string => {
			try {
				return readFileSync(outFile, 'utf8');
			} finally {
				rmSync(outDir, { recursive: true, force: true });
			}
		};
		let stdout = '';
		let stderr = '';
		let settled = false;
		const stderrStream = child.stderr;
		if (!stderrStream) throw new Error(`${opts.label}: no stderr pipe`);
		stderrStream.setEncoding('utf8');
		stderrStream.on('data', (chunk: string) => {
			stderr += chunk;
			opts.onStderr?.(chunk);
		});
		const killGroup = (signal: NodeJS.Signals): void => {
			if (child.pid === undefined) return;
			try {
				process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
		};
		let killTimer: NodeJS.Timeout | undefined;
		let timedOut = false;
		// On timeout: SIGTERM, then SIGKILL 5 s later; the promise rejects only once the process has
		// exited, so a caller that exits right after cannot leave an n8n that ignored SIGTERM behind.
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup('SIGTERM');
			killTimer = setTimeout(() => killGroup('SIGKILL'), 5_000);
		}, opts.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			if (!settled) {
				settled = true;
				reject(new Error(`${opts.label}: could not start ${command}: ${error.message}`));
			}
		});
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			if (killTimer) clearTimeout(killTimer);
			// The group may still hold task runners when the CLI process itself has exited.
			killGroup('SIGKILL');
			stdout = readStdout();
			if (settled) return;
			settled = true;
			if (timedOut) {
				reject(
					new TimeoutError(
						`${opts.label}: timed out after ${opts.timeoutMs} ms (killed).\n` +
							`--- stdout (tail) ---\n${tail(stdout)}\n--- stderr (tail) ---\n${tail(stderr)}`,
					),
				);
				return;
			}
			resolvePromise({ exitCode, signal, stdout, stderr, durationMs: Date.now() - started });
		});
	});
}


/** The last lines of a text, for error messages. */
export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
