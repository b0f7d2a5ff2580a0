/**
 * Planado under injected faults (see test/faults/suite.ts): its fixture. The node paces itself to Planado's 90
 * calls a minute; test/faults/planado.test.ts scales the window down a hundredfold, as the node tests do.
 */
import { randomUUID } from 'node:crypto';

import { Planado } from '../../../nodes/Planado/Planado.node';
import { PLANADO_DEFAULT_API_KEY, PLANADO_STATUSES, PlanadoSimulator, type PlanadoJob } from '../../simulators/planado';
import { JOB_ID_FROM_ITEM, markerIn, type FaultFixture, type FaultWorld } from '../faults';
import type { Random } from '../faultRandom';
import { faultFixture, faultJobs } from '../shared/faultJobs';
import { planadoKit } from './kit';

const MISSING_ID = '00000000-0000-4000-8000-00000000fa17';

async function start(jobCount: number, rng: Random): Promise<FaultWorld> {
	const sim = new PlanadoSimulator({ jobCount, seed: rng.int(1, 1_000_000) });
	const baseUrl = await sim.start();
	const jobs = (): PlanadoJob[] => sim.listJobs();
	let serial = 900_000;
	const { ids, filter, world } = faultJobs(planadoKit, sim, jobs, {
		missingId: MISSING_ID,
		create: (rng) => {
			const now = new Date().toISOString();
			return sim.putJob({ ...rng.pick(jobs()), uuid: randomUUID(), serial_no: ++serial, description: 'Added while paging', created_at: now, updated_at: now }).uuid;
		},
		change: (job, rng) => {
			const status = rng.pick(PLANADO_STATUSES);
			sim.setStatus(job.uuid, status);
			return status;
		},
		remove: (job) => void sim.deleteJob(job.uuid),
	});
	const team = sim.teams[0];

	return {
		...world,
		credentials: [planadoKit.credential(sim, baseUrl)],
		secrets: () => [PLANADO_DEFAULT_API_KEY],
		classify: (req) => {
			if (!req.path.startsWith('/v2/')) return undefined;
			if (req.method !== 'GET') return 'write';
			return req.path === '/v2/jobs' ? 'list' : 'read';
		},
		errorBody: (status, rng) =>
			status === 429 ? (rng.chance(0.5) ? 'Rate Limit Exceeded' : { error: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' }) : { error: 'internal_error', message: `Injected failure ${status}` },
		notFoundMessage: /Not found/,
		listFilters: [
			filter('none', {}, () => true),
			filter('status Posted or Scheduled', { filters: { status: ['posted', 'scheduled'] } }, (job) => job.status === 'posted' || job.status === 'scheduled'),
		],
		writeKey: (req) => {
			const marker = markerIn(req);
			if (marker) return marker;
			const patch = /^\/v2\/jobs\/([^/]+)$/.exec(req.path);
			return patch && req.method === 'PATCH' ? `status:${decodeURIComponent(patch[1])}` : undefined;
		},
		create: (_rng, markers) => ({
			parameters: { additionalFields: { description: '={{ $json.marker }}' } },
			items: markers.map((marker) => ({ json: { marker }, writeKey: marker })),
		}),
		update: (rng, markers) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM, updateFields: { description: '={{ $json.marker }}' } },
			items: rng
				.sample(jobs().filter((job) => job.status === 'posted' || job.status === 'scheduled'), markers.length)
				.map((job, i) => ({ json: { jobId: job.uuid, marker: markers[i] }, jobId: job.uuid, writeKey: markers[i] })),
		}),
		changeStatus: (rng, count) => ({
			parameters: {
				jobId: JOB_ID_FROM_ITEM,
				status: '={{ $json.status }}',
				scheduledAt: '={{ $json.at }}',
				assigneeType: 'team',
				assigneeUuid: team.uuid,
			},
			// Only real moves: Posted of a posted job writes nothing and would look like a lost write.
			items: rng
				.sample(jobs().filter((job) => job.status === 'posted' || job.status === 'scheduled' || job.status === 'published'), count)
				.map((job) => ({
					json: {
						jobId: job.uuid,
						status: job.status === 'posted' || rng.chance(0.5) ? 'scheduled' : 'posted',
						at: new Date(Date.UTC(2027, rng.int(0, 11), rng.int(1, 28), rng.int(8, 16))).toISOString(),
					},
					jobId: job.uuid,
					writeKey: `status:${job.uuid}`,
				})),
		}),
		// A write whose read-back failed returns Planado's own answer, `{ job_uuid }`.
		outputId: (json) => (typeof json.uuid === 'string' ? json.uuid : typeof json.job_uuid === 'string' ? json.job_uuid : undefined),
		jobsTitled: (marker) => ids((job) => job.description === marker),
	};
}

export const planadoFaults: FaultFixture = faultFixture(planadoKit, new Planado(), start);
