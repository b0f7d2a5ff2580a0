/**
 * `npm run pack:all`: the six packages of this repository (tooling/packages) as tarballs in
 * dist-packages/, with each one's name, size and file count.
 *
 *   npm run pack:all                 pack (after npm run build)
 *   npm run pack:all -- --scan       also run n8n's package scanner on each (source folder + tarball);
 *                                    exits 1 when any fails
 *   npm run pack:all -- --sync       rewrite packages/<name>/ (package.json, README.md, links to the
 *                                    provider's sources) from the combined package and docs/, then pack
 */
import { join } from 'node:path';

import { findRepoRoot } from '../tooling/repo';
import { packAll, PROVIDER_PACKAGES, scanAll, syncSource } from '../tooling/packages';

function kilobytes(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} kB`;
}

async function main(): Promise<void> {
	const args = new Set(process.argv.slice(2));
	const unknown = [...args].filter((arg) => !['--scan', '--sync'].includes(arg));
	if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (options: --scan, --sync)`);
	const repoRoot = findRepoRoot(__dirname);
	if (args.has('--sync')) {
		const changed = PROVIDER_PACKAGES.flatMap((pkg) => syncSource(repoRoot, pkg));
		process.stdout.write(changed.length ? `updated: ${changed.join(', ')}\n` : 'packages/ was up to date\n');
	}
	const destDir = join(repoRoot, 'dist-packages');
	const packages = await packAll(repoRoot, destDir, join(repoRoot, '.build', 'packages'));
	const width = Math.max(...packages.map((pkg) => pkg.name.length));
	process.stdout.write(`\n${'package'.padEnd(width)}  ${'version'.padEnd(8)}  ${'size'.padStart(9)}  files  tarball\n`);
	for (const pkg of packages) {
		process.stdout.write(
			`${pkg.name.padEnd(width)}  ${pkg.version.padEnd(8)}  ${kilobytes(pkg.size).padStart(9)}  ${String(pkg.fileCount).padStart(5)}  ${pkg.tgz.slice(repoRoot.length + 1)}\n`,
		);
	}
	if (!args.has('--scan')) return;
	process.stdout.write('\nn8n package scanner (@n8n/scan-community-package analyzePackage):\n');
	const results = await scanAll(repoRoot, packages);
	for (const result of results) {
		process.stdout.write(`${result.passed ? 'passed' : 'FAILED'}  ${result.name.padEnd(width)}  ${result.leg}${result.message ? `: ${result.message}` : ''}\n`);
		if (!result.passed && result.details) process.stdout.write(`${result.details}\n`);
	}
	if (results.some((result) => !result.passed)) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`pack:all: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
