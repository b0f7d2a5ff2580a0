/**
 * The packed package installed into real n8n 2.41.1 the way its community-package installer does,
 * with every node's operations run by n8n's CLI against the provider simulators (started in this
 * process, on loopback). Also: n8n loads every node and credential without a warning, credential
 * tests pass through n8n's REST API, an API error surfaces with the provider's message and no
 * secret, and Continue On Fail keeps the other items.
 *
 * Every provider comes from the registry in tooling/providers: its simulator, its credential, its
 * e2e workflows. The tests below check FSM Navigator's and Accelo's runs in detail; any other
 * provider's workflows run in the generic test at the end (each must end as its module says).
 *
 * The first run installs Node 24 + n8n into a cache outside the repo (about 9 minutes).
 */
import {
	checkPackageLoaded,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	loadOptionsList,
	loadResourceLocatorList,
	nodeError,
	nodeOutput,
	startN8n,
	type ExecuteResult,
	type N8nCredential,
	type N8nHome,
} from '../../tooling/n8n';
import {
	credentialRef,
	PROVIDERS,
	type E2eWorkflow,
	type ProviderTooling,
	type RunningSimulator,
} from '../../tooling/providers';
import { accelo as acceloTooling } from '../../tooling/providers/accelo';
import { housecallPro as hcpTooling } from '../../tooling/providers/housecallPro';
import { planado as planadoTooling } from '../../tooling/providers/planado';
import { worklayer as worklayerTooling } from '../../tooling/providers/worklayer';
import { FSM_E2E_WRONG_KEY as WRONG_KEY, fsmNavigator as fsmTooling } from '../../tooling/providers/fsmNavigator';
import { PACKAGE_NAME as PKG } from '../../tooling/repo';
import type { AcceloSimulator } from '../../tooling/simulators/accelo';
import type { FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';

import { e2eCredentials, homeWithPackage } from './setupHome';

const FSM = fsmTooling.nodeTypes.action;
const ACCELO = acceloTooling.nodeTypes.action;

let home: N8nHome;
const running = new Map<ProviderTooling, RunningSimulator>();
const e2eWorkflows = new Map<ProviderTooling, E2eWorkflow[]>();
const results = new Map<string, ExecuteResult>();
let credentials: N8nCredential[] = [];

/** The running simulator of a provider, typed as that provider's simulator class. */
function simOf<S>(provider: ProviderTooling<S>): S {
	const sim = running.get(provider as ProviderTooling)?.sim;
	if (!sim) throw new Error(`${provider.displayName}: simulator not started`);
	return sim as S;
}
let fsm: FsmNavigatorSimulator;
let accelo: AcceloSimulator;

/** Providers whose e2e workflows the tests below check in detail; any other provider's run through the generic test. */
const CHECKED_IN_DETAIL = new Set([fsmTooling.key, acceloTooling.key]);

async function run(id: string): Promise<ExecuteResult> {
	const result = await executeWorkflow(home, id);
	results.set(id, result);
	if (!result.run) throw new Error(`n8n printed no run for ${id}:\n${result.stdout}\n${result.stderr}`);
	return result;
}

beforeAll(async () => {
	for (const provider of PROVIDERS) {
		running.set(provider, await provider.startSimulator({ jobCount: provider.e2e.jobCount }));
	}
	fsm = simOf(fsmTooling);
	accelo = simOf(acceloTooling);
	home = await homeWithPackage();
	credentials = e2eCredentials(running);
	for (const provider of PROVIDERS) e2eWorkflows.set(provider, provider.e2e.workflows(running.get(provider)!));
	await importCredentials(home, credentials);
	await importWorkflow(home, [...e2eWorkflows.values()].flat().map((w) => w.workflow));
});

afterAll(async () => {
	for (const sim of running.values()) await sim.stop();
	home?.cleanup();
});

beforeEach(() => {
	for (const sim of running.values()) sim.server.clearLog();
});

it('loads every node and credential of the package without a warning', async () => {
	const report = await checkPackageLoaded(home, PKG, {
		expectNodes: PROVIDERS.flatMap((p) => Object.values(p.nodeTypes)),
		expectCredentials: PROVIDERS.map((p) => p.credentialType),
	});
	expect(report.problems).toEqual([]);
	expect(report.missingNodes).toEqual([]);
	expect(report.missingCredentials).toEqual([]);
	expect(report.nodeTypes).toEqual(expect.arrayContaining([FSM, ACCELO, ...PROVIDERS.map((p) => p.nodeTypes.action)]));
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
		for (const provider of PROVIDERS) {
			expect(await test(credentialRef(provider, 'e2e').id, provider.credentialType)).toMatchObject({
				http: 200,
				body: { data: { status: 'OK' } },
			});
		}
		fsm.server.clearLog();
		expect(await test(credentialRef(fsmTooling, 'e2e').id, 'fsmNavigatorApi')).toMatchObject({ http: 200, body: { data: { status: 'OK' } } });
		expect(await test('e2eFsmNavigatorWrongKey', 'fsmNavigatorApi')).toMatchObject({ http: 200, body: { data: { status: 'Error' } } });
		expect(fsm.requests.length).toBeGreaterThanOrEqual(2);
		expect(fsm.requests.every((r) => r.path === '/api/v1/jobs' && r.query.per_page === '1')).toBe(true);
		expect(accelo.apiRequests.map((r) => r.path)).toContain('/api/v0/tokeninfo');
	} finally {
		await server.stop();
	}
});

it('loads every record picker and multi-select through n8n as the editor does', async () => {
	const hcp = simOf(hcpTooling);
	const planadoSim = simOf(planadoTooling);
	const worklayerSim = simOf(worklayerTooling);
	const customer = hcp.customers.find((c) => c.addresses.length > 1) ?? hcp.customers[0];
	const planadoClient = planadoSim.sites.find((site) => site.client_uuid)?.client_uuid as string;
	/** Each list: who serves it, the parameter it fills, and IDs the simulator says it must show. */
	const lists: Array<{ provider: ProviderTooling; kind: 'locator' | 'options'; method: string; path: string; parameters?: Record<string, unknown>; expected: () => string[] }> = [
		{ provider: hcpTooling, kind: 'locator', method: 'searchCustomers', path: 'parameters.customerId', parameters: { operation: 'create' }, expected: () => [hcp.customers[0].id] },
		{
			provider: hcpTooling,
			kind: 'locator',
			method: 'searchCustomerAddresses',
			path: 'parameters.addressId',
			parameters: { operation: 'create', customerId: { __rl: true, mode: 'list', value: customer.id } },
			expected: () => customer.addresses.map((a) => a.id),
		},
		{ provider: hcpTooling, kind: 'options', method: 'getEmployees', path: 'parameters.filters.employeeIds', parameters: { operation: 'getAll' }, expected: () => hcp.employees.map((e) => e.id) },
		{ provider: acceloTooling, kind: 'locator', method: 'searchCompanies', path: 'parameters.againstId', parameters: { operation: 'create', againstType: 'company' }, expected: () => accelo.data.companies.map((c) => String(c.id)) },
		{ provider: acceloTooling, kind: 'locator', method: 'searchStaff', path: 'parameters.managerId', parameters: { operation: 'create' }, expected: () => accelo.data.staff.filter((x) => x.standing === 'active').map((x) => String(x.id)) },
		{ provider: acceloTooling, kind: 'options', method: 'getStaff', path: 'parameters.filters.managerIds', parameters: { operation: 'getAll' }, expected: () => accelo.data.staff.filter((x) => x.standing === 'active').map((x) => String(x.id)) },
		{ provider: fsmTooling, kind: 'locator', method: 'searchTechnicians', path: 'parameters.filters.assignedTechnicianId', parameters: { operation: 'getAll' }, expected: () => [...fsm.technicians.keys()].map(String) },
		{ provider: worklayerTooling, kind: 'locator', method: 'searchMembers', path: 'parameters.ownerUserId', parameters: { operation: 'create' }, expected: () => worklayerSim.members.filter((m) => m.type === 'CLIENT').map((m) => m.user_id).slice(0, 1) },
		{ provider: worklayerTooling, kind: 'locator', method: 'searchJobTemplates', path: 'parameters.jobTemplateId', parameters: { operation: 'create' }, expected: () => worklayerSim.templates.map((t) => t.id) },
		{ provider: planadoTooling, kind: 'locator', method: 'searchClients', path: 'parameters.additionalFields.clientUuid', parameters: { operation: 'create' }, expected: () => [planadoSim.clients[0].uuid] },
		{
			provider: planadoTooling,
			kind: 'locator',
			method: 'searchSites',
			path: 'parameters.additionalFields.siteUuid',
			parameters: { operation: 'create', additionalFields: { clientUuid: { __rl: true, mode: 'list', value: planadoClient } } },
			expected: () => planadoSim.sites.filter((site) => site.client_uuid === planadoClient).map((site) => site.uuid),
		},
		{ provider: planadoTooling, kind: 'locator', method: 'searchTeams', path: 'parameters.filters.assigneeTeamUuid', parameters: { operation: 'getAll' }, expected: () => planadoSim.teams.map((t) => t.uuid) },
		{ provider: planadoTooling, kind: 'options', method: 'getResolutions', path: 'parameters.filters.resolutionFinished', parameters: { operation: 'getAll' }, expected: () => planadoSim.resolutions.map((r) => r.uuid) },
		{ provider: planadoTooling, kind: 'locator', method: 'searchTemplates', path: 'parameters.additionalFields.template', parameters: { operation: 'create' }, expected: () => [planadoSim.templates[0].uuid] },
		{ provider: planadoTooling, kind: 'locator', method: 'searchJobTypes', path: 'parameters.additionalFields.jobType', parameters: { operation: 'create' }, expected: () => [planadoSim.jobTypes[0].uuid] },
		{ provider: planadoTooling, kind: 'locator', method: 'searchTerritories', path: 'parameters.additionalFields.territory', parameters: { operation: 'create' }, expected: () => [planadoSim.territories[0].uuid] },
		{ provider: planadoTooling, kind: 'options', method: 'getSkills', path: 'parameters.additionalFields.skills', parameters: { operation: 'create' }, expected: () => planadoSim.skills.map((x) => x.uuid) },
		{
			provider: fsmTooling,
			kind: 'options',
			method: 'getAssets',
			path: 'parameters.additionalFields.assetIds',
			parameters: { operation: 'create', customerLocationId: String([...fsm.assets.values()][0].customer_location_id) },
			expected: () => [...fsm.assets.values()].filter((a) => !a.deleted && a.customer_location_id === [...fsm.assets.values()][0].customer_location_id).map((a) => String(a.asset_id)),
		},
		{
			provider: acceloTooling,
			kind: 'locator',
			method: 'searchAffiliations',
			path: 'parameters.additionalFields.affiliationId',
			parameters: { operation: 'create', againstType: 'company', againstId: { __rl: true, mode: 'list', value: String(accelo.pickerLists().affiliations[0].company_id) } },
			expected: () => accelo.pickerLists().affiliations.filter((a) => a.company_id === accelo.pickerLists().affiliations[0].company_id).map((a) => String(a.id)),
		},
		{ provider: acceloTooling, kind: 'locator', method: 'searchContracts', path: 'parameters.additionalFields.contractId', parameters: { operation: 'create' }, expected: () => accelo.pickerLists().contracts.map((c) => String(c.id)) },
		{ provider: acceloTooling, kind: 'locator', method: 'searchRates', path: 'parameters.additionalFields.rateId', parameters: { operation: 'create' }, expected: () => accelo.data.rates.map((r) => String(r.id)) },
	];
	const server = await startN8n(home);
	try {
		for (const list of lists) {
			const request = {
				nodeType: list.provider.nodeTypes.action,
				methodName: list.method,
				path: list.path,
				currentNodeParameters: { resource: 'job', ...list.parameters },
				credentials: { [list.provider.credentialType]: credentialRef(list.provider, 'e2e') },
			};
			const values = (list.kind === 'locator' ? (await loadResourceLocatorList(server, request)).results : await loadOptionsList(server, request)).map((r) => String(r.value));
			expect({ list: list.method, shows: list.expected().every((id) => values.includes(id)) }).toEqual({ list: list.method, shows: true });
			if (['searchSites', 'getAssets', 'searchAffiliations'].includes(list.method)) expect({ list: list.method, only: values.every((id) => list.expected().includes(id)) }).toEqual({ list: list.method, only: true });
		}
		// A search goes through n8n too, and comes back narrowed.
		const found = await loadResourceLocatorList(server, {
			nodeType: hcpTooling.nodeTypes.action,
			methodName: 'searchCustomers',
			path: 'parameters.customerId',
			currentNodeParameters: { resource: 'job', operation: 'create' },
			credentials: { [hcpTooling.credentialType]: credentialRef(hcpTooling, 'e2e') },
			filter: String(customer.email),
		});
		expect(found.results.map((r) => r.value)).toEqual([customer.id]);
	} finally {
		await server.stop();
	}
});

for (const provider of PROVIDERS.filter((p) => !CHECKED_IN_DETAIL.has(p.key))) {
	it(`runs the e2e workflows of ${provider.displayName}, each ending as it should`, async () => {
		for (const { workflow, expect: status } of e2eWorkflows.get(provider) ?? []) {
			const result = await run(workflow.id);
			expect({ workflow: workflow.id, status: result.run?.status }).toEqual({ workflow: workflow.id, status });
			if (status === 'success') {
				expect(result.run?.data.resultData.error).toBeUndefined();
				for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PKG}.`))) {
					expect({ node: node.name, error: nodeError(result.run!, node.name) }).toEqual({ node: node.name, error: undefined });
				}
			}
		}
	});
}
