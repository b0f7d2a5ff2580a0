/**
 * The sandbox's guard against an n8n outliving it (scripts/demo/n8nProcess.ts), with real
 * processes: a stand-in "n8n" (a Node.js script named n8n, in its own process group, working in
 * the user folder, as `startN8n` starts the real one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { guardN8n, stopStaleN8n } from '../../scripts/demo/n8nProcess';
import { SandboxState } from '../../scripts/demo/state';

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('a stale n8n of the sandbox folder', () => {
	let home: string;
	let child: ChildProcess | undefined;

	beforeEach(() => {
		home = mkdtempSync(join(tmpdir(), 'demo-home-'));
		writeFileSync(join(home, 'n8n'), 'setInterval(() => undefined, 1000);\n');
	});
	afterEach(() => {
		if (child?.pid && alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
		rmSync(home, { recursive: true, force: true });
	});

	const startStandIn = (cwd: string) => {
		child = spawn(process.execPath, [join(home, 'n8n'), 'start'], { cwd, detached: true, stdio: 'ignore' });
		return child.pid as number;
	};

	it('is recorded while it runs, stopped by the next start, and its record removed', async () => {
		const pid = startStandIn(home);
		const forget = guardN8n(home, pid, 5678);
		const record = readFileSync(join(home, 'n8n.pid'), 'utf8');
		expect(JSON.parse(record)).toEqual({ pid, port: 5678 });
		// The sandbox died without its stop steps (SIGKILL): the record stays, and so does n8n.
		forget();
		writeFileSync(join(home, 'n8n.pid'), record);
		const said = await stopStaleN8n(home);
		expect(said).toBe(`stopped an n8n an earlier sandbox left running on this folder (pid ${pid}, port 5678)`);
		await new Promise((r) => setTimeout(r, 200));
		expect(alive(pid)).toBe(false);
		expect(existsSync(join(home, 'n8n.pid'))).toBe(false);
	});

	it('leaves alone a process that is not n8n in this folder, and a record of a process that is gone', async () => {
		const other = mkdtempSync(join(tmpdir(), 'demo-other-'));
		try {
			const pid = startStandIn(other);
			writeFileSync(join(home, 'n8n.pid'), JSON.stringify({ pid, port: 5678 }));
			expect(await stopStaleN8n(home)).toBeUndefined();
			expect(alive(pid)).toBe(true);
			expect(existsSync(join(home, 'n8n.pid'))).toBe(false);
		} finally {
			rmSync(other, { recursive: true, force: true });
		}
	});

	it('an exit that skipped the stop steps still sends n8n SIGTERM; a normal stop forgets the record', async () => {
		const pid = startStandIn(home);
		const before = process.listeners('exit');
		const forget = guardN8n(home, pid, 5678);
		const onExit = process.listeners('exit').find((listener) => !before.includes(listener));
		expect(onExit).toBeDefined();
		onExit?.call(process, 1);
		await new Promise((r) => setTimeout(r, 300));
		expect(alive(pid)).toBe(false);
		forget();
		expect(process.listeners('exit')).toEqual(before);
		expect(existsSync(join(home, 'n8n.pid'))).toBe(false);
	});
});

describe("the sandbox's reasons to stop", () => {
	let exit: jest.SpyInstance;
	let write: jest.SpyInstance;
	beforeEach(() => {
		exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
		write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
		jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
	});
	afterEach(() => jest.restoreAllMocks());

	it('a closed output pipe stops it like a signal, and nothing more is written to the pipe', () => {
		const state = new SandboxState();
		let stopped = false;
		state.stopRequested = () => (stopped = true);
		state.onOutputClosed();
		expect(state.abortReason).toBe('output closed');
		expect(stopped).toBe(true);
		write.mockClear();
		state.log('stopping n8n');
		expect(write).not.toHaveBeenCalled();
		// A Ctrl+C a few seconds later (the stop is taking long) still exits at once.
		const later = Date.now() + 3000;
		jest.spyOn(Date, 'now').mockReturnValue(later);
		state.onSignal('SIGINT');
		expect(exit).toHaveBeenCalledWith(130);
	});

	it('one Ctrl+C delivered twice at once stops once; a second one later exits at once', () => {
		const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
		const state = new SandboxState();
		state.onSignal('SIGINT');
		state.onSignal('SIGINT');
		state.onSignal('the npm or shell that started the sandbox ended');
		expect(exit).not.toHaveBeenCalled();
		expect(state.abortReason).toBe('SIGINT');
		now.mockReturnValue(1_002_000);
		state.onSignal('SIGINT');
		expect(exit).toHaveBeenCalledWith(130);
	});
});
