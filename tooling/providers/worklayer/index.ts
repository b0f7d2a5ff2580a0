/**
 * Worklayer (Taxfyle) in the tooling: its simulator (tooling/simulators/worklayer/: API + Auth0
 * token endpoint), the client-credentials credential (the node's credential fetches the token with
 * a JSON body), the sandbox's text, the bench profile and the e2e workflows. API: `page_size` (50
 * documented) / `page_token` → `next_page_token`, "" at the end (https://docs.taxfyle.com/jobs/job-list).
 */
import { randomUUID } from 'node:crypto';

import { manualTriggerWorkflow } from '../../n8n/runs';
import { generateWorklayerData, WORKLAYER_AUDIENCE, WorklayerSimulator, worklayerIsoMs } from '../../simulators/worklayer';
import { nodeCredentials } from '../credentials';
import type { ProviderTooling, RunningSimulator } from '../types';
import { byExpression, countBy, jobStep, nodeType, providerNodeTypes, startRunning } from '../util';

const PAGE_SIZE = 50;
const ACTION = nodeType('worklayer');

type Running = RunningSimulator<WorklayerSimulator>;

/** Job ids and short ids out of paths: 'GET /v1.0/jobs/{id}/submit'. */
function routeOf(path: string): string {
	return path
		.replace(/\/getByShortId:[^/]+/, '/getByShortId:{shortId}')
		.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, '/{id}');
}

/** The floor loop's cursor: the API pages by token, so page `index` needs the token page `index - 1` handed out. */
let floorToken = '';

export const worklayer: ProviderTooling<WorklayerSimulator> = {
	key: 'worklayer',
	displayName: 'Worklayer',
	nodeTypes: providerNodeTypes('worklayer', true),
	credentialType: 'worklayerApi',
	exampleWorkflows: ['worklayer-new-return.json', 'worklayer-claimed-job-trigger.json', 'worklayer-instant-job-status.json', 'all-providers-one-list.json'],

	async startSimulator({ jobCount, referenceDate, port }): Promise<Running> {
		// The simulator has no rate limit unless asked for one, so `noRateLimit` needs nothing here.
		const data = generateWorklayerData(jobCount, 1, ...(referenceDate ? [referenceDate] : []));
		const sim = new WorklayerSimulator({ data });
		return await startRunning(sim, port, (apiUrl) => ({
			// What a user types: the audience keeps its default.
			credentialData: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl: apiUrl },
			route: (req) => `${req.method} ${routeOf(req.path)}`,
		}));
	},

	demo: {
		defaultPort: 5684,
		liveActivity({ sim }) {
			const now = worklayerIsoMs(Date.now());
			const jobs = sim.listJobs();
			const template = jobs[Math.floor(Math.random() * jobs.length)];
			const shortId = randomUUID().replace(/-/g, '').slice(0, 11).toUpperCase();
			const arrived = sim.putJob({
				...template,
				id: randomUUID(),
				short_id: shortId,
				status: 'UNDER_CONSTRUCTION',
				create_time: now,
				update_time: now,
				transmit_time: null,
				members: template.members.filter((member) => member.role === 'CLIENT'),
			});
			// The newest earlier draft goes to the pool, and a Pro claims the newest job there: what the
			// "a Pro claimed a job" example watches (the pool never runs dry).
			const draft = [...jobs].reverse().find((job) => job.status === 'UNDER_CONSTRUCTION');
			if (draft) sim.putJob({ ...draft, status: 'UNCLAIMED', transmit_time: now, update_time: now });
			const unclaimed = [...sim.listJobs()].reverse().find((job) => job.status === 'UNCLAIMED');
			const pro = sim.pros[Math.floor(Math.random() * sim.pros.length)];
			if (unclaimed && pro) {
				sim.putJob({
					...unclaimed,
					status: 'CLAIMED',
					update_time: now,
					members: [...unclaimed.members, { user_id: pro.user_id, given_name: pro.given_name, family_name: pro.family_name, role: 'CHAMPION', type: 'PROVIDER' }],
				});
			}
			return `job ${arrived.short_id} created (UNDER_CONSTRUCTION)${unclaimed && pro ? `; job ${unclaimed.short_id} UNCLAIMED → CLAIMED by ${pro.given_name} ${pro.family_name}` : ''}`;
		},
		summary({ sim }) {
			const jobs = sim.listJobs();
			const clients = sim.members.filter((m) => m.type === 'CLIENT');
			return (
				`workspace ${sim.workspaceId}: ${jobs.length} tax-return jobs (${countBy([...jobs], (job) => job.status)}), ` +
				`${clients.length} client members, ${sim.templates.length} job templates, ${sim.pros.length} Pros`
			);
		},
		hints({ sim }) {
			const draft = sim.listJobs().find((job) => job.status === 'UNDER_CONSTRUCTION');
			const clients = sim.members.filter((m) => m.type === 'CLIENT').slice(0, 3);
			return [
				`token: curl -s -H 'Content-Type: application/json' -d '{"client_id":"${sim.clientId}","client_secret":"${sim.clientSecret}","audience":"${WORKLAYER_AUDIENCE}","grant_type":"client_credentials"}' ${sim.tokenUrl}`,
				`then: curl -s -G -H "Authorization: Bearer $TOKEN" --data-urlencode 'filter=status = "UNCLAIMED"' '${sim.baseUrl}/jobs?page_size=3'`,
				`clients: ${clients.map((m) => `${m.user_id} ${m.given_name} ${m.family_name}`).join(', ')}`,
				`templates: ${sim.templates.map((t) => `${t.id} ${t.name}`).join(', ')}`,
				`Pros (for Update → Requested Provider ID): ${sim.pros.slice(0, 3).map((p) => `${p.user_id} ${p.given_name} ${p.family_name}`).join(', ')}`,
				...(draft ? [`a draft job to submit: ${draft.short_id} (${draft.description})`] : []),
			];
		},
		tryThis: [
			'in a Worklayer node, open the Job field: "From list" reads the simulator; a short ID typed in the search is looked up directly',
			'Worklayer Get Many: pick two statuses and a Created After date, and watch the simulator log one query per status',
			'Worklayer Change Status → Submit on a Claimed job: refused with its status named, and nothing is sent',
		],
	},

	bench: {
		idPrefix: 'wl',
		pageSize: PAGE_SIZE,
		idField: 'id',
		baseline: ({ apiUrl }) => ({
			listUrl: `${apiUrl}/jobs`,
			query: [{ name: 'page_size', value: String(PAGE_SIZE) }],
			authHeaders: [],
			predefinedCredential: true,
			pagingParameter: { name: 'page_token', value: '={{ $response.body.next_page_token }}' },
			completeExpression: '={{ !$response.body.next_page_token }}',
			listField: 'data',
		}),
		baselineNote:
			`Worklayer: \`page_size=${PAGE_SIZE}\`, \`page_token={{ $response.body.next_page_token }}\`, complete when \`next_page_token\` is empty; ` +
			'auth with the same `worklayerApi` credential (token by preAuthentication) as a "Predefined Credential Type".',
		isList: (r) => r.method === 'GET' && r.path === '/v1.0/jobs',
		isToken: (r) => r.path === '/oauth/token',
		tokensIssued: ({ sim }) => sim.issuedTokens.length,
		usesToken: true,
		// The last page carries an empty token: no extra request, even at a multiple of the page size.
		expectedListRequests: (size) => Math.max(1, Math.ceil(size / PAGE_SIZE)),
		floorConfig: ({ sim, apiUrl }, headers) => ({
			provider: 'worklayer',
			baseUrl: apiUrl,
			auth: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, audience: WORKLAYER_AUDIENCE },
			pageSize: PAGE_SIZE,
			headers,
		}),
		floor: {
			async authorize(config) {
				const res = await fetch(config.auth.tokenUrl, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', ...config.headers },
					body: JSON.stringify({
						client_id: config.auth.clientId,
						client_secret: config.auth.clientSecret,
						audience: config.auth.audience,
						grant_type: 'client_credentials',
					}),
				});
				if (!res.ok) throw new Error(`token: HTTP ${res.status}: ${await res.text()}`);
				const token = ((await res.json()) as { access_token: string }).access_token;
				return { headers: { Authorization: `Bearer ${token}` }, fetchedToken: true };
			},
			pageUrl(config, index) {
				if (index === 0) floorToken = '';
				const token = index === 0 ? '' : `&page_token=${encodeURIComponent(floorToken)}`;
				return `${config.baseUrl.replace(/\/+$/, '')}/jobs?page_size=${config.pageSize}${token}`;
			},
			warmUpUrl: (config) => `${config.baseUrl.replace(/\/+$/, '')}/jobs?page_size=1`,
			readPage(body) {
				const page = body as { data: Array<Record<string, unknown>>; next_page_token?: string };
				floorToken = page.next_page_token ?? '';
				return { items: page.data, last: floorToken === '' };
			},
		},
	},

	e2e: {
		jobCount: 150,
		extraCredentials: ({ sim, apiUrl }) => [
			{
				id: 'e2eWorklayerWrongSecret',
				name: 'Worklayer (wrong secret)',
				type: 'worklayerApi',
				data: { clientId: sim.clientId, clientSecret: WORKLAYER_E2E_WRONG_SECRET, tokenUrl: sim.tokenUrl, baseUrl: apiUrl },
			},
		],
		workflows({ sim }) {
			const node = { type: ACTION, credentials: nodeCredentials(worklayer, 'e2e') };
			const owner = sim.members.find((m) => m.type === 'CLIENT');
			const closed = sim.listJobs().find((job) => job.status === 'CLOSED');
			return [
				{
					expect: 'success',
					workflow: manualTriggerWorkflow('worklayer-ops', 'Worklayer: every operation', [
						jobStep(node, 'Create', 'create', { ownerUserId: String(owner?.user_id), jobTemplateId: sim.templates[0].id }),
						jobStep(node, 'Update', 'update', {
							jobId: byExpression('$json.short_id'),
							updateFields: { requestedProviderId: sim.pros[0].user_id },
						}),
						jobStep(node, 'Change Status', 'changeStatus', { jobId: byExpression('$json.id'), status: 'submit' }),
						jobStep(node, 'Get', 'get', { jobId: byExpression('$json.id') }),
						jobStep(node, 'Get Many', 'getAll', {
							returnAll: true,
							filters: { status: ['UNCLAIMED', 'CLAIMED'], createdAfter: '2025-06-01T00:00:00Z' },
						}),
					]),
				},
				{
					expect: 'error',
					workflow: manualTriggerWorkflow('worklayer-errors', 'Worklayer: submit a closed job, then a wrong secret', [
						jobStep(node, 'Submit Closed Job', 'changeStatus', { jobId: byExpression(JSON.stringify(closed?.id ?? '')), status: 'submit' }, { onError: 'continueRegularOutput' }),
						{
							type: ACTION,
							credentials: { worklayerApi: { id: 'e2eWorklayerWrongSecret', name: 'Worklayer (wrong secret)' } },
							name: 'Wrong Secret',
							executeOnce: true,
							parameters: { resource: 'job', operation: 'getAll', limit: 1 },
						},
					]),
				},
			];
		},
	},
};

/** The secret the e2e suite's wrong credential holds (it must never show up in n8n's output). */
export const WORKLAYER_E2E_WRONG_SECRET = 'worklayer-wrong-secret-must-not-leak-42';
