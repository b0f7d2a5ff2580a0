/**
 * What the e2e suites need to drive the three instant triggers in real n8n: one workflow per
 * provider (the trigger, optionally a Set node tagging the process that ran it), the credentials
 * with a webhook signing secret, and valid deliveries sent by each provider's simulator.
 */
import type { N8nCredential, N8nWorkflow } from '../../tooling/n8n';
import { nodeCredentials, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';
import { housecallPro as hcpTooling } from '../../tooling/providers/housecallPro';
import { planado as planadoTooling } from '../../tooling/providers/planado';
import { worklayer as worklayerTooling } from '../../tooling/providers/worklayer';
import { PACKAGE_NAME as PKG } from '../../tooling/repo';
import { INSTANT_TOOLING, instantTriggerUrl, type InstantProviderKey } from '../../tooling/providers/instant';
import type { DeliveryResult } from '../../tooling/simulators/webhooks';

export const SIGNING_SECRET = 'e2e-webhook-signing-secret';
export const TRIGGER = 'Instant Trigger';

export interface InstantCase {
	key: InstantProviderKey;
	tooling: ProviderTooling;
	workflowId: string;
	nodeType: string;
	webhookId: string;
	events: string[];
}

export const PLANADO: InstantCase = {
	key: 'planado',
	tooling: planadoTooling,
	workflowId: 'instantPlanado01',
	nodeType: 'planadoInstantTrigger',
	webhookId: 'e2e-planado-instant',
	events: ['job_updated'],
};
export const WORKLAYER: InstantCase = {
	key: 'worklayer',
	tooling: worklayerTooling,
	workflowId: 'instantWorklay01',
	nodeType: 'worklayerInstantTrigger',
	webhookId: 'e2e-worklayer-instant',
	events: ['job.status'],
};
export const HCP: InstantCase = {
	key: 'housecallPro',
	tooling: hcpTooling,
	workflowId: 'instantHcp000001',
	nodeType: 'housecallProInstantTrigger',
	webhookId: 'e2e-hcp-instant',
	events: ['job.completed'],
};
export const INSTANT_CASES: InstantCase[] = [PLANADO, WORKLAYER, HCP];

/** The trigger's production URL on an n8n at `baseUrl`. */
export function instantUrl(c: InstantCase, baseUrl: string): string {
	return instantTriggerUrl(baseUrl, c.webhookId);
}

/** The trigger alone, or followed by `tag` (a Set node: which process ran the execution). */
export function instantWorkflow(c: InstantCase, tag?: N8nWorkflow['nodes'][number]): N8nWorkflow {
	const trigger = {
		id: `${c.workflowId}-trigger`,
		name: TRIGGER,
		type: `${PKG}.${c.nodeType}`,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		webhookId: c.webhookId,
		credentials: nodeCredentials(c.tooling, 'e2e'),
		parameters: { events: c.events, options: {} },
	};
	return {
		id: c.workflowId,
		name: `Instant: ${c.tooling.displayName}`,
		nodes: tag ? [trigger, tag] : [trigger],
		connections: tag ? { [TRIGGER]: { main: [[{ node: tag.name, type: 'main', index: 0 }]] } } : {},
	};
}

/** Worklayer's and Housecall Pro's credentials get the signing secret (Planado's trigger makes its own). */
export function withSigningSecret(credential: N8nCredential): N8nCredential {
	const signed = [worklayerTooling.credentialType, hcpTooling.credentialType];
	return signed.includes(credential.type) ? { ...credential, data: { ...credential.data, webhookSigningSecret: SIGNING_SECRET } } : credential;
}

/** A valid delivery of event `n` (the same n again: a redelivery) to the trigger on the n8n at `baseUrl`. */
export async function sendValidEvent(c: InstantCase, running: RunningSimulator, baseUrl: string, n: number): Promise<DeliveryResult> {
	const result = await INSTANT_TOOLING[c.key].sendEvent(running, instantUrl(c, baseUrl), n, SIGNING_SECRET);
	if (!result) throw new Error(`${c.tooling.displayName}: nothing was delivered (no subscription for the event)`);
	return result;
}
