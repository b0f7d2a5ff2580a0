// Runs n8n's package scanner (@n8n/scan-community-package, the check n8n runs before it verifies a
// community package) on local folders, with the two legs its analyzePackageByName runs on a published
// version: the source checkout that the npm provenance points at (SOURCE_FILE_PATTERNS: package.json,
// nodes/ and credentials/ sources) and the unpacked tarball (compiled .js and package.json).
//
//   node tooling/packages/scan.mjs source=<package root in the repo> tarball=<unpacked tarball> ...
//
// Prints one JSON line per folder: { leg, dir, passed, message, details }. Plain JavaScript because
// the scanner is an ES module, which the CommonJS build of the tooling cannot import.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

for (const arg of process.argv.slice(2)) {
	const [leg, dir] = arg.split(/=(.*)/s);
	if ((leg !== 'source' && leg !== 'tarball') || !dir) {
		process.stderr.write(`scan: expected source=<dir> or tarball=<dir>, got ${arg}\n`);
		process.exit(2);
	}
	const result = await analyzePackage(dir, leg === 'source' ? SOURCE_FILE_PATTERNS : TARBALL_PATTERNS);
	process.stdout.write(`${JSON.stringify({ leg, dir, passed: result.passed, message: result.message ?? null, details: result.details ?? null })}\n`);
}
