import { randomUUID } from 'node:crypto';

import type { Ref, StatusCategory } from '../../../nodes/shared/commonJob';
import { Worklayer } from '../../../nodes/Worklayer/Worklayer.node';
import { WorklayerTrigger } from '../../../nodes/Worklayer/WorklayerTrigger.node';
import {
	generateWorklayerData,
	worklayerIsoMs,
	WorklayerSimulator,
	type WorklayerJob,
	type WorklayerJobMember,
	type WorklayerJobStatus,
} from '../../simulators/worklayer';
import type { HarnessSetup, SimplifyFixture } from '../fixtures';
import { simplifyFixture } from '../shared/suite';
import { putDraftJob, worklayerKit } from './kit';

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

/** Statuses in the common categories (nodes/Worklayer/simplify.ts). */
const CATEGORIES: Record<WorklayerJobStatus, StatusCategory> = {
	UNDER_CONSTRUCTION: 'new',
	INFO_GATHERING: 'new',
	UNCLAIMED: 'new',
	CLAIMED: 'inProgress',
	CLOSED: 'closed',
	CANCELED: 'canceled',
};

export function worklayerSimplifyFixture<H>(makeHarness: (setup: HarnessSetup) => H): SimplifyFixture<H> {
	// Dated up to now, as the trigger suite's data (the trigger looks back 90 days).
	const sim = new WorklayerSimulator({ data: generateWorklayerData(80, 1, new Date()) });
	let serial = 0;
	return simplifyFixture(worklayerKit, sim, { action: new Worklayer(), trigger: new WorklayerTrigger() }, makeHarness, {
		sampleJobId() {
			const complete = (j: WorklayerJob) =>
				j.name !== null && j.deadline_time !== null && j.total_amount > 0 && j.members.some((m) => m.role === 'CHAMPION');
			const jobs = sim.listJobs();
			const job = jobs.find((j) => complete(j) && j.status === 'CLAIMED') ?? jobs.find(complete);
			if (!job) throw new Error('no such job in the data');
			return job.id;
		},
		expected(jobId) {
			const job = sim.getJob(jobId);
			if (!job) throw new Error(`no job ${jobId}`);
			const ref = (member: WorklayerJobMember): Ref => ({ id: member.user_id, name: `${member.given_name} ${member.family_name}` });
			const client = job.members.find((m) => m.role === 'CLIENT');
			return {
				provider: 'worklayer',
				id: job.id,
				number: job.short_id,
				title: job.name ?? job.description,
				description: job.description,
				status: job.status,
				statusCategory: CATEGORIES[job.status],
				customer: client ? ref(client) : null,
				location: null,
				assignees: job.members.filter((m) => m.role === 'CHAMPION').map(ref),
				scheduledStart: null,
				scheduledEnd: null,
				dueAt: iso(job.deadline_time),
				createdAt: iso(job.create_time),
				// Microseconds in the store: the common shape keeps milliseconds.
				updatedAt: iso(job.update_time),
				completedAt: null,
				amount: job.total_amount,
				url: null,
			};
		},
		createJob(atMs) {
			const id = randomUUID();
			serial++;
			const at = worklayerIsoMs(atMs);
			putDraftJob(sim, { id, shortId: `S${String(serial).padStart(10, '0')}`, createTime: at, updateTime: at });
			return id;
		},
	});
}
