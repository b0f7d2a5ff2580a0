/**
 * n8n's package scanner (@n8n/scan-community-package `analyzePackage`, through
 * tooling/packages/scan.mjs) passes a per-provider package as the packaging lays it out, and fails it
 * for what n8n refuses in a community package: a runtime dependency, a timer in node code (strict
 * mode), a `process` read. So the `npm run pack:all -- --scan` gate can fail. Needs the build.
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runProcess } from '../../tooling/n8n';
import { providerPackage, stageProviderPackage, type StagedPackage } from '../../tooling/packages';
import { REPO_ROOT } from '../../tooling/repo';

jest.setTimeout(180_000);

interface ScanLine {
	passed: boolean;
	details: string | null;
}

async function scanTarballLeg(dir: string): Promise<ScanLine> {
	const result = await runProcess(process.execPath, [join(REPO_ROOT, 'tooling/packages/scan.mjs'), `tarball=${dir}`], {
		cwd: REPO_ROOT,
		env: process.env,
		timeoutMs: 120_000,
		label: 'scan',
	});
	expect(result.exitCode).toBe(0);
	return JSON.parse(result.stdout.split('\n').find((line) => line.startsWith('{'))!) as ScanLine;
}

function staged(): StagedPackage {
	return stageProviderPackage(REPO_ROOT, providerPackage('housecallPro'), mkdtempSync(join(tmpdir(), 'scan-')));
}

it('passes the Housecall Pro package as staged', async () => {
	const result = await scanTarballLeg(staged().dir);
	expect(result.details).toBeNull();
	expect(result.passed).toBe(true);
});

it('fails it with a runtime dependency', async () => {
	const pkg = staged();
	const manifestPath = join(pkg.dir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	writeFileSync(manifestPath, JSON.stringify({ ...manifest, dependencies: { axios: '^1.0.0' } }));
	const result = await scanTarballLeg(pkg.dir);
	expect(result.passed).toBe(false);
	expect(result.details).toContain('no-runtime-dependencies');
});

it('fails it with a timer or a process read in node code', async () => {
	const pkg = staged();
	appendFileSync(join(pkg.dir, 'dist/nodes/shared/transport.js'), '\nsetTimeout(() => undefined, 1);\nconst home = process.env.HOME;\n');
	const result = await scanTarballLeg(pkg.dir);
	expect(result.passed).toBe(false);
	expect(result.details).toContain('no-restricted-globals');
	expect(result.details).toMatch(/setTimeout/);
	expect(result.details).toMatch(/process/);
});
