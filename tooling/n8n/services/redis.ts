/** A throwaway Redis (Debian's redis-server) on a loopback port, no persistence. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../home';
import { startDaemon, waitUntilReady, type Daemon } from './daemon';
import type { DebianTool } from './debian';

export const REDIS_TOOL: DebianTool = {
	package: 'redis-server',
	find: () => ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path)),
};

export interface RunningRedis {
	host: string;
	port: number;
	daemon: Daemon;
	stop(): Promise<void>;
}

/** PING over a raw socket: true on +PONG. */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2_000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

export async function startRedis(opts: { timeoutMs?: number } = {}): Promise<RunningRedis> {
	const bin = REDIS_TOOL.find();
	if (!bin) throw new Error('redis-server is not installed (Debian package redis-server)');
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	const daemon = startDaemon(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ label: `redis-server :${port}`, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
	);
	const stop = async (): Promise<void> => {
		await daemon.stop('SIGTERM', 10_000);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitUntilReady(daemon, () => ping(port), opts.timeoutMs ?? 30_000, 'answering PING');
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, daemon, stop };
}
