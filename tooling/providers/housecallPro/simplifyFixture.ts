import { HousecallPro } from '../../../nodes/HousecallPro/HousecallPro.node';
import { HousecallProTrigger } from '../../../nodes/HousecallPro/HousecallProTrigger.node';
import type { Ref, StatusCategory } from '../../../nodes/shared/commonJob';
import {
	HCP_DEFAULT_COMPANY_API_KEY,
	HousecallProSimulator,
	type HcpEmployee,
	type HcpJob,
	type HcpWorkStatus,
} from '../../simulators/housecallPro';
import type { HarnessSetup, SimplifyFixture } from '../fixtures';
import { simplifyFixture } from '../shared/suite';
import { housecallProKit } from './kit';

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);
const fullName = (first: string | null, last: string | null) => [first, last].filter((part) => part).join(' ') || null;

/** `work_status` in the common categories (nodes/HousecallPro/simplify.ts). */
const CATEGORIES: Record<HcpWorkStatus, StatusCategory> = {
	'needs scheduling': 'new',
	scheduled: 'scheduled',
	'in progress': 'inProgress',
	'complete unrated': 'completed',
	'complete rated': 'completed',
	'user canceled': 'canceled',
	'pro canceled': 'canceled',
};

export function housecallProSimplifyFixture<H>(makeHarness: (setup: HarnessSetup) => H): SimplifyFixture<H> {
	const sim = new HousecallProSimulator({ jobCount: 120 });
	let next = 0;
	return simplifyFixture(housecallProKit, sim, { action: new HousecallPro(), trigger: new HousecallProTrigger() }, makeHarness, {
		sampleJobId() {
			const complete = (j: HcpJob) =>
				j.assigned_employees.length > 0 &&
				j.schedule.scheduled_start !== null &&
				j.schedule.scheduled_end !== null &&
				j.work_timestamps.completed_at !== null &&
				j.total_amount > 0;
			const jobs = [...sim.listJobs()].reverse();
			const job =
				jobs.find((j) => complete(j) && j.assigned_employees.length > 1 && j.address.street_line_2 !== null) ??
				jobs.find((j) => complete(j) && j.assigned_employees.length > 1) ??
				jobs.find(complete);
			if (!job) throw new Error('no such job in the data');
			return job.id;
		},
		expected(jobId) {
			const job = sim.getJob(jobId);
			if (!job) throw new Error(`no job ${jobId}`);
			const { customer, address } = job;
			const person = (employee: HcpEmployee): Ref => ({ id: employee.id, name: fullName(employee.first_name, employee.last_name) });
			return {
				provider: 'housecallPro',
				id: job.id,
				number: job.invoice_number,
				title: job.name,
				description: job.description,
				status: job.work_status,
				statusCategory: CATEGORIES[job.work_status],
				// A business customer by its company name, else by the person's name.
				customer: { id: customer.id, name: customer.company ?? fullName(customer.first_name, customer.last_name) },
				location: {
					id: address.id,
					address: [address.street, address.street_line_2, address.city, address.state, address.zip, address.country]
						.filter((part) => part)
						.join(', '),
				},
				assignees: job.assigned_employees.map(person),
				scheduledStart: iso(job.schedule.scheduled_start),
				scheduledEnd: iso(job.schedule.scheduled_end),
				dueAt: null,
				createdAt: iso(job.created_at),
				updatedAt: iso(job.updated_at),
				completedAt: iso(job.work_timestamps.completed_at),
				// Cents in the store.
				amount: job.total_amount / 100,
				url: `https://pro.housecallpro.com/app/jobs/${job.id}`,
			};
		},
		createJob(atMs) {
			const template = sim.listJobs()[0];
			const id = `job_simplify${String(next++).padStart(6, '0')}`;
			const at = new Date(atMs).toISOString();
			sim.putJob({ ...template, id, work_status: 'needs scheduling', created_at: at, updated_at: at });
			return id;
		},
	});
}
