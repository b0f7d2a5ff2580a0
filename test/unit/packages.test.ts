/**
 * The per-provider packages' layout (tooling/packages): the require closure that decides what a
 * package carries, the generated package.json, and packages/<name>/ kept in step with the source.
 * Needs the build (npm test builds first).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	PROVIDER_PACKAGES,
	providerFiles,
	providerManifest,
	readCombinedManifest,
	requireClosure,
	requiredSpecifiers,
	staleSource,
} from '../../tooling/packages';
import { REPO_ROOT } from '../../tooling/repo';

const combined = readCombinedManifest(REPO_ROOT);

describe('requiredSpecifiers', () => {
	it('reads the specifiers of tsc CommonJS output, quoted either way', () => {
		const source = 'const a = require("./a");\nconst b = require( \'../shared/b\' );\nconst w = require("n8n-workflow");';
		expect(requiredSpecifiers(source)).toEqual(['./a', '../shared/b', 'n8n-workflow']);
	});
});

describe('requireClosure', () => {
	function tree(files: Record<string, string>): string {
		const root = mkdtempSync(join(tmpdir(), 'closure-'));
		for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
		return root;
	}

	it('follows relative requires and allows n8n-workflow and Node built-ins', () => {
		const root = tree({
			'entry.js': 'require("./a"); require("n8n-workflow"); require("node:crypto"); require("url");',
			'a.js': 'require("./b.json");',
			'b.json': '{}',
			'unused.js': '',
		});
		expect(requireClosure(root, [join(root, 'entry.js')])).toEqual(['a.js', 'b.json', 'entry.js']);
	});

	it('refuses a require that would be a runtime dependency', () => {
		const root = tree({ 'entry.js': 'require("axios");' });
		expect(() => requireClosure(root, [join(root, 'entry.js')])).toThrow('require("axios") would be a runtime dependency');
	});

	it('refuses a require it cannot resolve', () => {
		const root = tree({ 'entry.js': 'require("./missing");' });
		expect(() => requireClosure(root, [join(root, 'entry.js')])).toThrow('cannot resolve require("./missing")');
	});
});

describe.each(PROVIDER_PACKAGES.map((pkg) => [pkg.name, pkg] as const))('%s', (_name, pkg) => {
	const files = providerFiles(REPO_ROOT, combined, pkg);
	const manifest = providerManifest(combined, pkg);

	it('carries its nodes, codex files, icons and credential, the shared code, and no other provider', () => {
		for (const node of manifest.n8n.nodes) {
			expect(files).toContain(node);
			expect(files).toContain(node.replace(/\.js$/, '.json'));
		}
		expect(files).toContain(`dist/credentials/${pkg.credentialFile}.credentials.js`);
		expect(files).toContain('dist/nodes/shared/transport.js');
		expect(files.filter((file) => file.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
		const otherFolders = PROVIDER_PACKAGES.filter((other) => other !== pkg).map((other) => `dist/nodes/${other.folder}/`);
		expect(files.filter((file) => otherFolders.some((folder) => file.startsWith(folder)))).toEqual([]);
		expect(files.filter((file) => file.startsWith('dist/credentials/'))).toEqual([`dist/credentials/${pkg.credentialFile}.credentials.js`]);
	});

	it('carries every compiled module of its provider folder (none is left behind by the closure)', () => {
		const folder = join(REPO_ROOT, 'dist/nodes', pkg.folder);
		const compiled = readdirSync(folder, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.js'))
			.map((file) => `dist/nodes/${pkg.folder}/${file}`);
		expect(compiled.length).toBeGreaterThan(10);
		expect(compiled.filter((file) => !files.includes(file))).toEqual([]);
	});

	it("has a package.json n8n's verification asks for", () => {
		expect(manifest.name).toMatch(/^@n8n-nodes-field-service\/n8n-nodes-[a-z-]+$/);
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.license).toBe('MIT');
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest).not.toHaveProperty('dependencies');
		expect(manifest).not.toHaveProperty('scripts');
		expect(manifest.n8n.strict).toBe(true);
		expect(manifest.repository.url).toBe(combined.repository.url);
		expect(manifest.version).toBe(combined.version);
	});

	it('has packages/<name>/ up to date in the repository (npm run pack:all -- --sync)', () => {
		expect(staleSource(REPO_ROOT, pkg)).toEqual([]);
		const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', pkg.name.split('/')[1], 'package.json'), 'utf8')) as unknown;
		expect(committed).toEqual(manifest);
	});
});
