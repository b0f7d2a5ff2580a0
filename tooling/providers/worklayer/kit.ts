/** Worklayer's simulator in the node suites and the crash test (see ../shared/kit.ts). */
import { WorklayerApi } from '../../../credentials/WorklayerApi.credentials';
import { worklayerIsoMs, type WorklayerJob, type WorklayerSimulator } from '../../simulators/worklayer';
import { storeKit } from '../shared/kit';

/** Puts a new draft job (a copy of the first job, without deadline) with these ids and times. */
export function putDraftJob(sim: WorklayerSimulator, job: { id: string; shortId: string; createTime: string; updateTime: string }): void {
	const template = sim.listJobs()[0];
	sim.putJob({
		...template,
		id: job.id,
		short_id: job.shortId,
		status: 'UNDER_CONSTRUCTION',
		create_time: job.createTime,
		update_time: job.updateTime,
		transmit_time: null,
		deadline_time: null,
		members: template.members.map((member) => ({ ...member })),
	});
}

export const worklayerKit = storeKit<WorklayerSimulator, WorklayerJob, 'status'>(
	{
		key: 'worklayer',
		name: 'Worklayer',
		credentialTypes: () => [new WorklayerApi()],
		credential: (sim, baseUrl) => ({
			type: 'worklayerApi',
			data: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl },
		}),
		listPath: '/v1.0/jobs',
		idField: 'id',
		updatedField: 'update_time',
	},
	{
		get: (sim, id) => sim.getJob(id),
		write(sim, _id, job, patch, atMs) {
			sim.putJob({ ...job, ...patch, update_time: worklayerIsoMs(atMs) });
			return worklayerIsoMs(atMs);
		},
		touched: (job) => ({ description: `${job.description} (edited)` }),
		statusField: 'status',
		statuses: ['UNDER_CONSTRUCTION', 'UNCLAIMED'],
	},
);
