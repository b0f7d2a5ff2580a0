/** The pinned Node 24 + n8n install (scripts/install-n8n.sh, cached outside the repository). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../repo';
import { runProcess, tail } from './process';
import { TIMEOUTS, type N8nBins } from './types';

export const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts', 'install-n8n.sh');

let ensurePromise: Promise<N8nBins> | undefined;

/**
 * Makes sure Node 24 and n8n 2.41.1 are installed (runs scripts/install-n8n.sh, which returns at
 * once when the cache is complete) and returns their paths. The install honours N8N_FS_CACHE.
 */
export async function ensureN8n(opts: { timeoutMs?: number } = {}): Promise<N8nBins> {
	ensurePromise ??= (async () => {
		const result = await runProcess('bash', [INSTALL_SCRIPT], {
			cwd: REPO_ROOT,
			env: process.env,
			timeoutMs: opts.timeoutMs ?? TIMEOUTS.install,
			label: 'scripts/install-n8n.sh',
			onStderr: (chunk) => process.stderr.write(chunk),
		});
		if (result.exitCode !== 0) {
			throw new Error(
				`scripts/install-n8n.sh failed (exit ${String(result.exitCode)}):\n${tail(result.stderr)}`,
			);
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
	})();
	try {
		return await ensurePromise;
	} catch (error: unknown) {
		ensurePromise = undefined;
		throw error;
	}
}
