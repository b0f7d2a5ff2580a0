import { Planado } from '../../../nodes/Planado/Planado.node';
import { PlanadoTrigger } from '../../../nodes/Planado/PlanadoTrigger.node';
import type { Ref, StatusCategory } from '../../../nodes/shared/commonJob';
import {
	PLANADO_DEFAULT_API_KEY,
	PlanadoSimulator,
	planadoTimestamp,
	type PlanadoJob,
	type PlanadoJobStatus,
} from '../../simulators/planado';
import type { HarnessSetup, SimplifyFixture } from '../fixtures';
import { simplifyFixture } from '../shared/suite';
import { planadoKit, planadoUuid, putPostedJob } from './kit';

/** scheduled_at has no offset: the account's time zone, UTC in the simulator. */
const utcMs = (value: string) => Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
const iso = (value: string | null) => (value ? new Date(utcMs(value)).toISOString() : null);

/** Statuses in the common categories (nodes/Planado/simplify.ts). */
const CATEGORIES: Record<PlanadoJobStatus, StatusCategory> = {
	posted: 'new',
	scheduled: 'scheduled',
	published: 'scheduled',
	en_route: 'inProgress',
	started: 'inProgress',
	suspended: 'onHold',
	finished: 'completed',
	canceled: 'canceled',
};

export function planadoSimplifyFixture<H>(makeHarness: (setup: HarnessSetup) => H): SimplifyFixture<H> {
	const sim = new PlanadoSimulator({ jobCount: 100 });
	let serial = 95_000;
	return simplifyFixture(planadoKit, sim, { action: new Planado(), trigger: new PlanadoTrigger() }, makeHarness, {
		sampleJobId() {
			const complete = (j: PlanadoJob) =>
				j.status === 'finished' &&
				j.assignee !== null &&
				j.client_uuid !== null &&
				j.site_uuid !== null &&
				j.address !== null &&
				j.scheduled_at !== null &&
				(j.scheduled_duration?.minutes ?? 0) > 0 &&
				j.timestamps.finished_at !== null;
			const jobs = sim.listJobs();
			const job = jobs.find((j) => complete(j) && j.assignee !== null && 'team_uuid' in j.assignee) ?? jobs.find(complete);
			if (!job) throw new Error('no such job in the data');
			return job.uuid;
		},
		expected(jobId) {
			const job = sim.getJob(jobId);
			if (!job) throw new Error(`no job ${jobId}`);
			const assignees: Ref[] = [];
			if (job.assignee && 'team_uuid' in job.assignee) {
				const teamUuid = job.assignee.team_uuid;
				assignees.push({ id: teamUuid, name: sim.teams.find((t) => t.uuid === teamUuid)?.name ?? null });
			} else if (job.assignee) {
				// Get names a worker by uuid and email only.
				assignees.push({ id: job.assignee.worker_uuid, name: null });
			}
			const start = job.scheduled_at === null ? null : utcMs(job.scheduled_at);
			const minutes = job.scheduled_duration?.minutes ?? 0;
			return {
				provider: 'planado',
				id: job.uuid,
				number: String(job.serial_no),
				// No name of its own: the description's first line, else the template's name.
				title: job.description?.split('\n')[0].trim() || (sim.templates.find((t) => t.uuid === job.template_uuid)?.name ?? null),
				description: job.description,
				status: job.status,
				statusCategory: CATEGORIES[job.status],
				customer: job.client_uuid === null ? null : { id: job.client_uuid, name: null },
				location: { id: job.site_uuid, address: job.address?.formatted ?? null },
				assignees,
				scheduledStart: start === null ? null : new Date(start).toISOString(),
				scheduledEnd: start === null || minutes <= 0 ? null : new Date(start + minutes * 60_000).toISOString(),
				dueAt: null,
				createdAt: iso(job.created_at),
				updatedAt: iso(job.updated_at),
				completedAt: iso(job.timestamps.finished_at),
				amount: null,
				url: null,
			};
		},
		createJob(atMs) {
			const n = serial++;
			putPostedJob(sim, planadoUuid(8000, n), n, planadoTimestamp(atMs));
			return planadoUuid(8000, n);
		},
	});
}
