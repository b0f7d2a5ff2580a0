/** FSM Navigator under injected faults (see test/faults/suite.ts): its fixture. */
import { FsmNavigatorApi } from '../../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigator } from '../../../nodes/FsmNavigator/FsmNavigator.node';
import {
	FSM_DEFAULT_API_KEY,
	FSM_PRIORITIES,
	FSM_STATUSES,
	FSM_STATUS_TRANSITIONS,
	FsmNavigatorSimulator,
	fsmIso,
	type FsmJob,
} from '../../simulators/fsmNavigator';
import { JOB_ID_FROM_ITEM, markerIn, type FaultFixture, type FaultWorld, type ItemPlan, type ListFilter } from '../faults';
import type { Random } from '../faultRandom';

/** A job id the simulator never hands out (its ids count up from 1001). */
const MISSING_ID = '98765432';

async function start(jobCount: number): Promise<FaultWorld> {
	const sim = new FsmNavigatorSimulator({ jobCount });
	await sim.start();
	const jobs = () => sim.jobs.ascending();
	const ids = (match: (job: FsmJob) => boolean) => jobs().filter(match).map((job) => String(job.job_id));
	const anyJob = (rng: Random) => rng.pick(jobs());
	const filter = (label: string, filters: Record<string, string>, match: (job: FsmJob) => boolean): ListFilter => ({
		label,
		parameters: { filters },
		ids: () => ids(match),
	});
	const locations = [...sim.locations.keys()];

	return {
		server: sim.server,
		credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
		secrets: () => [FSM_DEFAULT_API_KEY],
		classify: (req) => {
			if (req.path !== '/api/v1/jobs') return undefined;
			if (req.method !== 'GET') return 'write';
			return 'id' in req.query ? 'read' : 'list';
		},
		errorBody: (status) =>
			status === 429
				? { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' }
				: { success: false, error: status === 503 ? 'service_unavailable' : 'internal_error', message: `Injected failure ${status}` },
		notFoundMessage: /Job not found/,
		listFilters: [
			filter('none', {}, () => true),
			filter('status Assigned', { status: 'Assigned' }, (job) => job.job_status === 'Assigned'),
			filter('priority High', { priority: 'High' }, (job) => job.job_priority === 'High'),
		],
		writeKey: (req) => markerIn(req) ?? (req.method === 'PATCH' ? `status:${String(req.query.id)}` : undefined),
		get: (rng, count) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM },
			items: rng.sample(jobs(), count).map((job): ItemPlan =>
				rng.chance(0.1) ? { json: { jobId: MISSING_ID }, jobId: MISSING_ID, missing: true } : { json: { jobId: String(job.job_id) }, jobId: String(job.job_id) },
			),
		}),
		create: (rng, markers) => ({
			parameters: { jobTitle: '={{ $json.title }}', customerLocationId: '={{ $json.location }}' },
			items: markers.map((marker) => ({ json: { title: marker, location: String(rng.pick(locations)) }, writeKey: marker })),
		}),
		update: (rng, markers) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM, updateFields: { jobDescription: '={{ $json.note }}' } },
			items: rng.sample(jobs(), markers.length).map((job, i) => ({
				json: { jobId: String(job.job_id), note: markers[i] },
				jobId: String(job.job_id),
				writeKey: markers[i],
			})),
		}),
		changeStatus: (rng, count) => {
			const movable = jobs().filter((job) => FSM_STATUS_TRANSITIONS[job.job_status].length > 0);
			return {
				parameters: { jobId: JOB_ID_FROM_ITEM, status: '={{ $json.status }}' },
				items: rng.sample(movable, count).map((job) => ({
					json: { jobId: String(job.job_id), status: rng.pick(FSM_STATUS_TRANSITIONS[job.job_status]) },
					jobId: String(job.job_id),
					writeKey: `status:${job.job_id}`,
				})),
			};
		},
		outputId: (json) => {
			const id = json.job_id ?? json.id;
			return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
		},
		jobsTitled: (marker) => ids((job) => job.job_title === marker),
		blindSpot:
			'FSM Navigator lists jobs with page numbers, no sort and no cursor: a job deleted and another created between two page reads leave the total as it was, and a job can move across a page boundary unseen',
		mutate: {
			create: (rng) => {
				const now = fsmIso(Date.now());
				const job = sim.putJob({ ...anyJob(rng), job_id: sim.jobs.maxId() + 1, job_title: 'Added while paging', created_at: now, updated_at: now });
				return `created job ${job.job_id}`;
			},
			change: (rng) => {
				const job = anyJob(rng);
				const changed = sim.putJob({ ...job, job_status: rng.pick(FSM_STATUSES), job_priority: rng.pick(FSM_PRIORITIES), updated_at: fsmIso(Date.now()) });
				return `changed job ${job.job_id} to ${changed.job_status}/${changed.job_priority}`;
			},
			delete: (rng) => {
				const job = anyJob(rng);
				sim.jobs.delete(job.job_id);
				return `deleted job ${job.job_id}`;
			},
		},
		stop: async () => await sim.stop(),
	};
}

export const fsmNavigatorFaults: FaultFixture = {
	name: 'FSM Navigator',
	nodeType: 'n8n-nodes-field-service.fsmNavigator',
	node: new FsmNavigator(),
	credentialTypes: [new FsmNavigatorApi()],
	start,
};
