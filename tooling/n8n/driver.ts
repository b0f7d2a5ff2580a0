/**
 * Drives a real n8n (2.41.1 under Node 24, installed by scripts/install-n8n.sh) through its CLI for
 * the end-to-end suite. Runs under Node 20 (jest + ts-jest); n8n itself runs in child processes.
 *
 * Typical flow:
 *   const bins = await ensureN8n();
 *   const tgz = await packPackage(repoDir);
 *   const home = await createN8nHome({ packages: [tgz] });
 *   const load = await checkPackageLoaded(home, 'n8n-nodes-field-service', { expectNodes: [...] });
 *   await importCredentials(home, [{ id: 'c1', name: 'x', type: 'fooApi', data: { ... } }]);
 *   await importWorkflow(home, workflow);
 *   const result = await executeWorkflow(home, workflow.id);
 *   home.cleanup();
 *
 * Community packages are discovered by n8n 2.41.1 the way its installer leaves them: a directory
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*` (or `@scope/n8n-nodes-*`) holding
 * `package.json` with an `n8n` block (n8n-core `dist/nodes-loader/scan-directory-for-packages.js`,
 * called from n8n `dist/modules/community-packages/community-packages.module.js` `nodeLoaders()`).
 * Node types come out as `<package name>.<node name>`. The installed_packages table is not consulted
 * for loading (it feeds the Settings > Community nodes page and the missing-package check).
 */
import { spawn } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const N8N_VERSION = '2.41.1';
/** Fixed key so imported credentials decrypt the same way in every home. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-field-service-e2e-encryption-key';
/** The repository root, found from this file whether it runs from test/e2e or compiled under .build/. */
function findRepoRoot(start: string): string {
	for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
		if (existsSync(join(dir, 'scripts', 'install-n8n.sh'))) return dir;
	}
	return resolve(start, '..', '..');
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts', 'install-n8n.sh');

/** Default time limits (ms). Cold CLI commands run the SQLite migrations (~10 s). */
export const TIMEOUTS = {
	install: 40 * 60_000,
	cli: 120_000,
	execute: 180_000,
	pack: 180_000,
	start: 180_000,
} as const;

export type N8nLogLevel = 'error' | 'warn' | 'info' | 'debug' | 'silent';

export interface N8nBins {
	/** Node 24 binary that runs n8n. */
	nodeBin: string;
	/** n8n's CLI entry script (`node_modules/n8n/bin/n8n`), run as `nodeBin n8nBin …`. */
	n8nBin: string;
}

export interface ProcessResult {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
}

export interface N8nHome {
	/** The N8N_USER_FOLDER; n8n keeps its data in `<root>/.n8n`. */
	readonly root: string;
	readonly n8nDir: string;
	/** `<root>/.n8n/nodes`: n8n's community-package folder (package.json + node_modules/). */
	readonly nodesDir: string;
	/** Fixed task-broker port, or undefined: every CLI call then gets a free port of its own. */
	readonly brokerPort: number | undefined;
	readonly expressionEngine: 'legacy' | 'vm';
	readonly bins: N8nBins;
	/** Environment every CLI call of this home gets (on top of a minimal PATH/HOME/locale base). */
	readonly env: Record<string, string>;
	readonly packages: InstalledPackage[];
	/** Removes the folder unless the N8N_E2E_KEEP environment variable is set. */
	cleanup(): void;
}

export interface CreateN8nHomeOptions {
	/** Tarballs (from `npm pack`) to install as community packages. */
	packages?: string[];
	/** Parent folder of the temp home (default: os.tmpdir()). */
	parentDir?: string;
	encryptionKey?: string;
	/** Task-runner broker port (N8N_RUNNERS_BROKER_PORT). Default: a fresh free port for every CLI
	 * call, so several n8n can run at once and a just-exited one never blocks the next. */
	brokerPort?: number;
	/**
	 * N8N_EXPRESSION_ENGINE. Default 'legacy': n8n 2.41.1's default 'vm' engine (isolated-vm) often
	 * crashes the CLI with SIGSEGV/SIGABRT *while exiting*, after the run was printed (isolated-vm's
	 * thread pool is torn down in an exit handler while an isolate thread still runs; seen in 1 of 8
	 * sequential and 6 of 14 parallel `execute` runs). 'legacy' never crashed in 40 runs.
	 */
	expressionEngine?: 'legacy' | 'vm';
	/** Extra environment for every CLI call (wins over the defaults). */
	env?: Record<string, string>;
}

export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface N8nConnection {
	node: string;
	type: string;
	index: number;
}

export interface N8nWorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
	continueOnFail?: boolean;
	executeOnce?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface N8nWorkflow {
	id: string;
	name: string;
	nodes: N8nWorkflowNode[];
	connections: Record<string, Record<string, Array<N8nConnection[] | null>>>;
	active?: boolean;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

export interface N8nRunItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
	error?: Record<string, unknown>;
}

export interface N8nRunError {
	name?: string;
	message?: string;
	description?: string | null;
	httpCode?: string | null;
	node?: { name?: string; type?: string };
	[key: string]: unknown;
}

export interface N8nTaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	source?: unknown;
	data?: Record<string, Array<N8nRunItem[] | null>>;
	error?: N8nRunError;
}

/** The run JSON `n8n execute --rawOutput` prints (IRun from n8n-workflow, as JSON). */
export interface N8nRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	startedAt?: string;
	stoppedAt?: string;
	data: {
		resultData: {
			runData: Record<string, N8nTaskData[]>;
			error?: N8nRunError;
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecuteResult extends ProcessResult {
	/** Parsed run JSON, or undefined when n8n printed none (e.g. the workflow was not found). */
	run: N8nRun | undefined;
	/**
	 * True when the process died of SIGSEGV/SIGABRT after printing a complete run: the isolated-vm
	 * exit crash of the 'vm' expression engine (see CreateN8nHomeOptions.expressionEngine). The run is
	 * still valid; `exitCode` is then null and `signal` says which signal.
	 */
	crashedOnExit: boolean;
}

export interface CliOptions {
	timeoutMs?: number;
	/** Log level for this call (default: info). */
	logLevel?: N8nLogLevel;
	env?: Record<string, string>;
}

export interface N8nLogEntry {
	level: string;
	message: string;
	metadata?: Record<string, unknown>;
}

export interface PackageLoadReport {
	packageName: string;
	/** Node types n8n knows from this package (`<package>.<node>`), from `n8n export:nodes`. */
	nodeTypes: string[];
	/** Names of the credential types the package's nodes declare, as n8n exported them. */
	nodeCredentialNames: string[];
	/** Counts from n8n's debug line "Loaded all credentials and nodes from <package>", if printed. */
	loadedCounts: { nodes: number; credentials: number } | undefined;
	/** Lengths of `n8n.nodes` / `n8n.credentials` in the installed package.json. */
	declaredCounts: { nodes: number; credentials: number } | undefined;
	/** Warning and error log entries that mention the package or one of its node names. Empty means a
	 * clean load. */
	problems: N8nLogEntry[];
	/** Loader warnings/errors (LOADER_PROBLEM_PATTERNS) about other packages; not counted in `ok`. */
	otherLoaderProblems: N8nLogEntry[];
	/** Every log entry of the export:nodes run (JSON log format, debug level). */
	log: N8nLogEntry[];
	/** Expected nodes (option expectNodes; short or full names) that n8n did not list. */
	missingNodes: string[];
	/** Expected credential types (option expectCredentials) that no loaded node declares. */
	missingCredentials: string[];
	ok: boolean;
}

// ---------------------------------------------------------------------------------------------
// Processes

class TimeoutError extends Error {}

/** Runs a command; resolves with its output (any exit code), rejects on spawn failure or timeout. */
export async function runProcess(
	command: string,
	args: string[],
	opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; label: string; onStderr?: (chunk: string) => void },
): Promise<ProcessResult> {
	const started = Date.now();
	return await new Promise<ProcessResult>((resolvePromise, reject) => {
		// stdout goes to a file, not a pipe: n8n ends with process.exit(), which can cut a large run
		// JSON short in a pipe (seen at 50,000 items: 6 MB of 100 arrived); file writes are synchronous.
		const outDir = mkdtempSync(join(tmpdir(), 'n8n-cli-out-'));
		const outFile = join(outDir, 'stdout');
		const outFd = openSync(outFile, 'w');
		const child = spawn(command, args, {
			cwd: opts.cwd,
			env: opts.env,
			stdio: ['ignore', outFd, 'pipe'],
			// Own process group, so a timeout also ends n8n's task-runner children.
			detached: true,
		});
		closeSync(outFd);
		const readStdout = (): string => {
			try {
				return readFileSync(outFile, 'utf8');
			} finally {
				rmSync(outDir, { recursive: true, force: true });
			}
		};
		let stdout = '';
		let stderr = '';
		let settled = false;
		const stderrStream = child.stderr;
		if (!stderrStream) throw new Error(`${opts.label}: no stderr pipe`);
		stderrStream.setEncoding('utf8');
		stderrStream.on('data', (chunk: string) => {
			stderr += chunk;
			opts.onStderr?.(chunk);
		});
		const killGroup = (signal: NodeJS.Signals): void => {
			if (child.pid === undefined) return;
			try {
				process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
		};
		let killTimer: NodeJS.Timeout | undefined;
		let timedOut = false;
		// On timeout: SIGTERM, then SIGKILL 5 s later; the promise rejects only once the process has
		// exited, so a caller that exits right after cannot leave an n8n that ignored SIGTERM behind.
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup('SIGTERM');
			killTimer = setTimeout(() => killGroup('SIGKILL'), 5_000);
		}, opts.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			if (!settled) {
				settled = true;
				reject(new Error(`${opts.label}: could not start ${command}: ${error.message}`));
			}
		});
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			if (killTimer) clearTimeout(killTimer);
			// The group may still hold task runners when the CLI process itself has exited.
			killGroup('SIGKILL');
			stdout = readStdout();
			if (settled) return;
			settled = true;
			if (timedOut) {
				reject(
					new TimeoutError(
						`${opts.label}: timed out after ${opts.timeoutMs} ms (killed).\n` +
							`--- stdout (tail) ---\n${tail(stdout)}\n--- stderr (tail) ---\n${tail(stderr)}`,
					),
				);
				return;
			}
			resolvePromise({ exitCode, signal, stdout, stderr, durationMs: Date.now() - started });
		});
	});
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Install

let ensurePromise: Promise<N8nBins> | undefined;

/**
 * Makes sure Node 24 and n8n 2.41.1 are installed (runs scripts/install-n8n.sh, which returns at
 * once when the cache is complete) and returns their paths. The install honours N8N_FS_CACHE.
 */
export async function ensureN8n(opts: { timeoutMs?: number } = {}): Promise<N8nBins> {
	ensurePromise ??= (async () => {
		const result = await runProcess('bash', [INSTALL_SCRIPT], {
			cwd: REPO_ROOT,
			env: process.env,
			timeoutMs: opts.timeoutMs ?? TIMEOUTS.install,
			label: 'scripts/install-n8n.sh',
			onStderr: (chunk) => process.stderr.write(chunk),
		});
		if (result.exitCode !== 0) {
			throw new Error(
				`scripts/install-n8n.sh failed (exit ${String(result.exitCode)}):\n${tail(result.stderr)}`,
			);
		}
		const values = new Map<string, string>();
		for (const line of result.stdout.split('\n')) {
			const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
			if (match) values.set(match[1], match[2]);
		}
		const nodeBin = values.get('NODE24_BIN');
		const n8nBin = values.get('N8N_BIN');
		if (!nodeBin || !n8nBin || !existsSync(nodeBin) || !existsSync(n8nBin)) {
			throw new Error(`scripts/install-n8n.sh did not report usable paths:\n${result.stdout}`);
		}
		return { nodeBin, n8nBin };
	})();
	try {
		return await ensurePromise;
	} catch (error: unknown) {
		ensurePromise = undefined;
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------
// Packages

/**
 * `npm pack` of a built package directory into a temp folder; returns the .tgz path. Build first
 * (`npm run build`): this only packs what is there. Lifecycle scripts are skipped.
 */
export async function packPackage(repoDir: string, opts: { destDir?: string; timeoutMs?: number } = {}): Promise<string> {
	const destDir = opts.destDir ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-pack-'));
	mkdirSync(destDir, { recursive: true });
	const result = await runProcess(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', destDir],
		{ cwd: repoDir, env: process.env, timeoutMs: opts.timeoutMs ?? TIMEOUTS.pack, label: `npm pack in ${repoDir}` },
	);
	if (result.exitCode !== 0) {
		throw new Error(`npm pack failed in ${repoDir} (exit ${String(result.exitCode)}):\n${tail(result.stderr)}`);
	}
	const packed = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as Array<{ filename: string }>;
	const filename = packed[0]?.filename;
	if (!filename) throw new Error(`npm pack printed no file name:\n${result.stdout}`);
	// npm turns "@scope/name" into "scope-name-<version>.tgz".
	const tgz = join(destDir, filename.replace(/^@/, '').replace(/\//g, '-'));
	if (!existsSync(tgz)) throw new Error(`npm pack reported ${filename} but ${tgz} does not exist`);
	return tgz;
}

/**
 * Installs a packed community package into a home the way n8n's installer does
 * (community-packages.service.js `downloadPackage`): unpack into `nodes/node_modules/<name>`,
 * drop devDependencies/peerDependencies/optionalDependencies from its package.json, and record it in
 * `nodes/package.json` (`{ name: 'installed-nodes', private: true, dependencies }`). n8n then runs
 * `npm install` in the package folder; our packages have no runtime dependencies, so that is skipped
 * (`n8n-workflow` resolves to n8n's own copy).
 */
export async function installPackageTarball(home: N8nHome, tgz: string): Promise<InstalledPackage> {
	const staging = mkdtempSync(join(home.root, 'unpack-'));
	const unpack = await runProcess('tar', ['xzf', resolve(tgz), '-C', staging, '--strip-components=1'], {
		timeoutMs: 60_000,
		label: `tar xzf ${tgz}`,
		env: process.env,
	});
	if (unpack.exitCode !== 0) {
		throw new Error(`could not unpack ${tgz}: ${unpack.stderr}`);
	}
	const manifestPath = join(staging, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	const name = manifest.name;
	const version = manifest.version;
	if (typeof name !== 'string' || typeof version !== 'string') {
		throw new Error(`${tgz}: package.json has no name/version`);
	}
	if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-/.test(name)) {
		throw new Error(`${tgz}: n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*; got ${name}`);
	}
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');

	const dir = join(home.nodesDir, 'node_modules', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dirname(dir), { recursive: true });
	renameSync(staging, dir);

	const ledgerPath = join(home.nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies?: Record<string, string> })
		: {};
	const next = {
		name: 'installed-nodes',
		private: true,
		...ledger,
		dependencies: { ...(ledger.dependencies ?? {}), [name]: version },
	};
	writeFileSync(ledgerPath, JSON.stringify(next, null, 2), 'utf8');
	const installed = { name, version, dir };
	home.packages.push(installed);
	return installed;
}

// ---------------------------------------------------------------------------------------------
// Homes

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolvePromise(port) : reject(new Error('no free port'))));
		});
	});
}

const PASSTHROUGH_ENV = [
	'HOME',
	'USER',
	'LANG',
	'LC_ALL',
	'TZ',
	'TMPDIR',
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'NO_PROXY',
	'http_proxy',
	'https_proxy',
	'no_proxy',
	'SSL_CERT_FILE',
	'NODE_EXTRA_CA_CERTS',
];

/**
 * Creates a temp N8N_USER_FOLDER and installs the given packed community packages into it.
 * The environment follows /work/shared/spec/n8n.md §12; jest's own N8N_* variables are not inherited.
 */
/**
 * The environment every n8n CLI call of a user folder gets: Node 24 first on PATH (n8n starts its
 * task runner as plain `node`), the folder, a fixed encryption key, and n8n's telemetry, banners
 * and package re-installs off.
 */
export function n8nEnvironment(
	bins: N8nBins,
	root: string,
	opts: { encryptionKey: string; brokerPort?: number; expressionEngine: 'legacy' | 'vm'; env?: Record<string, string> },
): Record<string, string> {
	const brokerPort = opts.brokerPort;
	const expressionEngine = opts.expressionEngine;
	return {
		PATH: `${dirname(bins.nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: root,
		N8N_ENCRYPTION_KEY: opts.encryptionKey,
		...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}),
		N8N_EXPRESSION_ENGINE: expressionEngine,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_FORMAT: 'text',
		NO_COLOR: '1',
		DB_TYPE: 'sqlite',
		...(opts.env ?? {}),
	};
}

export async function createN8nHome(opts: CreateN8nHomeOptions = {}): Promise<N8nHome> {
	const bins = await ensureN8n();
	const parent = opts.parentDir ?? tmpdir();
	mkdirSync(parent, { recursive: true });
	const root = mkdtempSync(join(parent, 'n8n-e2e-home-'));
	const n8nDir = join(root, '.n8n');
	const nodesDir = join(n8nDir, 'nodes');
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		'utf8',
	);
	const brokerPort = opts.brokerPort;
	const expressionEngine = opts.expressionEngine ?? 'legacy';
	const env = n8nEnvironment(bins, root, {
		encryptionKey: opts.encryptionKey ?? E2E_ENCRYPTION_KEY,
		brokerPort,
		expressionEngine,
		env: opts.env,
	});
	const home: N8nHome = {
		root,
		n8nDir,
		nodesDir,
		brokerPort,
		expressionEngine,
		bins,
		env,
		packages: [],
		cleanup: () => {
			if (process.env.N8N_E2E_KEEP) return;
			rmSync(root, { recursive: true, force: true });
		},
	};
	for (const tgz of opts.packages ?? []) {
		await installPackageTarball(home, tgz);
	}
	return home;
}

async function processEnv(home: N8nHome, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
	const env: NodeJS.ProcessEnv = {};
	for (const key of PASSTHROUGH_ENV) {
		const value = process.env[key];
		if (value !== undefined) env[key] = value;
	}
	const port = home.env.N8N_RUNNERS_BROKER_PORT ?? extra.N8N_RUNNERS_BROKER_PORT ?? String(await freePort());
	return { ...env, N8N_RUNNERS_BROKER_PORT: port, ...home.env, ...extra };
}

// ---------------------------------------------------------------------------------------------
// CLI

const BROKER_PORT_IN_USE = /Task Broker's port \d+ is already in use/;

/**
 * Runs `n8n <args>` in a home (any exit code resolves; a timeout rejects). When the task broker's
 * port is taken (n8n exits 1 before doing anything), retries twice with a fresh port.
 */
export async function runN8n(home: N8nHome, args: string[], opts: CliOptions = {}): Promise<ProcessResult> {
	const extra: Record<string, string> = { ...(opts.env ?? {}) };
	if (opts.logLevel) extra.N8N_LOG_LEVEL = opts.logLevel;
	for (let attempt = 0; ; attempt++) {
		const result = await runProcess(home.bins.nodeBin, [home.bins.n8nBin, ...args], {
			cwd: home.root,
			env: await processEnv(home, extra),
			timeoutMs: opts.timeoutMs ?? TIMEOUTS.cli,
			label: `n8n ${args.join(' ')}`,
		});
		const portTaken = result.exitCode !== 0 && BROKER_PORT_IN_USE.test(result.stdout + result.stderr);
		if (!portTaken || attempt >= 2 || home.brokerPort !== undefined) return result;
	}
}

function assertSuccess(result: ProcessResult, what: string): ProcessResult {
	if (result.exitCode !== 0) {
		throw new Error(
			`${what} failed (exit ${String(result.exitCode)}${result.signal ? `, ${result.signal}` : ''}):\n` +
				`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
		);
	}
	return result;
}

let fileCounter = 0;
function writeInputFile(home: N8nHome, prefix: string, data: unknown): string {
	const dir = join(home.root, 'input');
	mkdirSync(dir, { recursive: true });
	fileCounter += 1;
	const file = join(dir, `${prefix}-${Date.now()}-${fileCounter}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2), 'utf8');
	return file;
}

/** `n8n import:credentials --input=<file>`: plain `data` is encrypted with the home's key on import. */
export async function importCredentials(
	home: N8nHome,
	credentials: N8nCredential[],
	opts: CliOptions = {},
): Promise<ProcessResult> {
	const file = writeInputFile(home, 'credentials', credentials);
	const result = await runN8n(home, ['import:credentials', `--input=${file}`], opts);
	return assertSuccess(result, 'n8n import:credentials');
}

/** `n8n import:workflow --input=<file>`. The workflow needs an `id` (used by executeWorkflow). */
export async function importWorkflow(
	home: N8nHome,
	workflow: N8nWorkflow | N8nWorkflow[],
	opts: CliOptions = {},
): Promise<ProcessResult> {
	const list = Array.isArray(workflow) ? workflow : [workflow];
	const file = writeInputFile(
		home,
		'workflow',
		list.map((w) => ({ active: false, settings: {}, ...w })),
	);
	const result = await runN8n(home, ['import:workflow', `--input=${file}`], opts);
	return assertSuccess(result, 'n8n import:workflow');
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves for failed runs too (exit 1 with the run JSON of the
 * failure); check `exitCode`, `run.status` and `run.data.resultData.error`.
 */
export async function executeWorkflow(home: N8nHome, id: string, opts: CliOptions = {}): Promise<ExecuteResult> {
	const level = opts.logLevel ?? 'info';
	if (level !== 'info' && level !== 'debug') {
		throw new Error('executeWorkflow: the run JSON is only printed at log level info or debug');
	}
	const result = await runN8n(home, ['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs: TIMEOUTS.execute,
		...opts,
		env: { ...(opts.env ?? {}), N8N_LOG_FORMAT: 'text' },
		logLevel: level,
	});
	const run = parseRunJson(result.stdout);
	const crashedOnExit =
		run !== undefined && result.exitCode === null && (result.signal === 'SIGSEGV' || result.signal === 'SIGABRT');
	return { ...result, run, crashedOnExit };
}

export type WorkflowStep = Omit<N8nWorkflowNode, 'id' | 'position' | 'typeVersion'> &
	Partial<Pick<N8nWorkflowNode, 'id' | 'position' | 'typeVersion'>>;

/**
 * A workflow `Manual Trigger → steps[0] → steps[1] → …` (main output 0 to input 0), the shape
 * `n8n execute` needs (the Start node is gone since n8n 2.0).
 */
export function manualTriggerWorkflow(id: string, name: string, steps: WorkflowStep[]): N8nWorkflow {
	const trigger: N8nWorkflowNode = {
		id: `${id}-trigger`,
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: N8nWorkflowNode[] = [
		trigger,
		...steps.map((step, index) => ({
			...step,
			id: step.id ?? `${id}-node-${index + 1}`,
			typeVersion: step.typeVersion ?? 1,
			position: step.position ?? ([220 * (index + 1), 0] as [number, number]),
		})),
	];
	const connections: N8nWorkflow['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections };
}

/**
 * Extracts the run JSON from execute's stdout: it starts at the first line beginning with `{` and,
 * being pretty-printed, ends at the first later line that is exactly `}`.
 */
export function parseRunJson(stdout: string): N8nRun | undefined {
	// Found by searching, not by splitting into lines: the output of a big run is 100 MB and more.
	const start = stdout.startsWith('{') ? 0 : stdout.indexOf('\n{') + 1;
	if (start === 0 && !stdout.startsWith('{')) return undefined;
	const firstLineEnd = stdout.indexOf('\n', start);
	const closings: number[] = [];
	// A run printed on one line ends with its first line; a pretty-printed one at a line that is `}`.
	if (stdout[(firstLineEnd < 0 ? stdout.length : firstLineEnd) - 1] === '}') {
		closings.push(firstLineEnd < 0 ? stdout.length : firstLineEnd);
	}
	for (let at = stdout.indexOf('\n}', start); at >= 0; at = stdout.indexOf('\n}', at + 2)) closings.push(at + 2);
	for (const close of closings) {
		try {
			const parsed = JSON.parse(stdout.slice(start, close)) as unknown;
			if (isRun(parsed)) return parsed;
		} catch {
			// try the next closing line
		}
	}
	return undefined;
}

function isRun(value: unknown): value is N8nRun {
	if (typeof value !== 'object' || value === null) return false;
	const data = (value as { data?: unknown }).data;
	if (typeof data !== 'object' || data === null) return false;
	const resultData = (data as { resultData?: unknown }).resultData;
	return typeof resultData === 'object' && resultData !== null && 'runData' in resultData;
}

/** Items a node emitted (`runData[node][runIndex].data.main[output]`); [] when none. */
export function nodeOutput(run: N8nRun, nodeName: string, output = 0, runIndex = 0): N8nRunItem[] {
	const task = run.data.resultData.runData[nodeName]?.[runIndex];
	return task?.data?.main?.[output] ?? [];
}

/** The error a node reported in its run, if any. */
export function nodeError(run: N8nRun, nodeName: string, runIndex = 0): N8nRunError | undefined {
	return run.data.resultData.runData[nodeName]?.[runIndex]?.error;
}

// ---------------------------------------------------------------------------------------------
// Load checks

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

/** Messages n8n 2.41.1 logs when a community package (or one of its files) fails to load. */
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

// ---------------------------------------------------------------------------------------------
// Server

export interface StartN8nOptions {
	/** HTTP port (default: a free port). */
	port?: number;
	owner?: { email: string; password: string; firstName?: string; lastName?: string };
	timeoutMs?: number;
	env?: Record<string, string>;
}

export interface RunningN8n {
	baseUrl: string;
	port: number;
	owner: { email: string; password: string };
	/** `n8n-auth` cookie of the owner, for REST calls (`Cookie` header). */
	authCookie: string;
	/** Everything n8n printed so far. */
	output(): string;
	stop(): Promise<void>;
}

interface HttpResponse {
	status: number;
	body: string;
	setCookie: string[];
}

function httpCall(
	url: string,
	method: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<HttpResponse> {
	return new Promise<HttpResponse>((resolvePromise, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = httpRequest(
			url,
			{
				method,
				timeout: 15_000,
				headers: {
					...headers,
					...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () =>
					resolvePromise({ status: res.statusCode ?? 0, body: text, setCookie: res.headers['set-cookie'] ?? [] }),
				);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timed out`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

function authCookieFrom(response: HttpResponse): string | undefined {
	for (const header of response.setCookie) {
		const first = header.split(';')[0];
		if (first.startsWith('n8n-auth=')) return first;
	}
	return undefined;
}

/**
 * `n8n start` in the background: waits for `/healthz`, then sets up the owner through
 * `POST /rest/owner/setup` (or logs in through `POST /rest/login` when this home already has one).
 */
export async function startN8n(home: N8nHome, opts: StartN8nOptions = {}): Promise<RunningN8n> {
	const port = opts.port ?? (await freePort());
	const owner = {
		email: opts.owner?.email ?? 'owner@example.com',
		password: opts.owner?.password ?? 'E2e-Owner-Password-1',
		firstName: opts.owner?.firstName ?? 'E2E',
		lastName: opts.owner?.lastName ?? 'Owner',
	};
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(home.bins.nodeBin, [home.bins.n8nBin, 'start'], {
		cwd: home.root,
		env: await processEnv(home, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			...(opts.env ?? {}),
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => (output += chunk));
	child.stderr.on('data', (chunk: string) => (output += chunk));
	const exitPromise = new Promise<void>((resolveExit) => {
		child.on('close', (code, signal) => {
			exited = { code, signal };
			resolveExit();
		});
	});
	const killGroup = (signal: NodeJS.Signals): void => {
		if (child.pid === undefined) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// gone
		}
	};
	const stop = async (): Promise<void> => {
		if (exited) return;
		killGroup('SIGTERM');
		const timer = setTimeout(() => killGroup('SIGKILL'), 20_000);
		await exitPromise;
		clearTimeout(timer);
		killGroup('SIGKILL');
	};

	try {
		const deadline = Date.now() + (opts.timeoutMs ?? TIMEOUTS.start);
		for (;;) {
			if (exited) {
				throw new Error(`n8n start exited early (code ${String(exited.code)}):\n${tail(output)}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`n8n start: /healthz not ready after ${opts.timeoutMs ?? TIMEOUTS.start} ms:\n${tail(output)}`);
			}
			const health = await httpCall(`${baseUrl}/healthz/readiness`, 'GET').catch(() => undefined);
			if (health?.status === 200) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		let authCookie: string | undefined;
		const setup = await httpCall(`${baseUrl}/rest/owner/setup`, 'POST', owner);
		if (setup.status === 200) {
			authCookie = authCookieFrom(setup);
		} else if (setup.status === 400 && setup.body.includes('already setup')) {
			const login = await httpCall(`${baseUrl}/rest/login`, 'POST', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
			if (login.status !== 200) {
				throw new Error(`n8n: owner exists but login failed (${login.status}): ${login.body}`);
			}
			authCookie = authCookieFrom(login);
		} else {
			throw new Error(`n8n: POST /rest/owner/setup failed (${setup.status}): ${setup.body}`);
		}
		if (!authCookie) throw new Error('n8n: no n8n-auth cookie after owner setup/login');
		return {
			baseUrl,
			port,
			owner: { email: owner.email, password: owner.password },
			authCookie,
			output: () => output,
			stop,
		};
	} catch (error: unknown) {
		await stop();
		throw error;
	}
}
