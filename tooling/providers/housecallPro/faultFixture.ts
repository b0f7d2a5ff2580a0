/** Housecall Pro under injected faults (see test/faults/suite.ts): its fixture. */
import type { INodeParameters } from 'n8n-workflow';

import { HousecallProApi } from '../../../credentials/HousecallProApi.credentials';
import { HousecallPro } from '../../../nodes/HousecallPro/HousecallPro.node';
import {
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HCP_SINGLE_COMPANY_API_KEY,
	HCP_WORK_STATUSES,
	HousecallProSimulator,
	type HcpJob,
} from '../../simulators/housecallPro';
import { JOB_ID_FROM_ITEM, markerIn, type FaultFixture, type FaultWorld, type ItemPlan, type ListFilter } from '../faults';
import type { Random } from '../faultRandom';

const MISSING_ID = 'job_fault_missing';

async function start(jobCount: number, rng: Random): Promise<FaultWorld> {
	const sim = new HousecallProSimulator({ jobCount, seed: rng.int(1, 1_000_000) });
	await sim.start();
	const jobs = (): HcpJob[] => [...sim.jobs.values()];
	const ids = (match: (job: HcpJob) => boolean) => jobs().filter(match).map((job) => job.id);
	const filter = (label: string, parameters: INodeParameters, match: (job: HcpJob) => boolean): ListFilter => ({
		label,
		parameters,
		ids: () => ids(match),
	});
	// Customers with an address of their own (Create needs both).
	const customers = sim.customers.filter((customer) => customer.addresses.length > 0);
	let added = 0;
	const pipelineStage = sim.pipeline.job[0]?.id ?? 'unused';
	const schedulable = (job: HcpJob) =>
		(job.work_status === 'needs scheduling' || job.work_status === 'scheduled') && (sim.getExtras(job.id)?.appointments.length ?? 0) <= 1;

	return {
		server: sim.server,
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
		get: (rng, count) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM },
			items: rng.sample(jobs(), count).map((job): ItemPlan =>
				rng.chance(0.1) ? { json: { jobId: MISSING_ID }, jobId: MISSING_ID, missing: true } : { json: { jobId: job.id }, jobId: job.id },
			),
		}),
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
		mutate: {
			create: (rng) => {
				const now = new Date().toISOString();
				const job = sim.putJob({ ...rng.pick(jobs()), id: `job_fault_added_${++added}`, lead_source: null, created_at: now, updated_at: now });
				return `created job ${job.id}`;
			},
			change: (rng) => {
				const job = rng.pick(jobs());
				const status = rng.pick(HCP_WORK_STATUSES);
				sim.putJob({ ...job, work_status: status, updated_at: new Date().toISOString() });
				return `changed job ${job.id} to ${status}`;
			},
			delete: (rng) => {
				const job = rng.pick(jobs());
				sim.deleteJob(job.id);
				return `deleted job ${job.id}`;
			},
		},
		stop: async () => await sim.stop(),
	};
}

export const housecallProFaults: FaultFixture = {
	name: 'Housecall Pro',
	nodeType: 'n8n-nodes-field-service.housecallPro',
	node: new HousecallPro(),
	credentialTypes: [new HousecallProApi()],
	start,
};
