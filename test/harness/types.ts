/** What the harness takes and gives back. */
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

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
