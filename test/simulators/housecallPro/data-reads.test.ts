/** Housecall Pro simulator: generateHousecallProData; Housecall Pro simulator: auth, keys and companies; Housecall Pro simulator: GET /jobs paging, filters, sort. Setup and helpers: ./context.ts. */
import {
	generateHousecallProData,
	HCP_SINGLE_COMPANY_API_KEY,
	HousecallProSimulator,
	type HcpJob,
} from '../../../tooling/simulators/housecallPro';
import {
	COMPANY_KEY,
	APP_KEY,
	CMP_A,
	CMP_B,
	JobList,
	call,
	ids,
	craft,
	CRAFTED,
	FRANCHISEE,
	FILTER_WORDS,
	craftedSim,
	expectedOrder,
	byDefault,
} from './context';

describe('generateHousecallProData', () => {
	test('is deterministic per seed', () => {
		const a = generateHousecallProData(300, 7);
		expect(generateHousecallProData(300, 7)).toEqual(a);
		expect(generateHousecallProData(300, 8).jobs.map((j) => j.id)).not.toEqual(a.jobs.map((j) => j.id));
	});

	test('realistic, consistent jobs spread before the reference date', () => {
		const data = generateHousecallProData(400, 3);
		const ref = Date.parse('2026-03-01T00:00:00Z');
		expect(data.referenceDate).toBe('2026-03-01T00:00:00.000Z');
		expect(new Set(data.jobs.map((j) => j.work_status))).toEqual(new Set(Object.values(FILTER_WORDS).flat()));
		expect(new Set(generateHousecallProData(7, 1).jobs.map((j) => j.work_status)).size).toBe(7);
		const employeeIds = new Set(data.employees.map((e) => e.id));
		const customers = new Map(data.customers.map((c) => [c.id, c]));
		const problems: string[] = [];
		const check = (ok: boolean, what: string, j: HcpJob): void => {
			if (!ok) problems.push(`${j.id}: ${what}`);
		};
		for (const j of data.jobs) {
			const created = Date.parse(j.created_at);
			check(/^job_[0-9a-f]{32}$/.test(j.id), 'id format', j);
			check(created <= ref && created >= ref - 90 * 86_400_000, 'created_at outside 90 days', j);
			check(Date.parse(j.updated_at) >= created && Date.parse(j.updated_at) <= ref, 'updated_at', j);
			check(j.assigned_employees.every((e) => employeeIds.has(e.id) && e.company_id === j.company_id), 'assignee', j);
			const customer = customers.get(j.customer.id);
			check(customer !== undefined && customer.addresses.some((a) => a.id === j.address.id), 'customer/address', j);
			check(Number.isInteger(j.total_amount) && Number.isInteger(j.outstanding_balance) && j.outstanding_balance <= j.total_amount, 'cents', j);
			// Totals are the line items' sum: +price×qty, − for fixed discounts.
			const items = data.extras[j.id].line_items;
			const sum = items.reduce((s, li) => s + (li.kind === 'fixed discount' ? -1 : 1) * Math.round(li.unit_price * li.quantity), 0);
			check(j.total_amount === sum && j.subtotal === sum, `total ${j.total_amount} != ${sum}`, j);
			const start = j.schedule.scheduled_start;
			if (j.work_status === 'needs scheduling') check(start === null, 'unscheduled job with a schedule', j);
			if (j.work_status === 'scheduled' || j.work_status === 'in progress') check(start !== null, 'scheduled job without a schedule', j);
			if (start !== null) check(Date.parse(j.schedule.scheduled_end ?? '') > Date.parse(start), 'end not after start', j);
			if (j.work_status.startsWith('complete')) check(j.work_timestamps.completed_at !== null && j.work_timestamps.started_at !== null, 'completed without times', j);
			if (j.work_status === 'user canceled') check(j.canceled_at !== null, 'canceled_at', j);
			if (j.work_status === 'pro canceled') check(j.deleted_at !== null, 'deleted_at', j);
		}
		expect(problems).toEqual([]);
		const day = 86_400_000;
		expect(data.jobs.filter((j) => Date.parse(j.created_at) > ref - day).length).toBeGreaterThan(0);
		const onDay = (offset: number): number =>
			data.jobs.filter((j) => j.schedule.scheduled_start !== null && Math.floor(Date.parse(j.schedule.scheduled_start) / day) === Math.floor(ref / day) + offset).length;
		expect(onDay(0)).toBeGreaterThan(0);
		expect(onDay(1)).toBeGreaterThan(0);
		expect(data.pipeline.job.length).toBeGreaterThan(2);
	});

	test('a given reference date moves the data (the sandbox passes now)', () => {
		const now = new Date('2030-06-15T12:00:00Z');
		const data = generateHousecallProData(100, 1, now);
		const latest = Math.max(...data.jobs.map((j) => Date.parse(j.created_at)));
		expect(latest).toBeLessThanOrEqual(now.getTime());
		expect(latest).toBeGreaterThan(now.getTime() - 86_400_000);
	});
});

describe('Housecall Pro simulator: auth, keys and companies', () => {
	const sim = craftedSim();
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('base URL is the origin (no /v1 prefix) and the job list answers with a Token key', async () => {
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const r = await call<JobList>(base, 'GET', '/jobs');
		expect(r.status).toBe(200);
		expect(sim.requests.at(-1)?.headers.authorization).toBe(`Token ${COMPANY_KEY}`);
	});

	test('401 {"message":"Unauthorized"} for a missing, unknown, Bearer or bare key', async () => {
		for (const opts of [{ key: null }, { key: 'nope' }, { auth: `Bearer ${COMPANY_KEY}` }, { auth: COMPANY_KEY }, { auth: `token ${COMPANY_KEY}` }]) {
			const r = await call(base, 'GET', '/jobs', opts);
			expect(r.status).toBe(401);
			expect(r.body).toEqual({ message: 'Unauthorized' });
		}
	});

	test('X-Company-Id: a single-company key gets 401; a multi-location key sees that company only and location_ids is ignored', async () => {
		const single = await call(base, 'GET', '/jobs', { key: HCP_SINGLE_COMPANY_API_KEY, headers: { 'X-Company-Id': CMP_A } });
		expect(single).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
		expect((await call(base, 'GET', '/jobs', { headers: { 'X-Company-Id': 'cmp_unknown' } })).status).toBe(401);
		const inB = CRAFTED.filter((c) => c.company === CMP_B);
		const r = await call<JobList>(base, 'GET', `/jobs?page_size=50&location_ids[]=${CMP_A}`, { headers: { 'X-Company-Id': CMP_B } });
		expect(r.status).toBe(200);
		expect(ids(r.body)).toEqual(byDefault(inB));
		// The single-company key without the header sees only its company.
		const own = await call<JobList>(base, 'GET', '/jobs?page_size=50', { key: HCP_SINGLE_COMPANY_API_KEY });
		expect(ids(own.body)).toEqual(byDefault(CRAFTED.filter((c) => c.company !== CMP_B)));
		// A job of another company is 404 {} there.
		expect(await call(base, 'GET', `/jobs/${craft(inB[0]).id}`, { key: HCP_SINGLE_COMPANY_API_KEY })).toMatchObject({ status: 404, body: {} });
	});

	test('a Company key is refused on schedule and dispatch; an Application key on appointments and job types', async () => {
		const id = craft(CRAFTED[0]).id;
		for (const [method, path, key] of [
			['PUT', `/jobs/${id}/schedule`, COMPANY_KEY],
			['DELETE', `/jobs/${id}/schedule`, COMPANY_KEY],
			['PUT', `/jobs/${id}/dispatch`, COMPANY_KEY],
			['GET', `/jobs/${id}/appointments`, APP_KEY],
			['POST', `/jobs/${id}/appointments`, APP_KEY],
			['GET', '/job_fields/job_types', APP_KEY],
		] as const) {
			const r = await call(base, method, path, { key, body: method === 'GET' ? undefined : { start_time: '2026-03-20T10:00:00Z' } });
			expect([method, path, r.status, r.body]).toEqual([method, path, 401, { message: 'Unauthorized' }]);
		}
		expect(sim.getJob(id)?.work_status).toBe('needs scheduling');
	});

	test('keyKindRefusal option changes the refusal', async () => {
		const other = craftedSim({ keyKindRefusal: { status: 403, body: { error: { message: 'Application API Key required' } } } });
		const url = await other.start();
		try {
			const r = await call(url, 'DELETE', `/jobs/${craft(CRAFTED[1]).id}/schedule`);
			expect(r).toMatchObject({ status: 403, body: { error: { message: 'Application API Key required' } } });
		} finally {
			await other.stop();
		}
	});

	test('unknown routes and methods → 404', async () => {
		expect((await call(base, 'GET', '/v1/jobs')).status).toBe(404);
		expect((await call(base, 'PUT', `/jobs/${craft(CRAFTED[0]).id}`, { body: { description: 'x' } })).status).toBe(404);
		expect((await call(base, 'DELETE', `/jobs/${craft(CRAFTED[0]).id}`)).status).toBe(404);
	});
});

describe('Housecall Pro simulator: GET /jobs paging, filters, sort', () => {
	const sim = craftedSim();
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('defaults: page 1, page_size 10, created_at desc, totals', async () => {
		const r = await call<JobList>(base, 'GET', '/jobs');
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['jobs', 'page', 'page_size', 'total_items', 'total_pages']);
		expect(r.body).toMatchObject({ page: 1, page_size: 10, total_items: 12, total_pages: 2 });
		expect(ids(r.body)).toEqual(byDefault(CRAFTED).slice(0, 10));
		expect(typeof r.body.page).toBe('number');
	});

	test('walks every page to the end signal (page >= total_pages) and past it', async () => {
		const seen: string[] = [];
		for (let page = 1; ; page++) {
			const r = await call<JobList>(base, 'GET', `/jobs?page=${page}&page_size=5`);
			expect(r.body).toMatchObject({ page, page_size: 5, total_items: 12, total_pages: 3 });
			seen.push(...ids(r.body));
			if (page >= r.body.total_pages) break;
		}
		expect(seen).toEqual(byDefault(CRAFTED));
		const past = await call<JobList>(base, 'GET', '/jobs?page=4&page_size=5');
		expect(past.body).toMatchObject({ page: 4, total_items: 12, total_pages: 3, jobs: [] });
	});

	test('page_size above 200 is clamped to 200 by default, or refused with pageSizeCap: error', async () => {
		const big = new HousecallProSimulator({ jobCount: 230 });
		const other = new HousecallProSimulator({ jobCount: 5, pageSizeCap: 'error' });
		const [u1, u2] = [await big.start(), await other.start()];
		try {
			const r = await call<JobList>(u1, 'GET', '/jobs?page_size=500');
			expect(r.body).toMatchObject({ page_size: 200, total_items: 230, total_pages: 2 });
			expect(r.body.jobs).toHaveLength(200);
			expect((await call<JobList>(u1, 'GET', '/jobs?page=2&page_size=200')).body.jobs).toHaveLength(30);
			const refused = await call(u2, 'GET', '/jobs?page_size=201');
			expect(refused.status).toBe(400);
			expect(refused.body).toMatchObject({ page_size: [expect.any(String)] });
			expect(typeof refused.body.message).toBe('string');
		} finally {
			await big.stop();
			await other.stop();
		}
	});

	test('invalid page or page_size → 400 {message, attr: [..]}', async () => {
		for (const q of ['page=0', 'page=abc', 'page_size=0', 'page_size=1.5', 'page_size=-3']) {
			const r = await call<Record<string, unknown>>(base, 'GET', `/jobs?${q}`);
			expect(r.status).toBe(400);
			const attr = q.split('=')[0];
			expect(Array.isArray(r.body[attr])).toBe(true);
			expect(r.body.message).toEqual(expect.stringContaining(attr));
		}
	});

	test('an empty account answers total_pages 0', async () => {
		const empty = new HousecallProSimulator({ jobs: [] });
		const url = await empty.start();
		try {
			expect((await call(url, 'GET', '/jobs')).body).toEqual({ page: 1, page_size: 10, total_pages: 0, total_items: 0, jobs: [] });
		} finally {
			await empty.stop();
		}
	});

	const filtered = async (query: string): Promise<string[]> => {
		const r = await call<JobList>(base, 'GET', `/jobs?page_size=100&${query}`);
		expect(r.status).toBe(200);
		expect(r.body.total_items).toBe(r.body.jobs.length);
		return ids(r.body);
	};

	test('customer_id', async () => {
		expect(await filtered('customer_id=cus_2')).toEqual(byDefault(CRAFTED.filter((c) => c.customer === 'cus_2')));
		expect(await filtered('customer_id=cus_none')).toEqual([]);
	});

	test('employee_ids[] (any of the pros)', async () => {
		const has = (...pros: string[]) => CRAFTED.filter((c) => (c.pros ?? []).some((p) => pros.includes(p.id)));
		expect(await filtered('employee_ids[]=pro_a')).toEqual(byDefault(has('pro_a')));
		expect(await filtered('employee_ids%5B%5D=pro_b&employee_ids%5B%5D=pro_c')).toEqual(byDefault(has('pro_b', 'pro_c')));
	});

	test('franchisee_ids[] and location_ids[]', async () => {
		expect(await filtered('franchisee_ids[]=fra_y')).toEqual(byDefault(CRAFTED.filter((c) => FRANCHISEE[c.n] === 'fra_y')));
		expect(await filtered('franchisee_ids[]=fra_x&franchisee_ids[]=fra_y')).toEqual(byDefault(CRAFTED.filter((c) => FRANCHISEE[c.n])));
		expect(await filtered(`location_ids[]=${CMP_B}`)).toEqual(byDefault(CRAFTED.filter((c) => c.company === CMP_B)));
	});

	test('scheduled_start_min/max and scheduled_end_min/max are inclusive; unscheduled jobs never match', async () => {
		const within = (field: 'start' | 'end', min?: string, max?: string) =>
			CRAFTED.filter((c) => {
				const v = c[field];
				if (!v) return false;
				return (!min || Date.parse(v) >= Date.parse(min)) && (!max || Date.parse(v) <= Date.parse(max));
			});
		expect(await filtered('scheduled_start_min=2026-03-10T07:00:00Z')).toEqual(byDefault(within('start', '2026-03-10T07:00:00Z')));
		expect(await filtered('scheduled_start_min=2026-03-10T07:00:00Z&scheduled_start_max=2026-03-11T14:00:00Z')).toEqual(
			byDefault(within('start', '2026-03-10T07:00:00Z', '2026-03-11T14:00:00Z')),
		);
		expect(await filtered('scheduled_end_max=2026-02-03T15:00:00Z')).toEqual(byDefault(within('end', undefined, '2026-02-03T15:00:00Z')));
		expect(await filtered('scheduled_end_min=2026-03-12T15:30:00Z')).toEqual(byDefault(within('end', '2026-03-12T15:30:00Z')));
		// An offset is honoured: 08:00-01:00 is 09:00Z.
		expect(await filtered('scheduled_end_min=2026-03-10T08:00:00-01:00&scheduled_end_max=2026-03-10T09:00:00Z')).toEqual([craft(CRAFTED[2]).id]);
		const bad = await call(base, 'GET', '/jobs?scheduled_start_min=yesterday');
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({ scheduled_start_min: [expect.any(String)] });
	});

	test('work_status[] takes the filter words; each selects its response words', async () => {
		for (const [word, responses] of Object.entries(FILTER_WORDS)) {
			expect([word, await filtered(`work_status[]=${word}`)]).toEqual([word, byDefault(CRAFTED.filter((c) => responses.includes(c.status)))]);
		}
		expect(await filtered('work_status[]=unscheduled&work_status[]=canceled')).toEqual(
			byDefault(CRAFTED.filter((c) => ['needs scheduling', 'user canceled', 'pro canceled'].includes(c.status))),
		);
	});

	test('work_status wire pitfalls: response words match nothing; bare repeated key keeps the last; indices form matches nothing; empty means all', async () => {
		expect(await filtered('work_status[]=in%20progress')).toEqual([]);
		expect(await filtered('work_status=unscheduled&work_status=in_progress')).toEqual(byDefault(CRAFTED.filter((c) => c.status === 'in progress')));
		expect(await filtered('work_status[0]=unscheduled&work_status[1]=in_progress')).toEqual([]);
		expect(await filtered('employee_ids[0]=pro_a')).toEqual([]);
		expect(await filtered('work_status[]=')).toEqual(byDefault(CRAFTED));
	});

	test('sort_by every documented field, both directions', async () => {
		for (const by of ['created_at', 'updated_at', 'invoice_number', 'id', 'description', 'work_status']) {
			for (const dir of ['asc', 'desc'] as const) {
				expect([by, dir, await filtered(`sort_by=${by}&sort_direction=${dir}`)]).toEqual([by, dir, expectedOrder(CRAFTED, by, dir)]);
			}
		}
		// Default direction is desc.
		expect(await filtered('sort_by=invoice_number')).toEqual(expectedOrder(CRAFTED, 'invoice_number', 'desc'));
	});

	test('invalid sort_by / sort_direction → 400', async () => {
		for (const q of ['sort_by=name', 'sort_direction=up']) {
			const r = await call<Record<string, unknown>>(base, 'GET', `/jobs?${q}`);
			expect(r.status).toBe(400);
			expect(Array.isArray(r.body[q.split('=')[0]])).toBe(true);
		}
	});

	test('expand[]: attachments and schedule.appointments only when asked; a bare string or unknown word → 400', async () => {
		const id = craft(CRAFTED[1]).id;
		sim.putJob(sim.getJob(id)!, {
			attachments: [{ id: 'att_1', file_name: 'a.jpg', url: 'https://x/a.jpg', file_type: 'image/jpeg' }],
			appointments: [{ id: 'appt_1', start_date: '2026-03-11', start_time: '2026-03-11T14:00:00Z', end_time: '2026-03-11T16:00:00Z', anytime: false, arrival_window_minutes: 0, dispatched_employees_ids: ['pro_a'] }],
		});
		const plain = (await call<HcpJob>(base, 'GET', `/jobs/${id}`)).body;
		expect(plain.attachments).toBeUndefined();
		expect(plain.schedule.appointments).toBeUndefined();
		const both = (await call<HcpJob>(base, 'GET', `/jobs/${id}?expand[]=attachments&expand[]=appointments`)).body;
		expect(both.attachments?.map((a) => a.id)).toEqual(['att_1']);
		expect(both.schedule.appointments?.map((a) => a.id)).toEqual(['appt_1']);
		const list = (await call<JobList>(base, 'GET', `/jobs?page_size=100&expand[]=attachments`)).body.jobs;
		expect(list.find((j) => j.id === id)?.attachments).toHaveLength(1);
		expect(list.find((j) => j.id !== id)?.attachments).toEqual([]);
		for (const q of ['expand=attachments', 'expand[]=customers']) {
			const r = await call(base, 'GET', `/jobs?${q}`);
			expect(r.status).toBe(400);
			expect(r.body).toMatchObject({ expand: [expect.any(String)] });
		}
	});

	test('GET /jobs/{id}: the job, or 404 with an empty object', async () => {
		const r = await call<HcpJob>(base, 'GET', `/jobs/${craft(CRAFTED[4]).id}`);
		expect(r.status).toBe(200);
		expect(r.body).toEqual(craft(CRAFTED[4]));
		expect(await call(base, 'GET', '/jobs/job_missing')).toMatchObject({ status: 404, body: {} });
	});
});
