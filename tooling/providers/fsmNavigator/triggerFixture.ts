import { FsmNavigatorApi } from '../../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigatorTrigger } from '../../../nodes/FsmNavigator/FsmNavigatorTrigger.node';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator, fsmIso, type FsmJobStatus } from '../../simulators/fsmNavigator';
import type { HarnessSetup, TriggerFixture } from '../fixtures';

const TYPE = 'n8n-nodes-field-service.fsmNavigatorTrigger';

export function fsmNavigatorTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new FsmNavigatorSimulator({ jobCount: 40 });
	let harness: H | undefined;
	const job = (id: string) => {
		const found = sim.getJob(Number(id));
		if (!found) throw new Error(`no job ${id}`);
		return found;
	};
	let nextId = 50_000;
	return {
		name: 'FSM Navigator',
		type: TYPE,
		events: ['jobCreated', 'jobUpdated', 'jobStatusChanged'],
		scansForChanges: true,
		resolutionMs: 1000,
		async start() {
			await sim.start();
			harness = makeHarness({
				nodeTypes: { [TYPE]: new FsmNavigatorTrigger() },
				credentialTypes: [new FsmNavigatorApi()],
				credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
			});
		},
		stop: async () => await sim.stop(),
		harness: () => {
			if (!harness) throw new Error('not started');
			return harness;
		},
		listRequests: () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/jobs'),
		clearLog: () => sim.server.clearLog(),
		failListRequests: (times) =>
			sim.server.injectFault(
				{ method: 'GET', path: '/api/v1/jobs' },
				{ status: 500, body: { success: false, error: 'internal_error', message: 'Boom' } },
				times,
			),
		createJob(atMs) {
			const template = sim.jobs.ascending()[0];
			const id = nextId++;
			sim.putJob({ ...template, job_id: id, job_status: 'Pending', created_at: fsmIso(atMs), updated_at: fsmIso(atMs), assets: [] });
			return String(id);
		},
		changeStatus(id, atMs) {
			const current = job(id);
			const to: FsmJobStatus = current.job_status === 'Pending' ? 'Assigned' : 'Pending';
			sim.putJob({ ...current, job_status: to, updated_at: fsmIso(atMs) });
			return { from: current.job_status, to };
		},
		touchJob(id, atMs) {
			const current = job(id);
			sim.putJob({ ...current, job_description: `${current.job_description} (edited)`, updated_at: fsmIso(atMs) });
		},
		idOf: (json) => String(json.job_id),
	};
}
