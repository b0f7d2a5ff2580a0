/** The package under test as n8n's community-package installer leaves it. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { packDirectory } from '../packages/pack';
import { runProcess } from './process';
import { TIMEOUTS, type InstalledPackage, type N8nHome } from './types';

/**
 * `npm pack` of a built package directory into a temp folder; returns the .tgz path. Build first
 * (`npm run build`): this only packs what is there. Lifecycle scripts are skipped.
 */
export async function packPackage(repoDir: string, opts: { destDir?: string; timeoutMs?: number } = {}): Promise<string> {
	const destDir = opts.destDir ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-pack-'));
	return (await packDirectory(repoDir, destDir, opts.timeoutMs ?? TIMEOUTS.pack)).tgz;
}

/**
 * Installs a packed community package into a home the way n8n's installer does
 * (community-packages.service.js `downloadPackage`): unpack into `nodes/node_modules/<name>`,
 * drop devDependencies/peerDependencies/optionalDependencies from its package.json, and record it in
 * `nodes/package.json` (`{ name: 'installed-nodes', private: true, dependencies }`). n8n then runs
 * `npm install` in the package folder; our packages have no runtime dependencies, so that is skipped
 * (`n8n-workflow` resolves to n8n's own copy).
 */
export async function installPackageTarball(home: N8nHome, tgz: string): Promise<InstalledPackage> {
	const staging = mkdtempSync(join(home.root, 'unpack-'));
	const unpack = await runProcess('tar', ['xzf', resolve(tgz), '-C', staging, '--strip-components=1'], {
		timeoutMs: 60_000,
		label: `tar xzf ${tgz}`,
		env: process.env,
	});
	if (unpack.exitCode !== 0) {
		throw new Error(`could not unpack ${tgz}: ${unpack.stderr}`);
	}
	const manifestPath = join(staging, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	const name = manifest.name;
	const version = manifest.version;
	if (typeof name !== 'string' || typeof version !== 'string') {
		throw new Error(`${tgz}: package.json has no name/version`);
	}
	if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-/.test(name)) {
		throw new Error(`${tgz}: n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*; got ${name}`);
	}
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');

	const dir = join(home.nodesDir, 'node_modules', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dirname(dir), { recursive: true });
	renameSync(staging, dir);

	const ledgerPath = join(home.nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies?: Record<string, string> })
		: {};
	const next = {
		name: 'installed-nodes',
		private: true,
		...ledger,
		dependencies: { ...(ledger.dependencies ?? {}), [name]: version },
	};
	writeFileSync(ledgerPath, JSON.stringify(next, null, 2), 'utf8');
	const installed = { name, version, dir };
	home.packages.push(installed);
	return installed;
}
