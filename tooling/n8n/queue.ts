/**
 * n8n in queue mode (n8n's scale-out: https://docs.n8n.io/hosting/scaling/queue-mode/): PostgreSQL
 * and Redis started here on loopback ports, one main process (`n8n start`: UI, REST, webhooks,
 * triggers and pollers; it puts executions on the queue) and workers (`n8n worker`) that take them
 * off the queue and run them. Every process shares the database, Redis and the encryption key.
 *
 * Each process gets N8N_FS_PROCESS=<its name> and env access in expressions, so a workflow can
 * write `{{ $env.N8N_FS_PROCESS }}` into its run data and show which process ran it.
 */
import { request as httpRequest } from 'node:http';

import { assertSuccess, runN8n } from './cli';
import { freePort, processEnv } from './home';
import { startN8n, type RunningN8n } from './rest';
import { ensureDebianPackages } from './services/debian';
import { startDaemon, waitUntilReady, type Daemon } from './services/daemon';
import { POSTGRES_TOOL, startPostgres, type RunningPostgres } from './services/postgres';
import { REDIS_TOOL, startRedis, type RunningRedis } from './services/redis';
import { TIMEOUTS, type N8nHome } from './types';

export const PROCESS_NAME_VARIABLE = 'N8N_FS_PROCESS';

export interface QueueServices {
	postgres: RunningPostgres;
	redis: RunningRedis;
	/** Debian packages installed for this run (empty when they were there). */
	installed: string[];
	installMs: number;
	stop(): Promise<void>;
}

/** Installs (if missing) and starts PostgreSQL and Redis. */
export async function startQueueServices(): Promise<QueueServices> {
	const { installed, durationMs } = await ensureDebianPackages([POSTGRES_TOOL, REDIS_TOOL]);
	const postgres = await startPostgres();
	let redis: RunningRedis;
	try {
		redis = await startRedis();
	} catch (error) {
		await postgres.stop();
		throw error;
	}
	return {
		postgres,
		redis,
		installed,
		installMs: durationMs,
		stop: async () => {
			await redis.stop();
			await postgres.stop();
		},
	};
}

/** The environment of every n8n process (CLI, main, workers) of a queue-mode home. */
export function queueEnvironment(services: Pick<QueueServices, 'postgres' | 'redis'>): Record<string, string> {
	const { postgres, redis } = services;
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		// Lets a workflow record which process ran it ({{ $env.N8N_FS_PROCESS }}); n8n 2.x blocks env access by default.
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	};
}

export interface RunningWorker {
	name: string;
	daemon: Daemon;
	healthPort: number;
	output(): string;
	stop(): Promise<void>;
}

function httpStatus(url: string): Promise<number> {
	return new Promise((resolve) => {
		const req = httpRequest(url, { timeout: 5_000 }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
		req.end();
	});
}

/** `n8n worker --concurrency=<n>`, ready once its health endpoint answers. */
export async function startWorker(home: N8nHome, opts: { name: string; concurrency: number; timeoutMs?: number }): Promise<RunningWorker> {
	const healthPort = await freePort();
	const daemon = startDaemon(home.bins.nodeBin, [home.bins.n8nBin, 'worker', `--concurrency=${opts.concurrency}`], {
		label: `n8n worker ${opts.name}`,
		cwd: home.root,
		env: await processEnv(home, {
			[PROCESS_NAME_VARIABLE]: opts.name,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		}),
	});
	const worker: RunningWorker = {
		name: opts.name,
		daemon,
		healthPort,
		output: () => daemon.output(),
		stop: () => daemon.stop('SIGTERM', 30_000),
	};
	try {
		await waitUntilReady(
			daemon,
			async () => (await httpStatus(`http://127.0.0.1:${healthPort}/healthz/readiness`)) === 200,
			opts.timeoutMs ?? TIMEOUTS.start,
			'ready',
		);
	} catch (error) {
		await worker.stop();
		throw error;
	}
	return worker;
}

export interface QueueCluster {
	main: RunningN8n;
	workers: RunningWorker[];
	stop(): Promise<void>;
}

/**
 * Publishes workflows, so main activates their triggers and webhooks when it starts:
 * `n8n publish:workflow --all` (one CLI start) or `--id=<id>` for each.
 */
export async function publishWorkflows(home: N8nHome, which: 'all' | string[]): Promise<void> {
	for (const flag of which === 'all' ? ['--all'] : which.map((id) => `--id=${id}`)) {
		assertSuccess(await runN8n(home, ['publish:workflow', flag]), `n8n publish:workflow ${flag}`);
	}
}

/**
 * Starts the workers, then main (which activates the published workflows). The home's environment
 * must come from queueEnvironment() (createN8nHome's `env`).
 */
export async function startQueueCluster(home: N8nHome, opts: { workers: number; concurrency: number }): Promise<QueueCluster> {
	if (home.env.EXECUTIONS_MODE !== 'queue') throw new Error('startQueueCluster: the home is not set up for queue mode (queueEnvironment)');
	const workers: RunningWorker[] = [];
	const stopAll = async (main?: RunningN8n): Promise<void> => {
		await main?.stop();
		for (const worker of workers) await worker.stop();
	};
	try {
		// One after the other: each runs n8n's startup against the shared database.
		for (let i = 1; i <= opts.workers; i++) workers.push(await startWorker(home, { name: `worker-${i}`, concurrency: opts.concurrency }));
		const main = await startN8n(home, { env: { [PROCESS_NAME_VARIABLE]: 'main' } });
		return { main, workers, stop: () => stopAll(main) };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** Which worker logged "Worker started execution <id>" for each execution id (n8n 2.x job processor). */
export function executionsByWorker(workers: RunningWorker[]): Map<string, string> {
	const ranBy = new Map<string, string>();
	for (const worker of workers) {
		for (const match of worker.output().matchAll(/Worker started execution (\d+)/g)) ranBy.set(match[1], worker.name);
	}
	return ranBy;
}
