/**
 * The six packages built from this repository: the combined n8n-nodes-field-service and one per
 * provider (catalog.ts). `npm run pack:all` (scripts/pack-all.ts) packs them into dist-packages/ and
 * runs n8n's scanner on each; the e2e suite installs the tarballs into real n8n.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runProcess, tail } from '../n8n/process';
import { COMBINED_PACKAGE, PROVIDER_PACKAGES } from './catalog';
import { packDirectory, type PackedTarball } from './pack';
import { sourceFolder, staleSource } from './source';
import { stageProviderPackage } from './stage';

export { COMBINED_PACKAGE, PACKAGE_SCOPE, PROVIDER_PACKAGES, providerPackage, type ProviderPackage } from './catalog';
export { requireClosure, requiredSpecifiers } from './closure';
export { providerManifest, readCombinedManifest, type PackageManifest } from './manifest';
export { packDirectory, type PackedTarball } from './pack';
export { expectedSource, sourceFolder, staleSource, syncSource } from './source';
export { providerFiles, stageProviderPackage, type StagedPackage } from './stage';

export interface BuiltPackage extends PackedTarball {
	/** The package's folder in the repository, as n8n's scanner finds it from the provenance. */
	sourceDir: string;
}

/**
 * Packs all six from the built dist/ (run `npm run build` first) into `destDir`: the combined package
 * as `npm pack` of the repository, each provider's from its staged folder under `stagingRoot`.
 * Refuses when packages/<name>/ is not what the generator makes (`npm run pack:all -- --sync`).
 */
export async function packAll(repoRoot: string, destDir: string, stagingRoot: string): Promise<BuiltPackage[]> {
	const stale = PROVIDER_PACKAGES.flatMap((pkg) => staleSource(repoRoot, pkg));
	if (stale.length > 0) throw new Error(`out of date (run npm run pack:all -- --sync and commit): ${stale.join(', ')}`);
	mkdirSync(destDir, { recursive: true });
	const built: BuiltPackage[] = [{ ...(await packDirectory(repoRoot, destDir)), sourceDir: repoRoot }];
	for (const pkg of PROVIDER_PACKAGES) {
		const staged = stageProviderPackage(repoRoot, pkg, stagingRoot);
		built.push({ ...(await packDirectory(staged.dir, destDir)), sourceDir: join(repoRoot, sourceFolder(pkg)) });
	}
	if (built[0].name !== COMBINED_PACKAGE) throw new Error(`the repository packed as ${built[0].name}`);
	return built;
}

export interface ScanResult {
	name: string;
	leg: 'source' | 'tarball';
	passed: boolean;
	message: string | null;
	details: string | null;
}

/** n8n's scanner (tooling/packages/scan.mjs) on each package's source folder and its unpacked tarball. */
export async function scanAll(repoRoot: string, packages: readonly BuiltPackage[]): Promise<ScanResult[]> {
	const unpackRoot = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	try {
		const args: string[] = [];
		for (const [index, pkg] of packages.entries()) {
			const dir = join(unpackRoot, String(index));
			mkdirSync(dir);
			const untar = await runProcess('tar', ['xzf', pkg.tgz, '-C', dir, '--strip-components=1'], { env: process.env, timeoutMs: 60_000, label: `tar ${pkg.tgz}` });
			if (untar.exitCode !== 0) throw new Error(`could not unpack ${pkg.tgz}: ${tail(untar.stderr)}`);
			args.push(`source=${pkg.sourceDir}`, `tarball=${dir}`);
		}
		const scan = await runProcess(process.execPath, [join(repoRoot, 'tooling/packages/scan.mjs'), ...args], { cwd: repoRoot, env: process.env, timeoutMs: 600_000, label: 'n8n package scanner' });
		if (scan.exitCode !== 0) throw new Error(`the scanner failed (exit ${String(scan.exitCode)}):\n${tail(scan.stderr)}`);
		const lines = scan.stdout.split('\n').filter((line) => line.startsWith('{'));
		return lines.map((line, index) => {
			const result = JSON.parse(line) as Omit<ScanResult, 'name'>;
			return { ...result, name: packages[Math.floor(index / 2)].name };
		});
	} finally {
		rmSync(unpackRoot, { recursive: true, force: true });
	}
}
