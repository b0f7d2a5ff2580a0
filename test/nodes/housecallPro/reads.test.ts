/** Housecall Pro node: credential; Get Many; rate limits and faults; error bodies; Get. Setup and helpers: ./context.ts. */
import {
	HCP_COMPANY_IDS,
	HCP_DEFAULT_COMPANY_API_KEY,
	HCP_SINGLE_COMPANY_API_KEY,
	type HcpJob,
} from '../../../tooling/simulators/housecallPro';
import {
	JOB_COUNT,
	sim,
	harness,
	makeHarness,
	run,
	byId,
	ids,
	listRequests,
	wire,
	ms,
	allJobs,
	oldestFirst,
	newestFirst,
	firstJob,
} from './context';

describe('credential', () => {
	it('sends Authorization: Token <key> and no X-Company-Id when Company ID is empty', async () => {
		const result = await run({ operation: 'getAll', limit: 1 });
		expect(result.status).toBe('success');
		expect(listRequests()[0].headers.authorization).toBe(`Token ${HCP_DEFAULT_COMPANY_API_KEY}`);
		expect(listRequests()[0].headers).not.toHaveProperty('x-company-id');
	});

	it('sends X-Company-Id when filled in, and sees only that location', async () => {
		const company = HCP_COMPANY_IDS[1];
		const result = await run({ operation: 'getAll', returnAll: true }, { h: makeHarness({ companyId: company }) });
		expect(listRequests()[0].headers['x-company-id']).toBe(company);
		expect(ids(result)).toEqual(oldestFirst(allJobs().filter((j) => j.company_id === company)));
	});

	it('has a working credential test, and it fails for a wrong key', async () => {
		expect(await makeHarness().testCredential('housecallProApi')).toMatchObject({ status: 'OK' });
		expect(listRequests()[0].query).toMatchObject({ page_size: '1' });
		const wrong = await makeHarness().testCredential('housecallProApi', { apiKey: 'nope', baseUrl: sim.baseUrl });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Unauthorized \(Housecall Pro answered 401\): the API key is wrong/);
	});

	it('never shows the key: a refused key, and a successful run', async () => {
		const secret = 'hcp_secret_must_not_leak_42';
		const refused = await run({ operation: 'getAll', limit: 1 }, { h: makeHarness({ apiKey: secret }) });
		expect(refused.status).toBe('error');
		expect(refused.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(refused.error?.message).toContain('Unauthorized');
		expect(JSON.stringify(refused.run)).not.toContain(secret);
		expect(JSON.stringify(refused.error?.raw ?? null)).not.toContain(secret);
		const ok = await run({ operation: 'getAll', limit: 3 });
		expect(JSON.stringify(ok.run)).not.toContain(HCP_DEFAULT_COMPANY_API_KEY);
	});

	it('a single-company key with a Company ID is refused with a hint about the field', async () => {
		const result = await run(
			{ operation: 'getAll', limit: 1 },
			{ h: makeHarness({ apiKey: HCP_SINGLE_COMPANY_API_KEY, companyId: HCP_COMPANY_IDS[0] }) },
		);
		expect(result.error).toMatchObject({ httpCode: '401' });
		expect(result.error?.description).toContain('Company ID');
	});
});

describe('Get Many', () => {
	it(`Return All reads ${JOB_COUNT} jobs in 3 requests of 200, oldest first, ending on total_pages`, async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(ids(result)).toEqual(oldestFirst(allJobs()));
		expect(listRequests().map((r) => [r.query.page, r.query.page_size, r.query.sort_by, r.query.sort_direction])).toEqual([
			['1', '200', 'created_at', 'asc'],
			['2', '200', 'created_at', 'asc'],
			['3', '200', 'created_at', 'asc'],
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('limit 7 is one request of 7, newest first (the API default order)', async () => {
		const result = await run({ operation: 'getAll', limit: 7 });
		expect(ids(result)).toEqual(newestFirst(allJobs()).slice(0, 7));
		expect(listRequests().map((r) => [r.query.page, r.query.page_size])).toEqual([['1', '7']]);
		expect(listRequests()[0].query).not.toHaveProperty('sort_by');
	});

	it('limit 250 is two requests of 125', async () => {
		const result = await run({ operation: 'getAll', limit: 250 });
		expect(ids(result)).toEqual(newestFirst(allJobs()).slice(0, 250));
		expect(listRequests().map((r) => [r.query.page, r.query.page_size])).toEqual([
			['1', '125'],
			['2', '125'],
		]);
	});

	it('sends every filter in its wire form and gets exactly the matching jobs', async () => {
		const sample = firstJob((j) => j.assigned_employees.length > 0 && j.schedule.scheduled_start !== null && j.work_status.startsWith('complete'));
		const employee = sample.assigned_employees[0].id;
		const start = ms(sample.schedule.scheduled_start);
		const min = new Date(start - 20 * 86_400_000).toISOString();
		const max = new Date(start + 20 * 86_400_000).toISOString();
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				customerId: sample.customer.id,
				employeeIds: `${employee}, pro_unknown`,
				locationIds: [sample.company_id],
				scheduledStartMin: min,
				scheduledStartMax: max,
				scheduledEndMin: min,
				scheduledEndMax: max,
				workStatus: ['completed', 'in_progress'],
			},
			options: { sortBy: 'invoice_number', sortDirection: 'desc' },
		});
		const inRange = (iso: string | null) => ms(iso) >= Date.parse(min) && ms(iso) <= Date.parse(max);
		const expected = allJobs()
			.filter(
				(j) =>
					j.customer.id === sample.customer.id &&
					j.assigned_employees.some((e) => e.id === employee) &&
					j.company_id === sample.company_id &&
					inRange(j.schedule.scheduled_start) &&
					inRange(j.schedule.scheduled_end) &&
					['complete rated', 'complete unrated', 'in progress'].includes(j.work_status),
			)
			.sort((a, b) => Number(b.invoice_number) - Number(a.invoice_number))
			.map((j) => j.id);
		expect(expected).toContain(sample.id);
		expect(ids(result)).toEqual(expected);
		const pairs = listRequests()[0].queryPairs;
		expect(pairs).toEqual(
			expect.arrayContaining([
				['customer_id', sample.customer.id],
				['employee_ids[]', employee],
				['employee_ids[]', 'pro_unknown'],
				['location_ids[]', sample.company_id],
				['scheduled_start_min', min.replace('.000Z', 'Z')],
				['scheduled_end_max', max.replace('.000Z', 'Z')],
				['work_status[]', 'completed'],
				['work_status[]', 'in_progress'],
				['sort_by', 'invoice_number'],
				['sort_direction', 'desc'],
			]),
		);
	});

	it('filters by franchisee and expands attachments and appointments', async () => {
		const franchisee = sim.getExtras(oldestFirst(allJobs())[0])?.franchisee_id as string;
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { franchiseeIds: franchisee },
			options: { expand: ['attachments', 'appointments'] },
		});
		expect(ids(result)).toEqual(oldestFirst(allJobs().filter((j) => sim.getExtras(j.id)?.franchisee_id === franchisee)));
		expect(listRequests()[0].queryPairs).toEqual(
			expect.arrayContaining([
				['franchisee_ids[]', franchisee],
				['expand[]', 'attachments'],
				['expand[]', 'appointments'],
			]),
		);
		expect(result.items[0].json).toHaveProperty('attachments');
		expect(result.items[0].json.schedule).toHaveProperty('appointments');
	});

	it('a job inserted while Return All pages one at a time is returned once, nothing skipped: page 2 shows the new total, so the list is read again (5 requests)', async () => {
		const template = sim.getJob(oldestFirst(allJobs())[0]) as HcpJob;
		const inserted = { ...template, id: 'job_inserted_while_paging_1', created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
		sim.onList = (page) => {
			if (page === 2 && !sim.getJob(inserted.id)) sim.putJob(inserted);
		};
		try {
			const result = await run({ operation: 'getAll', returnAll: true, options: { parallelRequests: 1 } });
			expect(ids(result)).toEqual(oldestFirst(allJobs()));
			expect(ids(result)).toContain(inserted.id);
			expect(new Set(ids(result)).size).toBe(result.items.length);
			expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '1', '2', '3']);
		} finally {
			sim.deleteJob(inserted.id);
		}
	});

	it('reads pages in parallel by default; a job inserted meanwhile moves the total, so the list is read again one page at a time', async () => {
		const template = sim.getJob(oldestFirst(allJobs())[0]) as HcpJob;
		const inserted = { ...template, id: 'job_inserted_while_paging_2', created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
		const before = oldestFirst(allJobs());
		sim.onList = (page) => {
			if (page === 2 && !sim.getJob(inserted.id)) sim.putJob(inserted);
		};
		// Long enough that page 3 starts while page 2 is still on its way even on a busy machine: starts
		// are spaced by a third of the first page's duration (RequestSpacing), which load stretches.
		sim.server.latency = 150;
		try {
			const result = await run({ operation: 'getAll', returnAll: true });
			for (const id of before) expect(ids(result)).toContain(id);
			expect(new Set(ids(result)).size).toBe(result.items.length);
			// Pages 1-3 (2 and 3 at once), then 1-3 again.
			expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '3', '1', '2', '3']);
			// Pages 2 and 3 of the first read were in flight together; the second read went one at a time.
			expect(listRequests().map((r) => r.inFlight)).toEqual([1, 1, 2, 1, 1, 1]);
		} finally {
			sim.server.latency = undefined;
			sim.deleteJob(inserted.id);
		}
	});

	it('newest first, a job inserted at the top while paging shifts a job onto the next page: it is read again, never twice', async () => {
		const template = sim.getJob(oldestFirst(allJobs())[0]) as HcpJob;
		const inserted = { ...template, id: 'job_inserted_while_paging_2', created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
		sim.onList = (page) => {
			if (page === 2 && !sim.getJob(inserted.id)) sim.putJob(inserted);
		};
		const result = await run({ operation: 'getAll', returnAll: true, options: { sortDirection: 'desc' } });
		expect([...ids(result)].sort()).toEqual(newestFirst(allJobs()).sort());
		expect(new Set(ids(result)).size).toBe(JOB_COUNT + 1);
		// Page 2 of the first read showed a new total: the list was read once more.
		expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '1', '2', '3']);
		sim.deleteJob(inserted.id);
	});

	it('a job that leaves a Work Status filter during the read does not hide another one', async () => {
		const isDone = (j: HcpJob) => j.work_status === 'complete rated' || j.work_status === 'complete unrated';
		const before = oldestFirst(allJobs().filter(isDone));
		expect(before.length).toBeGreaterThan(200);
		const leaving = sim.getJob(before[0]) as HcpJob;
		// Page 1 holds the leaving job; when it leaves, every later job moves up one place, so the
		// job that was first on page 2 would fall onto page 1, already read.
		sim.onList = (page) => {
			if (page === 2 && sim.getJob(leaving.id)?.work_status === leaving.work_status) sim.putJob({ ...leaving, work_status: 'in progress' });
		};
		const result = await run({ operation: 'getAll', returnAll: true, filters: { workStatus: ['completed'] } });
		expect(ids(result)).toEqual(oldestFirst(allJobs().filter(isDone)));
		expect(ids(result)).toContain(before[200]);
		// 2 pages, then the whole list again (the first read had 1 job fewer than total_items said).
		expect(listRequests()).toHaveLength(4);
		sim.putJob(leaving);
	});

	it('a list that changes during both reads fails with how far it got, instead of returning part of it', async () => {
		const isDone = (j: HcpJob) => j.work_status === 'complete rated' || j.work_status === 'complete unrated';
		const original = sim.getJob(oldestFirst(allJobs().filter(isDone))[0]) as HcpJob;
		// Every request for page 2 flips the job in or out of the filter, on page 1.
		sim.onList = (page) => {
			if (page !== 2) return;
			const job = sim.getJob(original.id) as HcpJob;
			sim.putJob({ ...job, work_status: isDone(job) ? 'in progress' : original.work_status });
		};
		const result = await run({ operation: 'getAll', returnAll: true, filters: { workStatus: ['completed'] } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/^Housecall Pro's job list changed while it was read: \d+ of \d+ jobs could be read$/);
		expect(listRequests()).toHaveLength(4);
		sim.putJob(original);
	});

	it('refuses bad filters before any request', async () => {
		const result = await run({ operation: 'getAll', limit: 5, filters: { customerId: 'cus_a, cus_b' } }, { continueOnFail: true });
		expect(result.items[0].json.error).toContain("'Customer' takes one ID");
		const date = await run({ operation: 'getAll', limit: 5, filters: { scheduledStartMin: 'next tuesday' } }, { continueOnFail: true });
		expect(date.items[0].json.error).toContain("'Scheduled Start Min' is not a valid date");
		const status = await run({ operation: 'getAll', limit: 5, filters: { workStatus: ['in progress'] } }, { continueOnFail: true });
		expect(status.items[0].json.error).toContain("'Work Status' has an unsupported value");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('rate limits and faults', () => {
	it('waits for Retry-After on 429 and then succeeds', async () => {
		sim.server.injectFault({ method: 'GET', path: '/jobs' }, { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too Many Requests' } });
		const started = Date.now();
		const result = await run({ operation: 'getAll', limit: 2 });
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(listRequests()).toHaveLength(2);
	});

	it('backs off on a 429 without Retry-After, for a write too (the API did not process it)', async () => {
		sim.server.injectFault({ method: 'POST', path: /\/notes$/ }, { status: 429, body: { message: 'Too Many Requests' } });
		const job = firstJob((j) => j.work_status === 'scheduled');
		const result = await run({ operation: 'update', jobId: byId(job.id), updateFields: { notes: 'after a 429' } });
		expect(result.status).toBe('success');
		expect(wire()).toEqual([`POST /jobs/${job.id}/notes`, `POST /jobs/${job.id}/notes`, `GET /jobs/${job.id}`]);
		expect((sim.getJob(job.id) as HcpJob).notes.filter((n) => n.content === 'after a 429')).toHaveLength(1);
	});

	it('retries a 503 on GET', async () => {
		sim.server.injectFault({ method: 'GET' }, { status: 503, body: 'Service Unavailable' });
		const job = firstJob(() => true);
		const result = await run({ operation: 'get', jobId: byId(job.id) });
		expect(result.status).toBe('success');
		expect(wire()).toEqual([`GET /jobs/${job.id}`, `GET /jobs/${job.id}`]);
	});

	it('never repeats a create after a 503', async () => {
		const customer = sim.customers[0];
		sim.server.injectFault({ method: 'POST', path: '/jobs' }, { status: 503, body: 'Service Unavailable' });
		const result = await run({ operation: 'create', customerId: customer.id, addressId: customer.addresses[0].id });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(result.error?.description).toContain('not repeated');
		expect(wire()).toEqual(['POST /jobs']);
	});
});

describe('error bodies', () => {
	const shapes: Array<[string, number, unknown, string]> = [
		['{message} (401)', 401, { message: 'Unauthorized' }, 'Housecall Pro: Unauthorized'],
		['{error:{message}}', 422, { error: { message: "Can't schedule an archived job" } }, "Housecall Pro: Can't schedule an archived job"],
		['{error:"…"}', 404, { error: 'Pipeline status not found' }, 'Housecall Pro: Pipeline status not found'],
		['{errors:{field:[…]}}', 422, { errors: { start_time: ['is missing'], end_time: ['must be after start_time'] } }, 'Housecall Pro: start_time is missing; end_time must be after start_time'],
		['{message, attr:[…]}', 400, { message: 'Quantity must be a number', quantity: ['must be a number'] }, 'Housecall Pro: Quantity must be a number'],
		['OAuth {error, error_description}', 400, { error: 'invalid_grant', error_description: 'The token has expired' }, 'Housecall Pro: The token has expired (invalid_grant)'],
		['empty {} (404)', 404, {}, 'Housecall Pro answered HTTP 404'],
	];
	it.each(shapes)('%s becomes a readable NodeApiError', async (_name, status, body, message) => {
		// n8n-core sends a request once more after a 401 (its credential refresh), so a 401 fault is set twice.
		sim.server.injectFault({ method: 'GET' }, { status, body }, status === 401 ? 2 : 1);
		const result = await run({ operation: 'get', jobId: byId('job_whatever') });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: String(status), message });
	});

	it('a real missing job: 404 with the hint', async () => {
		const result = await run({ operation: 'get', jobId: byId('job_does_not_exist') });
		expect(result.error).toMatchObject({ httpCode: '404' });
		expect(result.error?.description).toContain('Not found');
	});
});

describe('Get', () => {
	it('returns the job, with expand', async () => {
		const job = firstJob((j) => (sim.getExtras(j.id)?.attachments.length ?? 0) > 0);
		const result = await run({ operation: 'get', jobId: byId(job.id), options: { expand: ['attachments'] } });
		expect(result.items[0].json).toMatchObject({ id: job.id, invoice_number: job.invoice_number });
		expect(result.items[0].json.attachments).toEqual(sim.getExtras(job.id)?.attachments);
		expect(sim.requests[0].queryPairs).toEqual([['expand[]', 'attachments']]);
	});

	it('takes a job URL, and runs item by item with Continue On Fail', async () => {
		const [a, b] = oldestFirst(allJobs());
		const result = await run(
			{ operation: 'get', jobId: { __rl: true, mode: 'url', value: `https://pro.housecallpro.com/app/jobs/${a}` } },
			{ input: [{ json: {} }] },
		);
		expect(ids(result)).toEqual([a]);
		const each = await run(
			{ operation: 'get', jobId: byId('={{ $json.id }}') },
			{ input: [{ json: { id: b } }, { json: { id: 'bad id!' } }, { json: { id: a } }], continueOnFail: true },
		);
		expect(each.items.map((i) => i.json.id ?? 'error')).toEqual([b, 'error', a]);
		expect(each.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(each.items[1].json.error)).toContain("'Job' is not a valid ID");
	});
});
