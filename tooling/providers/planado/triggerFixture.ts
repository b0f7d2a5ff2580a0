import { PlanadoApi } from '../../../credentials/PlanadoApi.credentials';
import { PlanadoTrigger } from '../../../nodes/Planado/PlanadoTrigger.node';
import { planadoApi } from '../../../nodes/Planado/provider';
import { PLANADO_DEFAULT_API_KEY, PlanadoSimulator, planadoTimestamp, type PlanadoJob } from '../../simulators/planado';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { putPostedJob } from './newJob';

const TYPE = 'n8n-nodes-field-service.planadoTrigger';

export function planadoTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	const sim = new PlanadoSimulator({ jobCount: 40 });
	let harness: H | undefined;
	const realLimit = planadoApi.pacing!.limit;
	const job = (uuid: string): PlanadoJob => {
		const found = sim.getJob(uuid);
		if (!found) throw new Error(`no job ${uuid}`);
		return found;
	};
	let serial = 90_000;
	const uuidOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
	return {
		name: 'Planado',
		type: TYPE,
		events: ['jobCreated', 'jobUpdated', 'jobStatusChanged'],
		scansForChanges: false,
		// Planado stamps microseconds; whole seconds keep the suite's clock steps clear of real time passing.
		resolutionMs: 1000,
		async start() {
			// The backlog test reads a few hundred pages: pace them 1000 times faster than a real minute.
			planadoApi.pacing!.limit = { calls: 90, windowMs: 60 };
			await sim.start();
			harness = makeHarness({
				nodeTypes: { [TYPE]: new PlanadoTrigger() },
				credentialTypes: [new PlanadoApi()],
				credentials: [{ type: 'planadoApi', data: { apiKey: PLANADO_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
			});
		},
		async stop() {
			planadoApi.pacing!.limit = realLimit;
			await sim.stop();
		},
		harness: () => {
			if (!harness) throw new Error('not started');
			return harness;
		},
		listRequests: () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/v2/jobs'),
		clearLog: () => sim.server.clearLog(),
		failListRequests: (times) =>
			sim.server.injectFault({ method: 'GET', path: '/v2/jobs' }, { status: 500, body: { error: 'internal', message: 'Boom' } }, times),
		createJob(atMs) {
			const n = serial++;
			putPostedJob(sim, uuidOf(n), n, planadoTimestamp(atMs));
			return uuidOf(n);
		},
		changeStatus(uuid, atMs) {
			const from = job(uuid).status;
			const to = from === 'posted' ? 'canceled' : 'posted';
			sim.setStatus(uuid, to, { at: new Date(atMs) });
			return { from, to };
		},
		touchJob(uuid, atMs) {
			const current = job(uuid);
			sim.putJob({ ...current, description: `${current.description ?? ''} (edited)`, version: current.version + 1, updated_at: planadoTimestamp(atMs) });
		},
		idOf: (json) => String(json.uuid),
	};
}
