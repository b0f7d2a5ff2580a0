import { HousecallProApi } from '../../../credentials/HousecallProApi.credentials';
import { HousecallProTrigger } from '../../../nodes/HousecallPro/HousecallProTrigger.node';
import { HCP_DEFAULT_COMPANY_API_KEY, HousecallProSimulator, type HcpJob } from '../../simulators/housecallPro';
import type { HarnessSetup, TriggerFixture } from '../fixtures';

const TYPE = 'n8n-nodes-field-service.housecallProTrigger';

export function housecallProTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new HousecallProSimulator({ jobCount: 40 });
	let harness: H | undefined;
	const iso = (ms: number) => new Date(ms).toISOString();
	const job = (id: string): HcpJob => {
		const found = sim.getJob(id);
		if (!found) throw new Error(`no job ${id}`);
		return found;
	};
	let next = 0;
	return {
		name: 'Housecall Pro',
		type: TYPE,
		events: ['jobCreated', 'jobUpdated', 'jobStatusChanged'],
		scansForChanges: false,
		resolutionMs: 1000,
		async start() {
			await sim.start();
			harness = makeHarness({
				nodeTypes: { [TYPE]: new HousecallProTrigger() },
				credentialTypes: [new HousecallProApi()],
				credentials: [{ type: 'housecallProApi', data: { apiKey: HCP_DEFAULT_COMPANY_API_KEY, baseUrl: sim.baseUrl } }],
			});
		},
		stop: async () => await sim.stop(),
		harness: () => {
			if (!harness) throw new Error('not started');
			return harness;
		},
		listRequests: () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/jobs'),
		clearLog: () => sim.server.clearLog(),
		failListRequests: (times) =>
			sim.server.injectFault({ method: 'GET', path: '/jobs' }, { status: 500, body: { error: { message: 'Boom' } } }, times),
		createJob(atMs) {
			const template = sim.listJobs()[0];
			const id = `job_trigger${String(next++).padStart(6, '0')}`;
			sim.putJob({ ...template, id, work_status: 'needs scheduling', created_at: iso(atMs), updated_at: iso(atMs) });
			return id;
		},
		changeStatus(id, atMs) {
			const current = job(id);
			const to = current.work_status === 'needs scheduling' ? 'scheduled' : 'needs scheduling';
			sim.putJob({ ...current, work_status: to, updated_at: iso(atMs) });
			return { from: current.work_status, to };
		},
		touchJob(id, atMs) {
			const current = job(id);
			sim.putJob({ ...current, description: `${current.description} (edited)`, updated_at: iso(atMs) });
		},
		idOf: (json) => String(json.id),
	};
}
