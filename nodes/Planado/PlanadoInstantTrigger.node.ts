import {
	NodeApiError,
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { idString, isObject } from '../shared/json';
import {
	headerOf,
	INSTANT_WEBHOOKS,
	instantTriggerProperties,
	receiveJobEvent,
	type InstantTriggerDefinition,
} from '../shared/instantTrigger';
import { constantTimeEqual, generateSecret, verifySharedSecret } from '../shared/signature';
import { provider } from './provider';
import { createWebhook, deleteWebhook, listWebhooks } from './webhooks';

/** What the trigger keeps in the node's static data: its subscription, never output. */
interface SubscriptionState extends IDataObject {
	webhookId?: string;
	secret?: string;
	eventTypes?: string[];
	deliveries?: string[];
}

/**
 * Planado's job event types. The docs name `job_updated` (a change, the CRUD family), and
 * `job_started` and `job_finished` (the status family) on
 * https://api-docs.planadoapp.com/docs/v2/resources/jobs.html; `job_created` is the type of a job's
 * first history event (https://api-docs.planadoapp.com/docs/v2/resources/jobs/history.html).
 */
const EVENTS = [
	{ name: 'Job Created', value: 'job_created', description: 'A job was created (version 1)' },
	{
		name: 'Job Updated',
		value: 'job_updated',
		description: 'Any change to a job, its status included. With a status event also picked, a start sends both.',
	},
	{ name: 'Job Started', value: 'job_started', description: 'A worker started the job' },
	{
		name: 'Job Finished',
		value: 'job_finished',
		description: 'A worker finished the job. Photos may still be syncing: updates can follow.',
	},
];

function sameSet(a: readonly string[] | undefined, b: readonly string[]): boolean {
	return a !== undefined && a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

function state(ctx: IHookFunctions | IWebhookFunctions): SubscriptionState {
	return ctx.getWorkflowStaticData('node') as SubscriptionState;
}

function forget(subscription: SubscriptionState): void {
	for (const key of Object.keys(subscription)) delete subscription[key];
}

const trigger: InstantTriggerDefinition = {
	provider,
	async verify(ctx, delivery) {
		// The secret this trigger generated and registered (https://api-docs.planadoapp.com/docs/v2/resources/webhooks/list.html).
		return verifySharedSecret(state(ctx).secret, headerOf(delivery, 'x-planado-secret'));
	},
	readEvent(delivery) {
		const body = delivery.body;
		if (!isObject(body) || typeof body.event_type !== 'string' || !isObject(body.job)) return undefined;
		const job = body.job;
		const jobId = idString(job.uuid);
		// Planado retries a failed delivery up to 17 times (header X-Planado-Delivery-Attempt), and
		// every change bumps the job's `version` (https://api-docs.planadoapp.com/docs/v2/webhooks.html):
		// one event is one type, job and version, whatever the attempt; `event_uuid` where there is no version.
		const version = typeof job.version === 'number' ? job.version : undefined;
		const deliveryKey =
			jobId && version !== undefined ? `${body.event_type}:${jobId}@${version}` : idString(body.event_uuid);
		return { type: body.event_type, jobId, job, deliveryKey };
	},
};

export class PlanadoInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planado Instant Trigger',
		name: 'planadoInstantTrigger',
		icon: { light: 'file:planado.svg', dark: 'file:planado.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow as soon as Planado sends a job event (webhook; n8n must be reachable from the internet)',
		defaults: { name: 'Planado Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'planadoApi', required: true }],
		webhooks: INSTANT_WEBHOOKS,
		properties: instantTriggerProperties({
			notice:
				'On activation this trigger subscribes its URL in Planado (API → webhooks) with a secret it generates, and deletes the subscription on deactivation. Every delivery must carry that secret.',
			events: EVENTS,
			defaultEvents: ['job_updated'],
		}),
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const eventTypes = this.getNodeParameter('events', []) as string[];
				const subscription = state(this);
				const atOurUrl = (await listWebhooks(this)).filter((webhook) => webhook.url === url);
				const own = atOurUrl.find((webhook) => webhook.uuid !== undefined && webhook.uuid === subscription.webhookId);
				const secretMatches =
					own !== undefined &&
					subscription.secret !== undefined &&
					(typeof own.secret !== 'string' || constantTimeEqual(own.secret, subscription.secret));
				if (own && secretMatches && sameSet(own.event_types, eventTypes) && sameSet(subscription.eventTypes, eventTypes)) {
					return true;
				}
				// A subscription at this URL that this trigger cannot vouch for (other events, a
				// secret it no longer has): replaced by a new one.
				for (const webhook of atOurUrl) if (webhook.uuid) await deleteWebhook(this, webhook.uuid);
				forget(subscription);
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const eventTypes = this.getNodeParameter('events', []) as string[];
				const secret = generateSecret();
				const webhookId = await createWebhook(this, url, eventTypes, secret);
				if (!webhookId) return false;
				const subscription = state(this);
				forget(subscription);
				Object.assign(subscription, { webhookId, secret, eventTypes } satisfies SubscriptionState);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const subscription = state(this);
				if (subscription.webhookId) {
					try {
						await deleteWebhook(this, subscription.webhookId);
					} catch (error) {
						// Already gone in Planado: nothing left to delete.
						if (!(error instanceof NodeApiError && error.httpCode === '404')) return false;
					}
				}
				forget(subscription);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveJobEvent.call(this, trigger);
	}
}
