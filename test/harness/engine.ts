/**
 * A small harness that runs this package's nodes through n8n-core's real execution engine
 * (n8n-core 2.41.1): `WorkflowExecute.processRunExecutionData` for `execute()` nodes,
 * `LoadOptionsContext` for listSearch / loadOptions methods, `PollContext` + `PollTriggerExecutor`
 * for poll triggers, and `RoutingNode` for a credential type's `test` request, the way n8n's
 * `CredentialsTester` runs it. Credentials go through `HarnessCredentialsHelper`, which behaves
 * like n8n's CLI credentials helper (see credentials-helper.ts).
 *
 * Written for this repository's tests; it does not use n8n's (unpublished) NodeTestHarness.
 *
 * ```ts
 * const h = new Harness({
 *   nodeTypes: { 'n8n-nodes-field-service.fsmNavigator': new FsmNavigator() },
 *   credentialTypes: [new FsmNavigatorApi()],
 *   credentials: [{ type: 'fsmNavigatorApi', data: { baseUrl: origin, apiKey: 'k' } }],
 * });
 * const r = await h.runNode({ type: 'n8n-nodes-field-service.fsmNavigator', parameters: { … }, input: [{ json: {} }] });
 * expect(r.status).toBe('success'); expect(r.items[0].pairedItem).toEqual({ item: 0 });
 * expect(r.error).toMatchObject({ name: 'NodeApiError', httpCode: '429' });   // when it failed
 * const t = h.pollTrigger({ type: '…Trigger', parameters: {} }); await t.poll(); t.staticData();
 * await h.listSearch({ type, method: 'searchJobs', filter: 'x' }); await h.testCredential('fsmNavigatorApi');
 * h.storedCredential('acceloOAuth2Api').oauthTokenData;               // token saved by n8n-core
 * ```
 *
 * Requires N8N_USER_FOLDER / N8N_LOG_LEVEL to be set before n8n-core loads (test/setup-env.ts).
 */
import { Container } from '@n8n/di';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	HookContext,
	ExternalSecretsProxy,
	LoadOptionsContext,
	PollContext,
	PollTriggerExecutor,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	NodeHelpers,
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	CREDENTIAL_TEST_NODE_TYPE,
	CredentialStore,
	HarnessCredentialsHelper,
	type CredentialWrite,
} from './credentials-helper';
import { OAUTH2_API_NAME } from './oauth2-api';

export { CredentialStore, HarnessCredentialsHelper } from './credentials-helper';
export type { CredentialWrite, CredentialWriteKind, StoredCredential } from './credentials-helper';
export { HarnessOAuth2Api, OAUTH2_API_NAME } from './oauth2-api';

export interface CredentialFixture {
	type: string;
	/** Stored data as a user would have saved it; property defaults are applied on read, as in n8n. */
	data: ICredentialDataDecryptedObject;
	name?: string;
}

export interface HarnessOptions {
	/** Full type name → node, e.g. `{ 'n8n-nodes-field-service.fsmNavigator': new FsmNavigator() }`. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Instances of the package's credential classes (`oAuth2Api` is built in). */
	credentialTypes: ICredentialType[];
	credentials?: CredentialFixture[];
}

/** The fields of an n8n error that tests assert on (run data holds errors, never rejects). */
export interface RunError {
	name: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context?: unknown;
	/** The error as the engine recorded it. */
	raw: unknown;
}

export interface RunResult {
	/** `run.status`: 'success' | 'error' | … */
	status: ExecutionStatus;
	/** Output 0 of the node's first run (`runData[node][0].data.main[0]`). */
	items: INodeExecutionData[];
	/** Every main output of the node's first run. */
	outputs: INodeExecutionData[][];
	error?: RunError;
	/** `run.data.resultData.runData`. */
	runData: IRunData;
	run: IRun;
	/** The workflow node as executed (parameters with defaults applied). */
	node: INode;
}

export interface NodeArgs {
	type: string;
	parameters?: INodeParameters;
	typeVersion?: number;
	/**
	 * The credential type to attach to the node. Default: every credential the node's
	 * description lists that has a fixture in the store.
	 */
	credentialType?: string;
}

export interface RunNodeArgs extends NodeArgs {
	/** Input items of the node (default: one empty item, like a Manual Trigger). */
	input?: INodeExecutionData[];
	/** Sets `onError: 'continueRegularOutput'` (what the "Continue" setting stores). */
	continueOnFail?: boolean;
	/** Execution mode (default 'manual'). */
	mode?: WorkflowExecuteMode;
	/** The workflow's own time zone setting (Workflow settings → Timezone), else the instance's. */
	workflowTimezone?: string;
}

export interface ListSearchArgs extends NodeArgs {
	method: string;
	filter?: string;
	paginationToken?: string;
	/** The parameter path the UI asks for (default `parameters.<method>`). */
	path?: string;
}

export interface LoadOptionsArgs extends NodeArgs {
	method: string;
	path?: string;
}

export interface PollTriggerArgs extends NodeArgs {
	/** Workflow static data to start from (e.g. `{ 'node:FSM Trigger': { cursor: '…' } }`). */
	staticData?: IDataObject;
	/** The workflow's id (default: the harness's one); n8n keys a trigger's state by workflow and node. */
	workflowId?: string;
	/** What `getPollBudgetMs()` answers: n8n's durable scheduler gives a poll its own budget (default: n8n-core's, as the in-memory scheduler). */
	pollBudgetMs?: number;
}

export interface PollTrigger {
	/**
	 * One tick. `'trigger'` runs the poll the way the scheduler does (n8n-core
	 * `PollTriggerExecutor`, static data kept on the workflow across ticks); `'manual'` is "Fetch Test
	 * Event": a manual execution of the trigger node through `WorkflowExecute` on a copy of the static
	 * data, which is then discarded (n8n saves no static data for manual runs). Errors are thrown.
	 */
	poll(mode?: 'trigger' | 'manual', activation?: WorkflowActivateMode): Promise<INodeExecutionData[][] | null>;
	/** The node's persisted static data (`getWorkflowStaticData('node')`), as a plain copy. */
	staticData(): IDataObject;
	/** The whole workflow static data (every node's and the global one), as a plain copy. */
	workflowStaticData(): IDataObject;
	/** The node's static data as the last manual tick left it (discarded by n8n), as a plain copy. */
	lastManualStaticData(): IDataObject | undefined;
	readonly node: INode;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const WORKFLOW_ID = 'harness-wf';
/** Webhook triggers made in this test file so far (each gets a node id of its own). */
let webhookTriggers = 0;
const BASE_URL = 'http://localhost:5678';

function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

function isVersioned(type: INodeType | IVersionedNodeType): type is IVersionedNodeType {
	return 'nodeVersions' in type;
}

function hasKey<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
	return typeof value === 'object' && value !== null && key in value;
}

function toRunError(error: unknown): RunError {
	const field = (key: string): unknown => (hasKey(error, key) ? error[key] : undefined);
	const text = (key: string): string | null | undefined => {
		const value = field(key);
		return value === null ? null : value === undefined ? undefined : String(value);
	};
	return {
		name: text('name') ?? 'Error',
		message: text('message') ?? String(error),
		description: text('description'),
		httpCode: text('httpCode'),
		context: field('context'),
		raw: error,
	};
}

export interface WebhookTriggerArgs extends NodeArgs {
	/** Where n8n's production webhooks are served (`<base>/<webhookId>/<path>`); default the harness's fake base. */
	webhookBaseUrl?: string;
	staticData?: IDataObject;
}

/** What n8n's webhook server hands a webhook: Express's request (the parts nodes read) and response. */
export interface WebhookRequestLike {
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody?: Buffer;
	query?: Record<string, string>;
	params?: Record<string, string>;
}

export interface WebhookResponseLike {
	status(code: number): WebhookResponseLike;
	json(body: unknown): WebhookResponseLike;
	end(body?: string): WebhookResponseLike;
}

export interface WebhookTrigger {
	node: INode;
	/** The production URL n8n would register (`getNodeWebhookUrl('default')`). */
	url: string;
	/** `webhookMethods.default[method]` through n8n-core's `HookContext`, as activation / deactivation run them. */
	hook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	/** `webhook()` through n8n-core's `WebhookContext` with this request and response (mode 'webhook'). */
	receive(request: WebhookRequestLike, response: WebhookResponseLike): Promise<IWebhookResponseData>;
	staticData(): IDataObject;
}

export class Harness {
	readonly store = new CredentialStore();

	readonly credentialsHelper: HarnessCredentialsHelper;

	private readonly nodeTypeMap: Record<string, INodeType | IVersionedNodeType>;

	private executionCounter = 0;

	constructor(opts: HarnessOptions) {
		this.nodeTypeMap = { ...opts.nodeTypes };
		this.credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes, this.store);
		for (const fixture of opts.credentials ?? []) this.setCredential(fixture);
	}

	/** Adds or replaces the stored credential of `fixture.type`. */
	setCredential(fixture: CredentialFixture): void {
		this.credentialsHelper.getType(fixture.type);
		this.store.put(fixture.type, fixture.data, fixture.name);
	}

	/** The credential as stored now (raw, no defaults): tokens saved by preAuthentication / OAuth2 show up here. */
	storedCredential(type: string): ICredentialDataDecryptedObject {
		return this.store.dataOf(type);
	}

	/** Every write n8n-core made to the store (updateCredentials / updateCredentialsOauthTokenData). */
	credentialWrites(type?: string): CredentialWrite[] {
		return this.store.writes.filter((w) => type === undefined || w.type === type);
	}

	/** What `this.getCredentials(type)` returns inside a node: stored data + defaults, expressions resolved. */
	async decryptedCredential(type: string): Promise<ICredentialDataDecryptedObject> {
		const additionalData = this.additionalData(this.hooksFor('internal', 'decrypt', []));
		return await this.credentialsHelper.getDecrypted(
			additionalData,
			{ id: CredentialStore.idFor(type), name: type },
			type,
			'internal',
		);
	}

	readonly nodeTypes: INodeTypes = {
		getByName: (nodeType: string): INodeType | IVersionedNodeType => {
			if (nodeType === CREDENTIAL_TEST_NODE_TYPE && this.credentialTestNodeType) return this.credentialTestNodeType;
			const type = this.nodeTypeMap[nodeType];
			if (!type) throw new UserError(`Unrecognized node type: ${nodeType}`);
			return type;
		},
		getByNameAndVersion: (nodeType: string, version?: number): INodeType =>
			NodeHelpers.getVersionedNodeType(this.nodeTypes.getByName(nodeType), version),
		getKnownTypes: (): IDataObject => ({}),
	};

	/** Set only while a credential test runs (n8n's tester registers a temporary node type the same way). */
	private credentialTestNodeType: INodeType | undefined;

	// ---------------------------------------------------------------------------------------------
	// Building blocks

	private defaultVersion(type: string): number {
		const nodeType = this.nodeTypes.getByName(type);
		if (isVersioned(nodeType)) return nodeType.currentVersion;
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}

	private description(type: string, version: number): INodeTypeDescription {
		return this.nodeTypes.getByNameAndVersion(type, version).description;
	}

	/** A workflow node for `args`, named after the node's default name. */
	buildNode(args: NodeArgs): INode {
		const typeVersion = args.typeVersion ?? this.defaultVersion(args.type);
		const description = this.description(args.type, typeVersion);
		const credentials: INodeCredentials = {};
		const wanted = args.credentialType
			? [args.credentialType]
			: (description.credentials ?? []).map((c) => c.name).filter((name) => this.store.has(name));
		for (const type of wanted) {
			if (!this.store.has(type)) throw new UserError(`No credential fixture of type "${type}"`);
			credentials[type] = { id: CredentialStore.idFor(type), name: `${type} (test)` };
		}
		return {
			id: 'harness-node-1',
			name: String(description.defaults.name ?? description.displayName),
			type: args.type,
			typeVersion,
			position: [0, 0],
			parameters: deepCopy(args.parameters ?? {}),
			...(Object.keys(credentials).length ? { credentials } : {}),
		};
	}

	private workflowFor(node: INode, staticData?: IDataObject, timezone?: string, id = WORKFLOW_ID): Workflow {
		return new Workflow({
			id,
			name: 'Harness workflow',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
			staticData: staticData ? deepCopy(staticData) : undefined,
			settings: { executionOrder: 'v1', ...(timezone ? { timezone } : {}) },
		});
	}

	private hooksFor(mode: WorkflowExecuteMode, executionId: string, nodes: INode[]): ExecutionLifecycleHooks {
		const now = new Date();
		const workflowData: IWorkflowBase = {
			id: WORKFLOW_ID,
			name: 'Harness workflow',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: now,
			updatedAt: now,
			nodes,
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		return new ExecutionLifecycleHooks(mode, executionId, workflowData);
	}

	/**
	 * A plain-object `additionalData` (a deep mock makes optional fields look set and breaks the
	 * run), with absolute base URLs (empty ones fail with "Invalid URL") and stubs for the
	 * sub-workflow, runner and AI hooks a node of this package never uses.
	 */
	additionalData(hooks: ExecutionLifecycleHooks, currentNodeParameters?: INodeParameters): IWorkflowExecuteAdditionalData {
		const unsupported = (what: string) => async (): Promise<never> => {
			throw new UserError(`${what} is not supported by the test harness`);
		};
		return {
			executionId: hooks.executionId,
			hooks,
			credentialsHelper: this.credentialsHelper,
			externalSecretsProxy: new ExternalSecretsProxy(),
			currentNodeExecutionIndex: 0,
			currentNodeParameters,
			variables: {},
			restApiUrl: `${BASE_URL}/rest`,
			instanceBaseUrl: BASE_URL,
			formBaseUrl: `${BASE_URL}/form`,
			formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
			formTestBaseUrl: `${BASE_URL}/form-test`,
			webhookBaseUrl: `${BASE_URL}/webhook`,
			webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
			webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
			mcpBaseUrl: `${BASE_URL}/mcp`,
			mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
			executeWorkflow: unsupported('executeWorkflow'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('startRunnerTask'),
			logAiEvent: () => undefined,
		};
	}

	private nextExecutionId(): string {
		this.executionCounter += 1;
		return String(this.executionCounter);
	}

	// ---------------------------------------------------------------------------------------------
	// Running

	/** Runs one node, fed by `input`, through `WorkflowExecute.processRunExecutionData`. */
	async runNode(args: RunNodeArgs): Promise<RunResult> {
		const node = this.buildNode(args);
		if (args.continueOnFail) node.onError = 'continueRegularOutput';
		const mode = args.mode ?? 'manual';
		const workflow = this.workflowFor(node, undefined, args.workflowTimezone);
		return await this.execute(workflow, node.name, mode, args.input ?? [{ json: {} }]);
	}

	private async execute(
		workflow: Workflow,
		nodeName: string,
		mode: WorkflowExecuteMode,
		input: INodeExecutionData[],
	): Promise<RunResult> {
		const node = workflow.getNode(nodeName);
		if (!node) throw new UserError(`Node "${nodeName}" is not in the workflow`);
		const hooks = this.hooksFor(mode, this.nextExecutionId(), [node]);
		let afterHookRun: IRun | undefined;
		hooks.addHandler('workflowExecuteAfter', (run) => {
			afterHookRun = run;
		});
		const additionalData = this.additionalData(hooks);
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: [deepCopy(input)] }, source: null }],
			},
		});
		const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
		let run: IRun;
		try {
			run = await execution.processRunExecutionData(workflow);
		} catch (error) {
			// Raised before the run starts (e.g. WorkflowHasIssuesError for a missing required parameter).
			return { status: 'error', items: [], outputs: [], error: toRunError(error), runData: {}, run: this.emptyRun(mode), node };
		}
		if (!afterHookRun) throw new Error('workflowExecuteAfter hook did not run');
		const runData = run.data.resultData.runData;
		const task = runData[nodeName]?.[0];
		const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
		const error = task?.error ?? run.data.resultData.error;
		return {
			status: run.status,
			items: outputs[0] ?? [],
			outputs,
			...(error ? { error: toRunError(error) } : {}),
			runData,
			run,
			node,
		};
	}

	private emptyRun(mode: WorkflowExecuteMode): IRun {
		return {
			data: createRunExecutionData(),
			mode,
			startedAt: new Date(),
			storedAt: 'db',
			status: 'error',
		};
	}

	/** Calls `methods.listSearch[method]` through n8n-core's `LoadOptionsContext`, as the editor does. */
	async listSearch(args: ListSearchArgs): Promise<INodeListSearchResult> {
		const { context, nodeType } = this.loadOptionsContext(args, args.path ?? `parameters.${args.method}`);
		const method = nodeType.methods?.listSearch?.[args.method];
		if (!method) throw new UserError(`Node type "${args.type}" has no listSearch method "${args.method}"`);
		return await method.call(context, args.filter, args.paginationToken);
	}

	/** Calls `methods.loadOptions[method]` through n8n-core's `LoadOptionsContext`. */
	async loadOptions(args: LoadOptionsArgs): Promise<INodePropertyOptions[]> {
		const { context, nodeType } = this.loadOptionsContext(args, args.path ?? `parameters.${args.method}`);
		const method = nodeType.methods?.loadOptions?.[args.method];
		if (!method) throw new UserError(`Node type "${args.type}" has no loadOptions method "${args.method}"`);
		return await method.call(context);
	}

	private loadOptionsContext(args: NodeArgs, path: string): { context: LoadOptionsContext; nodeType: INodeType } {
		const node = this.buildNode(args);
		node.name = 'Temp-Node'; // n8n's DynamicNodeParametersService uses this name
		const workflow = this.workflowFor(node);
		const workflowNode = workflow.getNode(node.name);
		if (!workflowNode) throw new Error('Temp-Node missing');
		const hooks = this.hooksFor('internal', this.nextExecutionId(), [workflowNode]);
		// The editor sends the node's parameters with their defaults, which the Workflow applied.
		const additionalData = this.additionalData(hooks, workflowNode.parameters);
		return {
			context: new LoadOptionsContext(workflow, workflowNode, additionalData, path),
			nodeType: this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion),
		};
	}

	/** A poll trigger whose workflow (and so static data) lives across ticks. */
	pollTrigger(args: PollTriggerArgs): PollTrigger {
		const node = this.buildNode(args);
		const workflow = this.workflowFor(node, args.staticData, undefined, args.workflowId);
		const workflowNode = workflow.getNode(node.name);
		if (!workflowNode) throw new Error('poll node missing');
		const staticKey = `node:${workflowNode.name}`;
		let manualStaticData: IDataObject | undefined;

		const tick = async (activation: WorkflowActivateMode): Promise<INodeExecutionData[][] | null> => {
			const hooks = this.hooksFor('trigger', this.nextExecutionId(), [workflowNode]);
			const additionalData = this.additionalData(hooks);
			let emitted: INodeExecutionData[][] | null = null;
			let emittedError: unknown;
			const context = new PollContext(
				workflow,
				workflowNode,
				additionalData,
				'trigger',
				activation,
				(data) => {
					emitted = data;
				},
				(error) => {
					emittedError = error;
				},
				undefined,
				undefined,
				undefined,
				args.pollBudgetMs === undefined ? undefined : () => args.pollBudgetMs as number,
			);
			// What the scheduler runs each tick; `true` = rethrow (as on activation) instead of __emitError.
			const execute = Container.get(PollTriggerExecutor).create(workflow, workflowNode, context, () => true);
			await execute(false);
			if (emittedError !== undefined) throw emittedError;
			return emitted;
		};

		const manualTick = async (): Promise<INodeExecutionData[][] | null> => {
			const copy = this.workflowFor(deepCopy(workflowNode), plain(workflow.staticData));
			const result = await this.execute(copy, workflowNode.name, 'manual', [{ json: {} }]);
			manualStaticData = plain(copy.staticData[staticKey] as IDataObject | undefined) ?? {};
			if (result.error) throw result.error.raw;
			const main = result.runData[workflowNode.name]?.[0]?.data?.main;
			if (!main || main.every((output) => !output || output.length === 0)) return null;
			return main.map((output) => output ?? []);
		};

		return {
			node: workflowNode,
			poll: async (mode = 'trigger', activation = 'activate') =>
				mode === 'manual' ? await manualTick() : await tick(activation),
			staticData: () => plain((workflow.staticData[staticKey] as IDataObject | undefined) ?? {}),
			workflowStaticData: () => plain(workflow.staticData),
			lastManualStaticData: () => manualStaticData,
		};
	}

	/**
	 * A webhook trigger of an active workflow: its activation hooks run through n8n-core's
	 * `HookContext` and its deliveries through `WebhookContext`, on one workflow whose static data
	 * persists between calls (n8n saves it after each production webhook call).
	 */
	webhookTrigger(args: WebhookTriggerArgs): WebhookTrigger {
		// A node id of its own: a trigger's in-process memory of deliveries is per workflow and node.
		webhookTriggers += 1;
		const node = { ...this.buildNode(args), id: `harness-webhook-node-${webhookTriggers}`, webhookId: 'harness-webhook-id' };
		const workflow = this.workflowFor(node, args.staticData);
		const workflowNode = workflow.getNode(node.name);
		if (!workflowNode) throw new Error('webhook node missing');
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks?.[0];
		if (!description) throw new UserError(`Node type "${node.type}" has no webhook`);
		const base = args.webhookBaseUrl ?? `${BASE_URL}/webhook`;
		const withBase = (data: IWorkflowExecuteAdditionalData): IWorkflowExecuteAdditionalData => ({ ...data, webhookBaseUrl: base });
		const path = String(description.path);
		const url = `${base}/${node.webhookId}/${path}`;
		const staticKey = `node:${workflowNode.name}`;
		const webhookData = (additionalData: IWorkflowExecuteAdditionalData): IWebhookData => ({
			httpMethod: 'POST',
			node: workflowNode.name,
			path: `${node.webhookId}/${path}`,
			webhookDescription: description,
			workflowId: WORKFLOW_ID,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		});
		return {
			node: workflowNode,
			url,
			hook: async (method) => {
				const fn = nodeType.webhookMethods?.default?.[method];
				if (!fn) throw new UserError(`Node type "${node.type}" has no webhook method ${method}`);
				const additionalData = withBase(this.additionalData(this.hooksFor('trigger', this.nextExecutionId(), [workflowNode])));
				const context = new HookContext(workflow, workflowNode, additionalData, 'trigger', 'activate', webhookData(additionalData));
				return await fn.call(context);
			},
			receive: async (request, response) => {
				if (!nodeType.webhook) throw new UserError(`Node type "${node.type}" has no webhook()`);
				const additionalData = withBase(this.additionalData(this.hooksFor('webhook', this.nextExecutionId(), [workflowNode])));
				const full = { query: {}, params: {}, ...request };
				Object.assign(additionalData, { httpRequest: full, httpResponse: response });
				const context = new WebhookContext(workflow, workflowNode, additionalData, 'webhook', webhookData(additionalData), [], null);
				return await nodeType.webhook.call(context);
			},
			staticData: () => plain((workflow.staticData[staticKey] as IDataObject | undefined) ?? {}),
		};
	}

	/**
	 * The credential "Test" button, as n8n's `CredentialsTester` runs it: the type's `test` request
	 * is put on a temporary node's `routing` and sent by n8n-core's `RoutingNode` through
	 * `httpRequestWithAuthentication` with the credential's data (defaults applied); `rules` are
	 * checked the same way. OAuth2 types without a `test` pass when they hold an access token.
	 * `data` defaults to the stored credential; preAuthentication results are saved to the store.
	 */
	async testCredential(type: string, data?: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
		const credentialType = this.credentialsHelper.getType(type);
		const id = CredentialStore.idFor(type);
		const name = `${type} (test)`;
		const hooks = this.hooksFor('internal', this.nextExecutionId(), []);
		const additionalData = this.additionalData(hooks);
		const credentials: ICredentialsDecrypted = { id, name, type, data: data ?? this.store.dataOf(type) };
		try {
			credentials.data = await this.credentialsHelper.applyDefaultsAndOverwrites(
				additionalData,
				credentials.data ?? {},
				type,
				'internal',
			);
		} catch (error) {
			return { status: 'Error', message: String(hasKey(error, 'message') ? error.message : error) };
		}

		const testRequest = credentialType.test;
		if (!testRequest) {
			if (this.credentialsHelper.getParentTypes(type).includes(OAUTH2_API_NAME)) {
				const token = credentials.data?.oauthTokenData;
				return hasKey(token, 'access_token')
					? { status: 'OK', message: 'Connection Successful!' }
					: { status: 'Error', message: 'This OAuth2 credential was not connected to an account.' };
			}
			return { status: 'Error', message: 'No testing function found for this credential.' };
		}

		const testNodeType: INodeType = {
			description: {
				displayName: 'No Operation, do nothing',
				name: CREDENTIAL_TEST_NODE_TYPE,
				group: ['transform'],
				version: 1,
				description: 'Credential test node',
				defaults: { name: 'Temp-Node' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: type, required: true }],
				properties: [
					{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
				],
			},
		};
		const node: INode = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: CREDENTIAL_TEST_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			credentials: { [type]: { id, name } },
		};
		this.credentialTestNodeType = testNodeType;
		let response: INodeExecutionData[][] | null | undefined;
		try {
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
			const workflowNode = workflow.getNode(node.name) ?? node;
			const executeData: IExecuteData = { node: workflowNode, data: {}, source: null };
			const context = new ExecuteContext(
				workflow,
				workflowNode,
				additionalData,
				'internal',
				createRunExecutionData({ executionData: null }),
				0,
				[],
				{ main: [[{ json: {} }]] },
				executeData,
				[],
			);
			response = await new RoutingNode(context, testNodeType, credentials).runNode();
		} catch (error) {
			const cause = hasKey(error, 'cause') ? error.cause : undefined;
			const res = hasKey(cause, 'response') ? cause.response : undefined;
			if (hasKey(res, 'status')) {
				const statusCode = Number(res.status);
				const statusMessage = hasKey(res, 'statusText') ? String(res.statusText) : '';
				for (const rule of testRequest.rules ?? []) {
					if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				if (statusCode < 199 || statusCode > 299) {
					return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
				}
			} else if (hasKey(cause, 'code')) {
				return { status: 'Error', message: String(cause.code) };
			}
			return { status: 'Error', message: String(hasKey(error, 'message') ? error.message : error) };
		} finally {
			this.credentialTestNodeType = undefined;
		}
		for (const rule of testRequest.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const body = response?.[0]?.[0]?.json ?? {};
			const value = rule.properties.key.split('.').reduce<unknown>((acc, key) => (hasKey(acc, key) ? acc[key] : undefined), body);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}
}
