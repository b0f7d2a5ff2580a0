/**
 * The webhook engine every `<provider>InstantTrigger` uses. A provider supplies how a delivery is
 * authenticated and how its event reads (type, job id, a key that is the same on a redelivery);
 * the engine answers 401 to a delivery that fails the check without starting an execution, drops
 * events the user did not pick and deliveries it has already emitted, re-reads the job through the
 * credential, and emits one item.
 *
 * A refusal is written on n8n's response object and the webhook returns `noWebhookResponse`
 * without `workflowData`: n8n then starts no execution (n8n's own Webhook node answers a failed
 * authentication this way, https://github.com/n8n-io/n8n/blob/master/packages/nodes-base/nodes/Webhook/Webhook.node.ts).
 * State (the deliveries already emitted) lives in `getWorkflowStaticData('node')`, which n8n saves
 * after each production webhook call.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { isObject } from './json';
import { readCollection, readTimeout, type NodeParameters } from './parameters';
import type { JobProvider } from './provider';
import { DEFAULT_TOLERANCE_MS, SIGNATURE_PROBLEMS, verifyTimestampedHmac, type SignatureVerdict } from './signature';
import { simplifyOption, timeoutOption } from './descriptions';
import { asNodeError } from './transport';

/** Deliveries remembered per trigger to drop redeliveries; the oldest are forgotten first. */
export const MAX_REMEMBERED_DELIVERIES = 1_000;

/** The key of the raw event in every output item. */
const EVENT_KEY = 'webhookEvent';

/** One webhook, answered as soon as it is received (the sender does not wait for the workflow). */
export const INSTANT_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
];

export interface Delivery {
	/** Header names in lower case, as Node.js gives them. */
	headers: Record<string, string | string[] | undefined>;
	/** The body exactly as received (n8n keeps it as `req.rawBody`). */
	rawBody: Buffer | undefined;
	/** The body parsed as JSON by n8n. */
	body: unknown;
}

interface ReceivedEvent {
	/** The provider's event type, as the trigger's Events list names it. */
	type: string;
	/** The job the event is about; undefined when the event names none. */
	jobId: string | undefined;
	/** The job as the event carries it (emitted when Re-read the Job is off). */
	job: IDataObject | undefined;
	/** The same for every delivery of this event, different for any other event; undefined: no dedupe. */
	deliveryKey: string | undefined;
}

export interface InstantTriggerDefinition {
	provider: JobProvider;
	/** Whether the delivery was sent by the provider. */
	verify(ctx: IWebhookFunctions, delivery: Delivery): Promise<SignatureVerdict>;
	/** A request the provider sends to check a URL, answered 200 without an execution (Housecall Pro's set-up call). */
	isSetupCheck?(delivery: Delivery): boolean;
	/** The event in a verified body; undefined for a body that is no job event. */
	readEvent(delivery: Delivery): ReceivedEvent | undefined;
}

interface InstantTriggerState extends IDataObject {
	/** Delivery keys already emitted, oldest first. */
	deliveries?: string[];
}

/** The first value of a header. */
export function headerOf(delivery: Delivery, name: string): string | undefined {
	const value = delivery.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function webhookParameters(ctx: IWebhookFunctions): NodeParameters {
	return {
		get: (name, fallback, options) => ctx.getNodeParameter(name, fallback, options),
		timeZone: ctx.getTimezone(),
	};
}

/** n8n's raw body: a Buffer for every webhook request (its raw-body middleware), a string in older versions. */
function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const raw: unknown = ctx.getRequestObject().rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

function refuse(ctx: IWebhookFunctions, problem: keyof typeof SIGNATURE_PROBLEMS): IWebhookResponseData {
	const res = ctx.getResponseObject();
	// Says why, but nothing about the secret or the expected signature.
	res.status(401).json({ message: `Unauthorized: ${SIGNATURE_PROBLEMS[problem]}` });
	return { noWebhookResponse: true };
}

/** Answered 200 (the sender must not retry) without an execution. */
function acknowledge(message: string): IWebhookResponseData {
	return { webhookResponse: { message } };
}

/**
 * Deliveries this n8n process has taken, per trigger, on top of static data: n8n saves static data
 * only after the webhook call has been answered, so a redelivery right behind the first one (or
 * two at once) would read the state from before it. Bounded like the static data.
 */
const takenInProcess = new Map<string, string[]>();

function triggerKey(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

function seen(ctx: IWebhookFunctions, state: InstantTriggerState, key: string): boolean {
	return (state.deliveries ?? []).includes(key) || (takenInProcess.get(triggerKey(ctx)) ?? []).includes(key);
}

function bounded(list: string[], key: string): string[] {
	const next = [...list.filter((entry) => entry !== key), key];
	return next.slice(Math.max(0, next.length - MAX_REMEMBERED_DELIVERIES));
}

/** Taken by this process before the re-read, so a concurrent copy of the delivery is dropped. */
function take(ctx: IWebhookFunctions, key: string): void {
	takenInProcess.set(triggerKey(ctx), bounded(takenInProcess.get(triggerKey(ctx)) ?? [], key));
}

/** A delivery that failed (n8n answers 500): the provider's retry must be emitted. */
function release(ctx: IWebhookFunctions, key: string): void {
	const list = takenInProcess.get(triggerKey(ctx));
	if (list) takenInProcess.set(triggerKey(ctx), list.filter((entry) => entry !== key));
}

function remember(state: InstantTriggerState, key: string): void {
	state.deliveries = bounded(state.deliveries ?? [], key);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Whether Re-read the Job is on (its default: an option not added is on). */
function reReadOn(options: IDataObject): boolean {
	return options.reReadJob !== false;
}

export async function receiveJobEvent(this: IWebhookFunctions, trigger: InstantTriggerDefinition): Promise<IWebhookResponseData> {
	const delivery: Delivery = {
		headers: this.getHeaderData() as Delivery['headers'],
		rawBody: rawBodyOf(this),
		body: this.getBodyData(),
	};
	if (trigger.isSetupCheck?.(delivery)) return acknowledge('URL check received');
	const verdict = await trigger.verify(this, delivery);
	if (!verdict.ok) return refuse(this, verdict.problem);

	const event = trigger.readEvent(delivery);
	if (!event) return acknowledge('Not a job event: ignored');
	const selected = this.getNodeParameter('events', []) as string[];
	if (!selected.includes(event.type)) return acknowledge(`Event ${event.type} is not selected: ignored`);
	const state = this.getWorkflowStaticData('node') as InstantTriggerState;
	const key = event.deliveryKey;
	if (key && seen(this, state, key)) return acknowledge('Already received: ignored');
	if (key) take(this, key);

	const params = webhookParameters(this);
	const options = readCollection(params, 'options');
	let job = event.job;
	if (reReadOn(options)) {
		if (!event.jobId) return acknowledge('The event names no job: ignored');
		try {
			job = await trigger.provider.getJob(this, event.jobId, { timeout: readTimeout(params) });
		} catch (error) {
			// A job that does not exist (deleted since, or a forged event) emits nothing. Any
			// other failure is thrown: n8n answers 500 and the provider delivers again later.
			if (!isNotFound(error)) {
				if (key) release(this, key);
				throw asNodeError(this.getNode(), error);
			}
			if (key) remember(state, key);
			return acknowledge('The job does not exist: ignored');
		}
	}
	if (key) remember(state, key);
	const shaped = options.simplify === true && job && trigger.provider.simplify ? trigger.provider.simplify(job) : (job ?? {});
	const raw = isObject(delivery.body) ? delivery.body : {};
	const item: INodeExecutionData = { json: { ...shaped, [EVENT_KEY]: raw } };
	return { workflowData: [[item]] };
}

interface InstantEventOption {
	name: string;
	value: string;
	description: string;
}

/** An instant trigger's fields: a notice on how to connect it, Events, and Options. */
export function instantTriggerProperties(options: {
	notice: string;
	events: InstantEventOption[];
	defaultEvents: string[];
}): INodeProperties[] {
	const events: INodeProperties = {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [...options.events].sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		required: true,
		description: 'The events that start the workflow; deliveries of other events are answered and ignored',
	};
	// The provider's usual event, picked for a new node.
	events.default = options.defaultEvents;
	return [
		{ displayName: options.notice, name: 'setupNotice', type: 'notice', default: '' },
		events,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Re-Read the Job',
					name: 'reReadJob',
					type: 'boolean',
					default: true,
					description:
						'Whether to read the job from the API (with the credential) and emit it as it is now, instead of the copy in the event',
					hint: 'A forged or partial event then cannot put data into the workflow, and an event for a job that does not exist emits nothing. Costs one request per event.',
				},
				simplifyOption,
				timeoutOption,
			],
		},
	];
}

/** The credential field holding a signing secret the provider issued (Worklayer, Housecall Pro). */
const SIGNING_SECRET_FIELD = 'webhookSigningSecret';

/** The signing secret in the trigger's credential, trimmed; undefined when it is empty. */
async function signingSecret(ctx: IWebhookFunctions | IHookFunctions, credentialType: string): Promise<string | undefined> {
	const credentials = await ctx.getCredentials(credentialType);
	const secret = credentials[SIGNING_SECRET_FIELD];
	return typeof secret === 'string' && secret.trim() !== '' ? secret.trim() : undefined;
}

/**
 * The check of a provider that signs `<timestamp>.<raw body>` with the secret in the credential
 * (Worklayer, Housecall Pro), refusing timestamps more than DEFAULT_TOLERANCE_MS away.
 */
export function timestampedHmacCheck(options: {
	credentialType: string;
	timestampHeader: string;
	signatureHeader: string;
	encoding: 'hex' | 'base64';
}): InstantTriggerDefinition['verify'] {
	return async (ctx, delivery) =>
		verifyTimestampedHmac({
			secret: await signingSecret(ctx, options.credentialType),
			timestamp: headerOf(delivery, options.timestampHeader),
			signature: headerOf(delivery, options.signatureHeader),
			rawBody: delivery.rawBody,
			encoding: options.encoding,
			toleranceMs: DEFAULT_TOLERANCE_MS,
			nowMs: Date.now(),
		});
}

/**
 * Webhook methods for a provider whose webhooks are set up on its side (no API to register a URL):
 * activation only checks that the credential has the signing secret, so a trigger that would
 * refuse every delivery is not activated silently.
 */
export function credentialSecretMethods(credentialType: string, providerName: string) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!(await signingSecret(this, credentialType))) {
					throw new NodeOperationError(
						this.getNode(),
						`The ${providerName} credential has no Webhook Signing Secret: every delivery would be refused`,
						{ description: `Enter the signing secret ${providerName} gave you for this webhook in the credential, then activate again.` },
					);
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};
}
