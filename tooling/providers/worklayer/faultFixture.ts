/**
 * Worklayer under injected faults (see test/faults/suite.ts): its fixture. The Auth0 token endpoint is faulted
 * too. A create's body is only an owner and a template, so each create item gets a pair no other
 * item of its execution has, and its jobs are the ones with that pair created since it was planned.
 */
import { randomUUID } from 'node:crypto';

import { Worklayer } from '../../../nodes/Worklayer/Worklayer.node';
import {
	WORKLAYER_API_PREFIX,
	WORKLAYER_STATUSES,
	WORKLAYER_TOKEN_PATH,
	WorklayerSimulator,
	type WorklayerJob,
} from '../../simulators/worklayer';
import { JOB_ID_FROM_ITEM, type FaultFixture, type FaultWorld } from '../faults';
import type { Random } from '../faultRandom';
import { faultFixture, faultJobs } from '../shared/faultJobs';
import { worklayerKit } from './kit';

const MISSING_ID = '00000000-0000-4000-8000-00000000fa17';

async function start(jobCount: number, rng: Random): Promise<FaultWorld> {
	const sim = new WorklayerSimulator({ jobCount, seed: rng.int(1, 1_000_000) });
	const baseUrl = await sim.start();
	const jobs = (): readonly WorklayerJob[] => sim.listJobs();
	const { ids, filter, world } = faultJobs(worklayerKit, sim, jobs, {
		missingId: MISSING_ID,
		create: (rng) => {
			const now = new Date().toISOString();
			return sim.putJob({ ...rng.pick(jobs()), id: randomUUID(), short_id: `F${rng.int(100000, 999999)}`, create_time: now, update_time: now }).id;
		},
		change: (job, rng) => {
			const status = rng.pick(WORKLAYER_STATUSES);
			sim.putJob({ ...job, status, update_time: new Date().toISOString() });
			return status;
		},
		remove: (job) => void sim.deleteJob(job.id),
	});
	const clients = sim.members.filter((member) => member.type === 'CLIENT');
	const busiest = [...clients].sort(
		(a, b) => ids((job) => job.members.some((m) => m.user_id === b.user_id)).length - ids((job) => job.members.some((m) => m.user_id === a.user_id)).length,
	)[0];
	const drafts = () => jobs().filter((job) => job.status === 'UNDER_CONSTRUCTION');
	/** marker → the owner and template of that create item, and when it was planned. */
	const creates = new Map<string, { owner: string; template: string; since: number }>();
	const usedPairs = new Set<string>();
	const ownerOf = (job: WorklayerJob) => job.members.find((m) => m.role === 'CLIENT')?.user_id;
	const pathJob = (path: string, sub: string) => new RegExp(`^${WORKLAYER_API_PREFIX}/jobs/([^/]+)/${sub}$`).exec(path)?.[1];

	return {
		...world,
		credentials: [worklayerKit.credential(sim, baseUrl)],
		secrets: () => [sim.clientSecret, ...sim.issuedTokens.map((token) => token.accessToken)],
		classify: (req) => {
			if (req.path === WORKLAYER_TOKEN_PATH) return 'auth';
			if (!req.path.startsWith(`${WORKLAYER_API_PREFIX}/`)) return undefined;
			if (req.method !== 'GET') return 'write';
			return req.path === `${WORKLAYER_API_PREFIX}/jobs` ? 'list' : 'read';
		},
		errorBody: (status) => (status === 429 ? { error: 'TooManyRequests', message: 'Too many requests' } : { error: 'InternalError', message: `Injected failure ${status}` }),
		notFoundMessage: /Job [0-9a-f-]+ was not found/,
		listFilters: [
			filter('none', {}, () => true),
			filter('status Unclaimed or Claimed', { filters: { status: ['UNCLAIMED', 'CLAIMED'] } }, (job) => job.status === 'UNCLAIMED' || job.status === 'CLAIMED'),
			filter(
				'status Under Construction or Unclaimed, one member (a query per status)',
				{ filters: { status: ['UNDER_CONSTRUCTION', 'UNCLAIMED'], memberUserId: busiest.user_id } },
				(job) => (job.status === 'UNDER_CONSTRUCTION' || job.status === 'UNCLAIMED') && job.members.some((m) => m.user_id === busiest.user_id),
			),
		],
		writeKey: (req) => {
			if (req.method !== 'POST') return undefined;
			if (req.path === `${WORKLAYER_API_PREFIX}/jobs`) {
				const body = req.body as { owner_user_id?: string; job_template_id?: string } | undefined;
				for (const [marker, pair] of creates) if (pair.owner === body?.owner_user_id && pair.template === body?.job_template_id) return marker;
				return undefined;
			}
			const requested = pathJob(req.path, 'requested-provider');
			if (requested) return `update:${requested}`;
			const submitted = pathJob(req.path, 'submit');
			return submitted ? `status:${submitted}` : undefined;
		},
		create: (rng, markers) => {
			creates.clear();
			// Pairs not used by an earlier create of this world while there are any, so that a job
			// an earlier execution created (its answer lost) is never counted for this one.
			const all = clients.flatMap((client) => sim.templates.map((template) => ({ owner: client.user_id, template: template.id })));
			const fresh = all.filter((pair) => !usedPairs.has(`${pair.owner}|${pair.template}`));
			const pairs = rng.sample(fresh.length >= markers.length ? fresh : all, markers.length);
			for (const pair of pairs) usedPairs.add(`${pair.owner}|${pair.template}`);
			return {
				parameters: { ownerUserId: '={{ $json.owner }}', jobTemplateId: '={{ $json.template }}' },
				items: pairs.map((pair, i) => {
					creates.set(markers[i], { ...pair, since: Date.now() });
					return { json: { ...pair }, writeKey: markers[i] };
				}),
			};
		},
		update: (rng, markers) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM, updateFields: { requestedProviderId: '={{ $json.pro }}' } },
			items: rng.sample(drafts(), markers.length).map((job) => ({
				json: { jobId: job.id, pro: rng.pick(sim.pros).user_id },
				jobId: job.id,
				writeKey: `update:${job.id}`,
			})),
		}),
		changeStatus: (rng, count) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM, status: 'submit' },
			items: rng.sample(drafts(), count).map((job) => ({ json: { jobId: job.id }, jobId: job.id, writeKey: `status:${job.id}` })),
		}),
		outputId: (json) => (typeof json.id === 'string' ? json.id : undefined),
		jobsTitled: (marker) => {
			const pair = creates.get(marker);
			if (!pair) return [];
			return ids((job) => ownerOf(job) === pair.owner && sim.jobTemplates.get(job.id) === pair.template && Date.parse(job.create_time) >= pair.since - 1);
		},
	};
}

export const worklayerFaults: FaultFixture = faultFixture(worklayerKit, new Worklayer(), start);
