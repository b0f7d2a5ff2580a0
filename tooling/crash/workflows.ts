/** The crash test's workflows: one per provider and trigger event, the trigger alone, polling every 10 s. */
import type { N8nWorkflow } from '../n8n/types';
import { nodeCredentials, type ProviderTooling } from '../providers';

export const EVENTS = ['jobCreated', 'jobUpdated', 'jobStatusChanged'] as const;
export type TriggerEvent = (typeof EVENTS)[number];
export const TRIGGER_NODE = 'Trigger';

/**
 * Every 10 s: six "custom" poll times, each a cron at one second of every minute. n8n refuses a
 * sub-minute cron (n8n-workflow `isSubMinuteCron`: the seconds field must be a number), not several
 * one-a-minute ones.
 */
export const EVERY_TEN_SECONDS = { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) };

export function triggerWorkflowId(provider: ProviderTooling, event: TriggerEvent): string {
	return `crash${provider.key.slice(0, 6)}${event.slice(3, 9)}`.padEnd(16, '0').slice(0, 16);
}

export function triggerWorkflow(provider: ProviderTooling, event: TriggerEvent, options: Record<string, unknown> = {}): N8nWorkflow {
	const trigger = provider.nodeTypes.trigger;
	if (!trigger) throw new Error(`${provider.displayName} has no trigger`);
	return {
		id: triggerWorkflowId(provider, event),
		name: `Crash test: ${provider.displayName} ${event}`,
		nodes: [
			{
				id: `${triggerWorkflowId(provider, event)}-trigger`,
				name: TRIGGER_NODE,
				type: trigger,
				typeVersion: 1,
				position: [0, 0],
				credentials: nodeCredentials(provider, 'e2e'),
				parameters: { event, pollTimes: EVERY_TEN_SECONDS, filters: {}, options },
			},
		],
		connections: {},
		settings: { saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
	};
}
