/** The pinned n8n installs (scripts/install-n8n.sh, cached outside the repository). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../repo';
import { runProcess, tail } from './process';
import { TIMEOUTS, type N8nBins } from './types';
import { DEFAULT_N8N_VERSION, versionPin } from './versionPins';

export const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts', 'install-n8n.sh');

const installs = new Map<string, Promise<N8nBins>>();

/**
 * Makes sure one pinned n8n and its Node are installed (runs scripts/install-n8n.sh, which returns
 * at once when the cache is complete) and returns their paths. Default: the default version of
 * tooling/n8n/versions.json. The install honours N8N_FS_CACHE.
 */
export async function ensureN8n(opts: { version?: string; timeoutMs?: number } = {}): Promise<N8nBins> {
	const version = opts.version ?? DEFAULT_N8N_VERSION;
	const pin = versionPin(version);
	let pending = installs.get(version);
	if (!pending) {
		pending = (async () => {
			const result = await runProcess('bash', [INSTALL_SCRIPT, '--version', version], {
				cwd: REPO_ROOT,
				env: process.env,
				timeoutMs: opts.timeoutMs ?? TIMEOUTS.install,
				label: `scripts/install-n8n.sh --version ${version}`,
				onStderr: (chunk) => process.stderr.write(chunk),
			});
			if (result.exitCode !== 0) {
				throw new Error(
					`scripts/install-n8n.sh --version ${version} failed (exit ${String(result.exitCode)}):\n${tail(result.stderr)}`,
				);
			}
			const values = new Map<string, string>();
			for (const line of result.stdout.split('\n')) {
				const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
				if (match) values.set(match[1], match[2]);
			}
			const nodeBin = values.get('NODE_BIN');
			const n8nBin = values.get('N8N_BIN');
			if (!nodeBin || !n8nBin || !existsSync(nodeBin) || !existsSync(n8nBin)) {
				throw new Error(`scripts/install-n8n.sh did not report usable paths:\n${result.stdout}`);
			}
			return { nodeBin, n8nBin, version, nodeVersion: process.env.N8N_FS_NODE_VERSION || pin.node };
		})();
		installs.set(version, pending);
	}
	try {
		return await pending;
	} catch (error: unknown) {
		installs.delete(version);
		throw error;
	}
}
