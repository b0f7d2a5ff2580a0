/** Accelo node: credential; Get Many; Get, Create, Update; Change Status; rate limits, errors, items. Setup and helpers: ./context.ts. */
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { Accelo } from '../../../nodes/Accelo/Accelo.node';
import { TYPE, sim, harness, makeHarness, run, byId, ids, listRequests, sorted, firstJob } from './context';

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

	it('lists jobs for the picker most recently changed first, 100 a page, each job once across pages', async () => {
		const pages = [await harness.listSearch({ type: TYPE, method: 'searchJobs' })];
		while (pages[pages.length - 1].paginationToken !== undefined) {
			pages.push(await harness.listSearch({ type: TYPE, method: 'searchJobs', paginationToken: pages[pages.length - 1].paginationToken }));
		}
		// 260 jobs and those earlier tests created.
		expect(pages.map((page) => [page.results.length, page.paginationToken])).toEqual([
			[100, '100'],
			[100, '200'],
			[sim.jobs.length - 200, undefined],
		]);
		const ids = pages.flatMap((page) => page.results.map((r) => String(r.value)));
		expect([...ids].sort()).toEqual(sorted(sim.jobs).sort());
		const modified = ids.map((id) => Number(sim.jobs.find((job) => String(job.id) === id)?.date_modified));
		expect(modified).toEqual([...modified].sort((a, b) => b - a));
		// Later pages start where the page before ended: no overlap for a picker.
		expect(listRequests().map((r) => r.query._offset)).toEqual(['0', '100', '200']);
	});

	it('searches jobs for the picker on the server', async () => {
		const job = sim.jobs[3];
		const word = job.title.split(' ')[0];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: word });
		expect(found.results.map((r) => r.value)).toContain(String(job.id));
		expect(sim.apiRequests[sim.apiRequests.length - 1].query._search).toBe(word);
	});
});
