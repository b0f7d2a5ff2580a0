import { Accelo } from '../../../nodes/Accelo/Accelo.node';
import { AcceloTrigger } from '../../../nodes/Accelo/AcceloTrigger.node';
import { AcceloSimulator } from '../../simulators/accelo';
import type { HarnessSetup, SimplifyFixture } from '../fixtures';
import { simplifyFixture } from '../shared/suite';
import { acceloKit } from './kit';

const iso = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toISOString() : null);

export function acceloSimplifyFixture<H>(makeHarness: (setup: HarnessSetup) => H): SimplifyFixture<H> {
	const sim = new AcceloSimulator({ jobCount: 120 });
	const staffName = (id: number | null) => {
		const staff = sim.data.staff.find((s) => s.id === id);
		return staff ? `${staff.firstname} ${staff.surname}` : null;
	};
	return simplifyFixture(acceloKit, sim, { action: new Accelo(), trigger: new AcceloTrigger() }, makeHarness, {
		sampleJobId() {
			const job = sim.jobs.find((j) => j.date_completed && j.date_due && j.against_type === 'company');
			if (!job) throw new Error('no such job in the data');
			return String(job.id);
		},
		expected(jobId) {
			const job = sim.getJob(jobId);
			if (!job) throw new Error(`no job ${jobId}`);
			const categories = { pending: 'new', active: 'inProgress', paused: 'onHold', complete: 'completed', inactive: 'closed' } as const;
			return {
				provider: 'accelo',
				id: String(job.id),
				number: job.custom_id,
				title: job.title,
				status: String(job.status_id),
				statusCategory: categories[job.standing],
				// Names from the linked objects Simplify asks for (`company(name)`, `manager(firstname,surname)`).
				customer: { id: String(job.against_id), name: sim.data.companies.find((c) => c.id === job.against_id)?.name ?? null },
				location: null,
				assignees: [{ id: String(job.manager_id), name: staffName(job.manager_id) }],
				dueAt: iso(job.date_due),
				createdAt: iso(job.date_created),
				updatedAt: iso(job.date_modified),
				completedAt: iso(job.date_completed),
			};
		},
		createJob(atMs) {
			const seconds = Math.floor(atMs / 1000);
			return String(sim.insertJob({ title: `Simplify ${atMs}`, date_created: seconds, date_modified: seconds }).id);
		},
	});
}
