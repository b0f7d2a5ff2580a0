/**
 * The packed package installed into real n8n 2.41.1 the way its community-package installer does,
 * with every node's operations run by n8n's CLI against the provider simulators (started in this
 * process, on loopback). Also: n8n loads every node and credential without a warning, credential
 * tests pass through n8n's REST API, an API error surfaces with the provider's message and no
 * secret, and Continue On Fail keeps the other items.
 *
 * The first run installs Node 24 + n8n into a cache outside the repo (about 9 minutes).
 */
import {
	checkPackageLoaded,
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	manualTriggerWorkflow,
	nodeError,
	nodeOutput,
	packPackage,
	REPO_ROOT,
	startN8n,
	type ExecuteResult,
	type N8nCredential,
	type N8nHome,
	type N8nWorkflow,
} from '../../tooling/n8n';
import { AcceloSimulator } from '../../tooling/simulators/accelo';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';

const PKG = 'n8n-nodes-field-service';
const FSM = `${PKG}.fsmNavigator`;
const ACCELO = `${PKG}.accelo`;
const WRONG_KEY = 'fsm_live_wrong_key_must_not_leak_42';

let home: N8nHome;
let fsm: FsmNavigatorSimulator;
let accelo: AcceloSimulator;
const results = new Map<string, ExecuteResult>();
let credentials: N8nCredential[] = [];

const fsmCred = { fsmNavigatorApi: { id: 'cred-fsm', name: 'FSM Navigator (simulator)' } };
const fsmWrongCred = { fsmNavigatorApi: { id: 'cred-fsm-wrong', name: 'FSM Navigator (wrong key)' } };
const acceloCred = { acceloOAuth2Api: { id: 'cred-accelo', name: 'Accelo (simulator)' } };
const byExpression = (expression: string) => ({ __rl: true, mode: 'id', value: `={{ ${expression} }}` });

function workflows(): N8nWorkflow[] {
	const pendingJob = fsm.jobs.ascending().find((job) => job.job_status === 'Pending');
	const location = [...fsm.locations.values()][0];
	const acceloType = accelo.data.jobTypes.find((type) => type.standing === 'active');
	const inProgress = accelo.data.statuses.find((status) => status.title === 'In Progress');
	return [
		manualTriggerWorkflow('fsm-ops', 'FSM Navigator: every operation', [
			{
				name: 'Create',
				type: FSM,
				credentials: fsmCred,
				parameters: {
					resource: 'job',
					operation: 'create',
					jobTitle: 'E2E: replace filter',
					customerLocationId: String(location.customer_location_id),
					additionalFields: { jobPriority: 'High', scheduledStart: '2026-03-02T09:00:00Z' },
				},
			},
			{
				name: 'Update',
				type: FSM,
				credentials: fsmCred,
				parameters: {
					resource: 'job',
					operation: 'update',
					jobId: byExpression('$json.job_id'),
					updateFields: { jobDescription: 'Updated by n8n e2e', jobPriority: 'Urgent' },
				},
			},
			{
				name: 'Change Status',
				type: FSM,
				credentials: fsmCred,
				parameters: { resource: 'job', operation: 'changeStatus', jobId: byExpression('$json.job_id'), status: 'Assigned' },
			},
			{
				name: 'Get',
				type: FSM,
				credentials: fsmCred,
				parameters: { resource: 'job', operation: 'get', jobId: byExpression('$json.job_id') },
			},
			{
				name: 'Get Many',
				type: FSM,
				credentials: fsmCred,
				parameters: { resource: 'job', operation: 'getAll', returnAll: true, filters: { status: 'Pending' } },
			},
		]),
		manualTriggerWorkflow('fsm-errors', 'FSM Navigator: continue on fail, then a wrong key', [
			{
				name: 'Three Jobs',
				type: FSM,
				credentials: fsmCred,
				parameters: { resource: 'job', operation: 'getAll', limit: 3 },
			},
			{
				name: 'Get Each',
				type: FSM,
				credentials: fsmCred,
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'job',
					operation: 'get',
					jobId: byExpression('$itemIndex === 1 ? 99999999 : $json.job_id'),
				},
			},
			{
				name: 'Wrong Key',
				type: FSM,
				credentials: fsmWrongCred,
				executeOnce: true,
				parameters: { resource: 'job', operation: 'changeStatus', jobId: byExpression(String(pendingJob?.job_id)), status: 'Assigned' },
			},
		]),
		manualTriggerWorkflow('accelo-ops', 'Accelo: every operation', [
			{
				name: 'Create',
				type: ACCELO,
				credentials: acceloCred,
				parameters: {
					resource: 'job',
					operation: 'create',
					title: 'E2E: website refresh',
					againstType: 'company',
					againstId: String(accelo.data.companies[0].id),
					managerId: String(accelo.data.staff[0].id),
					typeId: String(acceloType?.id),
					additionalFields: { dateDue: '2026-11-15T17:00:00Z' },
				},
			},
			{
				name: 'Update',
				type: ACCELO,
				credentials: acceloCred,
				parameters: {
					resource: 'job',
					operation: 'update',
					jobId: byExpression('$json.id'),
					updateFields: { title: 'E2E: website refresh (renamed)' },
				},
			},
			{
				name: 'Change Status',
				type: ACCELO,
				credentials: acceloCred,
				parameters: {
					resource: 'job',
					operation: 'changeStatus',
					jobId: byExpression('$json.id'),
					statusId: String(inProgress?.id),
					useProgressions: true,
				},
			},
			{
				name: 'Get',
				type: ACCELO,
				credentials: acceloCred,
				parameters: { resource: 'job', operation: 'get', jobId: byExpression('$json.id') },
			},
			{
				name: 'Get Many',
				type: ACCELO,
				credentials: acceloCred,
				parameters: {
					resource: 'job',
					operation: 'getAll',
					returnAll: true,
					filters: { standing: ['active'] },
					options: { fields: 'title,standing,status' },
				},
			},
		]),
		manualTriggerWorkflow('accelo-error', 'Accelo: a missing job', [
			{
				name: 'Missing Job',
				type: ACCELO,
				credentials: acceloCred,
				parameters: { resource: 'job', operation: 'get', jobId: byExpression('987654321') },
			},
		]),
	];
}

async function run(id: string): Promise<ExecuteResult> {
	const result = await executeWorkflow(home, id);
	results.set(id, result);
	if (!result.run) throw new Error(`n8n printed no run for ${id}:\n${result.stdout}\n${result.stderr}`);
	return result;
}

beforeAll(async () => {
	fsm = new FsmNavigatorSimulator({ jobCount: 120 });
	accelo = new AcceloSimulator({ jobCount: 150 });
	const fsmBase = await fsm.start();
	const acceloBase = await accelo.start();
	const tgz = await packPackage(REPO_ROOT);
	home = await createN8nHome({ packages: [tgz] });
	credentials = [
		{ id: 'cred-fsm', name: 'FSM Navigator (simulator)', type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: fsmBase } },
		{ id: 'cred-fsm-wrong', name: 'FSM Navigator (wrong key)', type: 'fsmNavigatorApi', data: { apiKey: WRONG_KEY, baseUrl: fsmBase } },
		{
			id: 'cred-accelo',
			name: 'Accelo (simulator)',
			type: 'acceloOAuth2Api',
			data: {
				deployment: accelo.deployment,
				baseUrl: acceloBase,
				clientId: accelo.clientId,
				clientSecret: accelo.clientSecret,
				scope: 'read(all) write(all)',
				grantType: 'clientCredentials',
				accessTokenUrl: `${acceloBase}/oauth2/v0/token`,
				authentication: 'header',
			},
		},
	];
	await importCredentials(home, credentials);
	await importWorkflow(home, workflows());
});

afterAll(async () => {
	await fsm?.stop();
	await accelo?.stop();
	home?.cleanup();
});

beforeEach(() => {
	fsm.server.clearLog();
	accelo.server.clearLog();
});

it('loads every node and credential of the package without a warning', async () => {
	const report = await checkPackageLoaded(home, PKG, {
		expectNodes: ['fsmNavigator', 'accelo'],
		expectCredentials: ['fsmNavigatorApi', 'acceloOAuth2Api'],
	});
	expect(report.problems).toEqual([]);
	expect(report.missingNodes).toEqual([]);
	expect(report.missingCredentials).toEqual([]);
	expect(report.nodeTypes).toEqual(expect.arrayContaining([FSM, ACCELO]));
	expect(report.ok).toBe(true);
});

it('runs every FSM Navigator operation in a saved workflow', async () => {
	const before = fsm.jobs.size;
	const { run: result } = await run('fsm-ops');
	expect(result?.data.resultData.error).toBeUndefined();
	expect(result?.status).toBe('success');
	const created = nodeOutput(result!, 'Create')[0].json;
	expect(created).toMatchObject({ job_title: 'E2E: replace filter', job_status: 'Pending', job_priority: 'High' });
	expect(fsm.jobs.size).toBe(before + 1);
	expect(nodeOutput(result!, 'Update')[0].json).toMatchObject({ job_id: created.job_id, job_priority: 'Urgent' });
	expect(nodeOutput(result!, 'Change Status')[0].json).toMatchObject({ job_id: created.job_id, job_status: 'Assigned' });
	expect(nodeOutput(result!, 'Get')[0].json).toMatchObject({
		job_id: created.job_id,
		job_status: 'Assigned',
		job_description: 'Updated by n8n e2e',
	});
	const pending = fsm.jobs.ascending().filter((job) => job.job_status === 'Pending').map((job) => job.job_id);
	expect(nodeOutput(result!, 'Get Many').map((item) => item.json.job_id)).toEqual(pending);
	expect(nodeOutput(result!, 'Get Many')[0].pairedItem).toEqual({ item: 0 });
	expect(fsm.getJob(Number(created.job_id))?.job_status).toBe('Assigned');
});

it('continues on fail item by item, then reports a wrong key as 401 without showing it', async () => {
	const result = await run('fsm-errors');
	const out = nodeOutput(result.run!, 'Get Each');
	expect(out).toHaveLength(3);
	expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(out[0].json.job_id).toBe(fsm.jobs.ascending()[0].job_id);
	expect(String(out[1].json.error)).toContain('Job not found');
	expect(out[2].json.job_id).toBe(fsm.jobs.ascending()[2].job_id);
	expect(result.run?.status).toBe('error');
	const error = nodeError(result.run!, 'Wrong Key');
	expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	expect(error?.message).toContain('Invalid or missing API key');
	expect(fsm.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
	expect(result.stdout + result.stderr).not.toContain(WRONG_KEY);
});

it('runs every Accelo operation, with the token fetched by n8n', async () => {
	const { run: result } = await run('accelo-ops');
	expect(result?.data.resultData.error).toBeUndefined();
	expect(result?.status).toBe('success');
	expect(accelo.tokenRequests.length).toBeGreaterThanOrEqual(1);
	const created = nodeOutput(result!, 'Create')[0].json;
	expect(created).toMatchObject({ title: 'E2E: website refresh', against_type: 'company' });
	expect(nodeOutput(result!, 'Update')[0].json).toMatchObject({ id: created.id, title: 'E2E: website refresh (renamed)' });
	const inProgress = accelo.data.statuses.find((status) => status.title === 'In Progress');
	expect(nodeOutput(result!, 'Change Status')[0].json).toMatchObject({ id: created.id, status: String(inProgress?.id) });
	expect(nodeOutput(result!, 'Get')[0].json).toMatchObject({ id: created.id, standing: 'active' });
	const active = accelo.jobs.filter((job) => job.standing === 'active').map((job) => String(job.id));
	expect(nodeOutput(result!, 'Get Many').map((item) => item.json.id)).toEqual(active);
	expect(accelo.apiRequests.some((r) => r.path.endsWith('/auto'))).toBe(true);
});

it("surfaces Accelo's own error message", async () => {
	const result = await run('accelo-error');
	expect(result.run?.status).toBe('error');
	const error = nodeError(result.run!, 'Missing Job');
	expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
	expect(error?.message).toMatch(/^Accelo: .*invalid_request/);
	expect(result.stdout + result.stderr).not.toContain(accelo.clientSecret);
});

it("passes each credential's Test in n8n", async () => {
	const server = await startN8n(home);
	try {
		// What the editor sends when you press Test: the credential with its fields.
		const test = async (id: string, type: string): Promise<{ http: number; body: unknown }> => {
			const credential = credentials.find((c) => c.id === id);
			const response = await fetch(`${server.baseUrl}/rest/credentials/test`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Cookie: server.authCookie },
				body: JSON.stringify({ credentials: { id, name: credential?.name, type, data: credential?.data } }),
			});
			return { http: response.status, body: await response.json() };
		};
		fsm.server.clearLog();
		expect(await test('cred-fsm', 'fsmNavigatorApi')).toMatchObject({ http: 200, body: { data: { status: 'OK' } } });
		expect(await test('cred-fsm-wrong', 'fsmNavigatorApi')).toMatchObject({ http: 200, body: { data: { status: 'Error' } } });
		expect(fsm.requests.length).toBeGreaterThanOrEqual(2);
		expect(fsm.requests.every((r) => r.path === '/api/v1/jobs' && r.query.per_page === '1')).toBe(true);
		expect(await test('cred-accelo', 'acceloOAuth2Api')).toMatchObject({ http: 200, body: { data: { status: 'OK' } } });
		expect(accelo.apiRequests.map((r) => r.path)).toContain('/api/v0/tokeninfo');
	} finally {
		await server.stop();
	}
});
