/** The workflows of the queue-mode suite (queue.e2e.test.ts). */
import { PROCESS_NAME_VARIABLE, tagNode, type N8nWorkflow } from '../../tooling/n8n';
import { nodeCredentials } from '../../tooling/providers';
import { accelo as acceloTooling } from '../../tooling/providers/accelo';
import { fsmNavigator as fsmTooling } from '../../tooling/providers/fsmNavigator';
import { PACKAGE_NAME as PKG } from '../../tooling/repo';
import type { AcceloSimulator } from '../../tooling/simulators/accelo';
import type { FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';

/** Each execution records the process that ran it (main or a worker). */
export const RAN_BY = { field: 'ranBy', expression: `{{ $env.${PROCESS_NAME_VARIABLE} }}` };
export const LOAD_WORKFLOW = 'queueLoad000001';
export const TRIGGER_WORKFLOW = 'queueTrigger001';

/** Many executions at once: a webhook, the FSM Navigator node's Create and Get, and Accelo's Get. */
export function loadWorkflow(fsm: FsmNavigatorSimulator, accelo: AcceloSimulator): N8nWorkflow {
	const location = [...fsm.locations.values()][0];
	const acceloJob = accelo.jobs[0];
	const fsmNode = { type: fsmTooling.nodeTypes.action, credentials: nodeCredentials(fsmTooling, 'e2e'), typeVersion: 1 };
	return {
		id: LOAD_WORKFLOW,
		name: 'Queue mode: many at once',
		nodes: [
			{
				id: 'load-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'queue-load-webhook',
				parameters: { httpMethod: 'GET', path: 'queue-load', responseMode: 'lastNode', options: {} },
			},
			{ ...tagNode('load-tag', 'Tag', RAN_BY.field, RAN_BY.expression), position: [200, 0] },
			{
				...fsmNode,
				id: 'load-create',
				name: 'Create',
				position: [400, 0],
				parameters: {
					resource: 'job',
					operation: 'create',
					jobTitle: '={{ "Queue load " + $json.query.n }}',
					customerLocationId: String(location.customer_location_id),
					additionalFields: {},
				},
			},
			{
				...fsmNode,
				id: 'load-get',
				name: 'Get',
				position: [600, 0],
				parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.job_id }}' } },
			},
			{
				id: 'load-accelo',
				name: 'Accelo Get',
				type: acceloTooling.nodeTypes.action,
				typeVersion: 1,
				position: [800, 0],
				credentials: nodeCredentials(acceloTooling, 'e2e'),
				parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: String(acceloJob.id) } },
			},
			{
				id: 'load-result',
				name: 'Result',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [1000, 0],
				parameters: {
					mode: 'manual',
					includeOtherFields: false,
					assignments: {
						assignments: [
							{ id: 'r-n', name: 'n', value: '={{ $("Tag").item.json.query.n }}', type: 'string' },
							{ id: 'r-by', name: 'ranBy', value: `={{ $("Tag").item.json.${RAN_BY.field} }}`, type: 'string' },
							{ id: 'r-id', name: 'fsmJobId', value: '={{ $("Get").item.json.job_id }}', type: 'number' },
							{ id: 'r-title', name: 'fsmTitle', value: '={{ $("Get").item.json.job_title }}', type: 'string' },
							{ id: 'r-accelo', name: 'acceloJobId', value: '={{ $json.id }}', type: 'string' },
						],
					},
					options: {},
				},
			},
		],
		connections: Object.fromEntries(
			[['Webhook', 'Tag'], ['Tag', 'Create'], ['Create', 'Get'], ['Get', 'Accelo Get'], ['Accelo Get', 'Result']].map(([from, to]) => [
				from,
				{ main: [[{ node: to, type: 'main', index: 0 }]] },
			]),
		),
	};
}

/** The FSM Navigator trigger, every minute, tagged with the process that ran it. */
export function triggerWorkflow(): N8nWorkflow {
	return {
		id: TRIGGER_WORKFLOW,
		name: 'Queue mode: FSM Navigator trigger',
		nodes: [
			{
				id: 'trigger-fsm',
				name: 'FSM Navigator Trigger',
				type: `${PKG}.fsmNavigatorTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials: nodeCredentials(fsmTooling, 'e2e'),
				parameters: { event: 'jobCreated', pollTimes: { item: [{ mode: 'everyMinute' }] }, filters: {}, options: {} },
			},
			{ ...tagNode('trigger-tag', 'Tag', RAN_BY.field, RAN_BY.expression), position: [200, 0] },
		],
		connections: { 'FSM Navigator Trigger': { main: [[{ node: 'Tag', type: 'main', index: 0 }]] } },
	};
}
