/** Housecall Pro under injected faults (see test/faults/suite.ts): its fixture. */
import { HousecallPro } from '../../../nodes/HousecallPro/HousecallPro.node';
import {
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HCP_SINGLE_COMPANY_API_KEY,
	HCP_WORK_STATUSES,
	HousecallProSimulator,
	type HcpJob,
} from '../../simulators/housecallPro';
import { JOB_ID_FROM_ITEM, markerIn, type FaultFixture, type FaultWorld } from '../faults';
import type { Random } from '../faultRandom';
import { faultFixture, faultJobs } from '../shared/faultJobs';
import { housecallProKit } from './kit';

const MISSING_ID = 'job_fault_missing';

async function start(jobCount: number, rng: Random): Promise<FaultWorld> {
	const sim = new HousecallProSimulator({ jobCount, seed: rng.int(1, 1_000_000) });
	await sim.start();
	const jobs = (): HcpJob[] => [...sim.jobs.values()];
	let added = 0;
	const { ids, filter, world } = faultJobs(housecallProKit, sim, jobs, {
		missingId: MISSING_ID,
		create: (rng) => {
			const now = new Date().toISOString();
			return sim.putJob({ ...rng.pick(jobs()), id: `job_fault_added_${++added}`, lead_source: null, created_at: now, updated_at: now }).id;
		},
		change: (job, rng) => {
			const status = rng.pick(HCP_WORK_STATUSES);
			sim.putJob({ ...job, work_status: status, updated_at: new Date().toISOString() });
			return status;
		},
		remove: (job) => void sim.deleteJob(job.id),
	});
	// Customers with an address of their own (Create needs both).
	const customers = sim.customers.filter((customer) => customer.addresses.length > 0);
	const pipelineStage = sim.pipeline.job[0]?.id ?? 'unused';
	const schedulable = (job: HcpJob) =>
		(job.work_status === 'needs scheduling' || job.work_status === 'scheduled') && (sim.getExtras(job.id)?.appointments.length ?? 0) <= 1;

	return {
		...world,
		// An Application API Key: scheduling and unscheduling (Change Status) refuse a Company key.
		credentials: [{ type: 'housecallProApi', data: { apiKey: HCP_DEFAULT_APPLICATION_API_KEY, baseUrl: sim.baseUrl } }],
		secrets: () => [HCP_DEFAULT_APPLICATION_API_KEY, HCP_DEFAULT_COMPANY_API_KEY, HCP_SINGLE_COMPANY_API_KEY],
		classify: (req) => {
			if (req.method !== 'GET') return 'write';
			return req.path === '/jobs' ? 'list' : 'read';
		},
		errorBody: (status) => (status === 429 ? { message: 'Too Many Requests' } : { error: { message: `Injected failure ${status}` } }),
		notFoundMessage: /answered HTTP 404/,
		listFilters: [
			filter('none', {}, () => true),
			filter('oldest first', { options: { sortBy: 'created_at', sortDirection: 'asc' } }, () => true),
			filter('work status scheduled', { filters: { workStatus: ['scheduled'] } }, (job) => job.work_status === 'scheduled'),
		],
		writeKey: (req) => {
			const marker = markerIn(req);
			if (marker) return marker;
			const schedule = /^\/jobs\/([^/]+)\/schedule$/.exec(req.path);
			return schedule ? `status:${decodeURIComponent(schedule[1])}` : undefined;
		},
		create: (rng, markers) => ({
			parameters: {
				customerId: '={{ $json.customerId }}',
				addressId: '={{ $json.addressId }}',
				additionalFields: { leadSource: '={{ $json.marker }}' },
			},
			items: markers.map((marker) => {
				const customer = rng.pick(customers);
				return { json: { customerId: customer.id, addressId: rng.pick(customer.addresses).id, marker }, writeKey: marker };
			}),
		}),
		update: (rng, markers) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM, updateFields: { notes: '={{ $json.note }}' } },
			items: rng.sample(jobs(), markers.length).map((job, i) => ({ json: { jobId: job.id, note: markers[i] }, jobId: job.id, writeKey: markers[i] })),
		}),
		changeStatus: (rng, count) => ({
			// The stage is only used for status 'pipeline', but n8n checks required fields it cannot hide
			// when the status is an expression.
			parameters: { jobId: JOB_ID_FROM_ITEM, status: '={{ $json.status }}', scheduledStart: '={{ $json.start }}', pipelineStatusId: pipelineStage },
			items: rng.sample(jobs().filter(schedulable), count).map((job) => ({
				json: {
					jobId: job.id,
					status: job.work_status === 'scheduled' && rng.chance(0.5) ? 'unscheduled' : 'scheduled',
					start: new Date(Date.UTC(2027, rng.int(0, 11), rng.int(1, 28), rng.int(8, 16))).toISOString(),
				},
				jobId: job.id,
				writeKey: `status:${job.id}`,
			})),
		}),
		outputId: (json) => (typeof json.id === 'string' ? json.id : undefined),
		jobsTitled: (marker) => ids((job) => job.lead_source === marker),
	};
}

export const housecallProFaults: FaultFixture = faultFixture(housecallProKit, new HousecallPro(), start);
