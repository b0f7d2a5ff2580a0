/**
 * One provider as the tooling sees it: its simulator with demo data, the credential a user would
 * store for that simulator, what the sandbox prints about it, its benchmark profile and its e2e
 * workflows. The e2e suite (test/e2e), the sandbox (scripts/demo.ts) and the benchmark (bench/)
 * read only this, through the registry in ./index.ts: a new provider is one module next to
 * fsmNavigator.ts and accelo.ts plus one line in index.ts.
 */
import type { N8nCredential, N8nWorkflow } from '../n8n/types';
import type { RecordedRequest, SimulatorServer } from '../simulators/server';

export interface SimulatorOptions {
	/** Jobs to generate. */
	jobCount: number;
	/** Date the demo data is dated up to (the sandbox: now). Default: the generator's fixed reference date, so runs repeat exactly. */
	referenceDate?: Date;
	/** Loopback port; 0 or undefined: a free one. */
	port?: number;
	/** Lift the provider's simulated rate limit (the bench makes more requests than a real account may). */
	noRateLimit?: boolean;
}

/** A started simulator. `S` is the provider's simulator class, for tests that look inside. */
export interface RunningSimulator<S = unknown> {
	readonly sim: S;
	/** The HTTP server under the simulator (request log, fault injection). */
	readonly server: SimulatorServer;
	/** Where the simulated API answers (shown to users). */
	readonly apiUrl: string;
	readonly port: number;
	/** The credential's fields for this simulator, exactly what a user types in n8n's credential dialog (hidden fields are left to n8n). */
	readonly credentialData: Record<string, string>;
	/** Every request the simulator has seen so far (in order). */
	requests(): readonly RecordedRequest[];
	/** A short, id-free route for summaries: 'GET /api/v1/jobs/{id}'. */
	route(request: RecordedRequest): string;
	stop(): Promise<void>;
}

/** What the sandbox (`npm run demo`) prints about a provider. */
export interface DemoProfile<S> {
	/** Fixed loopback port of the simulator (the sandbox takes a free one when it is taken). */
	readonly defaultPort: number;
	/** One line on the demo data, e.g. "400 jobs (Pending 37, …), 8 technicians". */
	summary(running: RunningSimulator<S>): string;
	/** Lines telling a human how to poke the simulator directly (curl examples, ids worth knowing). */
	hints(running: RunningSimulator<S>): string[];
	/** "Things to try" lines about this provider's nodes in the editor. */
	readonly tryThis: readonly string[];
	/**
	 * One round of life in the sandbox's account, as users and technicians would make it: a job
	 * arrives and another one changes status, so that a published trigger example has something to
	 * fire on. The sandbox calls it every 30 to 60 s; returns what happened, for its log.
	 */
	liveActivity(running: RunningSimulator<S>): string;
}

/** The HTTP Request node baseline of the bench: what a user would build without our node. */
export interface BaselineRequest {
	/** The list URL. */
	listUrl: string;
	/** Static query (besides the paging parameter). */
	query: Array<{ name: string; value: string }>;
	/** Auth as plain headers, or none when `predefinedCredential` is set. */
	authHeaders: Array<{ name: string; value: string }>;
	/** Auth through our credential type as HTTP Request's "Predefined Credential Type". */
	predefinedCredential: boolean;
	/** HTTP Request pagination: "Update a Parameter in Each Request" (query parameter). */
	pagingParameter: { name: string; value: string };
	/** "Pagination Complete When: Other": exactly `={{ … }}`. */
	completeExpression: string;
	/** Field of each page that holds the jobs (Split Out). */
	listField: string;
}

/** The floor loop's settings: JSON, passed to bench/floor.ts on its command line. */
export interface FloorConfig {
	/** Provider key: the floor process looks the loop up in the registry. */
	provider: string;
	baseUrl: string;
	/** Provider-specific secrets (API key, client id and secret, scope). */
	auth: Record<string, string>;
	pageSize: number;
	/** Extra headers on every API request (the bench tags its requests with X-Bench-Branch). */
	headers: Record<string, string>;
}

/** How the floor (a plain fetch loop, no n8n) reads every job page by page. */
export interface FloorLoop {
	/** Auth headers for the API requests, made before the clock starts; `fetchedToken` when this took a token request. */
	authorize(config: FloorConfig): Promise<{ headers: Record<string, string>; fetchedToken: boolean }>;
	/** URL of page `index` (0-based). */
	pageUrl(config: FloorConfig, index: number): string;
	/** URL of one small untimed request (so fetch's lazy loading is not timed). */
	warmUpUrl(config: FloorConfig): string;
	/** The jobs on a page and whether it was the last. */
	readPage(body: unknown, config: FloorConfig): { items: Array<Record<string, unknown>>; last: boolean };
}

/** The benchmark (Get Many with Return All vs HTTP Request pagination vs a fetch loop). */
export interface BenchProfile<S> {
	/** Prefix of the bench's workflow ids: 'fsm' gives fsm1000-c1. */
	readonly idPrefix: string;
	/** Page size of all three branches (the API's maximum). */
	readonly pageSize: number;
	/** Field that identifies a job in our node's output and in the pages. */
	readonly idField: string;
	baseline(running: RunningSimulator<S>): BaselineRequest;
	/** One sentence for bench/results.md on how the baseline is configured. */
	readonly baselineNote: string;
	isList(request: RecordedRequest): boolean;
	isToken(request: RecordedRequest): boolean;
	/** Tokens the simulator has issued so far (0 for API-key providers). */
	tokensIssued(running: RunningSimulator<S>): number;
	/** Whether n8n must have fetched a token in a case (OAuth2 client credentials). */
	readonly usesToken: boolean;
	/** List requests a full read of `size` jobs takes at least. */
	expectedListRequests(size: number): number;
	/** List requests our node's full read takes, where it reads more than that on purpose; default: the same. */
	ourListRequests?(size: number): number;
	floorConfig(running: RunningSimulator<S>, headers: Record<string, string>): FloorConfig;
	readonly floor: FloorLoop;
}

/** A workflow of the e2e suite: run with `n8n execute`; `expect` is the status the run must end with. */
export interface E2eWorkflow {
	workflow: N8nWorkflow;
	expect: 'success' | 'error';
}

/** The e2e suite's use of a provider (test/e2e/nodes.e2e.test.ts). */
export interface E2eProfile<S> {
	/** Jobs in the e2e simulator. */
	readonly jobCount: number;
	/** Credentials besides the provider's main one (e.g. a wrong key), as stored in n8n. */
	extraCredentials(running: RunningSimulator<S>): N8nCredential[];
	/** Workflows that run every operation of the provider's nodes (and its error paths). */
	workflows(running: RunningSimulator<S>): E2eWorkflow[];
}

export interface ProviderTooling<S = unknown> {
	/** Short key, used in flags, ids and file names: 'fsmNavigator'. */
	readonly key: string;
	readonly displayName: string;
	/** Full node types (`<package>.<node>`): the action node, its polling trigger and its instant (webhook) trigger where it has one. */
	readonly nodeTypes: { readonly action: string; readonly trigger?: string; readonly instantTrigger?: string };
	/** Credential type name, as in credentials/*.credentials.ts. */
	readonly credentialType: string;
	/** Starts the provider's simulator (the code the unit tests use too) with generated jobs. */
	startSimulator(options: SimulatorOptions): Promise<RunningSimulator<S>>;
	/** Example workflows of the sandbox (JSON files in scripts/demo/workflows/) that use this provider. */
	readonly exampleWorkflows: readonly string[];
	readonly demo: DemoProfile<S>;
	readonly bench: BenchProfile<S>;
	readonly e2e: E2eProfile<S>;
}
