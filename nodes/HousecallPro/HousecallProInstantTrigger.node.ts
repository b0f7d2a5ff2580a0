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
	headerOf,
	INSTANT_WEBHOOKS,
	instantTriggerProperties,
	receiveJobEvent,
	timestampedHmacCheck,
	type Delivery,
	type InstantTriggerDefinition,
} from '../shared/instantTrigger';
import { provider } from './provider';

const CREDENTIAL_TYPE = provider.api.credentialType;

const TIMESTAMP_HEADER = 'api-timestamp';
const SIGNATURE_HEADER = 'api-signature';

/**
 * Housecall Pro publishes no webhook payload or signature format: its API reference has only
 * `POST` / `DELETE /webhooks/subscription` with no body (https://docs.housecallpro.com/docs/housecall-public-api),
 * and its help pages say webhooks are a MAX-plan setting in the app that issues a signing secret.
 * The scheme below is what public client code verifies against live deliveries: headers
 * `Api-Timestamp` (Unix seconds) and `Api-Signature`, the hex HMAC-SHA256 keyed with the secret
 * over `<Api-Timestamp>.<raw body>`. Two independent codebases agree on it
 * (https://github.com/ryrychu/trinityplumbing-housecallpro, src/lib/housecall/webhookVerify.ts;
 * https://github.com/blindermanupwork/property-management-automation, scripts/webhook/webhook.py);
 * their READMEs name `X-HousecallPro-Signature` instead, which the first one's route says "is
 * never sent". No tolerance is documented: five minutes is this trigger's own choice.
 */
function isSetupCheck(delivery: Delivery): boolean {
	// Saving a webhook URL in the app sends an unsigned `{"foo":"bar"}` that must get a 2xx, or the
	// URL is not saved (both codebases above). Unsigned and not an event: answered, never run.
	const body = delivery.body;
	return (
		headerOf(delivery, TIMESTAMP_HEADER) === undefined &&
		headerOf(delivery, SIGNATURE_HEADER) === undefined &&
		isObject(body) &&
		body.event === undefined
	);
}

const trigger: InstantTriggerDefinition = {
	provider,
	isSetupCheck,
	verify: timestampedHmacCheck({
		credentialType: CREDENTIAL_TYPE,
		timestampHeader: TIMESTAMP_HEADER,
		signatureHeader: SIGNATURE_HEADER,
		encoding: 'hex',
	}),
	readEvent(delivery) {
		// `{ event, event_occurred_at, company_id, job: {...} }`; appointment events carry
		// `appointment: { id, job_id, ... }` instead of the job (same public codebases).
		const body = delivery.body;
		if (!isObject(body) || typeof body.event !== 'string') return undefined;
		const job = isObject(body.job) ? body.job : undefined;
		const appointment = isObject(body.appointment) ? body.appointment : undefined;
		const jobId = job ? idString(job.id) : appointment ? idString(appointment.job_id) : undefined;
		// No event id is sent: a redelivery repeats the event, its job and when it happened.
		const occurred = idString(body.event_occurred_at) ?? headerOf(delivery, TIMESTAMP_HEADER);
		const subject = appointment ? `appointment ${idString(appointment.id) ?? ''}` : `job ${jobId ?? ''}`;
		return {
			type: body.event,
			jobId,
			job: job ?? (jobId ? { id: jobId, appointment } : undefined),
			deliveryKey: occurred ? `${body.event}:${subject}@${occurred}` : undefined,
		};
	},
};

export class HousecallProInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Housecall Pro Instant Trigger',
		name: 'housecallProInstantTrigger',
		icon: { light: 'file:housecallPro.svg', dark: 'file:housecallPro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow as soon as Housecall Pro sends a job or appointment event (webhook, MAX plan; n8n must be reachable from the internet)',
		defaults: { name: 'Housecall Pro Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'housecallProApi', required: true }],
		webhooks: INSTANT_WEBHOOKS,
		properties: instantTriggerProperties({
			notice:
				"In the Housecall Pro app (MAX plan), add this trigger's production URL as a webhook and put the signing secret it shows in the credential's Webhook Signing Secret. Deliveries without a valid Api-Signature, or signed more than 5 minutes ago, are refused.",
			events: [
				{ name: 'Job Created', value: 'job.created', description: 'A job was created' },
				{ name: 'Job Scheduled', value: 'job.scheduled', description: 'A job was scheduled' },
				{ name: 'Job On My Way', value: 'job.on_my_way', description: 'A technician is on the way' },
				{ name: 'Job Started', value: 'job.started', description: 'Work on the job started' },
				{ name: 'Job Completed', value: 'job.completed', description: 'The job was completed' },
				{ name: 'Job Canceled', value: 'job.canceled', description: 'The job was canceled' },
				{ name: 'Job Paid', value: 'job.paid', description: 'The job was paid' },
				{ name: 'Appointment Scheduled', value: 'job.appointment.scheduled', description: "An appointment of a job was scheduled" },
				{ name: 'Appointment Rescheduled', value: 'job.appointment.rescheduled', description: "An appointment of a job was moved" },
				{ name: 'Appointment Discarded', value: 'job.appointment.appointment_discarded', description: 'An appointment of a job was deleted' },
				{ name: 'Appointment Pros Assigned', value: 'job.appointment.appointment_pros_assigned', description: 'Employees were assigned to an appointment' },
				{ name: 'Appointment Pros Unassigned', value: 'job.appointment.appointment_pros_unassigned', description: 'Employees were removed from an appointment' },
			],
			defaultEvents: ['job.created'],
		}),
	};

	webhookMethods = credentialSecretMethods(CREDENTIAL_TYPE, 'Housecall Pro');

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveJobEvent.call(this, trigger);
	}
}
