import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { idString, isObject } from '../shared/json';
import {
	credentialSecretMethods,
	INSTANT_WEBHOOKS,
	instantTriggerProperties,
	receiveJobEvent,
	timestampedHmacCheck,
	type InstantTriggerDefinition,
} from '../shared/instantTrigger';
import { provider } from './provider';

const CREDENTIAL_TYPE = provider.api.credentialType;

/**
 * Worklayer signs every delivery (https://docs.taxfyle.com/webhooks/check-signatures): header
 * `x-worklayer-date` is the Unix time in seconds the signature was made, `x-worklayer-signature`
 * an HMAC-SHA256 keyed with the webhook secret over `<timestamp>.<JSON payload>`. The page's
 * example signature (`aMJf3IXdQaYkzaHMVxLWO61IEPFCh9CNWqLbQpqEN5U=`, 44 characters ending in `=`)
 * is the base64 form of a 32-byte digest. The payload is taken as the raw body bytes. No tolerance
 * is documented: five minutes is this trigger's own choice against replays.
 */
const trigger: InstantTriggerDefinition = {
	provider,
	verify: timestampedHmacCheck({
		credentialType: CREDENTIAL_TYPE,
		timestampHeader: 'x-worklayer-date',
		signatureHeader: 'x-worklayer-signature',
		encoding: 'base64',
	}),
	readEvent(delivery) {
		// `{ id, create_time, event_type, version, data: { job, ... } }`
		// (https://docs.taxfyle.com/webhooks/event-resources); `id` is unique per event.
		const body = delivery.body;
		if (!isObject(body) || typeof body.event_type !== 'string') return undefined;
		const job = isObject(body.data) && isObject(body.data.job) ? body.data.job : undefined;
		return { type: body.event_type, jobId: job ? idString(job.id) : undefined, job, deliveryKey: idString(body.id) };
	},
};

export class WorklayerInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worklayer Instant Trigger',
		name: 'worklayerInstantTrigger',
		icon: { light: 'file:worklayer.svg', dark: 'file:worklayer.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow as soon as Worklayer by Taxfyle sends a job event (webhook Worklayer sets up to this URL for you)',
		defaults: { name: 'Worklayer Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'worklayerApi', required: true }],
		webhooks: INSTANT_WEBHOOKS,
		properties: instantTriggerProperties({
			notice:
				"Worklayer sets webhooks up on request: send them this trigger's production URL, and put the signing secret they give you in the credential's Webhook Signing Secret. Deliveries without a valid x-worklayer-signature, or signed more than 5 minutes ago, are refused.",
			// https://docs.taxfyle.com/webhooks/event-resources
			events: [
				{ name: 'Job Status Changed', value: 'job.status', description: 'The status of a job changed (e.g. a Pro claimed it: CLAIMED)' },
				{ name: 'Job Cancelled', value: 'job.cancelled', description: 'A job in progress was cancelled; the event carries the reason' },
				{ name: 'Job Message', value: 'job.messages.all', description: "A new message in a job's conversation" },
			],
			defaultEvents: ['job.status'],
		}),
	};

	webhookMethods = credentialSecretMethods(CREDENTIAL_TYPE, 'Worklayer');

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveJobEvent.call(this, trigger);
	}
}
