/** Whether n8n loaded the package: node types, credential types, loader warnings. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { assertSuccess, runN8n } from './cli';
import { TIMEOUTS, type N8nHome, type N8nLogEntry, type PackageLoadReport } from './types';

/** Parses n8n's JSON-format log lines (N8N_LOG_FORMAT=json); other lines are skipped. */
export function parseJsonLog(output: string): N8nLogEntry[] {
	const entries: N8nLogEntry[] = [];
	for (const line of output.split('\n')) {
		const trimmed = line.trim();
		if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) continue;
		try {
			const parsed = JSON.parse(trimmed) as { level?: unknown; message?: unknown; metadata?: unknown };
			if (typeof parsed.level !== 'string' || typeof parsed.message !== 'string') continue;
			entries.push({
				level: parsed.level,
				message: parsed.message,
				metadata:
					typeof parsed.metadata === 'object' && parsed.metadata !== null
						? (parsed.metadata as Record<string, unknown>)
						: undefined,
			});
		} catch {
			// not a log line
		}
	}
	return entries;
}

/**
 * Messages n8n 2.41.1 logs when a community package (or one of its files) fails to load. n8n 1.123.81
 * logs only the thrown error's message for a package that fails (load-nodes-and-credentials.js
 * `loadNodesFromNodeModules`), without the package name; there `ok` is false through the counts
 * (no "Loaded all credentials and nodes" line) and the missing node types.
 */
export const LOADER_PROBLEM_PATTERNS: RegExp[] = [
	/Failed to load package/i, // load-nodes-and-credentials.js init(): a node/credential file threw
	/Skipping package/i, // scan-directory-for-packages.js: bad package.json or n8nNodesApiVersion
	/is already loaded/i, // two copies of the same package
	/Unknown credential name/i, // a node references a credential type nobody provides
	/Class could not be found/i, // file name does not match the class name
	/Unrecognized (node|credential) type/i,
	/some packages are missing/i,
	/Community package ledger is unusable/i,
];

/**
 * Asks n8n which node types it loaded (`n8n export:nodes` at debug level with JSON logs) and collects
 * every warning/error that concerns the package. `ok` is true when no problem was logged, n8n loaded
 * as many nodes and credentials as the package.json declares, and all expected nodes/credentials are
 * present. (Every CLI command loads the nodes; export:nodes is the one that also lists them.)
 */
export async function checkPackageLoaded(
	home: N8nHome,
	packageName: string,
	opts: { expectNodes?: string[]; expectCredentials?: string[]; timeoutMs?: number } = {},
): Promise<PackageLoadReport> {
	const output = join(home.root, 'export', `nodes-${Date.now()}.json`);
	const result = await runN8n(home, ['export:nodes', `--output=${output}`], {
		timeoutMs: opts.timeoutMs ?? TIMEOUTS.cli,
		logLevel: 'debug',
		env: { N8N_LOG_FORMAT: 'json' },
	});
	assertSuccess(result, 'n8n export:nodes');
	const log = parseJsonLog(`${result.stdout}\n${result.stderr}`);
	const nodes = await readExportedNodes(output);
	const prefix = `${packageName}.`;
	const ours = nodes.filter((node) => node.name.startsWith(prefix));
	const nodeTypes = [...new Set(ours.map((node) => node.name))].sort();
	const nodeCredentialNames = [
		...new Set(ours.flatMap((node) => (node.credentials ?? []).map((credential) => credential.name))),
	].sort();
	const shortNames = nodeTypes.map((type) => type.slice(prefix.length));
	// "<pkg>" in messages, "<pkg>.<node>" in node types, "/<pkg>/" in stack traces and paths; a bare
	// node name only counts in the message text, quoted (as the loader quotes it).
	const packageRefs = [`"${packageName}"`, `\\"${packageName}\\"`, `${packageName}.`, `/${packageName}/`];
	const mentions = (entry: N8nLogEntry): boolean => {
		const text = `${entry.message} ${JSON.stringify(entry.metadata ?? {})}`;
		return (
			packageRefs.some((ref) => text.includes(ref)) ||
			shortNames.some((name) => entry.message.includes(`"${name}"`))
		);
	};
	const warnings = log.filter((entry) => entry.level === 'warn' || entry.level === 'error');
	const problems = warnings.filter(mentions);
	const otherLoaderProblems = warnings.filter(
		(entry) => !mentions(entry) && LOADER_PROBLEM_PATTERNS.some((pattern) => pattern.test(entry.message)),
	);
	// PackageDirectoryLoader logs this at debug level (LazyPackageDirectoryLoader, for packages that ship
	// dist/known/*.json, logs "Lazy-loading nodes and credentials from <pkg>" instead).
	const loadedLine = log.find(
		(entry) =>
			entry.message === `Loaded all credentials and nodes from ${packageName}` ||
			entry.message === `Lazy-loading nodes and credentials from ${packageName}`,
	);
	const counts = loadedLine?.metadata;
	const loadedCounts =
		counts && typeof counts.nodes === 'number' && typeof counts.credentials === 'number'
			? { nodes: counts.nodes, credentials: counts.credentials }
			: undefined;
	const declaredCounts = readDeclaredCounts(join(home.nodesDir, 'node_modules', packageName, 'package.json'));
	const countsMatch =
		loadedCounts !== undefined &&
		declaredCounts !== undefined &&
		loadedCounts.nodes === declaredCounts.nodes &&
		loadedCounts.credentials === declaredCounts.credentials;
	const missingNodes = (opts.expectNodes ?? [])
		.map((name) => (name.includes('.') ? name : `${prefix}${name}`))
		.filter((name) => !nodeTypes.includes(name));
	const missingCredentials = (opts.expectCredentials ?? []).filter((name) => !nodeCredentialNames.includes(name));
	return {
		packageName,
		nodeTypes,
		nodeCredentialNames,
		loadedCounts,
		declaredCounts,
		problems,
		otherLoaderProblems,
		log,
		missingNodes,
		missingCredentials,
		ok:
			problems.length === 0 &&
			missingNodes.length === 0 &&
			missingCredentials.length === 0 &&
			nodeTypes.length > 0 &&
			countsMatch,
	};
}

function readDeclaredCounts(manifestPath: string): { nodes: number; credentials: number } | undefined {
	if (!existsSync(manifestPath)) return undefined;
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
		n8n?: { nodes?: unknown; credentials?: unknown };
	};
	const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
	return { nodes: count(manifest.n8n?.nodes), credentials: count(manifest.n8n?.credentials) };
}

interface ExportedNode {
	name: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
}

async function readExportedNodes(file: string): Promise<ExportedNode[]> {
	// export:nodes ends its write stream without awaiting it; give the file a moment to be complete.
	for (let attempt = 0; attempt < 50; attempt++) {
		if (existsSync(file)) {
			try {
				return JSON.parse(readFileSync(file, 'utf8')) as ExportedNode[];
			} catch {
				// still being written
			}
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`n8n export:nodes did not write a readable ${file}`);
}
