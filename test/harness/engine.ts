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
import {
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
import { createRunExecutionData, deepCopy, NodeHelpers, UserError, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
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
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { CREDENTIAL_TEST_NODE_TYPE, CredentialStore, HarnessCredentialsHelper, type CredentialWrite } from './credentials-helper';
import { OAUTH2_API_NAME } from './oauth2-api';
import type {
	CredentialFixture,
	HarnessOptions,
	RunError,
	RunResult,
	NodeArgs,
	RunNodeArgs,
	ListSearchArgs,
	LoadOptionsArgs,
	PollTriggerArgs,
	PollTrigger,
	CredentialTestResult,
	WebhookTriggerArgs,
	WebhookRequestLike,
	WebhookResponseLike,
	WebhookTrigger,
} from './types';
import { credentialTest } from './credentialTest';
import { pollTriggerOf } from './pollTrigger';
import { webhookTriggerOf } from './webhookTrigger';
import { BASE_URL, WORKFLOW_ID, isVersioned, plain, toRunError } from './util';

export { CredentialStore, HarnessCredentialsHelper } from './credentials-helper';
export type { CredentialWrite, CredentialWriteKind, StoredCredential } from './credentials-helper';
export { HarnessOAuth2Api, OAUTH2_API_NAME } from './oauth2-api';
export type { CredentialFixture, HarnessOptions, RunError, RunResult, NodeArgs, RunNodeArgs, ListSearchArgs, LoadOptionsArgs, PollTriggerArgs, PollTrigger, CredentialTestResult, WebhookTriggerArgs, WebhookRequestLike, WebhookResponseLike, WebhookTrigger } from './types';

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
	// Not private: credentialTest.ts sets it.
	credentialTestNodeType: INodeType | undefined;

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

	/** A workflow of `node` alone (also for webhookTrigger.ts). */
	workflowFor(node: INode, staticData?: IDataObject, timezone?: string, id = WORKFLOW_ID): Workflow {
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

	hooksFor(mode: WorkflowExecuteMode, executionId: string, nodes: INode[]): ExecutionLifecycleHooks {
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

	nextExecutionId(): string {
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

	// Not private: pollTrigger.ts runs its manual mode through it.
	async execute(
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
		return pollTriggerOf(this, args);
	}

	/**
	 * A webhook trigger of an active workflow, through n8n-core's `HookContext` and `WebhookContext`
	 * (webhookTrigger.ts).
	 */
	webhookTrigger(args: WebhookTriggerArgs): WebhookTrigger {
		return webhookTriggerOf(this, args);
	}

	/** The credential "Test" button, as n8n's `CredentialsTester` runs it (credentialTest.ts). */
	async testCredential(type: string, data?: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
		return await credentialTest(this, type, data);
	}
}
