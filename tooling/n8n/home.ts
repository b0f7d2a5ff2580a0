/** n8n user folders ("homes") and the environment every n8n process of one gets. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ensureN8n } from './install';
import { installPackageTarball } from './packages';
import { E2E_ENCRYPTION_KEY, type CreateN8nHomeOptions, type N8nBins, type N8nHome } from './types';

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolvePromise(port) : reject(new Error('no free port'))));
		});
	});
}

const PASSTHROUGH_ENV = [
	'HOME',
	'USER',
	'LANG',
	'LC_ALL',
	'TZ',
	'TMPDIR',
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'NO_PROXY',
	'http_proxy',
	'https_proxy',
	'no_proxy',
	'SSL_CERT_FILE',
	'NODE_EXTRA_CA_CERTS',
];

/**
 * The environment every n8n CLI call of a user folder gets: n8n's Node first on PATH (n8n starts its
 * task runner as plain `node`), the folder, a fixed encryption key, and n8n's telemetry, banners
 * and package re-installs off.
 */
export function n8nEnvironment(
	bins: N8nBins,
	root: string,
	opts: { encryptionKey: string; brokerPort?: number; expressionEngine: 'legacy' | 'vm'; env?: Record<string, string> },
): Record<string, string> {
	const brokerPort = opts.brokerPort;
	const expressionEngine = opts.expressionEngine;
	return {
		PATH: `${dirname(bins.nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: root,
		N8N_ENCRYPTION_KEY: opts.encryptionKey,
		...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}),
		N8N_EXPRESSION_ENGINE: expressionEngine,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_FORMAT: 'text',
		NO_COLOR: '1',
		DB_TYPE: 'sqlite',
		...(opts.env ?? {}),
	};
}

/**
 * Creates a temp N8N_USER_FOLDER and installs the given packed community packages into it. Its n8n
 * processes get n8nEnvironment() on top of a few passthrough variables; jest's own N8N_* variables
 * are not inherited.
 */
export async function createN8nHome(opts: CreateN8nHomeOptions = {}): Promise<N8nHome> {
	const bins = await ensureN8n({ version: opts.version });
	const parent = opts.parentDir ?? tmpdir();
	mkdirSync(parent, { recursive: true });
	const root = mkdtempSync(join(parent, 'n8n-e2e-home-'));
	const n8nDir = join(root, '.n8n');
	const nodesDir = join(n8nDir, 'nodes');
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		'utf8',
	);
	const brokerPort = opts.brokerPort;
	const expressionEngine = opts.expressionEngine ?? 'legacy';
	const env = n8nEnvironment(bins, root, {
		encryptionKey: opts.encryptionKey ?? E2E_ENCRYPTION_KEY,
		brokerPort,
		expressionEngine,
		env: opts.env,
	});
	const home: N8nHome = {
		root,
		n8nDir,
		nodesDir,
		brokerPort,
		expressionEngine,
		bins,
		env,
		packages: [],
		cleanup: () => {
			if (process.env.N8N_E2E_KEEP) return;
			rmSync(root, { recursive: true, force: true });
		},
	};
	for (const tgz of opts.packages ?? []) {
		await installPackageTarball(home, tgz);
	}
	return home;
}

/** The full process environment of an n8n process of `home`: a few passthrough variables, a task-broker port, the home's env, then `extra`. */
export async function processEnv(home: N8nHome, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
	const env: NodeJS.ProcessEnv = {};
	for (const key of PASSTHROUGH_ENV) {
		const value = process.env[key];
		if (value !== undefined) env[key] = value;
	}
	const port = home.env.N8N_RUNNERS_BROKER_PORT ?? extra.N8N_RUNNERS_BROKER_PORT ?? String(await freePort());
	return { ...env, N8N_RUNNERS_BROKER_PORT: port, ...home.env, ...extra };
}
