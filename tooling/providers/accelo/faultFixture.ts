/** Accelo under injected faults (see test/faults/suite.ts): its fixture. The token endpoint is faulted too. */
import { Accelo } from '../../../nodes/Accelo/Accelo.node';
import { AcceloSimulator, type AcceloJob } from '../../simulators/accelo';
import { JOB_ID_FROM_ITEM, markerIn, type FaultFixture, type FaultWorld } from '../faults';
import type { Random } from '../faultRandom';
import { faultFixture, faultJobs } from '../shared/faultJobs';
import { acceloKit } from './kit';

/** A job id the simulator never hands out. */
const MISSING_ID = '98765432';

const META: Record<number, [string, string]> = {
	429: ['too_many_requests', 'Rate limit exceeded'],
	500: ['internal_error', 'Injected failure 500'],
	503: ['service_unavailable', 'Injected failure 503'],
};

async function start(jobCount: number, rng: Random): Promise<FaultWorld> {
	const sim = new AcceloSimulator({ jobCount, seed: rng.int(1, 1_000_000) });
	const origin = await sim.start();
	const jobs = (): readonly AcceloJob[] => sim.jobs;
	const now = () => Math.floor(Date.now() / 1000);
	const { ids, filter, world } = faultJobs(acceloKit, sim, jobs, {
		missingId: MISSING_ID,
		create: () => String(sim.insertJob({ title: 'Added while paging' }).id),
		change: (job, rng) => {
			const status = rng.pick(sim.data.statuses);
			sim.updateJob(job.id, { status_id: status.id, date_modified: now() });
			return `status ${status.id}`;
		},
		// As DELETE /jobs/{id} does; the suite never asks for a job it deleted.
		remove: (job) => void sim.data.jobs.splice(sim.data.jobs.indexOf(job), 1),
	});
	const company = sim.data.companies[0];
	const manager = sim.data.staff[0];
	const type = sim.data.jobTypes.find((t) => t.standing === 'active');
	if (!type) throw new Error('the simulator has no active job type');
	const statusId = sim.jobs[0].status_id;

	return {
		...world,
		credentials: [acceloKit.credential(sim, origin)],
		secrets: () => [
			sim.clientSecret,
			Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64'),
			...sim.issuedTokens.map((token) => token.accessToken),
		],
		classify: (req) => {
			if (req.path === '/oauth2/v0/token') return 'auth';
			if (!req.path.startsWith('/api/v0/')) return undefined;
			if (req.method !== 'GET') return 'write';
			return req.path === '/api/v0/jobs' ? 'list' : 'read';
		},
		errorBody: (status) => {
			const [meta, message] = META[status] ?? ['internal_error', `Injected failure ${status}`];
			return { meta: { status: meta, message, more_info: `https://affinitylive.jira.com/wiki/display/APIS/Status+Codes#${meta}` }, response: null };
		},
		notFoundMessage: /Resource not found: job \d+ does not exist/,
		listFilters: [
			filter('none', { filters: {} }, () => true),
			filter('standing active', { filters: { standing: ['active'] } }, (job) => job.standing === 'active'),
			filter(`status ${statusId}`, { filters: { statusIds: String(statusId) } }, (job) => job.status_id === statusId),
		],
		writeKey: (req) => {
			const marker = markerIn(req);
			if (marker) return marker;
			const progression = /^\/api\/v0\/jobs\/(\d+)\/progressions\/\d+\/auto$/.exec(req.path);
			if (progression) return `status:${progression[1]}`;
			const put = /^\/api\/v0\/jobs\/(\d+)$/.exec(req.path);
			return put && req.method === 'PUT' ? `status:${put[1]}` : undefined;
		},
		create: (_rng, markers) => ({
			parameters: {
				title: '={{ $json.title }}',
				againstType: 'company',
				againstId: String(company.id),
				managerId: String(manager.id),
				typeId: String(type.id),
			},
			items: markers.map((marker) => ({ json: { title: marker }, writeKey: marker })),
		}),
		update: (rng, markers) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM, updateFields: { title: '={{ $json.title }}' } },
			items: rng.sample(jobs(), markers.length).map((job, i) => ({
				json: { jobId: String(job.id), title: markers[i] },
				jobId: String(job.id),
				writeKey: markers[i],
			})),
		}),
		changeStatus: (rng, count) => {
			const movable = jobs().filter((job) => sim.progressionsFrom(job.status_id).length > 0);
			return {
				parameters: { jobId: JOB_ID_FROM_ITEM, statusId: '={{ $json.statusId }}', useProgressions: '={{ $json.useProgressions }}' },
				items: rng.sample(movable, count).map((job) => {
					const useProgressions = rng.chance(0.7);
					const target = useProgressions
						? rng.pick(sim.progressionsFrom(job.status_id)).to_status_id
						: rng.pick(sim.data.statuses.filter((s) => s.id !== job.status_id)).id;
					return {
						json: { jobId: String(job.id), statusId: String(target), useProgressions },
						jobId: String(job.id),
						writeKey: `status:${job.id}`,
					};
				}),
			};
		},
		outputId: (json) => (typeof json.id === 'string' || typeof json.id === 'number' ? String(json.id) : undefined),
		jobsTitled: (marker) => ids((job) => job.title === marker),
	};
}

export const acceloFaults: FaultFixture = faultFixture(acceloKit, new Accelo(), start);
