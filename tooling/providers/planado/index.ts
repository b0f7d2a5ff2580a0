/**
 * Planado in the tooling: its simulator (tooling/simulators/planado/), an API-key credential, the
 * sandbox's text, the bench profile and the e2e workflows. API: `GET /v2/jobs` newest first, paged by
 * `after=<uuid of the last job>` with a page size the server fixes (50 in the simulator), an empty
 * page at the end (https://api-docs.planadoapp.com/docs/v2/listing-resources.html); auth by
 * `Authorization: Bearer <key>`; 90 calls a minute.
 */
import { randomUUID } from 'node:crypto';

import { manualTriggerWorkflow } from '../../n8n/runs';
import {
	PLANADO_DEFAULT_API_KEY,
	PLANADO_JOBS_PAGE_SIZE,
	PlanadoSimulator,
	generatePlanadoData,
	planadoTimestamp,
} from '../../simulators/planado';
import { nodeCredentials } from '../credentials';
import type { ProviderTooling, RunningSimulator } from '../types';
import { byExpression, countBy, jobStep, nodeType, providerNodeTypes, startRunning } from '../util';

const PAGE_SIZE = PLANADO_JOBS_PAGE_SIZE;
const WRONG_KEY = 'planado_wrong_key_must_not_leak_42';
const ACTION = nodeType('planado');
const UUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

type Running = RunningSimulator<PlanadoSimulator>;

/** Posted (unscheduled) jobs the sandbox's data never runs short of. */
export const PLANADO_FRESH_POSTED = 10;

/**
 * Live demo data for the sandbox: whenever fewer than PLANADO_FRESH_POSTED jobs are posted, new
 * posted jobs "arrive" (created now, no time, no assignee), copied from the generated jobs' templates,
 * clients, sites and descriptions. Checked at start and before every first page of the job list (a
 * new job is the newest, so it never shifts the pages an `after` cursor reads), so the example that
 * schedules the oldest posted job keeps finding one however often it runs.
 */
function keepPostedJobsFresh(sim: PlanadoSimulator): void {
	const templates = sim.listJobs();
	if (templates.length === 0) return;
	let arrivals = 0;
	const topUp = (): void => {
		const missing = PLANADO_FRESH_POSTED - sim.listJobs().filter((job) => job.status === 'posted').length;
		for (let k = 0; k < missing; k++) {
			const template = templates[(arrivals++ * 7919) % templates.length];
			// Whole milliseconds apart, so creation order is arrival order.
			const created = planadoTimestamp(Date.now() - (missing - 1 - k));
			sim.putJob({
				...template,
				uuid: randomUUID(),
				external_id: null,
				serial_no: sim.jobs.maxSerial() + 1,
				status: 'posted',
				scheduled_at: null,
				assignee: null,
				initial_job_uuid: null,
				completion_of_uuid: null,
				resolution: null,
				timestamps: { en_route_at: null, started_at: null, suspended_at: null, finished_at: null },
				report_fields: [],
				version: 1,
				created_at: created,
				updated_at: created,
			});
		}
	};
	topUp();
	sim.server.onRequest = (req) => {
		if (req.method === 'GET' && req.path === '/v2/jobs' && req.query.after === undefined) topUp();
	};
}

/** The floor loop's cursor: the last uuid of the page just read (the floor reads one page at a time). */
let floorCursor: string | undefined;

export const planado: ProviderTooling<PlanadoSimulator> = {
	key: 'planado',
	displayName: 'Planado',
	nodeTypes: providerNodeTypes('planado', true),
	credentialType: 'planadoApi',
	exampleWorkflows: ['planado-schedule-posted-job.json', 'planado-new-job-note.json', 'planado-instant-job-updated.json', 'all-providers-one-list.json'],

	async startSimulator({ jobCount, referenceDate, port, noRateLimit }): Promise<Running> {
		const data = generatePlanadoData(jobCount, 1, ...(referenceDate ? [referenceDate] : []));
		// The real limit: 90 calls a minute per key, a leaky bucket. The bench lifts it.
		const sim = new PlanadoSimulator({ data, ...(noRateLimit ? {} : { rateLimit: { limit: 90, windowMs: 60_000 } }) });
		// Data dated up to now is the sandbox's: it stays fresh while it runs.
		if (referenceDate) keepPostedJobsFresh(sim);
		return await startRunning(sim, port, (apiUrl) => ({
			credentialData: { apiKey: PLANADO_DEFAULT_API_KEY, baseUrl: apiUrl },
			route: (req) => `${req.method} ${req.path.replace(UUID_SEGMENT, '/{id}')}`,
		}));
	},

	demo: {
		defaultPort: 5685,
		liveActivity({ sim }) {
			const jobs = sim.listJobs();
			const template = jobs[Math.floor(Math.random() * jobs.length)];
			const stamp = planadoTimestamp(Date.now());
			const arrived = sim.putJob({
				...template,
				uuid: randomUUID(),
				serial_no: Math.max(0, ...jobs.map((job) => job.serial_no)) + 1,
				external_id: null,
				status: 'posted',
				scheduled_at: null,
				assignee: null,
				timestamps: { en_route_at: null, started_at: null, suspended_at: null, finished_at: null },
				resolution: null,
				initial_job_uuid: null,
				completion_of_uuid: null,
				version: 1,
				created_at: stamp,
				updated_at: stamp,
			});
			// The technician of the newest published job sets off (the mobile app's move), and the dispatcher
			// schedules the oldest posted job for tomorrow 9:00, so there is always one to set off.
			const published = jobs.find((job) => job.status === 'published' || job.status === 'scheduled');
			if (published) sim.setStatus(published.uuid, 'en_route');
			const posted = [...jobs].reverse().find((job) => job.status === 'posted');
			const worker = jobs.find((job) => job.assignee !== null && 'worker_uuid' in job.assignee)?.assignee;
			if (posted && worker) {
				const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
				sim.putJob({ ...posted, status: 'scheduled', scheduled_at: `${day}T09:00:00`, assignee: { ...worker }, version: posted.version + 1, updated_at: stamp });
			}
			return (
				`job #${arrived.serial_no} created (posted)` +
				(published ? `; job #${published.serial_no} ${published.status} → en_route` : '') +
				(posted && worker ? `; job #${posted.serial_no} posted → scheduled` : '')
			);
		},
		summary({ sim }) {
			const jobs = sim.listJobs();
			return (
				`${jobs.length} jobs over the last 60 days (${countBy(jobs, (job) => job.status)}), ` +
				`${sim.users.length} workers, ${sim.teams.length} teams, ${sim.clients.length} clients, ${sim.sites.length} sites, ` +
				`${sim.templates.length} templates`
			);
		},
		hints({ sim, apiUrl }) {
			const posted = sim.listJobs().find((job) => job.status === 'posted');
			const worker = sim.users[0];
			return [
				`curl -s -g -H 'Authorization: Bearer ${PLANADO_DEFAULT_API_KEY}' '${apiUrl}/jobs?status[]=posted' | head -c 600`,
				...(posted ? [`a posted job: ${posted.uuid} (#${posted.serial_no})`] : []),
				`worker ${worker.first_name} ${worker.last_name}: ${worker.uuid}`,
				'the simulator enforces 90 calls a minute (429 "Rate Limit Exceeded"); the node paces itself',
			];
		},
		tryThis: [
			'in a Planado node, open the Job field: "From list" pages through the simulator newest first; type a job number to search',
			'Planado Change Status → Scheduled on an en-route job: the node explains which statuses only the mobile app sets',
			'Planado Update with Options → Expected Version set to an old version: Planado answers a conflict instead of overwriting',
		],
	},

	bench: {
		idPrefix: 'planado',
		pageSize: PAGE_SIZE,
		idField: 'uuid',
		baseline: ({ apiUrl }) => ({
			listUrl: `${apiUrl}/jobs`,
			query: [],
			authHeaders: [{ name: 'Authorization', value: `Bearer ${PLANADO_DEFAULT_API_KEY}` }],
			predefinedCredential: false,
			pagingParameter: {
				name: 'after',
				value: '={{ $response.body.jobs.length ? $response.body.jobs[$response.body.jobs.length - 1].uuid : "" }}',
			},
			completeExpression: '={{ $response.body.jobs.length === 0 }}',
			listField: 'jobs',
		}),
		baselineNote:
			'Planado: no page size (the server fixes it), `after={{ last uuid of the previous page }}`, complete when `jobs` is empty; ' +
			'auth as an `Authorization: Bearer` header. The node paces itself for 90 calls a minute (a burst of 81, then one call every 700 ms); the baseline does not.',
		isList: (r) => r.method === 'GET' && r.path === '/v2/jobs',
		isToken: () => false,
		tokensIssued: () => 0,
		usesToken: false,
		// Full pages, then the empty page that ends the list.
		expectedListRequests: (size) => Math.ceil(size / PAGE_SIZE) + 1,
		floorConfig: ({ apiUrl }, headers) => ({
			provider: 'planado',
			baseUrl: apiUrl,
			auth: { apiKey: PLANADO_DEFAULT_API_KEY },
			pageSize: PAGE_SIZE,
			headers,
		}),
		floor: {
			authorize: async (config) => ({ headers: { Authorization: `Bearer ${config.auth.apiKey ?? ''}` }, fetchedToken: false }),
			pageUrl: (config, index) => {
				const base = `${config.baseUrl.replace(/\/+$/, '')}/jobs`;
				if (index === 0) floorCursor = undefined;
				return floorCursor ? `${base}?after=${encodeURIComponent(floorCursor)}` : base;
			},
			warmUpUrl: (config) => `${config.baseUrl.replace(/\/+$/, '')}/jobs?status%5B%5D=canceled`,
			readPage: (body) => {
				const jobs = (body as { jobs: Array<Record<string, unknown>> }).jobs;
				const last = jobs[jobs.length - 1];
				floorCursor = last ? String(last.uuid) : undefined;
				return { items: jobs, last: jobs.length === 0 };
			},
		},
	},

	e2e: {
		jobCount: 120,
		extraCredentials: ({ apiUrl }) => [
			{ id: 'e2ePlanadoWrongKey', name: 'Planado (wrong key)', type: 'planadoApi', data: { apiKey: WRONG_KEY, baseUrl: apiUrl } },
		],
		workflows({ sim }) {
			const cred = nodeCredentials(planado, 'e2e');
			const wrongCred = { planadoApi: { id: 'e2ePlanadoWrongKey', name: 'Planado (wrong key)' } };
			const worker = sim.users[0];
			const client = sim.clients[0];
			const node = { type: ACTION, credentials: cred };
			return [
				{
					expect: 'success',
					workflow: manualTriggerWorkflow('planado-ops', 'Planado: every operation', [
						jobStep(node, 'Create', 'create', {
							additionalFields: { description: 'E2E: replace the router', externalId: 'e2e-planado-1', clientUuid: client.uuid },
							options: { notifyAssignees: false },
						}),
						jobStep(node, 'Update', 'update', {
							jobId: byExpression('$json.uuid'),
							updateFields: { description: 'Updated by n8n e2e', scheduledDuration: 90 },
							options: { version: '={{ $json.version }}' },
						}),
						jobStep(node, 'Change Status', 'changeStatus', {
							jobId: byExpression('$json.uuid'),
							status: 'scheduled',
							scheduledAt: '2026-03-02T09:00:00Z',
							assigneeType: 'worker',
							assigneeUuid: worker.uuid,
						}),
						jobStep(node, 'Get', 'get', { jobId: byExpression('$json.external_id') }),
						jobStep(node, 'Get Many', 'getAll', { returnAll: true, filters: { status: ['scheduled', 'posted'] } }),
					]),
				},
				{
					expect: 'error',
					workflow: manualTriggerWorkflow('planado-errors', 'Planado: continue on fail, then a wrong key', [
						jobStep(node, 'Three Jobs', 'getAll', { limit: 3 }),
						jobStep(node, 'Get Each', 'get', { jobId: byExpression('$itemIndex === 1 ? "no-such-job" : $json.uuid') }, { onError: 'continueRegularOutput' }),
						{
							type: ACTION,
							credentials: wrongCred,
							name: 'Wrong Key',
							executeOnce: true,
							parameters: { resource: 'job', operation: 'getAll', limit: 1 },
						},
					]),
				},
			];
		},
	},
};

/** The key the e2e suite's wrong-key credential holds (it must never show up in n8n's output). */
export const PLANADO_E2E_WRONG_KEY = WRONG_KEY;
