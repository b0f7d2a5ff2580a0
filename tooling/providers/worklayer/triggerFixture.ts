import { randomUUID } from 'node:crypto';

import { WorklayerApi } from '../../../credentials/WorklayerApi.credentials';
import { WorklayerTrigger } from '../../../nodes/Worklayer/WorklayerTrigger.node';
import { generateWorklayerData, worklayerIsoMs, WorklayerSimulator, type WorklayerJobStatus } from '../../simulators/worklayer';
import type { HarnessSetup, TriggerFixture } from '../fixtures';
import { putDraftJob } from './newJob';

const TYPE = 'n8n-nodes-field-service.worklayerTrigger';

export function worklayerTriggerFixture<H>(makeHarness: (setup: HarnessSetup) => H): TriggerFixture<H> {
	// Dated up to now, so that some generated jobs fall inside the trigger's 90-day window.
	const sim = new WorklayerSimulator({ data: generateWorklayerData(40, 1, new Date()) });
	let harness: H | undefined;
	const job = (id: string) => {
		const found = sim.getJob(id);
		if (!found) throw new Error(`no job ${id}`);
		return found;
	};
	let serial = 0;
	return {
		name: 'Worklayer',
		type: TYPE,
		events: ['jobCreated', 'jobUpdated', 'jobStatusChanged'],
		scansForChanges: true,
		// create_time has milliseconds, but the suite's clock steps 2 × this: whole seconds stay ahead of real time.
		resolutionMs: 1000,
		async start() {
			await sim.start();
			harness = makeHarness({
				nodeTypes: { [TYPE]: new WorklayerTrigger() },
				credentialTypes: [new WorklayerApi()],
				credentials: [
					{
						type: 'worklayerApi',
						data: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl: sim.baseUrl },
					},
				],
			});
		},
		stop: async () => await sim.stop(),
		harness: () => {
			if (!harness) throw new Error('not started');
			return harness;
		},
		listRequests: () => sim.apiRequests.filter((r) => r.method === 'GET' && r.path === '/v1.0/jobs'),
		clearLog: () => sim.server.clearLog(),
		failListRequests: (times) =>
			sim.server.injectFault(
				{ method: 'GET', path: '/v1.0/jobs' },
				{ status: 500, body: { error: 'Internal', message: 'Boom' } },
				times,
			),
		createJob(atMs) {
			const id = randomUUID();
			serial++;
			const at = worklayerIsoMs(atMs);
			// update_time with microseconds, as the API writes it.
			putDraftJob(sim, { id, shortId: `T${String(serial).padStart(10, '0')}`, createTime: at, updateTime: `${at.slice(0, -1)}${String(serial % 1000).padStart(3, '0')}Z` });
			return id;
		},
		changeStatus(id, atMs) {
			const current = job(id);
			const to: WorklayerJobStatus = current.status === 'UNDER_CONSTRUCTION' ? 'UNCLAIMED' : 'UNDER_CONSTRUCTION';
			sim.putJob({ ...current, status: to, update_time: worklayerIsoMs(atMs) });
			return { from: current.status, to };
		},
		touchJob(id, atMs) {
			const current = job(id);
			sim.putJob({ ...current, description: `${current.description} (edited)`, update_time: worklayerIsoMs(atMs) });
		},
		idOf: (json) => String(json.id),
	};
}
