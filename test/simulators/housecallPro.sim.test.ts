/**
 * Tests of the Housecall Pro simulator over real loopback HTTP with plain `fetch`. Expected values come from
 * hand-built jobs and from the documented rules written out here (filter words, sort fields, cents), not
 * from the simulator's own answers.
 */
import {
	generateHousecallProData,
	HCP_COMPANY_IDS,
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HCP_SINGLE_COMPANY_API_KEY,
	HousecallProSimulator,
	type HcpEmployee,
	type HcpJob,
	type HcpLineItem,
	type HcpWorkStatus,
} from '../../tooling/simulators/housecallPro';

const COMPANY_KEY = HCP_DEFAULT_COMPANY_API_KEY;
const APP_KEY = HCP_DEFAULT_APPLICATION_API_KEY;
const T0 = Date.parse('2026-03-10T08:00:00Z');
const [CMP_A, CMP_B] = HCP_COMPANY_IDS;

interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

interface JobList {
	page: number;
	page_size: number;
	total_pages: number;
	total_items: number;
	jobs: HcpJob[];
}

async function call<T = Record<string, unknown>>(
	base: string,
	method: string,
	pathAndQuery: string,
	options: { key?: string | null; auth?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
	if (options.auth !== undefined) headers.Authorization = options.auth;
	else {
		const key = options.key === undefined ? COMPANY_KEY : options.key;
		if (key !== null) headers.Authorization = `Token ${key}`;
	}
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(`${base}${pathAndQuery}`, { method, headers, body });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const ids = (list: { jobs: HcpJob[] }): string[] => list.jobs.map((j) => j.id);

function employee(id: string, company: string): HcpEmployee {
	return {
		id,
		first_name: `First ${id}`,
		last_name: `Last ${id}`,
		email: `${id}@example.com`,
		mobile_number: '5550000000',
		color_hex: '#000000',
		avatar_url: '',
		role: 'field tech',
		created_at: '2025-01-01T00:00:00.000Z',
		tags: [],
		permissions: {
			can_add_and_edit_job: true,
			can_be_booked_online: false,
			can_call_and_text_with_customers: false,
			can_chat_with_customers: false,
			can_delete_and_cancel_job: false,
			can_edit_message_on_invoice: false,
			can_see_street_view_data: false,
			can_share_job: false,
			can_take_payment_see_prices: false,
			can_see_customers: false,
			can_see_full_schedule: false,
			can_see_future_jobs: false,
			can_see_marketing_campaigns: false,
			can_see_reporting: false,
			can_edit_settings: false,
			is_point_of_contact: false,
			is_admin: false,
		},
		company_name: 'Company',
		company_id: company,
	};
}

const PRO_A = employee('pro_a', CMP_A);
const PRO_B = employee('pro_b', CMP_A);
const PRO_C = employee('pro_c', CMP_B);

interface Craft {
	n: number;
	status: HcpWorkStatus;
	created: string;
	updated?: string;
	invoice: number;
	description: string;
	customer: string;
	company?: string;
	pros?: HcpEmployee[];
	start?: string;
	end?: string;
}

function craft(c: Craft): HcpJob {
	const company = c.company ?? CMP_A;
	return {
		id: `job_${String(c.n).padStart(4, '0')}`,
		invoice_number: String(c.invoice),
		name: `Job ${c.n}`,
		description: c.description,
		customer: {
			id: c.customer,
			first_name: 'Pat',
			last_name: c.customer,
			email: null,
			mobile_number: null,
			home_number: null,
			work_number: null,
			company: null,
			notifications_enabled: true,
			lead_source: null,
			created_at: '2025-01-01T00:00:00.000Z',
			updated_at: '2025-01-01T00:00:00.000Z',
			company_name: 'Company',
			company_id: company,
			tags: [],
		},
		address: { id: `adr_${c.n}`, type: 'service', street: '1 Main St', street_line_2: null, city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
		notes: [],
		work_status: c.status,
		work_timestamps: { on_my_way_at: null, started_at: null, completed_at: null },
		schedule: { scheduled_start: c.start ?? null, scheduled_end: c.end ?? null, arrival_window: 0 },
		total_amount: 10_000,
		outstanding_balance: 10_000,
		subtotal: 10_000,
		assigned_employees: c.pros ?? [],
		tags: [],
		original_estimate_id: null,
		original_estimate_uuids: null,
		lead_source: null,
		job_fields: { job_type: null, business_unit: null },
		locked_at: null,
		created_at: c.created,
		updated_at: c.updated ?? c.created,
		canceled_at: null,
		deleted_at: null,
		company_name: 'Company',
		company_id: company,
	};
}

/** Hand-built jobs in no particular order; created_at ties on purpose (jobs 3 and 4). */
const CRAFTED: Craft[] = [
	{ n: 1, status: 'needs scheduling', created: '2026-01-01T00:00:00.000Z', updated: '2026-02-20T00:00:00.000Z', invoice: 1001, description: 'Drain', customer: 'cus_1', pros: [] },
	{ n: 2, status: 'scheduled', created: '2026-01-05T10:00:00.000Z', updated: '2026-01-06T00:00:00.000Z', invoice: 1002, description: 'AC repair', customer: 'cus_1', pros: [PRO_A], start: '2026-03-11T14:00:00Z', end: '2026-03-11T16:00:00Z' },
	{ n: 3, status: 'in progress', created: '2026-01-10T12:30:00.000Z', invoice: 1010, description: 'Water heater', customer: 'cus_2', pros: [PRO_B], start: '2026-03-10T07:00:00Z', end: '2026-03-10T09:00:00Z' },
	{ n: 4, status: 'complete unrated', created: '2026-01-10T12:30:00.000Z', updated: '2026-02-01T00:00:00.000Z', invoice: 999, description: 'Furnace', customer: 'cus_2', pros: [PRO_A, PRO_B], start: '2026-01-12T14:00:00Z', end: '2026-01-12T15:00:00Z' },
	{ n: 5, status: 'complete rated', created: '2026-01-20T09:15:00.000Z', invoice: 1005, description: 'Breaker', customer: 'cus_3', pros: [PRO_A], start: '2026-01-21T14:00:00Z', end: '2026-01-21T18:00:00Z' },
	{ n: 6, status: 'user canceled', created: '2026-01-25T16:45:00.000Z', invoice: 1006, description: 'Ceiling fan', customer: 'cus_1', pros: [] },
	{ n: 7, status: 'pro canceled', created: '2026-02-01T00:00:00.000Z', invoice: 1007, description: 'Outlet', customer: 'cus_3', pros: [PRO_B], start: '2026-02-03T14:00:00Z', end: '2026-02-03T15:00:00Z' },
	{ n: 8, status: 'scheduled', created: '2026-02-10T11:11:11.000Z', invoice: 1008, description: 'Thermostat', customer: 'cus_2', pros: [PRO_C], company: CMP_B, start: '2026-03-12T14:00:00Z', end: '2026-03-12T15:30:00Z' },
	{ n: 9, status: 'complete unrated', created: '2026-02-15T07:00:00.000Z', invoice: 1009, description: 'Duct cleaning', customer: 'cus_4', pros: [PRO_C], company: CMP_B, start: '2026-02-16T14:00:00Z', end: '2026-02-16T17:00:00Z' },
	{ n: 10, status: 'needs scheduling', created: '2026-02-20T13:00:00.000Z', invoice: 1003, description: 'Panel upgrade', customer: 'cus_4', pros: [PRO_C], company: CMP_B },
	{ n: 11, status: 'scheduled', created: '2026-02-28T23:59:59.000Z', invoice: 1011, description: 'Sump pump', customer: 'cus_1', pros: [PRO_B], start: '2026-03-10T14:00:00Z', end: '2026-03-10T16:00:00Z' },
	{ n: 12, status: 'in progress', created: '2026-03-01T00:00:00.000Z', invoice: 1012, description: 'Leak', customer: 'cus_3', pros: [PRO_A], start: '2026-03-10T06:00:00Z', end: '2026-03-10T08:00:00Z' },
];
const FRANCHISEE: Record<number, string> = { 1: 'fra_x', 2: 'fra_x', 5: 'fra_y', 9: 'fra_y', 12: 'fra_x' };

/** The documented filter words and the response words they select, written out here. */
const FILTER_WORDS: Record<string, HcpWorkStatus[]> = {
	unscheduled: ['needs scheduling'],
	scheduled: ['scheduled'],
	in_progress: ['in progress'],
	completed: ['complete unrated', 'complete rated'],
	canceled: ['user canceled', 'pro canceled'],
};

function craftedSim(extra: ConstructorParameters<typeof HousecallProSimulator>[0] = {}): HousecallProSimulator {
	const sim = new HousecallProSimulator({ jobs: CRAFTED.map(craft), now: () => new Date(T0), ...extra });
	for (const c of CRAFTED) if (FRANCHISEE[c.n]) sim.putJob(sim.getJob(craft(c).id)!, { franchisee_id: FRANCHISEE[c.n] });
	return sim;
}

/** Independent sort: key ascending/descending, ties by id in the same direction. */
function expectedOrder(jobs: Craft[], by: string, dir: 'asc' | 'desc'): string[] {
	const sign = dir === 'asc' ? 1 : -1;
	const key = (c: Craft): number | string => {
		const j = craft(c);
		if (by === 'created_at' || by === 'updated_at') return Date.parse(j[by]);
		if (by === 'invoice_number') return c.invoice;
		if (by === 'id') return j.id;
		if (by === 'description') return j.description;
		return j.work_status;
	};
	return [...jobs]
		.sort((a, b) => {
			const ka = key(a);
			const kb = key(b);
			if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
			return (craft(a).id < craft(b).id ? -1 : 1) * sign;
		})
		.map((c) => craft(c).id);
}

const byDefault = (jobs: Craft[]): string[] => expectedOrder(jobs, 'created_at', 'desc');

// -------------------------------------------------------------------------------------------------------------

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

describe('Housecall Pro simulator: writes', () => {
	let clock = T0;
	const sim = new HousecallProSimulator({ jobCount: 60, now: () => new Date(clock) });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());
	const tick = (): string => {
		clock += 60_000;
		return new Date(clock).toISOString();
	};
	const firstWith = (status: HcpWorkStatus, extra: (j: HcpJob) => boolean = () => true): HcpJob => {
		const job = [...sim.jobs.values()].find((j) => j.work_status === status && sim.getExtras(j.id)!.appointments.length < 2 && extra(j));
		if (!job) throw new Error(`no ${status} job in the data`);
		return job;
	};
	const techOf = (company: string): HcpEmployee[] => sim.employees.filter((e) => e.company_id === company);

	test('POST /jobs creates a job (201, full job, cents, needs scheduling) that lists first', async () => {
		const customer = sim.customers[0];
		const address = customer.addresses[0];
		const tech = techOf(customer.company_id)[0];
		const maxInvoice = Math.max(...[...sim.jobs.values()].filter((j) => j.company_id === customer.company_id).map((j) => Number(j.invoice_number)));
		const now = tick();
		const r = await call<HcpJob>(base, 'POST', '/jobs', {
			body: {
				customer_id: customer.id,
				address_id: address.id,
				assigned_employee_ids: [tech.id],
				tags: ['Warranty'],
				lead_source: 'Google',
				notes: 'Gate code 1234',
				line_items: [
					{ name: 'Labor', unit_price: 12_500, quantity: 2 },
					{ name: 'Part', unit_price: 999, quantity: 1.5, kind: 'materials' },
					{ name: 'Coupon', unit_price: 1_000, quantity: 1, kind: 'fixed discount' },
				],
				job_fields: { job_type_id: sim.jobTypes[1].id },
			},
		});
		expect(r.status).toBe(201);
		const expectedTotal = 25_000 + Math.round(999 * 1.5) - 1_000;
		expect(r.body).toMatchObject({
			invoice_number: String(maxInvoice + 1),
			work_status: 'needs scheduling',
			customer: { id: customer.id },
			address: { id: address.id },
			total_amount: expectedTotal,
			outstanding_balance: expectedTotal,
			tags: ['Warranty'],
			lead_source: 'Google',
			created_at: now,
			updated_at: now,
			job_fields: { job_type: sim.jobTypes[1] },
			schedule: { scheduled_start: null, scheduled_end: null },
		});
		expect(r.body.id).toMatch(/^job_[0-9a-f]{32}$/);
		expect(r.body.assigned_employees.map((e) => e.id)).toEqual([tech.id]);
		expect(r.body.notes.map((n) => n.content)).toEqual(['Gate code 1234']);
		const list = await call<JobList>(base, 'GET', '/jobs?page_size=1');
		expect(ids(list.body)).toEqual([r.body.id]);
		expect((await call<HcpJob>(base, 'GET', `/jobs/${r.body.id}`)).body).toEqual(r.body);
	});

	test('POST /jobs with a schedule is scheduled; bad bodies get the documented error shapes', async () => {
		const customer = sim.customers[1];
		const ok = await call<HcpJob>(base, 'POST', '/jobs', {
			body: { customer_id: customer.id, address_id: customer.addresses[0].id, invoice_number: 77_001, schedule: { scheduled_start: '2026-03-20T15:00:00Z', scheduled_end: '2026-03-20T17:00:00Z', arrival_window: 60 } },
		});
		expect(ok.status).toBe(201);
		expect(ok.body).toMatchObject({ invoice_number: '77001', work_status: 'scheduled', schedule: { scheduled_start: '2026-03-20T15:00:00Z', scheduled_end: '2026-03-20T17:00:00Z', arrival_window: 60 } });

		const missing = await call(base, 'POST', '/jobs', { body: {} });
		expect(missing).toMatchObject({ status: 422, body: { errors: { customer_id: [expect.any(String)], address_id: [expect.any(String)] } } });
		const unknown = await call(base, 'POST', '/jobs', { body: { customer_id: 'cus_nope', address_id: 'adr_nope' } });
		expect(unknown).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
		const wrongAddress = await call(base, 'POST', '/jobs', { body: { customer_id: customer.id, address_id: sim.customers[2].addresses[0].id } });
		expect(wrongAddress).toMatchObject({ status: 422, body: { errors: { address_id: [expect.any(String)] } } });
		const dup = await call(base, 'POST', '/jobs', { body: { customer_id: customer.id, address_id: customer.addresses[0].id, invoice_number: 77_001 } });
		expect(dup).toMatchObject({ status: 422, body: { errors: { invoice_number: ['has already been taken'] } } });
		const anytime = await call(base, 'POST', '/jobs', { body: { customer_id: customer.id, address_id: customer.addresses[0].id, schedule: { anytime: true } } });
		expect(anytime).toMatchObject({ status: 422, body: { errors: { 'schedule.anytime_start_date': [expect.any(String)] } } });
		const notJson = await call(base, 'POST', '/jobs', { rawBody: '{oops', headers: { 'Content-Type': 'application/json' } });
		expect(notJson.status).toBe(400);
		expect(typeof notJson.body.message).toBe('string');
	});

	test('PUT /jobs/{id}/schedule (Application key): needs scheduling → scheduled, response shape, updated_at', async () => {
		const job = firstWith('needs scheduling');
		const pro = techOf(job.company_id)[0];
		const now = tick();
		const r = await call(base, 'PUT', `/jobs/${job.id}/schedule`, {
			key: APP_KEY,
			body: { start_time: '2026-03-21T14:00:00Z', end_time: '2026-03-21T16:00:00Z', arrival_window_in_minutes: 120, notify: false, dispatched_employees: [{ employee_id: pro.id }] },
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ start_time: '2026-03-21T14:00:00Z', end_time: '2026-03-21T16:00:00Z', arrival_window_minutes: 120 });
		expect((r.body.assigned_employees as HcpEmployee[]).map((e) => e.id)).toEqual([pro.id]);
		const after = sim.getJob(job.id)!;
		expect(after).toMatchObject({ work_status: 'scheduled', updated_at: now, schedule: { scheduled_start: '2026-03-21T14:00:00Z', arrival_window: 120 } });
		// An offset-less time is read as UTC and written back with Z.
		const again = await call(base, 'PUT', `/jobs/${job.id}/schedule`, { key: APP_KEY, body: { start_time: '2026-03-22T09:30:00' } });
		expect(again.body).toMatchObject({ start_time: '2026-03-22T09:30:00Z', end_time: '2026-03-22T10:30:00Z' });
	});

	test('schedule rules: start_time required; completed, canceled, archived and multi-appointment jobs refused', async () => {
		const open = firstWith('scheduled');
		expect(await call(base, 'PUT', `/jobs/${open.id}/schedule`, { key: APP_KEY, body: {} })).toMatchObject({ status: 422, body: { errors: { start_time: [expect.any(String)] } } });
		const body = { start_time: '2026-03-25T14:00:00Z' };
		for (const [status, text] of [
			['complete rated', 'completed'],
			['user canceled', 'canceled'],
			['pro canceled', 'archived'],
		] as const) {
			const job = firstWith(status);
			const before = sim.getJob(job.id);
			const r = await call<{ error: { message: string } }>(base, 'PUT', `/jobs/${job.id}/schedule`, { key: APP_KEY, body });
			expect(r.status).toBe(422);
			expect(r.body.error.message).toContain(text);
			expect(sim.getJob(job.id)).toBe(before);
		}
		const multi = firstWith('scheduled');
		const appt = (id: string) => ({ id, start_date: '2026-03-26', start_time: '2026-03-26T14:00:00Z', end_time: '2026-03-26T15:00:00Z', anytime: false, arrival_window_minutes: 0, dispatched_employees_ids: [] });
		sim.putJob(multi, { appointments: [appt('appt_a'), appt('appt_b')] });
		const r = await call<{ error: { message: string } }>(base, 'PUT', `/jobs/${multi.id}/schedule`, { key: APP_KEY, body });
		expect(r.status).toBe(422);
		expect(r.body.error.message).toMatch(/appointment/);
		expect(await call(base, 'PUT', '/jobs/job_missing/schedule', { key: APP_KEY, body })).toMatchObject({ status: 404, body: { error: { message: 'job not found' } } });
	});

	test('DELETE /jobs/{id}/schedule: scheduled → needs scheduling; refused for a job in progress', async () => {
		const job = firstWith('scheduled');
		const now = tick();
		const r = await call(base, 'DELETE', `/jobs/${job.id}/schedule`, { key: APP_KEY });
		expect(r).toMatchObject({ status: 200, body: { object: 'schedule', deleted: true } });
		expect(sim.getJob(job.id)).toMatchObject({ work_status: 'needs scheduling', updated_at: now, schedule: { scheduled_start: null, scheduled_end: null } });
		const running = firstWith('in progress');
		const refused = await call(base, 'DELETE', `/jobs/${running.id}/schedule`, { key: APP_KEY });
		expect(refused).toMatchObject({ status: 422, body: { error: { message: expect.any(String) } } });
	});

	test('PUT /jobs/{id}/dispatch replaces the assigned pros; missing or unknown pros → 422', async () => {
		const job = firstWith('scheduled');
		const pros = techOf(job.company_id).slice(0, 2).map((e) => e.id);
		const r = await call<{ assigned_employees: HcpEmployee[] }>(base, 'PUT', `/jobs/${job.id}/dispatch`, { key: APP_KEY, body: { dispatched_employees: pros.map((employee_id) => ({ employee_id })) } });
		expect(r.status).toBe(200);
		expect(r.body.assigned_employees.map((e) => e.id)).toEqual(pros);
		expect(sim.getJob(job.id)!.assigned_employees.map((e) => e.id)).toEqual(pros);
		expect(await call(base, 'PUT', `/jobs/${job.id}/dispatch`, { key: APP_KEY, body: {} })).toMatchObject({ status: 422, body: { errors: { dispatched_employees: [expect.any(String)] } } });
		expect(await call(base, 'PUT', `/jobs/${job.id}/dispatch`, { key: APP_KEY, body: { dispatched_employees: [{ employee_id: 'pro_nope' }] } })).toMatchObject({
			status: 422,
			body: { errors: { dispatched_employees: [expect.stringContaining('pro_nope')] } },
		});
	});

	test('notes: add (201 {id, content}), delete, errors', async () => {
		const job = firstWith('complete unrated');
		const before = job.notes.length;
		const now = tick();
		const r = await call<{ id: string; content: string }>(base, 'POST', `/jobs/${job.id}/notes`, { body: { content: 'Customer paid by check' } });
		expect(r.status).toBe(201);
		expect(r.body).toEqual({ id: expect.stringMatching(/^nte_/), content: 'Customer paid by check' });
		const after = (await call<HcpJob>(base, 'GET', `/jobs/${job.id}`)).body;
		expect(after.notes).toHaveLength(before + 1);
		expect(after.updated_at).toBe(now);
		expect((await call(base, 'DELETE', `/jobs/${job.id}/notes/${r.body.id}`)).status).toBe(200);
		expect(sim.getJob(job.id)!.notes.some((n) => n.id === r.body.id)).toBe(false);
		expect(await call(base, 'DELETE', `/jobs/${job.id}/notes/nte_nope`)).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
		expect(await call(base, 'POST', `/jobs/${job.id}/notes`, { body: {} })).toMatchObject({ status: 422, body: { errors: { content: [expect.any(String)] } } });
		expect(await call(base, 'POST', '/jobs/job_nope/notes', { body: { content: 'x' } })).toMatchObject({ status: 404, body: { error: { message: 'job not found' } } });
	});

	test('tags: GET /tags, add (201 {tags}), remove, unknown tag → 404', async () => {
		const list = await call<{ tags: Array<{ id: string; name: string }>; total_items: number }>(base, 'GET', '/tags?page_size=50');
		expect(list.status).toBe(200);
		expect(list.body.total_items).toBe(sim.tags.length);
		const job = firstWith('scheduled', (j) => j.tags.length === 0);
		const tag = list.body.tags[2];
		const r = await call<{ tags: Array<{ id: string; name: string }> }>(base, 'POST', `/jobs/${job.id}/tags`, { body: { tag_id: tag.id } });
		expect(r.status).toBe(201);
		expect(r.body.tags).toEqual([tag]);
		expect(sim.getJob(job.id)!.tags).toEqual([tag.name]);
		expect(await call(base, 'POST', `/jobs/${job.id}/tags`, { body: { tag_id: 'tag_nope' } })).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
		const removed = await call<{ tags: unknown[] }>(base, 'DELETE', `/jobs/${job.id}/tags/${tag.id}`);
		expect(removed).toMatchObject({ status: 200, body: { tags: [] } });
		expect(sim.getJob(job.id)!.tags).toEqual([]);
	});

	test('line items: list, add, update, delete, bulk update; totals in cents follow', async () => {
		const job = firstWith('scheduled');
		const paid = sim.getExtras(job.id)!.amount_paid;
		const existing = (await call<{ data: HcpLineItem[] }>(base, 'GET', `/jobs/${job.id}/line_items`)).body.data;
		expect(existing.map((li) => li.id)).toEqual(sim.getExtras(job.id)!.line_items.map((li) => li.id));
		const sumOf = (items: HcpLineItem[]): number => items.reduce((s, li) => s + li.amount, 0);

		const added = await call<HcpLineItem>(base, 'POST', `/jobs/${job.id}/line_items`, { body: { name: 'Extra hour', unit_price: 15_000, quantity: 1.25, unit_cost: 5_000 } });
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ name: 'Extra hour', amount: 18_750, kind: 'labor', taxable: true, order_index: existing.length });
		let job2 = sim.getJob(job.id)!;
		expect(job2.total_amount).toBe(sumOf(existing) + 18_750);
		expect(job2.outstanding_balance).toBe(Math.max(0, job2.total_amount - paid));

		const updated = await call<HcpLineItem>(base, 'PUT', `/jobs/${job.id}/line_items/${added.body.id}`, { body: { quantity: 2 } });
		expect(updated.body).toMatchObject({ id: added.body.id, name: 'Extra hour', amount: 30_000 });
		const invalid = await call<Record<string, unknown>>(base, 'PUT', `/jobs/${job.id}/line_items/${added.body.id}`, { body: { name: '' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body).toMatchObject({ message: expect.any(String), name: [expect.any(String)] });
		expect((await call(base, 'PUT', `/jobs/${job.id}/line_items/lit_nope`, { body: { name: 'x' } })).status).toBe(404);

		expect(await call(base, 'DELETE', `/jobs/${job.id}/line_items/${added.body.id}`)).toMatchObject({ status: 200, body: { id: added.body.id, deleted: true } });
		expect(sim.getJob(job.id)!.total_amount).toBe(sumOf(existing));

		const appended = await call<{ data: HcpLineItem[] }>(base, 'PUT', `/jobs/${job.id}/line_items/bulk_update`, {
			body: { append_line_items: true, line_items: [{ name: 'Permit', unit_price: 5_000 }, { id: existing[0].id, name: existing[0].name, quantity: 3 }] },
		});
		expect(appended.status).toBe(200);
		expect(appended.body.data.map((li) => li.name)).toEqual([...existing.slice(1).map((li) => li.name), 'Permit', existing[0].name]);
		const replaced = await call<{ data: HcpLineItem[] }>(base, 'PUT', `/jobs/${job.id}/line_items/bulk_update`, { body: { line_items: [{ name: 'Flat rate', unit_price: 40_000 }, { name: '10% off', kind: 'percent discount', unit_price: 10 }] } });
		expect(replaced.body.data.map((li) => li.amount)).toEqual([40_000, -4_000]);
		job2 = sim.getJob(job.id)!;
		expect(job2).toMatchObject({ subtotal: 36_000, total_amount: 36_000 });
		expect(await call(base, 'PUT', `/jobs/${job.id}/line_items/bulk_update`, { body: { line_items: [{ id: 'lit_nope', name: 'x' }] } })).toMatchObject({ status: 422, body: { errors: { 'line_items[0].id': [expect.any(String)] } } });
	});

	test('appointments (Company key): create, list, update, delete, validation', async () => {
		const job = firstWith('scheduled');
		const pro = techOf(job.company_id)[0];
		const created = await call<{ id: string; start_time: string; dispatched_employees_ids: string[] }>(base, 'POST', `/jobs/${job.id}/appointments`, {
			body: { start_time: '2026-03-27T14:00:00Z', end_time: '2026-03-27T15:00:00Z', dispatched_employees_ids: [pro.id], arrival_window_minutes: 30 },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ start_time: '2026-03-27T14:00:00Z', dispatched_employees_ids: [pro.id], arrival_window_minutes: 30, start_date: '2026-03-27' });
		const list = await call<{ appointments: Array<{ id: string }> }>(base, 'GET', `/jobs/${job.id}/appointments`);
		expect(list.body.appointments.map((a) => a.id)).toContain(created.body.id);
		const updated = await call(base, 'PUT', `/jobs/${job.id}/appointments/${created.body.id}`, { body: { end_time: '2026-03-27T16:00:00Z' } });
		expect(updated).toMatchObject({ status: 200, body: { end_time: '2026-03-27T16:00:00Z', start_time: '2026-03-27T14:00:00Z' } });
		expect((await call(base, 'DELETE', `/jobs/${job.id}/appointments/${created.body.id}`)).status).toBe(200);
		expect(sim.getExtras(job.id)!.appointments.some((a) => a.id === created.body.id)).toBe(false);
		const missing = await call(base, 'POST', `/jobs/${job.id}/appointments`, { body: { start_time: '2026-03-27T14:00:00Z' } });
		expect(missing).toMatchObject({ status: 422, body: { errors: { end_time: [expect.any(String)], dispatched_employees_ids: [expect.any(String)] } } });
	});

	test('pipeline: list statuses, forward and equal moves, backward refused, unknown status/job → 404 {"error": string}', async () => {
		const list = await call<{ statuses: Array<{ id: string; name: string; status_type: string }>; total_items: number; page_size: number }>(base, 'GET', '/pipeline/statuses?resource_type=job&page_size=50');
		expect(list.status).toBe(200);
		expect(list.body.total_items).toBe(sim.pipeline.job.length);
		expect(Object.keys(list.body.statuses[0]).sort()).toEqual(['id', 'name', 'status_type']);
		const [s0, s1, s2] = list.body.statuses;
		const job = firstWith('scheduled');
		sim.putJob(sim.getJob(job.id)!, { pipeline_status_id: null });
		const move = (status_id: string, resource_id = job.id) => call(base, 'PUT', '/pipeline/statuses', { body: { resource_type: 'job', resource_id, status_id } });
		const now = tick();
		expect(await move(s1.id)).toMatchObject({ status: 200, body: { status_id: s1.id, resource_id: job.id, resource_type: 'job' } });
		expect(sim.getPipelineStatusId(job.id)).toBe(s1.id);
		expect(sim.getJob(job.id)!.updated_at).toBe(now);
		expect((await move(s1.id)).status).toBe(200);
		expect(await move(s0.id)).toMatchObject({ status: 422, body: { error: expect.any(String) } });
		expect(sim.getPipelineStatusId(job.id)).toBe(s1.id);
		expect((await move(s2.id)).status).toBe(200);
		expect(await move('kcs_nope')).toMatchObject({ status: 404, body: { error: expect.any(String) } });
		expect(await move(s2.id, 'job_nope')).toMatchObject({ status: 404, body: { error: expect.any(String) } });
		expect(await call(base, 'PUT', '/pipeline/statuses', { body: { resource_id: job.id } })).toMatchObject({ status: 422, body: { errors: { resource_type: [expect.any(String)], status_id: [expect.any(String)] } } });
		expect((await call(base, 'GET', '/pipeline/statuses')).status).toBe(400);
	});

	test('lock one job / lock by range (Application key), links, attachments', async () => {
		const job = firstWith('complete rated', (j) => j.locked_at === null);
		const now = tick();
		expect((await call(base, 'POST', `/jobs/${job.id}/lock`)).status).toBe(401);
		const locked = await call<HcpJob>(base, 'POST', `/jobs/${job.id}/lock`, { key: APP_KEY });
		expect(locked).toMatchObject({ status: 200, body: { id: job.id, locked_at: now } });
		expect(await call(base, 'POST', '/jobs/job_nope/lock', { key: APP_KEY })).toMatchObject({ status: 404, body: { error: { message: 'job not found' } } });

		expect(await call(base, 'POST', '/jobs/lock', { key: APP_KEY, body: { starting_at: '2026-01-01T00:00:00Z', ending_at: '2026-12-31T00:00:00Z' } })).toMatchObject({
			status: 422,
			body: { error: { message: 'statuses is required' } },
		});
		const from = Date.parse('2026-02-01T00:00:00Z');
		const to = Date.parse('2026-02-15T00:00:00Z');
		const expected = [...sim.jobs.values()]
			.filter((j) => j.work_status.startsWith('complete') && j.work_timestamps.completed_at !== null)
			.filter((j) => Date.parse(j.work_timestamps.completed_at ?? '') >= from && Date.parse(j.work_timestamps.completed_at ?? '') <= to)
			.map((j) => j.id)
			.sort();
		const byRange = await call<{ jobs: Array<{ id: string; locked_at: string }> }>(base, 'POST', '/jobs/lock', {
			key: APP_KEY,
			body: { starting_at: '2026-02-01T00:00:00Z', ending_at: '2026-02-15T00:00:00Z', statuses: ['completed'] },
		});
		expect(byRange.status).toBe(200);
		expect(byRange.body.jobs.map((j) => j.id).sort()).toEqual(expected);
		expect(expected.every((id) => sim.getJob(id)!.locked_at !== null)).toBe(true);

		const link = await call(base, 'POST', `/jobs/${job.id}/links`, { key: APP_KEY, body: { title: 'Permit', url: 'https://city.example/permit/1' } });
		expect(link).toMatchObject({ status: 201, body: { id: expect.any(String), title: 'Permit', url: 'https://city.example/permit/1' } });
		expect(await call(base, 'POST', `/jobs/${job.id}/links`, { key: APP_KEY, body: { title: 'x' } })).toMatchObject({ status: 422, body: { errors: { url: [expect.any(String)] } } });

		const form = new FormData();
		form.append('file', new Blob(['fake image'], { type: 'image/png' }), 'before.png');
		const res = await fetch(`${base}/jobs/${job.id}/attachments`, { method: 'POST', headers: { Authorization: `Token ${COMPANY_KEY}` }, body: form });
		expect(res.status).toBe(202);
		expect(((await res.json()) as { job_url: string }).job_url).toContain(job.id);
		const expanded = await call<HcpJob>(base, 'GET', `/jobs/${job.id}?expand[]=attachments`);
		expect(expanded.body.attachments?.at(-1)).toMatchObject({ file_name: 'before.png', file_type: 'image/png' });
		expect(await call(base, 'POST', `/jobs/${job.id}/attachments`, { body: { file: 'x' } })).toMatchObject({ status: 422, body: { errors: { file: [expect.any(String)] } } });
	});

	test('pipelines off → empty status list with total_pages 0', async () => {
		const off = new HousecallProSimulator({ jobCount: 3, pipelineEnabled: false });
		const url = await off.start();
		try {
			expect((await call(url, 'GET', '/pipeline/statuses?resource_type=job')).body).toEqual({ page: 1, page_size: 10, total_pages: 0, total_items: 0, statuses: [] });
		} finally {
			await off.stop();
		}
	});

	test('reference lists: employees, job types, customers and their addresses, company', async () => {
		const employees = await call<{ employees: HcpEmployee[]; total_items: number; total_pages: number }>(base, 'GET', '/employees?page_size=4');
		expect(employees.body).toMatchObject({ total_items: sim.employees.length, total_pages: Math.ceil(sim.employees.length / 4) });
		expect(employees.body.employees).toHaveLength(4);
		const sortedDesc = [...sim.employees].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)).map((e) => e.id);
		expect(employees.body.employees.map((e) => e.id)).toEqual(sortedDesc.slice(0, 4));
		const inB = await call<{ employees: HcpEmployee[] }>(base, 'GET', '/employees?page_size=50', { headers: { 'X-Company-Id': CMP_B } });
		expect(inB.body.employees.every((e) => e.company_id === CMP_B)).toBe(true);

		const types = await call<{ job_types: Array<{ id: string; name: string }> }>(base, 'GET', '/job_fields/job_types?page_size=50');
		expect(types.body.job_types).toEqual(sim.jobTypes);
		const named = await call<{ job_types: Array<{ name: string }> }>(base, 'GET', '/job_fields/job_types?name=install');
		expect(named.body.job_types.map((t) => t.name)).toEqual(sim.jobTypes.filter((t) => t.name.toLowerCase().includes('install')).map((t) => t.name));

		const customer = sim.customers[3];
		const found = await call<{ customers: Array<{ id: string }> }>(base, 'GET', `/customers?q=${encodeURIComponent(customer.email ?? '')}`);
		expect(found.body.customers.map((c) => c.id)).toEqual([customer.id]);
		expect((await call(base, 'GET', `/customers/${customer.id}`)).body).toEqual(customer);
		const addresses = await call<{ addresses: Array<{ id: string }> }>(base, 'GET', `/customers/${customer.id}/addresses`);
		expect(addresses.body.addresses.map((a) => a.id)).toEqual(customer.addresses.map((a) => a.id));
		expect(await call(base, 'GET', '/customers/cus_nope')).toMatchObject({ status: 404, body: {} });
		expect((await call<{ id: string }>(base, 'GET', '/company')).body.id).toBe(CMP_A);
	});
});

describe('Housecall Pro simulator: rate limit, latency, faults, paging hook', () => {
	test('rolling-window 429 {"message"}; Retry-After only with the option; the window rolls', async () => {
		let clock = T0;
		const sim = craftedSim({ rateLimit: { limit: 3, windowMs: 10_000, retryAfter: true }, now: () => new Date(clock) });
		const plain = craftedSim({ rateLimit: { limit: 1, windowMs: 10_000 }, now: () => new Date(clock) });
		const base = await sim.start();
		const base2 = await plain.start();
		try {
			for (let i = 0; i < 3; i++) {
				expect((await call(base, 'GET', '/jobs')).status).toBe(200);
				clock += 1_000;
			}
			const limited = await call(base, 'GET', '/jobs');
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual({ message: 'Too Many Requests' });
			expect(limited.headers.get('retry-after')).toBe('7');
			// The other key has its own window.
			expect((await call(base, 'GET', '/jobs', { key: APP_KEY })).status).toBe(200);
			clock += 7_000;
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);

			expect((await call(base2, 'GET', '/jobs')).status).toBe(200);
			const r = await call(base2, 'GET', '/jobs');
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBeNull();
		} finally {
			await sim.stop();
			await plain.stop();
		}
	});

	test('no rate limit by default', async () => {
		const sim = craftedSim();
		const base = await sim.start();
		try {
			const replies = await Promise.all(Array.from({ length: 60 }, () => call(base, 'GET', '/jobs?page_size=1')));
			expect(replies.every((r) => r.status === 200)).toBe(true);
		} finally {
			await sim.stop();
		}
	});

	test('latencyMs delays every answer', async () => {
		const sim = craftedSim({ latencyMs: 150 });
		const base = await sim.start();
		try {
			for (const path of ['/jobs', '/jobs/job_missing']) {
				const started = Date.now();
				await call(base, 'GET', path);
				expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			}
		} finally {
			await sim.stop();
		}
	});

	test('server faults (shared SimulatorServer) come before the API', async () => {
		const sim = craftedSim();
		const base = await sim.start();
		try {
			sim.server.injectFault({ method: 'GET', path: '/jobs' }, { status: 503, body: { message: 'down' } }, 1);
			expect(await call(base, 'GET', '/jobs', { key: null })).toMatchObject({ status: 503, body: { message: 'down' } });
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
		} finally {
			await sim.stop();
		}
	});

	test('onList runs before each page: a job inserted between pages shifts the next page; a delete shrinks totals', async () => {
		const pages: number[] = [];
		const sim = craftedSim();
		const inserted = craft({ n: 99, status: 'needs scheduling', created: '2026-03-09T00:00:00.000Z', invoice: 5000, description: 'New', customer: 'cus_9' });
		sim.onList = (page) => {
			pages.push(page);
			if (page === 2) sim.putJob(inserted);
		};
		const base = await sim.start();
		try {
			const order = byDefault(CRAFTED);
			const p1 = await call<JobList>(base, 'GET', '/jobs?page=1&page_size=5');
			expect(ids(p1.body)).toEqual(order.slice(0, 5));
			const p2 = await call<JobList>(base, 'GET', '/jobs?page=2&page_size=5');
			// The new newest job pushes every job down by one: page 2 starts with page 1's last job.
			expect(ids(p2.body)).toEqual([order[4], ...order.slice(5, 9)]);
			expect(p2.body.total_items).toBe(13);
			expect(pages).toEqual([1, 2]);

			sim.onList = (page) => {
				if (page === 2) sim.deleteJob(order[0]);
			};
			await call<JobList>(base, 'GET', '/jobs?page=1&page_size=5');
			const after = await call<JobList>(base, 'GET', '/jobs?page=2&page_size=5');
			expect(after.body.total_items).toBe(12);
			expect(ids(after.body)).toEqual(order.slice(5, 10));
			expect(sim.listJobs().map((j) => j.id)).toEqual([inserted.id, ...order.slice(1)]);
		} finally {
			await sim.stop();
		}
	});
});
