/**
 * n8n for the sandbox: the pinned install (scripts/install-n8n.sh, cached outside the repo) and an
 * n8n user folder under .demo/ that holds the package as a community package. Everything that
 * talks to n8n afterwards is test/e2e/n8n.ts.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	ensureN8n,
	INSTALL_SCRIPT,
	installPackageTarball,
	N8N_VERSION,
	runProcess,
	type N8nBins,
	type N8nHome,
} from '../../test/e2e/n8n';

/** Fixed, so a reused user folder decrypts its credentials on every run. Not a secret: demo only. */
export const DEMO_ENCRYPTION_KEY = 'n8n-nodes-field-service-demo-encryption-key';

/**
 * Node 24 + n8n 2.41.1, installed once into the cache. Uses the e2e library's `ensureN8n`; when
 * that library is loaded from the compiled `.build/` tree its install-script path points into
 * `.build/`, so then the repository's script is run directly (same script, same output).
 */
export async function ensureN8nInstalled(repoRoot: string): Promise<N8nBins> {
	if (existsSync(INSTALL_SCRIPT)) return await ensureN8n();
	const script = join(repoRoot, 'scripts', 'install-n8n.sh');
	const result = await runProcess('bash', [script], {
		cwd: repoRoot,
		env: process.env,
		timeoutMs: 40 * 60_000,
		label: 'scripts/install-n8n.sh',
		onStderr: (chunk) => process.stderr.write(chunk),
	});
	if (result.exitCode !== 0) {
		throw new Error(`scripts/install-n8n.sh failed (exit ${String(result.exitCode)}); see its messages above`);
	}
	const values = new Map<string, string>();
	for (const line of result.stdout.split('\n')) {
		const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
		if (match) values.set(match[1], match[2]);
	}
	const nodeBin = values.get('NODE24_BIN');
	const n8nBin = values.get('N8N_BIN');
	if (!nodeBin || !n8nBin || !existsSync(nodeBin) || !existsSync(n8nBin)) {
		throw new Error(`scripts/install-n8n.sh did not report usable paths:\n${result.stdout}`);
	}
	return { nodeBin, n8nBin };
}

/**
 * Whether scripts/install-n8n.sh would have to install (only to tell the user what to expect; the
 * script decides). Same cache location and marker as the script.
 */
export function n8nInstallPending(): boolean {
	const cacheRoot = process.env.N8N_FS_CACHE || join(process.env.HOME ?? '', '.cache', 'n8n-nodes-field-service');
	return !existsSync(join(cacheRoot, `n8n-${N8N_VERSION}`, '.install-ok'));
}

/**
 * An n8n user folder at a fixed path (created, or reused as it is; `fresh` wipes it first), with
 * the same environment test/e2e/n8n.ts `createN8nHome` gives its temp homes.
 */
export function openHome(root: string, bins: N8nBins, opts: { fresh: boolean }): N8nHome {
	if (opts.fresh) rmSync(root, { recursive: true, force: true });
	const n8nDir = join(root, '.n8n');
	const nodesDir = join(n8nDir, 'nodes');
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			'utf8',
		);
	}
	const env: Record<string, string> = {
		PATH: `${dirname(bins.nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: root,
		N8N_ENCRYPTION_KEY: DEMO_ENCRYPTION_KEY,
		// isolated-vm ('vm') can crash n8n's CLI while it exits; see test/e2e/n8n.ts.
		N8N_EXPRESSION_ENGINE: 'legacy',
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
	};
	return {
		root,
		n8nDir,
		nodesDir,
		brokerPort: undefined,
		expressionEngine: 'legacy',
		bins,
		env,
		packages: [],
		cleanup: () => rmSync(root, { recursive: true, force: true }),
	};
}

export { installPackageTarball };
