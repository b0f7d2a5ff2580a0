/**
 * The release workflow (.github/workflows/publish.yml), which cannot run here: read as GitHub reads
 * it, it runs on a version tag, tests with the README's test command before anything is published,
 * publishes all six packages with an npm provenance statement (which needs `id-token: write`), and
 * every package points at this repository, which the provenance names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { PROVIDER_PACKAGES, providerManifest, readCombinedManifest } from '../../tooling/packages';
import { REPO_ROOT } from '../../tooling/repo';

interface Step {
	name?: string;
	run?: string;
	uses?: string;
}

interface Workflow {
	on: { push?: { tags?: string[] } };
	permissions?: Record<string, string>;
	jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>;
}

const workflow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/publish.yml'), 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.map((step) => step.run ?? '');

/** The test command README.md gives (the fenced block after "Run the tests"). */
function readmeTestCommand(): string {
	const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
	const block = /\*\*Run the tests\*\*[\s\S]*?```bash\n([^\n]+)\n```/.exec(readme);
	if (!block) throw new Error('README.md has no "Run the tests" command block');
	return block[1].trim();
}

it('runs on a version tag push', () => {
	expect(workflow.on.push?.tags).toEqual(['v*.*.*']);
});

it('may mint the OIDC token that npm provenance needs, and only read the repository', () => {
	const permissions = { ...workflow.permissions, ...Object.values(workflow.jobs)[0].permissions };
	expect(permissions).toMatchObject({ 'id-token': 'write', contents: 'read' });
});

it("runs the README's test command (the one .ci/run runs) before it publishes", () => {
	const command = readmeTestCommand();
	expect(readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8')).toContain(command);
	const testStep = runs.findIndex((run) => run.trim() === command);
	const firstPublish = runs.findIndex((run) => /\bnpm publish\b/.test(run));
	expect(testStep).toBeGreaterThanOrEqual(0);
	expect(firstPublish).toBeGreaterThan(testStep);
});

it('packs the six packages, runs the scanner, and publishes each tarball with provenance', () => {
	const pack = runs.findIndex((run) => /npm run pack:all -- --scan/.test(run));
	const publish = runs.findIndex((run) => /\bnpm publish\b/.test(run));
	expect(pack).toBeGreaterThanOrEqual(0);
	expect(publish).toBeGreaterThan(pack);
	const publishRun = runs[publish];
	expect(publishRun).toMatch(/for tarball in dist-packages\/\*\.tgz/);
	expect(publishRun).toMatch(/npm publish "\$tarball" --provenance --access public/);
	expect(publishRun).toMatch(/-ne 6/);
	// Six: the combined package and one per provider.
	expect(1 + PROVIDER_PACKAGES.length).toBe(6);
});

it("gives every package this repository's address", () => {
	const combined = readCombinedManifest(REPO_ROOT);
	expect(combined.repository.url).toBe('git+https://github.com/n8n-nodes-field-service/n8n-nodes-field-service.git');
	for (const pkg of PROVIDER_PACKAGES) expect(providerManifest(combined, pkg).repository).toEqual(combined.repository);
});
