/** The combined package's package.json as the packaging reads it, and the per-provider package.json made from it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { COMBINED_PACKAGE, type ProviderPackage } from './catalog';

export interface PackageManifest {
	name: string;
	version: string;
	description: string;
	keywords: string[];
	license: string;
	homepage: string;
	author: { name: string; email: string };
	repository: { type: string; url: string };
	engines: Record<string, string>;
	files: string[];
	n8n: { n8nNodesApiVersion: number; strict: boolean; credentials: string[]; nodes: string[] };
	peerDependencies: Record<string, string>;
}

export function readCombinedManifest(repoRoot: string): PackageManifest {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageManifest;
	if (manifest.name !== COMBINED_PACKAGE) throw new Error(`${repoRoot}/package.json is not ${COMBINED_PACKAGE}`);
	return manifest;
}

/** The combined package's node and credential entries (dist/… paths) that belong to one provider. */
export function providerEntries(combined: PackageManifest, pkg: ProviderPackage): { nodes: string[]; credentials: string[] } {
	const nodes = combined.n8n.nodes.filter((path) => path.startsWith(`dist/nodes/${pkg.folder}/`));
	const credentials = combined.n8n.credentials.filter((path) => path === `dist/credentials/${pkg.credentialFile}.credentials.js`);
	if (nodes.length === 0) throw new Error(`${pkg.name}: package.json lists no node under dist/nodes/${pkg.folder}/`);
	if (credentials.length !== 1) throw new Error(`${pkg.name}: package.json does not list dist/credentials/${pkg.credentialFile}.credentials.js`);
	return { nodes, credentials };
}

/** The GitHub page of a file of this repository (for links that must work from npm, too). */
export function repositoryPage(combined: PackageManifest, path: string): string {
	const base = combined.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	return `${base}/blob/main/${path}`;
}

/**
 * One provider's package.json: the combined package's author, license, repository, engines, peer
 * dependency and version; its own name, description, keywords and n8n block (only its nodes and
 * credential, strict mode on). No dependencies, no scripts: nothing runs on install.
 */
export function providerManifest(combined: PackageManifest, pkg: ProviderPackage): PackageManifest {
	const { nodes, credentials } = providerEntries(combined, pkg);
	return {
		name: pkg.name,
		version: combined.version,
		description: `n8n nodes for ${pkg.about}: jobs (get many, get, create, update, change status) and a job trigger.`,
		keywords: ['n8n-community-node-package', 'n8n', 'field service', ...pkg.keywords],
		license: combined.license,
		homepage: repositoryPage(combined, `docs/nodes/${pkg.docsSlug}.md`),
		author: combined.author,
		repository: combined.repository,
		engines: combined.engines,
		files: ['dist'],
		n8n: { n8nNodesApiVersion: combined.n8n.n8nNodesApiVersion, strict: true, credentials, nodes },
		peerDependencies: combined.peerDependencies,
	};
}
