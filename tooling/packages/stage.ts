/**
 * Lays out one per-provider package from the combined package's build (`dist/`): the require closure
 * of its nodes and credential (tooling/packages/closure.ts), their codex files with the package's own
 * node types, its icons, the common job shape's schema, package.json, README.md and LICENSE. The
 * paths inside stay those of the combined package (dist/nodes/<Provider>/…, dist/nodes/shared/…), so
 * icon references and the credential's `file:../nodes/…` icon work unchanged.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { COMBINED_PACKAGE, type ProviderPackage } from './catalog';
import { requireClosure } from './closure';
import { providerManifest, readCombinedManifest, type PackageManifest } from './manifest';
import { providerReadme } from './readme';

export interface StagedPackage {
	name: string;
	version: string;
	/** The folder holding the package (package.json at its top). */
	dir: string;
	/** Every file of the package, relative to `dir`, sorted. */
	files: string[];
}

const ICON = /\.(svg|png)$/;

/** The codex file of a node, with the node type of the package it ships in. */
function codexFor(codexPath: string, packageName: string): string {
	const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as { node?: unknown };
	const prefix = `${COMBINED_PACKAGE}.`;
	if (typeof codex.node !== 'string' || !codex.node.startsWith(prefix)) {
		throw new Error(`${codexPath}: "node" should be ${prefix}<node name>, found ${String(codex.node)}`);
	}
	codex.node = `${packageName}.${codex.node.slice(prefix.length)}`;
	return `${JSON.stringify(codex, null, '\t')}\n`;
}

/** The files (relative to the repository root) that go into `pkg`, besides package.json, README.md and LICENSE. */
export function providerFiles(repoRoot: string, combined: PackageManifest, pkg: ProviderPackage): string[] {
	const manifest = providerManifest(combined, pkg);
	const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
	const code = requireClosure(repoRoot, entries.map((path) => join(repoRoot, path)));
	const own = [`dist/nodes/${pkg.folder}/`, 'dist/nodes/shared/'];
	const foreign = code.filter((path) => path.startsWith('dist/nodes/') && !own.some((folder) => path.startsWith(folder)));
	if (foreign.length > 0) throw new Error(`${pkg.name} would carry another provider's code: ${foreign.join(', ')}`);
	const codex = manifest.n8n.nodes.map((path) => path.replace(/\.js$/, '.json')).filter((path) => existsSync(join(repoRoot, path)));
	const iconDir = `dist/nodes/${pkg.folder}`;
	const icons = readdirSync(join(repoRoot, iconDir)).filter((file) => ICON.test(file)).map((file) => `${iconDir}/${file}`);
	return [...new Set([...code, ...codex, ...icons, 'dist/job.schema.json'])].sort();
}

/** Writes `pkg` into `<outRoot>/<last part of its name>` (emptied first) from the built `dist/`. */
export function stageProviderPackage(repoRoot: string, pkg: ProviderPackage, outRoot: string): StagedPackage {
	if (!existsSync(join(repoRoot, 'dist'))) throw new Error(`${repoRoot}/dist is missing: run npm run build first`);
	const combined = readCombinedManifest(repoRoot);
	const manifest = providerManifest(combined, pkg);
	const dir = join(outRoot, basename(pkg.name));
	rmSync(dir, { recursive: true, force: true });
	const files = providerFiles(repoRoot, combined, pkg);
	for (const file of files) {
		const target = join(dir, file);
		mkdirSync(dirname(target), { recursive: true });
		if (file.endsWith('.node.json')) writeFileSync(target, codexFor(join(repoRoot, file), pkg.name), 'utf8');
		else copyFileSync(join(repoRoot, file), target);
	}
	writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
	writeFileSync(join(dir, 'README.md'), providerReadme(repoRoot, combined, pkg, manifest), 'utf8');
	copyFileSync(join(repoRoot, 'LICENSE'), join(dir, 'LICENSE'));
	return { name: manifest.name, version: manifest.version, dir, files: [...files, 'LICENSE', 'README.md', 'package.json'].sort() };
}
