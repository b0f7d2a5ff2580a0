/**
 * The Accelo node through n8n's real engine against the Accelo simulator (token endpoint included).
 * Expected values come from the simulator's data, filtered here independently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AcceloOAuth2Api } from '../../credentials/AcceloOAuth2Api.credentials';
import { Accelo } from '../../nodes/Accelo/Accelo.node';
import { Harness, type RunResult } from '../harness/engine';
import { AcceloSimulator, type AcceloJob } from '../../tooling/simulators/accelo';

const TYPE = 'n8n-nodes-field-service.accelo';
let sim: AcceloSimulator;
let origin: string;
let harness: Harness;

function makeHarness(clientSecret = sim.clientSecret): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new Accelo() },
		credentialTypes: [new AcceloOAuth2Api()],
		credentials: [
			{
				type: 'acceloOAuth2Api',
				data: { deployment: sim.deployment, baseUrl: `${origin}/`, clientId: sim.clientId, clientSecret },
			},
		],
	});
}

async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false): Promise<RunResult> {
	return await harness.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const ids = (result: RunResult) => result.items.map((item) => item.json.id);
const listRequests = () => sim.apiRequests.filter((r) => r.method === 'GET' && r.path === '/api/v0/jobs');
const sorted = (jobs: readonly AcceloJob[]) => jobs.map((job) => String(job.id));
const firstJob = (predicate: (job: AcceloJob) => boolean) => {
	const job = sim.jobs.find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	sim = new AcceloSimulator({ jobCount: 260 });
	origin = await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.limitCap = 100;
	sim.progressionPermission = true;
});

describe('credential', () => {
	it('fetches a client-credentials token once with Basic auth and reuses it', async () => {
		const fresh = makeHarness();
		await fresh.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		await fresh.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		expect(sim.tokenRequests).toHaveLength(1);
		const token = sim.tokenRequests[0];
		expect(token.headers.authorization).toBe(
			`Basic ${Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64')}`,
		);
		expect(token.body).toMatchObject({ grant_type: 'client_credentials' });
		expect(listRequests().every((r) => /^Bearer \S+$/.test(String(r.headers.authorization)))).toBe(true);
		expect(fresh.storedCredential('acceloOAuth2Api').oauthTokenData).toMatchObject({ token_type: 'bearer' });
	});

	it('fetches a new token when Accelo rejects the stored one', async () => {
		const fresh = makeHarness();
		await fresh.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		sim.expireAllTokens();
		const result = await fresh.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 2 } });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(sim.tokenRequests).toHaveLength(2);
	});

	it('has a working credential test', async () => {
		expect(await makeHarness().testCredential('acceloOAuth2Api')).toMatchObject({ status: 'OK' });
		expect(sim.apiRequests.map((r) => r.path)).toContain('/api/v0/tokeninfo');
	});

	it('reports a wrong client secret without showing it', async () => {
		const secret = 'super-secret-never-shown';
		const result = await makeHarness(secret).runNode({
			type: TYPE,
			parameters: { resource: 'job', operation: 'getAll', limit: 1 },
		});
		expect(result.status).toBe('error');
		expect(JSON.stringify(result.run)).not.toContain(secret);
		expect(JSON.stringify(result.error?.raw ?? null)).not.toContain(secret);
	});
});

describe('Get Many', () => {
	it('one page at a time (Parallel Requests 1): _limit=100 pages overlapping by 3, ending on the short page', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, options: { parallelRequests: 1 } });
		expect(ids(result)).toEqual(sorted(sim.jobs));
		// Each page after the first starts 3 jobs early, so a job deleted meanwhile is not skipped.
		expect(listRequests().map((r) => [r.query._offset, r.query._limit])).toEqual([
			['0', '100'],
			['97', '100'],
			['194', '100'],
		]);
		expect(listRequests()[0].query._fields).toBe('_ALL');
		expect(result.items[0].json).toHaveProperty('date_created');
	});

	it('by default counts first, then reads the pages in parallel: one extra request, the exact last page', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { standing: ['active', 'complete'] } });
		const expected = sim.jobs.filter((job) => ['active', 'complete'].includes(job.standing));
		expect(ids(result)).toEqual(sorted(expected));
		const count = sim.apiRequests.filter((r) => r.path === '/api/v0/jobs/count');
		expect(count).toHaveLength(1);
		expect(count[0].query).toEqual({ _filters: 'standing(active,complete)' });
		const pages = Math.ceil(expected.length / 100);
		expect(listRequests()).toHaveLength(pages);
		// Every job asked for once, plus the 3-job overlap of each page after the first.
		expect(listRequests().map((r) => Number(r.query._limit)).reduce((a, b) => a + b, 0)).toBe(expected.length + 3 * (pages - 1));
	});

	it('stays one page at a time when an order is chosen (new jobs could land inside pages already read)', async () => {
		await run({ operation: 'getAll', returnAll: true, options: { orderBy: 'title' } });
		expect(sim.apiRequests.some((r) => r.path === '/api/v0/jobs/count')).toBe(false);
		expect(listRequests().map((r) => r.query._offset)).toEqual(['0', '97', '194']);
	});

	it('asks for exactly what a limit needs', async () => {
		const result = await run({ operation: 'getAll', limit: 130 });
		expect(result.items).toHaveLength(130);
		expect(listRequests().map((r) => [r.query._offset, r.query._limit])).toEqual([
			['0', '100'],
			['97', '33'],
		]);
	});

	it('keeps reading from a deployment that still caps pages at 50', async () => {
		sim.limitCap = 50;
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(ids(result)).toEqual(sorted(sim.jobs));
		expect(listRequests().length).toBe(Math.ceil(sim.jobs.length / 50) + (sim.jobs.length % 50 === 0 ? 1 : 0));
	});

	it('encodes the filters into _filters and gets exactly the matching jobs', async () => {
		const sample = firstJob((job) => job.standing === 'active');
		const created = sim.jobs.map((job) => job.date_created).sort((a, b) => a - b);
		const after = created[40];
		const before = created[200];
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				standing: ['active', 'paused'],
				managerIds: `${sample.manager_id}, 999`,
				createdAfter: new Date(after * 1000).toISOString(),
				createdBefore: new Date(before * 1000).toISOString(),
			},
			options: { orderBy: 'date_created', orderDirection: 'desc', fields: 'title,standing,manager,date_created' },
		});
		const expected = sim.jobs
			.filter(
				(job) =>
					['active', 'paused'].includes(job.standing) &&
					[sample.manager_id, 999].includes(job.manager_id) &&
					job.date_created > after &&
					job.date_created < before,
			)
			.sort((a, b) => b.date_created - a.date_created || b.id - a.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(result)).toEqual(sorted(expected));
		expect(listRequests()[0].query).toMatchObject({
			_filters: `standing(active,paused),manager(${sample.manager_id},999),date_created_after(${after}),date_created_before(${before}),order_by_desc(date_created)`,
			_fields: 'title,standing,manager,date_created',
		});
	});

	it('filters by what the job is against, by status and type, and searches titles', async () => {
		const job = firstJob((j) => j.against_type === 'company');
		const word = job.title.split(' ')[0];
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				againstType: 'company',
				againstIds: String(job.against_id),
				statusIds: String(job.status_id),
				typeIds: [String(job.job_type_id)],
				search: word,
			},
		});
		const expected = sim.jobs.filter(
			(j) =>
				j.against_type === 'company' &&
				j.against_id === job.against_id &&
				j.status_id === job.status_id &&
				j.job_type_id === job.job_type_id &&
				j.title.toLowerCase().includes(word.toLowerCase()),
		);
		expect(ids(result)).toEqual(sorted(expected));
		expect(listRequests()[0].query).toMatchObject({
			_filters: `status(${job.status_id}),type(${job.job_type_id}),against(company(${job.against_id}))`,
			_search: word,
		});
	});

	it('appends Raw Filters for experts', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { rawFilters: 'standing_not(inactive)' } });
		expect(ids(result)).toEqual(sorted(sim.jobs.filter((j) => j.standing !== 'inactive')));
	});

	it('refuses a value that would break out of its _filters term, before any request', async () => {
		// A later term of the same name overrides an earlier one, so a naive encoder would turn
		// "jobs of manager 7" into "jobs of every manager".
		const allManagers = sim.data.staff.map((staff) => staff.id).join(',');
		const injected = `7),manager(${allManagers}`;
		for (const filters of [{ managerIds: injected }, { statusIds: '1),standing(active' }, { standing: ['active),manager(7'] }]) {
			const result = await run({ operation: 'getAll', returnAll: true, filters });
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(sim.apiRequests).toHaveLength(0);
		}
		const refused = await run({ operation: 'getAll', returnAll: true, filters: { managerIds: injected } });
		expect(refused.error?.message).toContain("'Manager Names or IDs'");
		// What the refusal protects against: sent as-is, the value really widens the query.
		const ownJobs = sim.jobs.filter((j) => j.manager_id === 7).length;
		const widened = await run({ operation: 'getAll', returnAll: true, filters: { rawFilters: `manager(${injected})` } });
		expect(ownJobs).toBeGreaterThan(0);
		expect(widened.items).toHaveLength(sim.jobs.length);
		expect(widened.items.length).toBeGreaterThan(ownJobs);
	});

	it('shows the API message when Accelo refuses a filter', async () => {
		const result = await run({ operation: 'getAll', limit: 5, filters: { rawFilters: 'no_such_term(1)' } });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error?.message).toMatch(/no_such_term/);
	});
});

describe('Get, Create, Update', () => {
	it('gets a job with every field, and reports a missing one with meta.message', async () => {
		const job = sim.jobs[5];
		const result = await run({ operation: 'get', jobId: byId(job.id) });
		expect(result.items[0].json).toMatchObject({
			id: String(job.id),
			title: job.title,
			standing: job.standing,
			date_created: String(job.date_created),
		});
		const missing = await run({ operation: 'get', jobId: byId(987654) });
		expect(missing.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(missing.error?.message).toContain('invalid_request');
	});

	it('creates a job with the required fields and dates in unix seconds, in one request', async () => {
		const company = sim.data.companies[0];
		const manager = sim.data.staff[0];
		const type = sim.data.jobTypes.find((t) => t.standing === 'active');
		const result = await run({
			operation: 'create',
			title: 'Quarterly maintenance',
			againstType: 'company',
			againstId: String(company.id),
			managerId: String(manager.id),
			typeId: String(type?.id),
			additionalFields: { dateDue: '2026-11-01T09:00:00Z', rateCharged: 95.5 },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			title: 'Quarterly maintenance',
			against_type: 'company',
			against_id: String(company.id),
			manager: String(manager.id),
			date_due: String(Date.UTC(2026, 10, 1, 9) / 1000),
		});
		expect(sim.apiRequests.map((r) => r.method)).toEqual(['POST']);
		expect(String(sim.apiRequests[0].headers['content-type'])).toContain('application/x-www-form-urlencoded');
		expect(sim.apiRequests[0].body).toMatchObject({ engagement_table: 'company', engagement_id: String(company.id) });
	});

	it('updates a job and refuses empty Update Fields without a request', async () => {
		const job = sim.jobs[7];
		const result = await run({ operation: 'update', jobId: byId(job.id), updateFields: { title: 'Renamed by n8n' } });
		expect(result.items[0].json).toMatchObject({ id: String(job.id), title: 'Renamed by n8n' });
		expect(sim.getJob(job.id)?.title).toBe('Renamed by n8n');
		sim.server.clearLog();
		const empty = await run({ operation: 'update', jobId: byId(job.id), updateFields: {} });
		expect(empty.error?.message).toContain("'Update Fields' is empty");
		expect(sim.apiRequests).toHaveLength(0);
	});
});

describe('Change Status', () => {
	const statusId = (title: string) => {
		const status = sim.data.statuses.find((s) => s.title === title);
		if (!status) throw new Error(`no status ${title}`);
		return status.id;
	};

	it('lists the statuses from the API', async () => {
		const options = await harness.loadOptions({ type: TYPE, method: 'getStatuses' });
		expect(options.map((o) => o.value).sort()).toEqual(sim.data.statuses.map((s) => String(s.id)).sort());
	});

	it("runs the job's progression that leads to the status", async () => {
		const pending = statusId('Pending');
		const inProgress = statusId('In Progress');
		const job = firstJob((j) => j.status_id === pending);
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), statusId: String(inProgress) });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ id: String(job.id), status: String(inProgress) });
		expect(sim.getJob(job.id)?.status_id).toBe(inProgress);
		const progression = sim.data.progressions.find((p) => p.from_status_id === pending && p.to_status_id === inProgress);
		expect(sim.apiRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/v0/jobs/${job.id}/progressions`,
			`POST /api/v0/jobs/${job.id}/progressions/${progression?.id}/auto`,
		]);
	});

	it('fails with the reachable statuses when no progression leads there', async () => {
		const pending = statusId('Pending');
		const job = firstJob((j) => j.status_id === pending);
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), statusId: String(statusId('Closed')) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		const reachable = sim.progressionsFrom(pending).map((p) => sim.getStatus(p.to_status_id)?.title);
		expect(reachable.length).toBeGreaterThan(0);
		for (const title of reachable) expect(result.error?.message).toContain(`'${title}'`);
		// Named as the user chose them, not by id.
		expect(result.error?.message).toContain(`cannot reach 'Closed' by a progression from its current status 'Pending'`);
		expect(sim.getJob(job.id)?.status_id).toBe(pending);
		expect(sim.apiRequests.some((r) => r.path.endsWith('/auto'))).toBe(false);
	});

	it('sets status_id directly without progressions', async () => {
		const job = firstJob((j) => j.status_id === statusId('Pending'));
		const closed = statusId('Closed');
		const result = await run({
			operation: 'changeStatus',
			jobId: byId(job.id),
			statusId: String(closed),
			useProgressions: false,
		});
		expect(result.items[0].json).toMatchObject({ status: String(closed), standing: 'inactive' });
		expect(sim.apiRequests.map((r) => r.method)).toEqual(['PUT']);
		expect(sim.apiRequests[0].body).toEqual({ status_id: String(closed) });
	});
});

describe('rate limits, errors, items', () => {
	it('waits until X-RateLimit-Reset on 429, then goes on', async () => {
		const reset = Math.ceil(Date.now() / 1000) + 1;
		sim.server.injectFault({ method: 'GET', path: '/api/v0/jobs' }, {
			status: 429,
			headers: { 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Remaining': '0' },
			body: { meta: { status: 'too_many_requests', message: 'Rate limit exceeded', more_info: '' }, response: null },
		});
		const result = await run({ operation: 'getAll', limit: 3 });
		expect(result.status).toBe('success');
		expect(listRequests()).toHaveLength(2);
		expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
	});

	it('continues on fail with pairedItem, refusing bad ids before any request', async () => {
		const [a, b] = sim.jobs;
		const input = [{ json: { id: a.id } }, { json: { id: 'abc' } }, { json: { id: 987654 } }, { json: { id: b.id } }];
		const result = await run(
			{ operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			input,
			true,
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.id).toBe(String(a.id));
		expect(String(result.items[1].json.error)).toContain("'Job'");
		expect(String((result.items[2].json as IDataObject).error)).toMatch(/Accelo/);
		expect(result.items[3].json.id).toBe(String(b.id));
		expect(sim.apiRequests.filter((r) => r.path.startsWith('/api/v0/jobs/'))).toHaveLength(3);
	});

	it('searches jobs for the picker on the server', async () => {
		const job = sim.jobs[3];
		const word = job.title.split(' ')[0];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: word });
		expect(found.results.map((r) => r.value)).toContain(String(job.id));
		expect(sim.apiRequests[sim.apiRequests.length - 1].query._search).toBe(word);
	});
});

describe('record pickers', () => {
	const apiPath = (path: string) => sim.apiRequests.filter((r) => r.path === `/api/v0${path}`);

	it('companies: by name, Accelo searches; next page by offset; empty; API error; a site is given by ID', async () => {
		const before = sim.data.companies.length;
		for (let i = 0; i < 110; i++) sim.data.companies.push({ id: 5000 + i, name: `Zeta Holdings ${i}`, website: null, phone: null, standing: 'active', date_created: 1_700_000_000 });
		try {
			const byName = [...sim.data.companies].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
			const first = await harness.listSearch({ type: TYPE, method: 'searchCompanies' });
			expect(first.results.map((r) => r.value)).toEqual(byName.slice(0, 100).map((c) => String(c.id)));
			expect(first.paginationToken).toBe('100');
			const second = await harness.listSearch({ type: TYPE, method: 'searchCompanies', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(byName.slice(100).map((c) => String(c.id)));
			expect(second.paginationToken).toBeUndefined();
			sim.server.clearLog();
			const target = sim.data.companies[2];
			const found = await harness.listSearch({ type: TYPE, method: 'searchCompanies', filter: target.name });
			expect(found.results.map((r) => r.value)).toContain(String(target.id));
			expect(apiPath('/companies')[0].query._search).toBe(target.name);
			expect((await harness.listSearch({ type: TYPE, method: 'searchCompanies', filter: 'no company by this name' })).results).toEqual([]);
		} finally {
			sim.data.companies.splice(before);
		}
		await expect(harness.listSearch({ type: TYPE, method: 'searchCompanies', parameters: { operation: 'create', againstType: 'site' } })).rejects.toThrow('give a site by its ID');
		sim.server.injectFault({ method: 'GET', path: '/api/v0/companies' }, { status: 500, body: { meta: { status: 'error', message: 'companies are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchCompanies' })).rejects.toThrow();
	});

	it('staff: active staff by name with their email, searched here; the Manager multi-select', async () => {
		const active = sim.data.staff.filter((s) => s.standing === 'active');
		const list = await harness.listSearch({ type: TYPE, method: 'searchStaff' });
		expect(list.results.map((r) => r.value).sort()).toEqual(active.map((s) => String(s.id)).sort());
		const someone = active[1];
		expect(list.results.find((r) => r.value === String(someone.id))?.name).toBe(`${someone.firstname} ${someone.surname} (${someone.email})`);
		const found = await harness.listSearch({ type: TYPE, method: 'searchStaff', filter: someone.email.toUpperCase() });
		expect(found.results.map((r) => r.value)).toEqual([String(someone.id)]);
		expect(apiPath('/staff').every((r) => r.query._search === undefined)).toBe(true);
		expect((await harness.listSearch({ type: TYPE, method: 'searchStaff', filter: 'nobody at all' })).results).toEqual([]);
		const options = await harness.loadOptions({ type: TYPE, method: 'getStaff' });
		expect(options.map((o) => o.value).sort()).toEqual(active.map((s) => String(s.id)).sort());
	});

	it('affiliations: contact and company names, Accelo searches; next page by offset; follows a company as Against; empty; API error', async () => {
		const lists = sim.pickerLists();
		const before = lists.affiliations.length;
		const company = sim.data.companies[1];
		for (let i = 0; i < 100; i++) {
			lists.affiliations.push({ id: 6000 + i, firstname: 'Zed', surname: `Extra${i}`, email: `zed${i}@example.com`, position: 'Advisor', company_id: company.id, standing: 'active' });
		}
		try {
			const first = await harness.listSearch({ type: TYPE, method: 'searchAffiliations' });
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBe('100');
			const someone = lists.affiliations[0];
			const companyOf = (id: number) => sim.data.companies.find((c) => c.id === id)?.name;
			expect(first.results.find((r) => r.value === String(someone.id))?.name).toBe(`${someone.firstname} ${someone.surname}, ${companyOf(someone.company_id)} (${someone.position})`);
			const second = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', paginationToken: first.paginationToken });
			expect(second.results.length).toBe(lists.affiliations.length - 100);
			expect(second.paginationToken).toBeUndefined();
			sim.server.clearLog();
			const found = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', filter: 'Extra42' });
			expect(found.results.map((r) => r.value)).toEqual(['6042']);
			expect(apiPath('/affiliations')[0].query._search).toBe('Extra42');
			for (const parameters of [
				{ operation: 'create', againstType: 'company', againstId: { __rl: true, mode: 'list', value: String(company.id) } },
				{ operation: 'update', updateFields: { engagementId: String(company.id) } },
			]) {
				const theirs = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', parameters });
				const expected = lists.affiliations.filter((a) => a.company_id === company.id).map((a) => String(a.id));
				expect(theirs.results.map((r) => r.value).sort()).toEqual(expected.slice(0, 100).sort());
			}
			const site = await harness.listSearch({ type: TYPE, method: 'searchAffiliations', parameters: { operation: 'create', againstType: 'site', againstId: '1' } });
			expect(site.results).toHaveLength(100);
			expect((await harness.listSearch({ type: TYPE, method: 'searchAffiliations', filter: 'nobody by this name' })).results).toEqual([]);
		} finally {
			lists.affiliations.splice(before);
		}
		sim.server.injectFault({ method: 'GET', path: '/api/v0/affiliations' }, { status: 500, body: { meta: { status: 'error', message: 'affiliations are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchAffiliations' })).rejects.toThrow();
	});

	it('contracts by title, Accelo searches; next page by offset; empty; API error', async () => {
		const lists = sim.pickerLists();
		const before = lists.contracts.length;
		for (let i = 0; i < 100; i++) lists.contracts.push({ id: 700 + i, title: `Zulu contract ${i}`, standing: 'active', against_type: 'company', against_id: sim.data.companies[0].id });
		try {
			const byTitle = [...lists.contracts].sort((a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase()) || a.id - b.id);
			const first = await harness.listSearch({ type: TYPE, method: 'searchContracts' });
			expect(first.results.map((r) => r.value)).toEqual(byTitle.slice(0, 100).map((c) => String(c.id)));
			const closed = lists.contracts.find((c) => c.standing !== 'active');
			if (closed) expect(first.results.find((r) => r.value === String(closed.id))?.name).toBe(`${closed.title} (${closed.standing})`);
			const second = await harness.listSearch({ type: TYPE, method: 'searchContracts', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(byTitle.slice(100).map((c) => String(c.id)));
			sim.server.clearLog();
			const target = lists.contracts[1];
			const found = await harness.listSearch({ type: TYPE, method: 'searchContracts', filter: target.title });
			expect(found.results.map((r) => r.value)).toEqual([String(target.id)]);
			expect(apiPath('/contracts')[0].query._search).toBe(target.title);
			expect((await harness.listSearch({ type: TYPE, method: 'searchContracts', filter: 'no such contract' })).results).toEqual([]);
		} finally {
			lists.contracts.splice(before);
		}
		sim.server.injectFault({ method: 'GET', path: '/api/v0/contracts' }, { status: 500, body: { meta: { status: 'error', message: 'contracts are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchContracts' })).rejects.toThrow();
	});

	it('rates with their charge, searched here across pages; empty; API error', async () => {
		const before = sim.data.rates.length;
		for (let i = 0; i < 100; i++) sim.data.rates.push({ id: 800 + i, title: `Overtime ${i}`, charged: '99.00' });
		try {
			const first = await harness.listSearch({ type: TYPE, method: 'searchRates' });
			expect(first.results.map((r) => r.value)).toEqual(sim.data.rates.slice(0, 100).map((r) => String(r.id)));
			const rate = sim.data.rates[0];
			expect(first.results[0].name).toBe(`${rate.title} (${rate.charged}/h)`);
			const second = await harness.listSearch({ type: TYPE, method: 'searchRates', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(sim.data.rates.slice(100).map((r) => String(r.id)));
			sim.server.clearLog();
			// The last rate is on the second page: the search reads on.
			const found = await harness.listSearch({ type: TYPE, method: 'searchRates', filter: 'overtime 99' });
			expect(found.results.map((r) => r.value)).toEqual(['899']);
			expect(apiPath('/rates').every((r) => r.query._search === undefined)).toBe(true);
			expect((await harness.listSearch({ type: TYPE, method: 'searchRates', filter: 'no such rate' })).results).toEqual([]);
		} finally {
			sim.data.rates.splice(before);
		}
		sim.server.injectFault({ method: 'GET', path: '/api/v0/rates' }, { status: 500, body: { meta: { status: 'error', message: 'rates are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchRates' })).rejects.toThrow();
	});

	it('Create sends a picked affiliation, contract and rate, and the plain IDs that older workflows saved', async () => {
		const company = sim.data.companies[0];
		const [affiliation, contract, rate] = [sim.pickerLists().affiliations[0], sim.pickerLists().contracts[0], sim.data.rates[0]];
		for (const pick of [(v: number) => ({ __rl: true, mode: 'list', value: String(v) }), (v: number) => String(v)]) {
			sim.server.clearLog();
			const created = await harness.runNode({
				type: TYPE,
				parameters: {
					resource: 'job',
					operation: 'create',
					title: 'Picked records',
					againstType: 'company',
					againstId: String(company.id),
					managerId: String(sim.data.staff[0].id),
					typeId: String(sim.data.jobTypes[0].id),
					additionalFields: { affiliationId: pick(affiliation.id), contractId: pick(contract.id), rateId: pick(rate.id) },
				},
			});
			expect(created.status).toBe('success');
			const post = sim.apiRequests.find((r) => r.method === 'POST' && r.path === '/api/v0/jobs');
			expect(post?.body).toMatchObject({ affiliation_id: String(affiliation.id), contract_id: String(contract.id), rate_id: String(rate.id) });
		}
	});

	it('Create and the filters take picked records and the plain IDs that older workflows saved', async () => {
		const company = sim.data.companies[0];
		const manager = sim.data.staff.find((s) => s.standing === 'active') as (typeof sim.data.staff)[number];
		const typeId = String(sim.data.jobTypes.find((t) => t.standing === 'active')?.id);
		for (const pick of [(v: number) => ({ __rl: true, mode: 'list', value: String(v) }), (v: number) => String(v)]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', title: 'Picker job', againstType: 'company', againstId: pick(company.id), managerId: pick(manager.id), typeId });
			expect(created.status).toBe('success');
			expect(sim.apiRequests.find((r) => r.method === 'POST')?.body).toMatchObject({ engagement_id: String(company.id), manager_id: String(manager.id) });
		}
		for (const managerIds of [String(manager.id), [String(manager.id)]]) {
			sim.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 1, filters: { managerIds } });
			expect(listed.status).toBe('success');
			expect(listRequests()[0].query._filters).toContain(`manager(${manager.id})`);
		}
	});
});

describe('sandbox example workflow', () => {
	it('copy-fsm-navigator-to-accelo.json: its Create node, with company, manager and rate picked From List, runs as saved', async () => {
		const file = join(__dirname, '../../scripts/demo/workflows/copy-fsm-navigator-to-accelo.json');
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ name: string; parameters: INodeParameters }> };
		const parameters = workflow.nodes.find((n) => n.name === 'Create in Accelo')?.parameters as INodeParameters;
		expect(parameters.againstId).toMatchObject({ __rl: true, mode: 'list', value: '45' });
		const rate = sim.data.rates.find((r) => r.id === 1);
		expect((parameters.additionalFields as INodeParameters).rateId).toEqual({ __rl: true, mode: 'list', value: '1', cachedResultName: `${rate?.title} (${rate?.charged}/h)` });
		const result = await harness.runNode({ type: TYPE, parameters, input: [{ json: { id: 7, title: 'Boiler service', scheduledStart: '2026-03-02T09:00:00Z' } }] });
		expect(result.status).toBe('success');
		expect(sim.apiRequests.find((r) => r.method === 'POST')?.body).toMatchObject({ engagement_table: 'company', engagement_id: '45', manager_id: '10', rate_id: '1' });
	});
});
