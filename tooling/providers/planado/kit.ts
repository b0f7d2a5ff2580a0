/** Planado's simulator in the node suites and the crash test (see ../shared/kit.ts). */
import { PlanadoApi } from '../../../credentials/PlanadoApi.credentials';
import { planadoApi } from '../../../nodes/Planado/provider';
import { PLANADO_DEFAULT_API_KEY, planadoTimestamp, type PlanadoJob, type PlanadoSimulator } from '../../simulators/planado';
import { apiKeyCredential, storeKit } from '../shared/kit';

/** A uuid no generated job has, in namespace `space` (one per suite, so suites never collide). */
export const planadoUuid = (space: number, n: number): string => `00000000-0000-4000-${space}-${String(n).padStart(12, '0')}`;

/** Puts a new posted job (a copy of the first job, unassigned and unscheduled) created and updated at `stamp`. */
export function putPostedJob(sim: PlanadoSimulator, uuid: string, serialNo: number, stamp: string): void {
	sim.putJob({
		...sim.listJobs()[0],
		uuid,
		serial_no: serialNo,
		external_id: null,
		status: 'posted',
		assignee: null,
		scheduled_at: null,
		resolution: null,
		version: 1,
		created_at: stamp,
		updated_at: stamp,
	});
}

export const planadoKit = storeKit<PlanadoSimulator, PlanadoJob, 'status'>(
	{
		key: 'planado',
		name: 'Planado',
		credentialTypes: () => [new PlanadoApi()],
		credential: apiKeyCredential('planadoApi', PLANADO_DEFAULT_API_KEY),
		beforeStart() {
			// The suites read a few hundred pages: paced 1000 times faster than a real minute.
			const realLimit = planadoApi.pacing!.limit;
			planadoApi.pacing!.limit = { calls: 90, windowMs: 60 };
			return () => {
				planadoApi.pacing!.limit = realLimit;
			};
		},
		listPath: '/v2/jobs',
		idField: 'uuid',
		updatedField: 'updated_at',
	},
	{
		get: (sim, uuid) => sim.getJob(uuid),
		write(sim, _uuid, job, patch, atMs) {
			const at = planadoTimestamp(atMs);
			sim.putJob({ ...job, ...patch, updated_at: at });
			return at;
		},
		writeStatus: (sim, uuid, status, atMs) => sim.setStatus(uuid, status, { at: new Date(atMs) }).updated_at,
		touched: (job) => ({ description: `${job.description ?? ''} (edited)`, version: job.version + 1 }),
		statusField: 'status',
		statuses: ['posted', 'canceled'],
	},
);
