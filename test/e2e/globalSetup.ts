/**
 * Runs once before the e2e suite: installs every selected n8n version (tooling/n8n/versions.json)
 * at the same time, each into its own cache folder. On a fresh machine the installs overlap (one
 * downloads while the other compiles sqlite3): measured with empty caches, 2.41.1 alone took 381 s,
 * 2.41.1 and 1.123.81 together 434 s (1.123.81 alone: 391 to 613 s). With a complete cache
 * scripts/install-n8n.sh returns at once. (The pins' module is versionPins.ts, not versions.ts: in
 * globalSetup jest resolves './versions' to versions.json beside it.)
 */
import { ensureN8n, selectedVersions } from '../../tooling/n8n';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const installed = await Promise.all(selectedVersions().map((pin) => ensureN8n({ version: pin.n8n })));
	const seconds = Math.round((Date.now() - started) / 1000);
	if (seconds > 5) process.stderr.write(`\ne2e: n8n ${installed.map((bins) => bins.version).join(', ')} ready after ${seconds} s\n`);
}
