/**
 * Accelo in the tooling: its simulator (tooling/simulators/accelo/: API + OAuth2 token endpoint),
 * a service-application credential (client credentials; n8n fetches the token), the sandbox's text,
 * the bench profile and the e2e workflows. API: offset-paged lists (`_limit` up to 100, `_offset`),
 * the last page is short (https://api.accelo.com/docs/#pagination).
 */
import { manualTriggerWorkflow } from '../../n8n/runs';
import { AcceloSimulator, generateAcceloData, type AcceloJob } from '../../simulators/accelo';
import { nodeCredentials } from '../credentials';
import type { ProviderTooling, RunningSimulator } from '../types';
import { byExpression, countBy, idFreePath, jobStep, nodeType, providerNodeTypes, startRunning } from '../util';

const PAGE_SIZE = 100;
/** Jobs the node reads again at the start of every page after the first (nodes/Accelo/transport). */
const PAGE_OVERLAP = 3;
const SCOPE = 'read(all) write(all)';
const ACTION = nodeType('accelo');

type Running = RunningSimulator<AcceloSimulator>;

/** Pending jobs the sandbox's deployment never runs short of (the Accelo example starts one per run). */
export const ACCELO_FRESH_PENDING = 10;

/**
 * Live demo data for the sandbox: whenever fewer than ACCELO_FRESH_PENDING jobs are pending, new
 * ones "arrive" (created now, due in two weeks), copied from the generated jobs' titles, clients,
 * types, managers and rates. Checked at start and before every request to the job list, so the
 * example that starts the newest pending job keeps finding one however often it runs.
 */
/** Jobs new ones are copied from: of an active type without the custom ids a copy does not make up. */
function arrivalTemplates(sim: AcceloSimulator): AcceloJob[] {
	const usable = new Set(sim.data.jobTypes.filter((type) => type.standing === 'active' && !type.has_custom_id).map((type) => type.id));
	return sim.jobs.filter((job) => usable.has(job.job_type_id));
}

/** A new pending job, created now and due in two weeks, copied from `template`'s client, type, manager and rate. */
function insertArrival(sim: AcceloSimulator, template: AcceloJob, pendingStatusId: number): AcceloJob {
	const now = Math.floor(Date.now() / 1000);
	return sim.insertJob({
		title: template.title,
		against_type: template.against_type,
		against_id: template.against_id,
		job_type_id: template.job_type_id,
		manager_id: template.manager_id,
		modified_by: template.manager_id,
		rate_id: template.rate_id,
		rate_charged: template.rate_charged,
		contract_id: template.contract_id,
		is_billable: template.is_billable,
		status_id: pendingStatusId,
		date_created: now,
		date_modified: now,
		date_due: now + 14 * 86400,
	});
}

function keepPendingJobsFresh(sim: AcceloSimulator): void {
	const pendingStatus = sim.data.statuses.find((status) => status.standing === 'pending');
	const templates = arrivalTemplates(sim);
	if (!pendingStatus || templates.length === 0) return;
	let arrivals = 0;
	const topUp = (): void => {
		const missing = ACCELO_FRESH_PENDING - sim.jobs.filter((job) => job.standing === 'pending').length;
		for (let k = 0; k < missing; k++) insertArrival(sim, templates[(arrivals++ * 7919) % templates.length], pendingStatus.id);
	};
	topUp();
	sim.server.onRequest = (req) => {
		if (req.path === '/api/v0/jobs') topUp();
	};
}

function tokenUrl(baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/oauth2/v0/token`;
}

export const accelo: ProviderTooling<AcceloSimulator> = {
	key: 'accelo',
	displayName: 'Accelo',
	nodeTypes: providerNodeTypes('accelo', false),
	credentialType: 'acceloOAuth2Api',
	exampleWorkflows: ['accelo-start-pending-job.json', 'accelo-new-job-trigger.json', 'copy-fsm-navigator-to-accelo.json', 'all-providers-one-list.json'],

	async startSimulator({ jobCount, referenceDate, port, noRateLimit }): Promise<Running> {
		const data = generateAcceloData(jobCount, 1, ...(referenceDate ? [Math.floor(referenceDate.getTime() / 1000)] : []));
		// Accelo documents 5000 requests an hour; the bench makes more than that against one deployment.
		const sim = new AcceloSimulator({ data, ...(noRateLimit ? { rateLimit: { limit: 1_000_000_000, windowMs: 3_600_000 } } : {}) });
		// Data dated up to now is the sandbox's: it stays fresh while it runs.
		if (referenceDate) keepPendingJobsFresh(sim);
		return await startRunning(sim, port, (origin) => ({
			apiUrl: `${origin}/api/v0`,
			// What the credential dialog saves: the hidden fields (grant type, token URL, authentication)
			// are left out; n8n fills in their defaults (the token URL from Base URL and Deployment).
			credentialData: {
				deployment: sim.deployment,
				baseUrl: origin,
				clientId: sim.clientId,
				clientSecret: sim.clientSecret,
				scope: SCOPE,
			},
			route: (req) => `${req.method} ${idFreePath(req.path)}`,
		}));
	},

	demo: {
		defaultPort: 5682,
		liveActivity({ sim }) {
			const now = Math.floor(Date.now() / 1000);
			const statusOf = (standing: string) => sim.data.statuses.find((status) => status.standing === standing);
			const pending = statusOf('pending');
			const paused = statusOf('paused');
			const templates = arrivalTemplates(sim);
			const template = templates[Math.floor(Math.random() * templates.length)];
			const lines: string[] = [];
			if (pending && template) {
				const job = insertArrival(sim, template, pending.id);
				lines.push(`job ${job.id} "${job.title}" created (pending)`);
			}
			const active = [...sim.jobs].reverse().find((job) => job.standing === 'active');
			if (active && paused) {
				sim.updateJob(active.id, { status_id: paused.id, date_modified: now });
				lines.push(`job ${active.id} active → paused (${paused.title})`);
			}
			return lines.join('; ');
		},
		summary({ sim }) {
			const data = sim.data;
			const statusTitle = new Map(data.statuses.map((s) => [s.id, s.title]));
			return (
				`deployment "${sim.deployment}": ${data.jobs.length} jobs (${countBy(data.jobs, (job) => statusTitle.get(job.status_id) ?? String(job.status_id))}), ` +
				`${data.companies.length} companies (ids ${data.companies[0].id}–${data.companies[data.companies.length - 1].id}), ` +
				`${data.sites.length} sites, ${data.jobTypes.length} job types, ${data.staff.length} staff`
			);
		},
		hints({ sim, credentialData }) {
			const data = sim.data;
			return [
				`companies: ${data.companies.map((c) => `${c.id} ${c.name}`).join(', ')}`,
				`staff: ${data.staff.map((s) => `${s.id} ${s.firstname} ${s.surname}`).join(', ')}`,
				`statuses: ${data.statuses.map((s) => `${s.id} ${s.title}`).join(', ')}`,
				`job types: ${data.jobTypes.map((t) => `${t.id} ${t.title}`).join(', ')}`,
				`token: curl -s -u ${sim.clientId}:${sim.clientSecret} -d grant_type=client_credentials -d 'scope=read(all)' ${tokenUrl(credentialData.baseUrl)}`,
				`new pending jobs arrive as the examples start them: there are always at least ${ACCELO_FRESH_PENDING}`,
			];
		},
		tryThis: [
			'in an Accelo node, switch the Job field to "From list": it searches the jobs of the simulator',
			'Accelo Change Status: the status list is loaded from the deployment; pick one no progression reaches',
		],
	},

	bench: {
		idPrefix: 'acc',
		pageSize: PAGE_SIZE,
		idField: 'id',
		baseline: ({ apiUrl }) => ({
			listUrl: `${apiUrl}/jobs`,
			// _fields=_ALL: the same fields our node asks for (it returns what Get returns).
			query: [
				{ name: '_fields', value: '_ALL' },
				{ name: '_limit', value: String(PAGE_SIZE) },
			],
			authHeaders: [],
			predefinedCredential: true,
			pagingParameter: { name: '_offset', value: `={{ $pageCount * ${PAGE_SIZE} }}` },
			completeExpression: `={{ $response.body.response.length < ${PAGE_SIZE} }}`,
			listField: 'response',
		}),
		baselineNote:
			`Accelo: \`_fields=_ALL\` (what our node asks for), \`_limit=${PAGE_SIZE}\`, \`_offset={{ $pageCount * ${PAGE_SIZE} }}\`, ` +
			`complete when \`response.length < ${PAGE_SIZE}\`; auth with the same \`acceloOAuth2Api\` credential as a "Predefined Credential Type".`,
		isList: (r) => r.method === 'GET' && r.path === '/api/v0/jobs',
		isToken: (r) => r.path === '/oauth2/v0/token',
		tokensIssued: ({ sim }) => sim.issuedTokens.length,
		usesToken: true,
		// The end is a short page: one more (empty) request when the size is a multiple of the page.
		expectedListRequests: (size) => Math.floor(size / PAGE_SIZE) + 1,
		// Every page after the first starts PAGE_OVERLAP jobs back (a deletion during the read moves
		// jobs up; the node reads them again rather than skip one): pages 2… bring 97 new jobs each,
		// and the read ends at the first short page.
		ourListRequests: (size) => (size < PAGE_SIZE ? 1 : Math.floor((size - PAGE_SIZE) / (PAGE_SIZE - PAGE_OVERLAP)) + 2),
		floorConfig: ({ sim, credentialData }, headers) => ({
			provider: 'accelo',
			baseUrl: credentialData.baseUrl,
			auth: { clientId: sim.clientId, clientSecret: sim.clientSecret, scope: 'read(all)' },
			pageSize: PAGE_SIZE,
			headers,
		}),
		floor: {
			async authorize(config) {
				const basic = Buffer.from(`${config.auth.clientId}:${config.auth.clientSecret}`).toString('base64');
				const res = await fetch(tokenUrl(config.baseUrl), {
					method: 'POST',
					headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', ...config.headers },
					body: new URLSearchParams({ grant_type: 'client_credentials', scope: config.auth.scope ?? 'read(all)' }).toString(),
				});
				if (!res.ok) throw new Error(`token: HTTP ${res.status}: ${await res.text()}`);
				const token = ((await res.json()) as { access_token: string }).access_token;
				return { headers: { Authorization: `Bearer ${token}` }, fetchedToken: true };
			},
			pageUrl: (config, index) =>
				`${config.baseUrl.replace(/\/+$/, '')}/api/v0/jobs?_fields=_ALL&_limit=${config.pageSize}&_offset=${index * config.pageSize}`,
			warmUpUrl: (config) => `${config.baseUrl.replace(/\/+$/, '')}/api/v0/jobs?_fields=_ALL&_limit=1`,
			readPage: (body, config) => {
				const items = (body as { response: Array<Record<string, unknown>> }).response;
				return { items, last: items.length < config.pageSize };
			},
		},
	},

	e2e: {
		jobCount: 150,
		extraCredentials: () => [],
		workflows({ sim }) {
			const node = { type: ACTION, credentials: nodeCredentials(accelo, 'e2e') };
			const jobType = sim.data.jobTypes.find((type) => type.standing === 'active');
			const inProgress = sim.data.statuses.find((status) => status.title === 'In Progress');
			return [
				{
					expect: 'success',
					workflow: manualTriggerWorkflow('accelo-ops', 'Accelo: every operation', [
						jobStep(node, 'Create', 'create', {
							title: 'E2E: website refresh',
							againstType: 'company',
							againstId: String(sim.data.companies[0].id),
							managerId: String(sim.data.staff[0].id),
							typeId: String(jobType?.id),
							additionalFields: { dateDue: '2026-11-15T17:00:00Z' },
						}),
						jobStep(node, 'Update', 'update', { jobId: byExpression('$json.id'), updateFields: { title: 'E2E: website refresh (renamed)' } }),
						jobStep(node, 'Change Status', 'changeStatus', {
							jobId: byExpression('$json.id'),
							statusId: String(inProgress?.id),
							useProgressions: true,
						}),
						jobStep(node, 'Get', 'get', { jobId: byExpression('$json.id') }),
						jobStep(node, 'Get Many', 'getAll', {
							returnAll: true,
							filters: { standing: ['active'] },
							options: { fields: 'title,standing,status' },
						}),
					]),
				},
				{
					expect: 'error',
					workflow: manualTriggerWorkflow('accelo-error', 'Accelo: a missing job', [
						jobStep(node, 'Missing Job', 'get', { jobId: byExpression('987654321') }),
					]),
				},
			];
		},
	},
};
