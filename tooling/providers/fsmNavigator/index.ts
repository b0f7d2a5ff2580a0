/**
 * FSM Navigator in the tooling: its simulator (tooling/simulators/fsmNavigator/), an API key
 * credential, the sandbox's text, the bench profile and the e2e workflows. API: page-numbered job
 * list (`page`, `per_page` up to 100, `pagination.total_pages`), auth by `X-API-Key` header.
 */
import { manualTriggerWorkflow } from '../../n8n/runs';
import {
	FSM_DEFAULT_API_KEY,
	FsmNavigatorSimulator,
	generateFsmData,
	type FsmData,
	type FsmJob,
} from '../../simulators/fsmNavigator';
import { nodeCredentials } from '../credentials';
import type { ProviderTooling, RunningSimulator } from '../types';
import { byExpression, countBy, idFreePath, jobStep, nodeType, providerNodeTypes, startRunning } from '../util';

const ISO_SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const PAGE_SIZE = 100;
const WRONG_KEY = 'fsm_live_wrong_key_must_not_leak_42';

function shiftIso(value: string, deltaMs: number): string {
	return new Date(Date.parse(value) + deltaMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Moves every `YYYY-MM-DDTHH:MM:SSZ` value of an object tree by `deltaMs` (in place). */
function shiftDates(value: unknown, deltaMs: number): void {
	if (Array.isArray(value)) {
		value.forEach((item, i) => {
			if (typeof item === 'string' && ISO_SECONDS_Z.test(item)) value[i] = shiftIso(item, deltaMs);
			else shiftDates(item, deltaMs);
		});
	} else if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		for (const [key, item] of Object.entries(record)) {
			if (typeof item === 'string' && ISO_SECONDS_Z.test(item)) record[key] = shiftIso(item, deltaMs);
			else shiftDates(item, deltaMs);
		}
	}
}

/**
 * `generateFsmData` dates its jobs against a fixed reference date (FSM_REFERENCE_DATE); this moves
 * them so that `referenceDate` is the reference, so filters such as "created in the last day" find
 * jobs. The shift is whole seconds: relative times, order and statuses stay exactly as generated.
 */
export function fsmDemoData(jobCount: number, referenceDate?: Date): FsmData {
	const data = generateFsmData(jobCount);
	if (!referenceDate) return data;
	const deltaMs = Math.floor(referenceDate.getTime() / 1000) * 1000 - Date.parse(data.referenceDate);
	shiftDates(data.jobs, deltaMs);
	data.referenceDate = shiftIso(data.referenceDate, deltaMs);
	return data;
}

/** Pending jobs created within FRESH_WINDOW_MS that the sandbox's data never runs short of. */
export const FSM_FRESH_PENDING = 10;
/** Inside "the last 24 hours" with an hour to spare, so a job counted here still matches that filter a while later. */
const FRESH_WINDOW_MS = 23 * 3600_000;
/** Spacing of the arrivals the sandbox starts with (they look like the last hour's bookings). */
const START_SPACING_MS = 6 * 60_000;

/**
 * Live demo data for the sandbox: whenever fewer than FSM_FRESH_PENDING jobs are Pending and were
 * created in the last 23 hours, new unassigned, unscheduled Pending jobs "arrive" (as bookings do in
 * a real account), copied from the generated jobs' titles, customers and locations. Checked at
 * start and before every read of the job list, so an example that assigns a pending job per run, and
 * a sandbox left running for days, keep finding some. Ids and creation times keep ascending together.
 */
/** A new unassigned, unscheduled Pending job created at `createdAt`, copied from `template`'s title, customer and location. */
function putArrival(sim: FsmNavigatorSimulator, template: FsmJob, createdAt: string): FsmJob {
	return sim.putJob({
		...template,
		job_id: sim.jobs.maxId() + 1,
		job_status: 'Pending',
		assigned_technician_id: null,
		assigned_technician_name: null,
		scheduled_start: null,
		scheduled_end: null,
		actual_start: null,
		actual_end: null,
		created_at: createdAt,
		updated_at: createdAt,
		assets: [],
	});
}

function keepPendingJobsFresh(sim: FsmNavigatorSimulator): void {
	const templates = [...sim.jobs.ascending()];
	if (templates.length === 0) return;
	let arrivals = 0;
	const topUp = (spacingMs: number): void => {
		const nowMs = Math.floor(Date.now() / 1000) * 1000;
		const all = sim.jobs.ascending();
		// Newest first: creation times ascend with the ids, so the scan stops at the first older job.
		let fresh = 0;
		for (let i = all.length - 1; i >= 0 && Date.parse(all[i].created_at) > nowMs - FRESH_WINDOW_MS; i--) {
			if (all[i].job_status === 'Pending') fresh++;
		}
		const missing = FSM_FRESH_PENDING - fresh;
		let latestMs = all.length ? Date.parse(all[all.length - 1].created_at) : 0;
		for (let k = 0; k < missing; k++) {
			latestMs = Math.max(latestMs, nowMs - (missing - 1 - k) * spacingMs);
			putArrival(sim, templates[(arrivals++ * 7919) % templates.length], new Date(latestMs).toISOString().replace(/\.\d{3}Z$/, 'Z'));
		}
	};
	topUp(START_SPACING_MS);
	sim.server.onRequest = (req) => {
		if (req.method === 'GET' && req.path === '/api/v1/jobs') topUp(1000);
	};
}

type Running = RunningSimulator<FsmNavigatorSimulator>;

const ACTION = nodeType('fsmNavigator');

export const fsmNavigator: ProviderTooling<FsmNavigatorSimulator> = {
	key: 'fsmNavigator',
	displayName: 'FSM Navigator',
	nodeTypes: providerNodeTypes('fsmNavigator', false),
	credentialType: 'fsmNavigatorApi',
	exampleWorkflows: [
		'fsm-navigator-pending-jobs.json',
		'fsm-navigator-look-up-a-job.json',
		'fsm-navigator-on-hold-trigger.json',
		'copy-fsm-navigator-to-accelo.json',
		'all-providers-one-list.json',
	],

	async startSimulator({ jobCount, referenceDate, port }): Promise<Running> {
		const sim = new FsmNavigatorSimulator({ data: fsmDemoData(jobCount, referenceDate) });
		// Data dated up to now is the sandbox's: it stays fresh while it runs.
		if (referenceDate) keepPendingJobsFresh(sim);
		return await startRunning(sim, port, (apiUrl) => ({
			credentialData: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: apiUrl },
			route: (req) => `${req.method} ${idFreePath(req.path)}`,
		}));
	},

	demo: {
		defaultPort: 5681,
		liveActivity({ sim }) {
			const jobs = sim.jobs.ascending();
			const latestMs = jobs.length ? Date.parse(jobs[jobs.length - 1].created_at) : 0;
			const now = new Date(Math.max(Math.floor(Date.now() / 1000) * 1000, latestMs)).toISOString().replace(/\.\d{3}Z$/, 'Z');
			const arrived = putArrival(sim, jobs[Math.floor(Math.random() * jobs.length)], now);
			// The newest job at work goes on hold (what the "a job went on hold" trigger example watches),
			// and an earlier pending job is assigned, so there is always work to put on hold.
			const working = [...jobs].reverse().find((job) => job.job_status === 'Assigned' || job.job_status === 'In Progress');
			if (working) sim.putJob({ ...working, job_status: 'On Hold', updated_at: now });
			const pending = jobs.find((job) => job.job_status === 'Pending' && job.assigned_technician_id === null && job.job_id !== arrived.job_id);
			const technician = jobs.find((job) => job.assigned_technician_id !== null);
			if (pending && technician) {
				sim.putJob({
					...pending,
					job_status: 'Assigned',
					assigned_technician_id: technician.assigned_technician_id,
					assigned_technician_name: technician.assigned_technician_name,
					updated_at: now,
				});
			}
			return (
				`job ${arrived.job_id} created (Pending)` +
				(working ? `; job ${working.job_id} ${working.job_status} → On Hold` : '') +
				(pending && technician ? `; job ${pending.job_id} Pending → Assigned (${String(technician.assigned_technician_name)})` : '')
			);
		},
		summary({ sim }) {
			const jobs = sim.jobs.ascending();
			const technicians = [...sim.technicians.values()];
			return (
				`${jobs.length} jobs over the last 90 days (${countBy(jobs, (job) => job.job_status)}), ` +
				`${technicians.length} technicians (ids ${technicians[0].technician_id}–${technicians[technicians.length - 1].technician_id}), ` +
				`${sim.customers.size} customers, ${sim.locations.size} locations, ${sim.assets.size} assets`
			);
		},
		hints({ sim, apiUrl }) {
			const pending = sim.jobs.ascending().find((job) => job.job_status === 'Pending');
			return [
				`curl -s -H 'X-API-Key: ${FSM_DEFAULT_API_KEY}' '${apiUrl}/jobs?status=Pending&per_page=3'`,
				...(pending ? [`a Pending job: ${pending.job_id} ("${pending.job_title}", ${pending.customer_name})`] : []),
				`new Pending jobs arrive as the examples use them up: at least ${FSM_FRESH_PENDING} are always from the last 24 hours`,
			];
		},
		tryThis: ['"FSM Navigator: look up a job": its Job field is in "From list" mode; click it, search the jobs by title or customer, pick another'],
	},

	bench: {
		idPrefix: 'fsm',
		pageSize: PAGE_SIZE,
		idField: 'job_id',
		baseline: ({ apiUrl }) => ({
			listUrl: `${apiUrl}/jobs`,
			query: [{ name: 'per_page', value: String(PAGE_SIZE) }],
			authHeaders: [{ name: 'X-API-Key', value: FSM_DEFAULT_API_KEY }],
			predefinedCredential: false,
			pagingParameter: { name: 'page', value: '={{ $pageCount + 1 }}' },
			completeExpression:
				'={{ $response.body.data.length === 0 || $response.body.pagination.page >= $response.body.pagination.total_pages }}',
			listField: 'data',
		}),
		baselineNote:
			`FSM Navigator: \`per_page=${PAGE_SIZE}\`, \`page={{ $pageCount + 1 }}\`, complete when \`data\` is empty or \`pagination.page >= pagination.total_pages\`; ` +
			'auth as an `X-API-Key` header.',
		isList: (r) => r.method === 'GET' && r.path === '/api/v1/jobs',
		isToken: () => false,
		tokensIssued: () => 0,
		usesToken: false,
		expectedListRequests: (size) => Math.ceil(size / PAGE_SIZE),
		floorConfig: ({ apiUrl }, headers) => ({
			provider: 'fsmNavigator',
			baseUrl: apiUrl,
			auth: { apiKey: FSM_DEFAULT_API_KEY },
			pageSize: PAGE_SIZE,
			headers,
		}),
		floor: {
			authorize: async (config) => ({ headers: { 'X-API-Key': config.auth.apiKey ?? '' }, fetchedToken: false }),
			pageUrl: (config, index) => `${config.baseUrl.replace(/\/+$/, '')}/jobs?page=${index + 1}&per_page=${config.pageSize}`,
			warmUpUrl: (config) => `${config.baseUrl.replace(/\/+$/, '')}/jobs?page=1&per_page=1`,
			readPage: (body) => {
				const page = body as { data: Array<Record<string, unknown>>; pagination: { page: number; total_pages: number } };
				return { items: page.data, last: page.data.length === 0 || page.pagination.page >= page.pagination.total_pages };
			},
		},
	},

	e2e: {
		jobCount: 120,
		extraCredentials: ({ apiUrl }) => [
			{ id: 'e2eFsmNavigatorWrongKey', name: 'FSM Navigator (wrong key)', type: 'fsmNavigatorApi', data: { apiKey: WRONG_KEY, baseUrl: apiUrl } },
		],
		workflows({ sim }) {
			const cred = nodeCredentials(fsmNavigator, 'e2e');
			const wrongCred = { fsmNavigatorApi: { id: 'e2eFsmNavigatorWrongKey', name: 'FSM Navigator (wrong key)' } };
			const pendingJob = sim.jobs.ascending().find((job) => job.job_status === 'Pending');
			const location = [...sim.locations.values()][0];
			const node = { type: ACTION, credentials: cred };
			return [
				{
					expect: 'success',
					workflow: manualTriggerWorkflow('fsm-ops', 'FSM Navigator: every operation', [
						jobStep(node, 'Create', 'create', {
							jobTitle: 'E2E: replace filter',
							customerLocationId: String(location.customer_location_id),
							additionalFields: { jobPriority: 'High', scheduledStart: '2026-03-02T09:00:00Z' },
						}),
						jobStep(node, 'Update', 'update', {
							jobId: byExpression('$json.job_id'),
							updateFields: { jobDescription: 'Updated by n8n e2e', jobPriority: 'Urgent' },
						}),
						jobStep(node, 'Change Status', 'changeStatus', { jobId: byExpression('$json.job_id'), status: 'Assigned' }),
						jobStep(node, 'Get', 'get', { jobId: byExpression('$json.job_id') }),
						jobStep(node, 'Get Many', 'getAll', { returnAll: true, filters: { status: 'Pending' } }),
					]),
				},
				{
					expect: 'error',
					workflow: manualTriggerWorkflow('fsm-errors', 'FSM Navigator: continue on fail, then a wrong key', [
						jobStep(node, 'Three Jobs', 'getAll', { limit: 3 }),
						jobStep(node, 'Get Each', 'get', { jobId: byExpression('$itemIndex === 1 ? 99999999 : $json.job_id') }, { onError: 'continueRegularOutput' }),
						{
							type: ACTION,
							credentials: wrongCred,
							name: 'Wrong Key',
							executeOnce: true,
							parameters: { resource: 'job', operation: 'changeStatus', jobId: byExpression(String(pendingJob?.job_id)), status: 'Assigned' },
						},
					]),
				},
			];
		},
	},
};

/** The key the e2e suite's wrong-key credential holds (it must never show up in n8n's output). */
export const FSM_E2E_WRONG_KEY = WRONG_KEY;
