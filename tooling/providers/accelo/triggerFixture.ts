import { AcceloOAuth2Api } from '../../../credentials/AcceloOAuth2Api.credentials';
import { AcceloTrigger } from '../../../nodes/Accelo/AcceloTrigger.node';
import { AcceloSimulator } from '../../simulators/accelo';
import type { HarnessSetup, TriggerFixture } from '../fixtures';

const TYPE = 'n8n-nodes-field-service.acceloTrigger';

export function acceloTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new AcceloSimulator({ jobCount: 40 });
	let harness: H | undefined;
	const seconds = (ms: number) => Math.floor(ms / 1000);
	const statusOf = (id: string) => {
		const job = sim.getJob(id);
		if (!job) throw new Error(`no job ${id}`);
		return job.status_id;
	};
	return {
		name: 'Accelo',
		type: TYPE,
		events: ['jobCreated', 'jobUpdated', 'jobStatusChanged'],
		scansForChanges: false,
		resolutionMs: 1000,
		async start() {
			const origin = await sim.start();
			harness = makeHarness({
				nodeTypes: { [TYPE]: new AcceloTrigger() },
				credentialTypes: [new AcceloOAuth2Api()],
				credentials: [
					{
						type: 'acceloOAuth2Api',
						data: { deployment: sim.deployment, baseUrl: origin, clientId: sim.clientId, clientSecret: sim.clientSecret },
					},
				],
			});
		},
		stop: async () => await sim.stop(),
		harness: () => {
			if (!harness) throw new Error('not started');
			return harness;
		},
		listRequests: () => sim.apiRequests.filter((r) => r.method === 'GET' && r.path === '/api/v0/jobs'),
		clearLog: () => sim.server.clearLog(),
		failListRequests: (times) =>
			sim.server.injectFault(
				{ method: 'GET', path: '/api/v0/jobs' },
				{ status: 500, body: { meta: { status: 'server_error', message: 'Boom' }, response: {} } },
				times,
			),
		createJob(atMs) {
			const job = sim.insertJob({ title: `Trigger test ${atMs}`, status_id: 1, date_created: seconds(atMs), date_modified: seconds(atMs) });
			return String(job.id);
		},
		changeStatus(id, atMs) {
			const from = statusOf(id);
			const to = from === 1 ? 2 : 1;
			sim.updateJob(id, { status_id: to, date_modified: seconds(atMs) });
			return { from: String(from), to: String(to) };
		},
		touchJob(id, atMs) {
			sim.updateJob(id, { title: `Edited ${atMs}`, date_modified: seconds(atMs) });
		},
		idOf: (json) => String(json.id),
	};
}
