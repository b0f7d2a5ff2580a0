/**
 * n8n for the sandbox: the pinned install (scripts/install-n8n.sh, cached outside the repo) and an
 * n8n user folder under .demo/ that holds the package as a community package. Everything that
 * talks to n8n afterwards is tooling/n8n/.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	ensureN8n,
	installPackageTarball,
	n8nEnvironment,
	N8N_VERSION,
	type N8nBins,
	type N8nHome,
} from '../../tooling/n8n';

/** Fixed, so a reused user folder decrypts its credentials on every run. Not a secret: demo only. */
export const DEMO_ENCRYPTION_KEY = 'n8n-nodes-field-service-demo-encryption-key';

/** Node 24 + n8n 2.41.1, installed once into the cache by scripts/install-n8n.sh. */
export async function ensureN8nInstalled(): Promise<N8nBins> {
	return await ensureN8n();
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
 * the same environment tooling/n8n/home.ts `createN8nHome` gives its temp homes.
 */
export function openHome(root: string, bins: N8nBins, opts: { fresh: boolean; timeZone: string }): N8nHome {
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
	// 'legacy' expressions: isolated-vm ('vm') can crash n8n's CLI while it exits; see CreateN8nHomeOptions in tooling/n8n/types.ts.
	// The machine's time zone for the workflows (GENERIC_TIMEZONE, else n8n uses America/New_York) and
	// for the process (TZ): https://docs.n8n.io/hosting/configuration/environment-variables/timezone-localization/
	const env = n8nEnvironment(bins, root, {
		encryptionKey: DEMO_ENCRYPTION_KEY,
		expressionEngine: 'legacy',
		env: { GENERIC_TIMEZONE: opts.timeZone, TZ: opts.timeZone },
	});
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
