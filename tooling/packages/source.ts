/**
 * Each per-provider package's folder in the repository, packages/<name>/: its package.json and README
 * (generated, committed) and links to the provider's sources. n8n's scanner finds a published
 * package's source through its npm provenance: it downloads the attested commit and looks for the
 * folder whose package.json carries the package's name (scan-community-package `findPackageRoot`),
 * then lints that folder's package.json, nodes/ and credentials/. Without this folder a per-provider
 * package could not be verified; the links make the scanner lint that provider's real sources.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

import type { ProviderPackage } from './catalog';
import { providerManifest, readCombinedManifest } from './manifest';
import { providerReadme } from './readme';

/** packages/<last part of the package name>, relative to the repository root. */
export function sourceFolder(pkg: ProviderPackage): string {
	return join('packages', basename(pkg.name));
}

/** What packages/<name>/ must hold: generated files by content, links by target (relative). */
export function expectedSource(repoRoot: string, pkg: ProviderPackage): { files: Map<string, string>; links: Map<string, string> } {
	const combined = readCombinedManifest(repoRoot);
	const manifest = providerManifest(combined, pkg);
	const folder = sourceFolder(pkg);
	const files = new Map([
		[join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`],
		[join(folder, 'README.md'), providerReadme(repoRoot, combined, pkg, manifest)],
	]);
	const linked = [`nodes/${pkg.folder}`, 'nodes/shared', `credentials/${pkg.credentialFile}.credentials.ts`];
	const links = new Map(linked.map((path) => [join(folder, path), relative(dirname(join(folder, path)), path)]));
	return { files, links };
}

/** The paths under packages/ that differ from what they should be (empty: up to date). */
export function staleSource(repoRoot: string, pkg: ProviderPackage): string[] {
	const { files, links } = expectedSource(repoRoot, pkg);
	const stale: string[] = [];
	for (const [path, content] of files) {
		const full = join(repoRoot, path);
		if (!existsSync(full) || readFileSync(full, 'utf8') !== content) stale.push(path);
	}
	for (const [path, target] of links) {
		const full = join(repoRoot, path);
		const isLink = existsSync(full) && lstatSync(full).isSymbolicLink();
		if (!isLink || readlinkSync(full) !== target) stale.push(path);
	}
	return stale;
}

/** Writes packages/<name>/ as expectedSource() says; returns the paths it changed. */
export function syncSource(repoRoot: string, pkg: ProviderPackage): string[] {
	const changed = staleSource(repoRoot, pkg);
	const { files, links } = expectedSource(repoRoot, pkg);
	for (const path of changed) {
		const full = join(repoRoot, path);
		mkdirSync(dirname(full), { recursive: true });
		rmSync(full, { recursive: true, force: true });
		if (files.has(path)) writeFileSync(full, files.get(path)!, 'utf8');
		else symlinkSync(links.get(path)!, full);
	}
	return changed;
}
