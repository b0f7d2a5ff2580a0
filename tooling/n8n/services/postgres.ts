/**
 * A throwaway PostgreSQL (Debian's postgresql package) in a temp data directory on a loopback port:
 * `initdb` with trust authentication, then `postgres` in the foreground. PostgreSQL refuses to run
 * as root, so as root both run as the `postgres` user the Debian package creates (setpriv).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../home';
import { runProcess, tail } from '../process';
import { startDaemon, waitUntilReady, type Daemon } from './daemon';
import type { DebianTool } from './debian';

/** The bin directory of the newest installed server (`/usr/lib/postgresql/<major>/bin`). */
export function findPostgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = join(root, major, 'bin');
		if (['initdb', 'postgres', 'pg_isready', 'psql'].every((tool) => existsSync(join(bin, tool)))) return bin;
	}
	return undefined;
}

export const POSTGRES_TOOL: DebianTool = { package: 'postgresql', find: findPostgresBin };

export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** The server's major version. */
	version: string;
	daemon: Daemon;
	stop(): Promise<void>;
}

interface RunAs {
	/** Prefix that runs a command as the server's user (empty when not root). */
	prefix: string[];
	uid?: number;
	gid?: number;
}

async function runAsOf(): Promise<RunAs> {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { prefix: [] };
	const id = async (flag: string): Promise<number> => {
		const result = await runProcess('id', [flag, 'postgres'], { env: process.env, timeoutMs: 10_000, label: `id ${flag} postgres` });
		if (result.exitCode !== 0) throw new Error('running as root, but there is no postgres user to run PostgreSQL as (Debian package postgresql creates it)');
		return Number(result.stdout.trim());
	};
	const uid = await id('-u');
	const gid = await id('-g');
	return { prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'], uid, gid };
}

/** Starts a fresh cluster with a database `n8n` owned by user `n8n` (no password: trust on loopback). */
export async function startPostgres(opts: { timeoutMs?: number } = {}): Promise<RunningPostgres> {
	const bin = findPostgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (Debian package postgresql)');
	const runAs = await runAsOf();
	const parent = mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
	const dataDir = join(parent, 'data');
	mkdirSync(dataDir, { mode: 0o700 });
	if (runAs.uid !== undefined && runAs.gid !== undefined) {
		chmodSync(parent, 0o755);
		chownSync(dataDir, runAs.uid, runAs.gid);
	}
	const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
	const [command, ...prefixArgs] = [...runAs.prefix, join(bin, 'initdb')];
	const init = await runProcess(
		command,
		[...prefixArgs, '-D', dataDir, '-U', 'n8n', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
		{ env, timeoutMs: opts.timeoutMs ?? 120_000, label: 'initdb' },
	);
	if (init.exitCode !== 0) {
		rmSync(parent, { recursive: true, force: true });
		throw new Error(`initdb failed (exit ${String(init.exitCode)}):\n${tail(init.stdout)}\n${tail(init.stderr)}`);
	}
	const port = await freePort();
	const serverArgs = [
		join(bin, 'postgres'),
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'unix_socket_directories=',
		// A test database: durability is not needed, speed is.
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	];
	const [serverCommand, ...serverRest] = [...runAs.prefix, ...serverArgs];
	const daemon = startDaemon(serverCommand, serverRest, { label: `postgres :${port}`, env });
	const stop = async (): Promise<void> => {
		// SIGINT is PostgreSQL's "fast shutdown".
		await daemon.stop('SIGINT', 15_000);
		rmSync(parent, { recursive: true, force: true });
	};
	try {
		const psql = async (database: string, sql: string): Promise<{ ok: boolean; text: string }> => {
			const result = await runProcess(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-Atc', sql], {
				env,
				timeoutMs: 30_000,
				label: 'psql',
			});
			return { ok: result.exitCode === 0, text: `${result.stdout}${result.stderr}` };
		};
		await waitUntilReady(daemon, async () => (await psql('postgres', 'select 1')).ok, opts.timeoutMs ?? 60_000, 'accepting connections');
		const created = await psql('postgres', 'CREATE DATABASE n8n');
		if (!created.ok) throw new Error(`CREATE DATABASE n8n failed: ${created.text}`);
		const version = (await psql('n8n', 'SHOW server_version')).text.trim();
		return { host: '127.0.0.1', port, user: 'n8n', database: 'n8n', version, daemon, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
