/** FSM Navigator under injected faults (see test/faults/suite.ts): its fixture. */
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
import { JOB_ID_FROM_ITEM, markerIn, type FaultFixture, type FaultWorld } from '../faults';
import { faultFixture, faultJobs } from '../shared/faultJobs';
import { fsmNavigatorKit } from './kit';

/** A job id the simulator never hands out (its ids count up from 1001). */
const MISSING_ID = '98765432';

async function start(jobCount: number): Promise<FaultWorld> {
	const sim = new FsmNavigatorSimulator({ jobCount });
	const baseUrl = await sim.start();
	const jobs = () => sim.jobs.ascending();
	const { ids, filter, world } = faultJobs(fsmNavigatorKit, sim, jobs, {
		missingId: MISSING_ID,
		create: (rng) => {
			const now = fsmIso(Date.now());
			return String(sim.putJob({ ...rng.pick(jobs()), job_id: sim.jobs.maxId() + 1, job_title: 'Added while paging', created_at: now, updated_at: now }).job_id);
		},
		change: (job, rng) => {
			const changed = sim.putJob({ ...job, job_status: rng.pick(FSM_STATUSES), job_priority: rng.pick(FSM_PRIORITIES), updated_at: fsmIso(Date.now()) });
			return `${changed.job_status}/${changed.job_priority}`;
		},
		remove: (job) => void sim.jobs.delete(job.job_id),
	});
	const locations = [...sim.locations.keys()];

	return {
		...world,
		credentials: [fsmNavigatorKit.credential(sim, baseUrl)],
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
			filter('none', { filters: {} }, () => true),
			filter('status Assigned', { filters: { status: 'Assigned' } }, (job) => job.job_status === 'Assigned'),
			filter('priority High', { filters: { priority: 'High' } }, (job) => job.job_priority === 'High'),
		],
		writeKey: (req) => markerIn(req) ?? (req.method === 'PATCH' ? `status:${String(req.query.id)}` : undefined),
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
	};
}

export const fsmNavigatorFaults: FaultFixture = faultFixture(fsmNavigatorKit, new FsmNavigator(), start);
