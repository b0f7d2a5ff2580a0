/**
 * Worklayer under injected faults (see test/faults/suite.ts): its fixture. The Auth0 token endpoint is faulted
 * too. A create's body is only an owner and a template, so each create item gets a pair no other
 * item of its execution has, and its jobs are the ones with that pair created since it was planned.
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { WorklayerApi } from '../../../credentials/WorklayerApi.credentials';
import { Worklayer } from '../../../nodes/Worklayer/Worklayer.node';
import {
	WORKLAYER_API_PREFIX,
	WORKLAYER_STATUSES,
	WORKLAYER_TOKEN_PATH,
	WorklayerSimulator,
	type WorklayerJob,
} from '../../simulators/worklayer';
import { JOB_ID_FROM_ITEM, type FaultFixture, type FaultWorld, type ItemPlan, type ListFilter } from '../faults';
import type { Random } from '../faultRandom';

const MISSING_ID = '00000000-0000-4000-8000-00000000fa17';

async function start(jobCount: number, rng: Random): Promise<FaultWorld> {
	const sim = new WorklayerSimulator({ jobCount, seed: rng.int(1, 1_000_000) });
	await sim.start();
	const jobs = (): readonly WorklayerJob[] => sim.listJobs();
	const ids = (match: (job: WorklayerJob) => boolean) => jobs().filter(match).map((job) => job.id);
	const filter = (label: string, parameters: INodeParameters, match: (job: WorklayerJob) => boolean): ListFilter => ({
		label,
		parameters,
		ids: () => ids(match),
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
		server: sim.server,
		credentials: [{ type: 'worklayerApi', data: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl: sim.baseUrl } }],
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
		get: (rng, count) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM },
			items: rng.sample(jobs(), count).map((job): ItemPlan =>
				rng.chance(0.1) ? { json: { jobId: MISSING_ID }, jobId: MISSING_ID, missing: true } : { json: { jobId: job.id }, jobId: job.id },
			),
		}),
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
		mutate: {
			create: (rng) => {
				const now = new Date().toISOString();
				const job = sim.putJob({ ...rng.pick(jobs()), id: randomUUID(), short_id: `F${rng.int(100000, 999999)}`, create_time: now, update_time: now });
				return `created job ${job.id}`;
			},
			change: (rng) => {
				const job = rng.pick(jobs());
				const status = rng.pick(WORKLAYER_STATUSES);
				sim.putJob({ ...job, status, update_time: new Date().toISOString() });
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

export const worklayerFaults: FaultFixture = {
	name: 'Worklayer',
	nodeType: 'n8n-nodes-field-service.worklayer',
	node: new Worklayer(),
	credentialTypes: [new WorklayerApi()],
	start,
};
