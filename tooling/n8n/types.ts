/** Constants and types of the real-n8n driver (see ./index.ts). */
import { DEFAULT_N8N_VERSION } from './versionPins';

/** The default n8n version (tooling/n8n/versions.json): the sandbox, the benchmark and the full e2e suite. */
export const N8N_VERSION: string = DEFAULT_N8N_VERSION;
/** Fixed key so imported credentials decrypt the same way in every home. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-field-service-e2e-encryption-key';

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
	/** The Node binary that runs n8n (Node 24 for n8n 2.x, see versions.json). */
	nodeBin: string;
	/** n8n's CLI entry script (`node_modules/n8n/bin/n8n`), run as `nodeBin n8nBin …`. */
	n8nBin: string;
	/** The n8n version installed there. */
	version: string;
	/** The Node version that runs it. */
	nodeVersion: string;
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
	/** The pinned n8n version (tooling/n8n/versions.json) this home runs; default: the default one. */
	version?: string;
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
	/** Webhook and form nodes: the id n8n registers their URL under. */
	webhookId?: string;
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
