/**
 * The instant (webhook) triggers in the tooling: for each provider that has one, the event its
 * simulator sends about a job, validly signed, to a trigger's URL. The e2e suites and the sandbox
 * use it; a signing secret is what the Worklayer and Housecall Pro credentials hold (Planado's
 * trigger registers its own secret with the simulator).
 */
import { randomUUID } from 'node:crypto';

import type { HousecallProSimulator } from '../simulators/housecallPro';
import type { PlanadoSimulator } from '../simulators/planado';
import {
	deliver,
	housecallProEventBody,
	housecallProSignature,
	PlanadoWebhooks,
	worklayerEventBody,
	worklayerSignature,
	type DeliveryResult,
} from '../simulators/webhooks';
import type { WorklayerSimulator } from '../simulators/worklayer';
import type { RunningSimulator } from './types';

/**
 * Event `n` is the same event every time it is sent by this process (a redelivery), and a new one
 * in another process: Worklayer's event id and Housecall Pro's occurrence time come from it.
 */
const RUN = { id: randomUUID().slice(0, 24), startedMs: Date.now() };
const worklayerEventId = (n: number): string => `${RUN.id}${n.toString(16).padStart(12, '0')}`;
const housecallProOccurredAt = (n: number): Date => new Date(RUN.startedMs + n * 1000);

export type InstantProviderKey = 'planado' | 'worklayer' | 'housecallPro';

export interface InstantTooling {
	/** The trigger's node name (`planadoInstantTrigger`). */
	nodeName: string;
	/** The event `sendEvent` sends, as the trigger's Events list names it. */
	event: string;
	/** Whether the credential needs the signing secret (the provider sets webhooks up on its side). */
	signingSecretInCredential: boolean;
	/**
	 * Sends event number `n` about one of the first jobs, signed now with `secret`, to `url`
	 * (Planado: to every subscription of the event, wherever it points). The same `n` again is a
	 * redelivery of the same event.
	 */
	sendEvent(running: RunningSimulator, url: string, n: number, secret: string): Promise<DeliveryResult | undefined>;
}

export const INSTANT_TOOLING: Record<InstantProviderKey, InstantTooling> = {
	planado: {
		nodeName: 'planadoInstantTrigger',
		event: 'job_updated',
		signingSecretInCredential: false,
		async sendEvent(running, _url, n) {
			const sim = running.sim as PlanadoSimulator;
			const uuid = sim.listJobs()[n % 5].uuid;
			const job = sim.jobDetail(uuid)!;
			// A new version per event, as Planado bumps it on every change.
			const [result] = await sim.webhooks.deliver('job_updated', PlanadoWebhooks.eventBody('job_updated', { ...job, version: Number(job.version) + 1000 + n }));
			return result;
		},
	},
	worklayer: {
		nodeName: 'worklayerInstantTrigger',
		event: 'job.status',
		signingSecretInCredential: true,
		async sendEvent(running, url, n, secret) {
			const job = (running.sim as WorklayerSimulator).listJobs()[n % 5];
			const body = worklayerEventBody('job.status', job, worklayerEventId(n));
			return await deliver(url, body, worklayerSignature(secret, body));
		},
	},
	housecallPro: {
		nodeName: 'housecallProInstantTrigger',
		event: 'job.completed',
		signingSecretInCredential: true,
		async sendEvent(running, url, n, secret) {
			const job = (running.sim as HousecallProSimulator).listJobs()[n % 5];
			const body = housecallProEventBody('job.completed', { id: job.id }, housecallProOccurredAt(n));
			return await deliver(url, body, housecallProSignature(secret, body));
		},
	},
};

/** n8n's production URL of a webhook trigger node (`<base>/webhook/<webhookId>/webhook`). */
export function instantTriggerUrl(n8nBaseUrl: string, webhookId: string): string {
	return `${n8nBaseUrl}/webhook/${webhookId}/webhook`;
}
