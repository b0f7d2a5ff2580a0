/**
 * Housecall Pro in the tooling: its simulator (tooling/simulators/housecallPro/), a Company API Key
 * credential (what most accounts have; scheduling needs an Application API Key), the sandbox's text,
 * the bench profile and the e2e workflows. API: `GET /jobs` paged by `page` / `page_size` (up to
 * 200), `{ page, total_pages, jobs }`, auth `Authorization: Token <key>`
 * (https://docs.housecallpro.com/docs/housecall-public-api).
 */
import { randomUUID } from 'node:crypto';

import { manualTriggerWorkflow } from '../../n8n/runs';
import {
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HousecallProSimulator,
	generateHousecallProData,
} from '../../simulators/housecallPro';
import { nodeCredentials } from '../credentials';
import type { ProviderTooling, RunningSimulator } from '../types';
import { byExpression, countBy, jobStep, nodeType, providerNodeTypes, startRunning } from '../util';

const PAGE_SIZE = 200;
const WRONG_KEY = 'hcp_wrong_key_must_not_leak_42';
const ACTION = nodeType('housecallPro');

type Running = RunningSimulator<HousecallProSimulator>;

/** Housecall Pro ids are prefixed tokens (`job_…`, `tag_…`): they become `{id}` in routes. */
function idFreeRoute(path: string): string {
	return path.replace(/\/[a-z]+_[0-9a-z_]+(?=\/|$)/gi, '/{id}');
}

export const housecallPro: ProviderTooling<HousecallProSimulator> = {
	key: 'housecallPro',
	displayName: 'Housecall Pro',
	nodeTypes: providerNodeTypes('housecallPro', true),
	credentialType: 'housecallProApi',
	exampleWorkflows: ['housecallPro-follow-up-unscheduled.json', 'housecallPro-welcome-note-on-new-job.json', 'housecallPro-instant-job-completed.json', 'all-providers-one-list.json'],

	async startSimulator({ jobCount, referenceDate, port }): Promise<Running> {
		// The simulator has no rate limit unless asked for one, so `noRateLimit` needs nothing here.
		const sim = new HousecallProSimulator({ data: generateHousecallProData(jobCount, 1, referenceDate) });
		return await startRunning(sim, port, (apiUrl) => ({
			credentialData: { apiKey: HCP_DEFAULT_COMPANY_API_KEY, baseUrl: apiUrl },
			route: (req) => `${req.method} ${idFreeRoute(req.path)}`,
		}));
	},

	demo: {
		defaultPort: 5683,
		liveActivity({ sim }) {
			const now = `${new Date().toISOString().slice(0, 19)}Z`;
			const jobs = sim.listJobs();
			const template = jobs[Math.floor(Math.random() * jobs.length)];
			const invoice = Math.max(0, ...jobs.map((job) => Number(job.invoice_number) || 0)) + 1;
			const arrived = sim.putJob({
				...template,
				id: `job_${randomUUID().replace(/-/g, '')}`,
				invoice_number: String(invoice),
				notes: [],
				work_status: 'needs scheduling',
				work_timestamps: { on_my_way_at: null, started_at: null, completed_at: null },
				schedule: { ...template.schedule, scheduled_start: null, scheduled_end: null, appointments: [] },
				assigned_employees: [],
				created_at: now,
				updated_at: now,
				canceled_at: null,
				locked_at: null,
			});
			// The newest scheduled job starts, and the oldest job that needs scheduling is booked for
			// tomorrow 9:00–11:00 UTC, so there is always a scheduled job to start.
			const scheduled = jobs.find((job) => job.work_status === 'scheduled');
			if (scheduled) {
				sim.putJob({ ...scheduled, work_status: 'in progress', work_timestamps: { ...scheduled.work_timestamps, started_at: now }, updated_at: now });
			}
			const waiting = [...jobs].reverse().find((job) => job.work_status === 'needs scheduling');
			const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
			if (waiting) {
				sim.putJob({
					...waiting,
					work_status: 'scheduled',
					schedule: { ...waiting.schedule, scheduled_start: `${day}T09:00:00Z`, scheduled_end: `${day}T11:00:00Z` },
					updated_at: now,
				});
			}
			return (
				`job #${arrived.invoice_number} created (needs scheduling)` +
				(scheduled ? `; job #${scheduled.invoice_number} scheduled → in progress` : '') +
				(waiting ? `; job #${waiting.invoice_number} needs scheduling → scheduled` : '')
			);
		},
		summary({ sim }) {
			const jobs = sim.listJobs();
			return (
				`${jobs.length} jobs over the last 90 days (${countBy(jobs, (job) => job.work_status)}), ` +
				`${sim.employees.length} employees, ${sim.customers.length} customers in ${sim.companies.length} locations, ` +
				`${sim.tags.length} tags, ${sim.pipeline.job.length} job pipeline stages`
			);
		},
		hints({ sim, apiUrl }) {
			const waiting = sim.listJobs().find((job) => job.work_status === 'needs scheduling');
			return [
				`curl -s -H 'Authorization: Token ${HCP_DEFAULT_COMPANY_API_KEY}' '${apiUrl}/jobs?work_status[]=unscheduled&page_size=3'`,
				`Company API Key: ${HCP_DEFAULT_COMPANY_API_KEY} (the stored credential); Application API Key (scheduling, dispatch): ${HCP_DEFAULT_APPLICATION_API_KEY}`,
				`job pipeline: ${[...sim.pipeline.job].sort((a, b) => a.order - b.order).map((s) => `${s.id} ${s.name}`).join(', ')}`,
				...(waiting ? [`a job that needs scheduling: ${waiting.id} (#${waiting.invoice_number}, ${waiting.description})`] : []),
			];
		},
		tryThis: [
			'in a Housecall Pro node, open the Job field: "From list" lists the simulator\'s recently updated jobs',
			'Housecall Pro Change Status → Scheduled with the stored Company API Key: the error says an Application API Key is needed (put the Application API Key listed below, under the Housecall Pro simulator, in the credential)',
			'Housecall Pro Get Many: filter Work Status "In Progress"; the jobs come back with work_status "in progress"',
		],
	},

	bench: {
		idPrefix: 'hcp',
		pageSize: PAGE_SIZE,
		idField: 'id',
		baseline: ({ apiUrl }) => ({
			listUrl: `${apiUrl}/jobs`,
			// The same order our node reads a full list in (oldest first).
			query: [
				{ name: 'page_size', value: String(PAGE_SIZE) },
				{ name: 'sort_by', value: 'created_at' },
				{ name: 'sort_direction', value: 'asc' },
			],
			authHeaders: [{ name: 'Authorization', value: `Token ${HCP_DEFAULT_COMPANY_API_KEY}` }],
			predefinedCredential: false,
			pagingParameter: { name: 'page', value: '={{ $pageCount + 1 }}' },
			completeExpression: '={{ $response.body.jobs.length === 0 || $response.body.page >= $response.body.total_pages }}',
			listField: 'jobs',
		}),
		baselineNote:
			`Housecall Pro: \`page_size=${PAGE_SIZE}\`, \`sort_by=created_at&sort_direction=asc\` (what our node sends for Return All), \`page={{ $pageCount + 1 }}\`, ` +
			'complete when `jobs` is empty or `page >= total_pages`; auth as an `Authorization: Token …` header.',
		isList: (r) => r.method === 'GET' && r.path === '/jobs',
		isToken: () => false,
		tokensIssued: () => 0,
		usesToken: false,
		expectedListRequests: (size) => Math.max(1, Math.ceil(size / PAGE_SIZE)),
		floorConfig: ({ apiUrl }, headers) => ({
			provider: 'housecallPro',
			baseUrl: apiUrl,
			auth: { apiKey: HCP_DEFAULT_COMPANY_API_KEY },
			pageSize: PAGE_SIZE,
			headers,
		}),
		floor: {
			authorize: async (config) => ({ headers: { Authorization: `Token ${config.auth.apiKey ?? ''}` }, fetchedToken: false }),
			pageUrl: (config, index) =>
				`${config.baseUrl.replace(/\/+$/, '')}/jobs?page=${index + 1}&page_size=${config.pageSize}&sort_by=created_at&sort_direction=asc`,
			warmUpUrl: (config) => `${config.baseUrl.replace(/\/+$/, '')}/jobs?page=1&page_size=1`,
			readPage: (body) => {
				const page = body as { jobs: Array<Record<string, unknown>>; page: number | string; total_pages: number };
				return { items: page.jobs, last: page.jobs.length === 0 || Number(page.page) >= page.total_pages };
			},
		},
	},

	e2e: {
		jobCount: 240,
		extraCredentials: ({ apiUrl }) => [
			{ id: 'e2eHousecallProWrongKey', name: 'Housecall Pro (wrong key)', type: 'housecallProApi', data: { apiKey: WRONG_KEY, baseUrl: apiUrl } },
			{
				id: 'e2eHousecallProApplicationKey',
				name: 'Housecall Pro (Application API Key)',
				type: 'housecallProApi',
				data: { apiKey: HCP_DEFAULT_APPLICATION_API_KEY, baseUrl: apiUrl },
			},
		],
		workflows({ sim }) {
			const cred = nodeCredentials(housecallPro, 'e2e');
			const wrongCred = { housecallProApi: { id: 'e2eHousecallProWrongKey', name: 'Housecall Pro (wrong key)' } };
			const appCred = { housecallProApi: { id: 'e2eHousecallProApplicationKey', name: 'Housecall Pro (Application API Key)' } };
			const customer = sim.customers[0];
			const tag = sim.tags[0];
			const stages = [...sim.pipeline.job].sort((a, b) => a.order - b.order);
			const waiting = sim.listJobs().find((job) => job.work_status === 'needs scheduling');
			const node = { type: ACTION, credentials: cred };
			return [
				{
					expect: 'success',
					workflow: manualTriggerWorkflow('hcp-ops', 'Housecall Pro: every operation', [
						jobStep(node, 'Create', 'create', {
							customerId: customer.id,
							addressId: customer.addresses[0].id,
							additionalFields: { notes: 'E2E: created by n8n', tags: 'E2E', leadSource: 'n8n' },
						}),
						jobStep(node, 'Update', 'update', {
							jobId: byExpression('$json.id'),
							updateFields: { notes: 'Updated by n8n e2e', tags: [tag.id] },
						}),
						{
							type: ACTION,
							credentials: appCred,
							name: 'Schedule',
							parameters: {
								resource: 'job',
								operation: 'changeStatus',
								jobId: byExpression('$json.id'),
								status: 'scheduled',
								scheduledStart: '2026-03-02T15:00:00Z',
								scheduledEnd: '2026-03-02T17:00:00Z',
							},
						},
						jobStep(node, 'Reschedule With Company Key', 'changeStatus', {
							jobId: byExpression('$json.id'),
							status: 'scheduled',
							scheduledStart: '2026-03-03T15:00:00Z',
							options: { scheduleThrough: 'appointments' },
						}),
						jobStep(node, 'Pipeline Stage', 'changeStatus', { jobId: byExpression('$json.id'), status: 'pipeline', pipelineStatusId: stages[2].id }),
						jobStep(node, 'Get', 'get', { jobId: byExpression('$json.id'), options: { expand: ['appointments'] } }),
						jobStep(node, 'Get Many', 'getAll', { returnAll: true, filters: { workStatus: ['scheduled', 'in_progress'] } }, { executeOnce: true }),
					]),
				},
				{
					expect: 'error',
					workflow: manualTriggerWorkflow('hcp-errors', 'Housecall Pro: continue on fail, a Company key refused by schedule, then a wrong key', [
						jobStep(node, 'Three Jobs', 'getAll', { limit: 3 }),
						jobStep(node, 'Get Each', 'get', { jobId: byExpression("$itemIndex === 1 ? 'job_missing' : $json.id") }, { onError: 'continueRegularOutput' }),
						jobStep(node, 'Schedule With Company Key', 'changeStatus', {
							jobId: byExpression(`'${waiting?.id ?? 'job_missing'}'`),
							status: 'scheduled',
							scheduledStart: '2026-03-02T15:00:00Z',
							// Only the schedule endpoint, which refuses a Company key (Automatic would use the appointment).
							options: { scheduleThrough: 'schedule' },
						}, { executeOnce: true, onError: 'continueRegularOutput' }),
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
export const HCP_E2E_WRONG_KEY = WRONG_KEY;

