/**
 * Tests of the FSM Navigator simulator over real loopback HTTP with plain `fetch`. Expected values are
 * written out literally (hand-built jobs, the documented transition table) rather than read back from the
 * simulator, so a simulator bug fails these tests.
 */
import {
	FsmNavigatorSimulator,
	generateFsmData,
	type FsmJob,
	type FsmJobAsset,
	type FsmJobPriority,
	type FsmJobStatus,
} from '../../tooling/simulators/fsmNavigator';

const KEY = 'fsm_test_key';
const T0 = Date.parse('2026-03-10T08:00:00Z');

interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

interface ListBody {
	data: Array<Record<string, unknown>>;
	pagination: { page: number; per_page: number; total: number; total_pages: number };
	request_id: string;
}

interface GetBody {
	data: FsmJob;
	request_id: string;
}

interface ErrorBody {
	success: false;
	error: string;
	message: string;
	details?: Record<string, unknown>;
	retry_after?: number;
}

async function call<T = Record<string, unknown>>(
	base: string,
	method: string,
	pathAndQuery: string,
	options: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = { ...options.headers };
	const key = options.key === undefined ? KEY : options.key;
	if (key !== null) headers['X-API-Key'] = key;
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] ??= 'application/json';
	}
	const res = await fetch(`${base}${pathAndQuery}`, { method, headers, body });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const ids = (body: ListBody): number[] => body.data.map((j) => j.job_id as number);

function job(
	id: number,
	status: FsmJobStatus,
	priority: FsmJobPriority,
	technicianId: number | null,
	locationId: number,
	createdAt: string,
	assets: FsmJobAsset[] = [],
): FsmJob {
	return {
		job_id: id,
		job_title: `Job ${id}`,
		job_description: `Description of job ${id}`,
		job_status: status,
		job_priority: priority,
		assigned_technician_id: technicianId,
		assigned_technician_name: technicianId === null ? null : `Tech ${technicianId}`,
		customer_location_id: locationId,
		customer_location_name: `Location ${locationId}`,
		customer_id: 200 + (locationId % 10),
		customer_name: `Customer ${locationId}`,
		scheduled_start: null,
		scheduled_end: null,
		actual_start: null,
		actual_end: null,
		created_at: createdAt,
		updated_at: createdAt,
		assets,
	};
}

const JOB3_ASSET: FsmJobAsset = {
	asset_id: 42,
	asset_tag: 'HVAC-007',
	asset_name: 'Rooftop AC Unit #7',
	asset_status: 'In Maintenance',
	relationship_type: 'serviced',
	relationship_notes: null,
	linked_at: '2026-01-10T12:30:00Z',
};

/** Hand-built jobs, deliberately inserted out of id order. */
function craftedJobs(): FsmJob[] {
	return [
		job(7, 'Paid', 'Low', 43, 89, '2026-02-01T00:00:00Z'),
		job(3, 'In Progress', 'High', 45, 88, '2026-01-10T12:30:00Z', [JOB3_ASSET]),
		job(12, 'In Progress', 'Low', 43, 88, '2026-02-28T23:59:59Z'),
		job(1, 'Pending', 'Low', null, 87, '2026-01-01T00:00:00Z'),
		job(2, 'Assigned', 'Medium', 45, 87, '2026-01-05T10:00:00Z'),
		job(4, 'On Hold', 'Urgent', 42, 88, '2026-01-15T08:00:00Z'),
		job(5, 'Completed', 'Medium', 42, 87, '2026-01-20T09:15:00Z'),
		job(6, 'Invoiced', 'High', 45, 89, '2026-01-25T16:45:00Z'),
		job(8, 'Closed', 'Medium', 43, 87, '2026-02-01T00:00:01Z'),
		job(9, 'Cancelled', 'Urgent', null, 88, '2026-02-10T11:11:11Z'),
		job(10, 'In Progress', 'Urgent', 42, 87, '2026-02-15T07:00:00Z'),
		job(11, 'Pending', 'High', null, 89, '2026-02-20T13:00:00Z'),
	];
}

/** The documented transition table, written out independently of the simulator's copy. */
const TRANSITIONS: Record<string, string[]> = {
	Pending: ['Assigned', 'Cancelled'],
	Assigned: ['In Progress', 'Pending', 'Cancelled', 'On Hold'],
	'In Progress': ['Completed', 'Assigned', 'On Hold', 'Cancelled'],
	'On Hold': ['In Progress', 'Assigned', 'Cancelled'],
	Completed: ['Invoiced'],
	Invoiced: ['Paid'],
	Paid: ['Closed'],
	Cancelled: [],
	Closed: [],
};
const ALL_STATUSES = Object.keys(TRANSITIONS);
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('generateFsmData', () => {
	test('is deterministic per seed and realistic', () => {
		const a = generateFsmData(500);
		expect(generateFsmData(500)).toEqual(a);
		expect(generateFsmData(500, 2).jobs).not.toEqual(a.jobs);

		expect(a.technicians).toHaveLength(8);
		expect(a.technicians.find((t) => t.technician_id === 45)?.technician_name).toBe('John Smith');
		expect(a.customers).toHaveLength(20);
		expect(a.customers[0]).toEqual({ customer_id: 201, customer_name: 'Acme Corporation' });
		expect(a.locations.find((l) => l.customer_location_id === 87)).toMatchObject({ customer_location_name: 'Main Office', customer_id: 201 });
		for (const c of a.customers) {
			const n = a.locations.filter((l) => l.customer_id === c.customer_id).length;
			expect(n).toBeGreaterThanOrEqual(1);
			expect(n).toBeLessThanOrEqual(3);
		}

		const statuses = new Set(a.jobs.map((j) => j.job_status));
		expect([...statuses].sort()).toEqual([...ALL_STATUSES].sort());
		expect(new Set(a.jobs.map((j) => j.job_priority))).toEqual(new Set(['Low', 'Medium', 'High', 'Urgent']));
		expect(new Set(generateFsmData(9).jobs.map((j) => j.job_status)).size).toBe(9);

		const ref = Date.parse('2026-03-01T00:00:00Z');
		const locationById = new Map(a.locations.map((l) => [l.customer_location_id, l]));
		const customerById = new Map(a.customers.map((c) => [c.customer_id, c]));
		const techById = new Map(a.technicians.map((t) => [t.technician_id, t]));
		const assetById = new Map(a.assets.map((x) => [x.asset_id, x]));
		let withAssets = 0;
		const problems: string[] = [];
		const check = (ok: boolean, what: string, j: FsmJob): void => {
			if (!ok) problems.push(`job ${j.job_id}: ${what}`);
		};
		a.jobs.forEach((j, i) => {
			check(j.job_id === a.jobs[0].job_id + i, 'ids not contiguous ascending', j);
			check(ISO_SECONDS.test(j.created_at) && ISO_SECONDS.test(j.updated_at), 'timestamp format', j);
			const created = Date.parse(j.created_at);
			const updated = Date.parse(j.updated_at);
			check(created >= ref - 90 * 86_400_000 && created <= ref, 'created_at outside the 90 days before the reference date', j);
			check(updated >= created && updated <= ref, 'updated_at before created_at or after the reference date', j);
			check(i === 0 || created >= Date.parse(a.jobs[i - 1].created_at), 'created_at not ascending with id', j);
			const location = locationById.get(j.customer_location_id);
			check(location?.customer_location_name === j.customer_location_name && location?.customer_id === j.customer_id, 'location mismatch', j);
			check(customerById.get(j.customer_id)?.customer_name === j.customer_name, 'customer mismatch', j);
			check(
				j.assigned_technician_id === null
					? j.assigned_technician_name === null
					: techById.get(j.assigned_technician_id)?.technician_name === j.assigned_technician_name,
				'technician mismatch',
				j,
			);
			if (j.job_status === 'Pending') check(j.assigned_technician_id === null, 'pending job with a technician', j);
			if (['Completed', 'Invoiced', 'Paid', 'Closed'].includes(j.job_status)) {
				check(j.actual_start !== null && j.actual_end !== null && Date.parse(j.actual_end) >= Date.parse(j.actual_start), 'finished job without actual times', j);
			}
			if (['Pending', 'Assigned'].includes(j.job_status)) check(j.actual_start === null && j.actual_end === null, 'unstarted job with actual times', j);
			if (j.scheduled_start !== null) check(Date.parse(j.scheduled_end ?? '') > Date.parse(j.scheduled_start), 'scheduled_end not after start', j);
			if (j.assets.length) withAssets++;
			for (const link of j.assets) {
				const asset = assetById.get(link.asset_id);
				check(asset?.deleted === false && asset.asset_tag === link.asset_tag, `bad asset link ${link.asset_id}`, j);
			}
		});
		expect(problems).toEqual([]);
		expect(withAssets).toBeGreaterThan(50);
		expect(a.jobs.filter((j) => j.job_status === 'Closed').length).toBeGreaterThan(a.jobs.filter((j) => j.job_status === 'Pending').length);
	});

});

describe('FSM Navigator simulator: reads', () => {
	const sim = new FsmNavigatorSimulator({
		jobs: craftedJobs(),
		apiKeys: { [KEY]: ['jobs:read', 'jobs:write'], fsm_test_readonly: ['jobs:read'], fsm_test_writeonly: ['jobs:write'] },
		now: () => new Date(T0),
	});
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('start() returns the base URL including /api/v1', () => {
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
	});

	test('401 without a key, with an unknown key, or with a Bearer header instead of X-API-Key', async () => {
		const expected = { success: false, error: 'unauthorized', message: 'Invalid or missing API key' };
		for (const reply of [
			await call(base, 'GET', '/jobs', { key: null }),
			await call(base, 'GET', '/jobs', { key: 'fsm_live_nope' }),
			await call(base, 'GET', '/jobs', { key: null, headers: { Authorization: `Bearer ${KEY}` } }),
			await call(base, 'POST', '/jobs', { key: '', body: { job_title: 'x', customer_location_id: 87 } }),
		]) {
			expect(reply.status).toBe(401);
			expect(reply.body).toEqual(expected);
			expect(reply.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
		}
	});

	test('403 insufficient_scope for a missing scope; a read-only key may read', async () => {
		const write = await call<ErrorBody>(base, 'POST', '/jobs', { key: 'fsm_test_readonly', body: { job_title: 'x', customer_location_id: 87 } });
		expect(write.status).toBe(403);
		expect(write.body).toMatchObject({ success: false, error: 'insufficient_scope' });
		expect(write.body.message).toContain('jobs:write');
		for (const method of ['PUT', 'PATCH']) {
			const r = await call<ErrorBody>(base, method, '/jobs?id=1', { key: 'fsm_test_readonly', body: { job_status: 'Assigned' } });
			expect(r.status).toBe(403);
			expect(r.body.error).toBe('insufficient_scope');
		}
		const read = await call<ErrorBody>(base, 'GET', '/jobs?id=1', { key: 'fsm_test_writeonly' });
		expect(read.status).toBe(403);
		expect(read.body.message).toContain('jobs:read');
		expect((await call(base, 'GET', '/jobs', { key: 'fsm_test_readonly' })).status).toBe(200);
		expect(sim.getJob(1)?.job_status).toBe('Pending');
	});

	test('list: envelope, defaults, ascending job_id, no assets, rate-limit headers, request_id', async () => {
		const before = Math.floor(T0 / 1000);
		const r = await call<ListBody>(base, 'GET', '/jobs');
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['data', 'pagination', 'request_id']);
		expect(r.body.pagination).toEqual({ page: 1, per_page: 50, total: 12, total_pages: 1 });
		expect(ids(r.body)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		for (const item of r.body.data) expect(item).not.toHaveProperty('assets');
		expect(r.body.data[2]).toEqual({ ...craftedJobs()[1], assets: undefined });
		expect(Object.keys(r.body.data[2])).toHaveLength(17);
		expect(r.body.request_id).toMatch(/^[0-9a-f]{12}$/);
		expect(r.headers.get('x-request-id')).toBe(r.body.request_id);
		expect(Number(r.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
		expect(r.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
		expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(before);
		const again = await call<ListBody>(base, 'GET', '/jobs');
		expect(again.body.request_id).not.toBe(r.body.request_id);
	});

	test.each([
		['status=In%20Progress', [3, 10, 12]],
		['status=In+Progress', [3, 10, 12]],
		['status=On%20Hold', [4]],
		['status=Cancelled', [9]],
		['priority=Urgent', [4, 9, 10]],
		['assigned_technician_id=45', [2, 3, 6]],
		['customer_location_id=88', [3, 4, 9, 12]],
		['created_after=2026-02-01T00:00:00Z', [7, 8, 9, 10, 11, 12]],
		['created_after=2026-02-01', [7, 8, 9, 10, 11, 12]],
		['created_after=2026-02-01T01:00:00%2B01:00', [7, 8, 9, 10, 11, 12]],
		['created_after=2026-02-01T00:00:00.001Z', [8, 9, 10, 11, 12]],
		['created_before=2026-02-01T00:00:00Z', [1, 2, 3, 4, 5, 6, 7]],
		['created_after=2026-01-10T12:30:00Z&created_before=2026-01-20T09:15:00Z', [3, 4, 5]],
		['status=In%20Progress&assigned_technician_id=42', [10]],
		['priority=Low&customer_location_id=88', [12]],
		['assigned_technician_id=44', []],
	])('list filter %s', async (query, expected) => {
		const r = await call<ListBody>(base, 'GET', `/jobs?${query}`);
		expect(r.status).toBe(200);
		expect(ids(r.body)).toEqual(expected);
		expect(r.body.pagination.total).toBe(expected.length);
		expect(r.body.pagination.total_pages).toBe(expected.length === 0 ? 0 : 1);
	});

	test.each([
		['status=in%20progress', 'status'],
		['status=In-Transit', 'status'],
		['status=', 'status'],
		['priority=urgent', 'priority'],
		['assigned_technician_id=abc', 'assigned_technician_id'],
		['customer_location_id=8.5', 'customer_location_id'],
		['created_after=yesterday', 'created_after'],
		['created_after=2026-02-30', 'created_after'],
		['created_before=02%2F01%2F2026', 'created_before'],
		['created_after=2026-02-01T00:00:00+00:00', 'created_after'], // unencoded '+' arrives as a space
		['updated_after=2026-02-01', 'updated_after'],
		['sort=created_at', 'sort'],
		['status=Pending&status=Assigned', 'status'],
		['status[]=Pending', 'status'],
		['per_page=101', 'per_page'],
		['per_page=0', 'per_page'],
		['per_page=abc', 'per_page'],
		['per_page=10.5', 'per_page'],
		['page=0', 'page'],
		['page=-1', 'page'],
	])('list rejects %s with 400 validation_failed', async (query, field) => {
		const r = await call<ErrorBody>(base, 'GET', `/jobs?${query}`);
		expect(r.status).toBe(400);
		expect(r.body).toMatchObject({ success: false, error: 'validation_failed' });
		expect(r.body.message).toContain(field);
		expect(Object.keys(r.body.details ?? {})).toContain(field);
	});

	test('an empty result has total_pages 0', async () => {
		const r = await call<ListBody>(base, 'GET', '/jobs?status=Paid&priority=Urgent');
		expect(r.body).toMatchObject({ data: [], pagination: { page: 1, per_page: 50, total: 0, total_pages: 0 } });
	});

	test('get by id returns the full job with assets', async () => {
		const r = await call<GetBody>(base, 'GET', '/jobs?id=3');
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['data', 'request_id']);
		expect(r.body.data).toEqual(craftedJobs()[1]);
		expect(r.body.data.assets).toEqual([JOB3_ASSET]);
		expect((await call<GetBody>(base, 'GET', '/jobs?id=1')).body.data.assets).toEqual([]);
	});

	test('get: unknown id → 404, non-integer id or extra parameters → 400', async () => {
		const missing = await call(base, 'GET', '/jobs?id=999');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ success: false, error: 'not_found', message: 'Job not found' });
		for (const q of ['id=abc', 'id=3.0', 'id=', 'id=0', 'id=3&status=Pending']) {
			const r = await call<ErrorBody>(base, 'GET', `/jobs?${q}`);
			expect(r.status).toBe(400);
			expect(r.body.error).toBe('validation_failed');
		}
	});

	test('unknown paths and methods → 404 not_found', async () => {
		for (const [method, path] of [
			['GET', '/jobs/3'],
			['GET', '/jobs/'],
			['GET', '/customers'],
			['DELETE', '/jobs?id=3'],
		]) {
			const r = await call<ErrorBody>(base, method, path);
			expect(r.status).toBe(404);
			expect(r.body).toMatchObject({ success: false, error: 'not_found' });
		}
		const root = await fetch(base.replace('/api/v1', '/jobs'), { headers: { 'X-API-Key': KEY } });
		expect(root.status).toBe(404);
		expect(sim.getJob(3)).toBeDefined();
	});

	test('injected faults pass through the underlying server', async () => {
		sim.server.injectFault({ method: 'GET', path: '/api/v1/jobs' }, { status: 503, body: 'Service Unavailable' });
		const faulty = await fetch(`${base}/jobs?id=1`, { headers: { 'X-API-Key': KEY } });
		expect(faulty.status).toBe(503);
		expect(await faulty.text()).toBe('Service Unavailable');
		expect((await call(base, 'GET', '/jobs?id=1')).status).toBe(200);
	});
});

describe('FSM Navigator simulator: paging over generated data', () => {
	const data = generateFsmData(120, 3);
	const sim = new FsmNavigatorSimulator({ data });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('totals, last page, past the end, per_page=100', async () => {
		const first = await call<ListBody>(base, 'GET', '/jobs');
		expect(first.body.pagination).toEqual({ page: 1, per_page: 50, total: 120, total_pages: 3 });
		expect(first.body.data).toHaveLength(50);
		const last = await call<ListBody>(base, 'GET', '/jobs?page=3');
		expect(last.body.data).toHaveLength(20);
		expect(last.body.data[19].job_id).toBe(1120);
		const past = await call<ListBody>(base, 'GET', '/jobs?page=4');
		expect(past.body).toMatchObject({ data: [], pagination: { page: 4, per_page: 50, total: 120, total_pages: 3 } });
		const hundred = await call<ListBody>(base, 'GET', '/jobs?per_page=100&page=2');
		expect(hundred.body.pagination).toEqual({ page: 2, per_page: 100, total: 120, total_pages: 2 });
		expect(ids(hundred.body)).toEqual(Array.from({ length: 20 }, (_, i) => 1101 + i));
	});

	test('walking all pages yields every job once, in ascending id order', async () => {
		const seen: number[] = [];
		for (let page = 1; ; page++) {
			const r = await call<ListBody>(base, 'GET', `/jobs?per_page=7&page=${page}`);
			expect(r.body.pagination.total_pages).toBe(18);
			if (r.body.data.length === 0) break;
			seen.push(...ids(r.body));
		}
		expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 1001 + i));
	});

	test('filters agree with an independent scan of the generated data', async () => {
		const closed = await call<ListBody>(base, 'GET', '/jobs?status=Closed&per_page=100');
		expect(closed.body.pagination.total).toBe(data.jobs.filter((j) => j.job_status === 'Closed').length);
		expect(closed.body.pagination.total).toBeGreaterThan(10);
		const cutoff = '2026-02-01T00:00:00Z';
		const recent = data.jobs.filter((j) => j.created_at >= cutoff && j.job_priority === 'High').map((j) => j.job_id);
		const r = await call<ListBody>(base, 'GET', `/jobs?created_after=${cutoff}&priority=High&per_page=100`);
		expect(ids(r.body)).toEqual(recent);
	});

	test('generates and serves 50,000 jobs quickly', async () => {
		const started = Date.now();
		const bigData = generateFsmData(50_000);
		// Generous bound: about 0.5 s on an idle machine, but CI machines are often loaded.
		expect(Date.now() - started).toBeLessThan(5000);
		expect(bigData.jobs).toHaveLength(50_000);
		const big = new FsmNavigatorSimulator({ data: bigData });
		const url = await big.start();
		try {
			const r = await call<ListBody>(url, 'GET', '/jobs?per_page=100&page=500');
			expect(r.body.pagination).toEqual({ page: 500, per_page: 100, total: 50_000, total_pages: 500 });
			expect(r.body.data[99].job_id).toBe(bigData.jobs[0].job_id + 49_999);
			const pending = await call<ListBody>(url, 'GET', '/jobs?status=Pending&created_after=2026-02-27&per_page=100');
			const expected = bigData.jobs.filter((j) => j.job_status === 'Pending' && j.created_at >= '2026-02-27T00:00:00Z');
			expect(pending.body.pagination.total).toBe(expected.length);
			expect(ids(pending.body)).toEqual(expected.slice(0, 100).map((j) => j.job_id));
		} finally {
			await big.stop();
		}
	});
});

describe('FSM Navigator simulator: writes', () => {
	let clock = T0;
	const sim = new FsmNavigatorSimulator({ jobs: craftedJobs(), now: () => new Date(clock) });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
		sim.assets.get(50)!.deleted = true; // a deleted asset: linking it is silently skipped
	});
	afterAll(() => sim.stop());

	test.each([
		[{}, ['job_title', 'customer_location_id']],
		[{ customer_location_id: 87 }, ['job_title']],
		[{ job_title: '   ', customer_location_id: 87 }, ['job_title']],
		[{ job_title: 42, customer_location_id: 87 }, ['job_title']],
		[{ job_title: 'x' }, ['customer_location_id']],
		[{ job_title: 'x', customer_location_id: '87' }, ['customer_location_id']],
		[{ job_title: 'x', customer_location_id: 99_999 }, ['customer_location_id']],
		[{ job_title: 'x', customer_location_id: 87, job_priority: 'high' }, ['job_priority']],
		[{ job_title: 'x', customer_location_id: 87, assigned_technician_id: 999 }, ['assigned_technician_id']],
		[{ job_title: 'x', customer_location_id: 87, scheduled_start: 'tomorrow 9am' }, ['scheduled_start']],
		[{ job_title: 'x', customer_location_id: 87, scheduled_start: '2026-02-25' }, ['scheduled_start']],
		[{ job_title: 'x', customer_location_id: 87, scheduled_start: '2026-02-25T11:00:00Z', scheduled_end: '2026-02-25T09:00:00Z' }, ['scheduled_end']],
		[{ job_title: 'x', customer_location_id: 87, asset_ids: '42,67' }, ['asset_ids']],
		[{ job_title: 'x', customer_location_id: 87, asset_ids: [42, '67'] }, ['asset_ids']],
		[{ job_title: 'x', customer_location_id: 87, asset_ids: [42], asset_relationship_type: 'repaired' }, ['asset_relationship_type']],
		[{ job_title: 'x', customer_location_id: 87, asset_relationship_type: 'installed' }, ['asset_relationship_type']],
		[{ job_title: 'x', customer_location_id: 87, job_status: 'Assigned' }, ['job_status']],
		[{ job_title: 'x', customer_location_id: 87, customer_name: 'Acme' }, ['customer_name']],
	])('create rejects %j', async (body, fields) => {
		const before = sim.jobs.size;
		const r = await call<ErrorBody>(base, 'POST', '/jobs', { body });
		expect(r.status).toBe(400);
		expect(r.body.success).toBe(false);
		expect(r.body.error).toBe('validation_failed');
		expect(r.body.message).toContain(fields[0]);
		expect(Object.keys(r.body.details ?? {}).sort()).toEqual([...fields].sort());
		expect(sim.jobs.size).toBe(before);
	});

	test('create rejects malformed JSON, non-objects and form encoding', async () => {
		for (const options of [
			{ rawBody: '{"job_title": "x", ', headers: { 'Content-Type': 'application/json' } },
			{ rawBody: '[{"job_title":"x","customer_location_id":87}]', headers: { 'Content-Type': 'application/json' } },
			{ rawBody: 'job_title=x&customer_location_id=87', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
			{ rawBody: '' },
		]) {
			const r = await call<ErrorBody>(base, 'POST', '/jobs', options);
			expect(r.status).toBe(400);
			expect(r.body.error).toBe('validation_failed');
		}
		const withId = await call<ErrorBody>(base, 'POST', '/jobs?id=5', { body: { job_title: 'x', customer_location_id: 87 } });
		expect(withId.status).toBe(400);
	});

	test('create returns 201 with the documented partial body; the job is complete on get', async () => {
		clock = Date.parse('2026-03-10T09:15:30Z');
		const r = await call<{ success: boolean; message: string; data: Record<string, unknown>; request_id: string }>(base, 'POST', '/jobs', {
			body: {
				job_title: 'AC unit repair',
				job_description: 'Customer reports AC not cooling in main office',
				job_priority: 'High',
				customer_location_id: 87,
				assigned_technician_id: 45,
				scheduled_start: '2026-03-11T09:00:00Z',
				scheduled_end: '2026-03-11T13:00:00+02:00',
				asset_ids: [42, 67, 999_999, 50, 42],
			},
		});
		expect(r.status).toBe(201);
		expect(Object.keys(r.body).sort()).toEqual(['data', 'message', 'request_id', 'success']);
		expect(r.body.success).toBe(true);
		expect(r.body.message).toBe('Job created successfully');
		expect(r.body.data).toEqual({ job_id: 13, job_title: 'AC unit repair', job_status: 'Pending', created_at: '2026-03-10T09:15:30Z' });

		const got = (await call<GetBody>(base, 'GET', '/jobs?id=13')).body.data;
		expect(got).toMatchObject({
			job_id: 13,
			job_title: 'AC unit repair',
			job_description: 'Customer reports AC not cooling in main office',
			job_status: 'Pending',
			job_priority: 'High',
			assigned_technician_id: 45,
			assigned_technician_name: 'John Smith',
			customer_location_id: 87,
			customer_location_name: 'Main Office',
			customer_id: 201,
			customer_name: 'Acme Corporation',
			scheduled_start: '2026-03-11T09:00:00Z',
			scheduled_end: '2026-03-11T11:00:00Z',
			actual_start: null,
			actual_end: null,
			created_at: '2026-03-10T09:15:30Z',
			updated_at: '2026-03-10T09:15:30Z',
		});
		expect(got.assets.map((a) => [a.asset_id, a.relationship_type, a.linked_at])).toEqual([
			[42, 'serviced', '2026-03-10T09:15:30Z'],
			[67, 'serviced', '2026-03-10T09:15:30Z'],
		]);
		for (const link of got.assets) {
			expect(link.asset_tag).toBe(sim.assets.get(link.asset_id)?.asset_tag);
			expect(link.relationship_notes).toBeNull();
		}
		// It shows up in the list, last by id, and filters by its technician.
		expect(ids((await call<ListBody>(base, 'GET', '/jobs?assigned_technician_id=45')).body)).toEqual([2, 3, 6, 13]);
	});

	test('create defaults: Medium priority, no technician, no schedule; relationship type applies to links', async () => {
		const r = await call<{ data: { job_id: number } }>(base, 'POST', '/jobs', {
			body: { job_title: 'Install new unit', customer_location_id: 87, asset_ids: [67], asset_relationship_type: 'installed' },
		});
		expect(r.status).toBe(201);
		const got = (await call<GetBody>(base, 'GET', `/jobs?id=${r.body.data.job_id}`)).body.data;
		expect(got).toMatchObject({ job_priority: 'Medium', assigned_technician_id: null, assigned_technician_name: null, scheduled_start: null, job_status: 'Pending' });
		expect(got.assets.map((a) => [a.asset_id, a.relationship_type])).toEqual([[67, 'installed']]);
	});

	test('PUT updates fields, replaces asset links, [] clears them; partial response', async () => {
		clock = Date.parse('2026-03-12T10:00:00Z');
		const r = await call<{ success: boolean; message: string; data: Record<string, unknown>; request_id: string }>(base, 'PUT', '/jobs?id=3', {
			body: { job_priority: 'Urgent', job_description: 'Escalated to urgent', asset_ids: [67, 42, 103] },
		});
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['data', 'message', 'request_id', 'success']);
		expect(r.body).toMatchObject({ success: true, message: 'Job updated successfully', data: { job_id: 3, job_title: 'Job 3', job_status: 'In Progress' } });
		expect(Object.keys(r.body.data).sort()).toEqual(['job_id', 'job_status', 'job_title']);
		let got = (await call<GetBody>(base, 'GET', '/jobs?id=3')).body.data;
		expect(got).toMatchObject({ job_priority: 'Urgent', job_description: 'Escalated to urgent', job_title: 'Job 3', updated_at: '2026-03-12T10:00:00Z', created_at: '2026-01-10T12:30:00Z' });
		expect(got.assets.map((a) => a.asset_id)).toEqual([67, 42, 103]);
		expect(got.assets.every((a) => a.relationship_type === 'serviced' && a.linked_at === '2026-03-12T10:00:00Z')).toBe(true);

		await call(base, 'PUT', '/jobs?id=3', { body: { asset_ids: [42], asset_relationship_type: 'inspected' } });
		got = (await call<GetBody>(base, 'GET', '/jobs?id=3')).body.data;
		expect(got.assets.map((a) => [a.asset_id, a.relationship_type])).toEqual([[42, 'inspected']]);

		const cleared = await call(base, 'PUT', '/jobs?id=3', { body: { asset_ids: [] } });
		expect(cleared.status).toBe(200);
		got = (await call<GetBody>(base, 'GET', '/jobs?id=3')).body.data;
		expect(got.assets).toEqual([]);
		expect(got.job_priority).toBe('Urgent');
	});

	test('PUT fills names from ids and can unassign', async () => {
		await call(base, 'PUT', '/jobs?id=2', { body: { customer_location_id: 87, assigned_technician_id: 45, job_title: 'Renamed' } });
		let got = (await call<GetBody>(base, 'GET', '/jobs?id=2')).body.data;
		expect(got).toMatchObject({ job_title: 'Renamed', customer_location_name: 'Main Office', customer_id: 201, customer_name: 'Acme Corporation', assigned_technician_name: 'John Smith' });
		await call(base, 'PUT', '/jobs?id=2', { body: { assigned_technician_id: null } });
		got = (await call<GetBody>(base, 'GET', '/jobs?id=2')).body.data;
		expect(got).toMatchObject({ assigned_technician_id: null, assigned_technician_name: null });
	});

	test.each([
		[{}, 'body'],
		[{ job_status: 'Completed' }, 'job_status'],
		[{ foo: 1 }, 'foo'],
		[{ job_title: '' }, 'job_title'],
		[{ job_priority: 'ASAP' }, 'job_priority'],
		[{ scheduled_end: '2026-01-01T00:00:00Z', scheduled_start: '2026-01-02T00:00:00Z' }, 'scheduled_end'],
	])('PUT rejects %j', async (body, field) => {
		const before = JSON.stringify(sim.getJob(5));
		const r = await call<ErrorBody>(base, 'PUT', '/jobs?id=5', { body });
		expect(r.status).toBe(400);
		expect(r.body.error).toBe('validation_failed');
		expect(r.body.message).toContain(field);
		if (field === 'job_status') expect(r.body.message).toContain('PATCH');
		expect(JSON.stringify(sim.getJob(5))).toBe(before);
	});

	test('PUT/PATCH need an existing integer id', async () => {
		for (const method of ['PUT', 'PATCH']) {
			const body = method === 'PUT' ? { job_title: 'x' } : { job_status: 'Assigned' };
			const missing = await call(base, method, '/jobs?id=404', { body });
			expect(missing.status).toBe(404);
			expect(missing.body).toEqual({ success: false, error: 'not_found', message: 'Job not found' });
			const noId = await call<ErrorBody>(base, method, '/jobs', { body });
			expect(noId.status).toBe(400);
			expect(noId.body.message).toContain('id');
		}
	});

	test('PATCH: valid transition', async () => {
		clock = Date.parse('2026-03-13T07:30:00Z');
		const r = await call(base, 'PATCH', '/jobs?id=1', { body: { job_status: 'Assigned' } });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			success: true,
			message: 'Job status updated to Assigned',
			data: { job_id: 1, job_status: 'Assigned', previous_status: 'Pending' },
			request_id: expect.stringMatching(/^[0-9a-f]{12}$/) as unknown,
		});
		expect(sim.getJob(1)).toMatchObject({ job_status: 'Assigned', updated_at: '2026-03-13T07:30:00Z', actual_start: null });
	});

	test('PATCH: invalid transitions name the current status and the allowed targets', async () => {
		const r = await call(base, 'PATCH', '/jobs?id=11', { body: { job_status: 'Completed' } });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({
			success: false,
			error: 'invalid_status_transition',
			message: 'Cannot change status from Pending to Completed',
			details: { current_status: 'Pending', allowed: ['Assigned', 'Cancelled'] },
		});
		expect(sim.getJob(11)?.job_status).toBe('Pending');
		const closed = await call(base, 'PATCH', '/jobs?id=8', { body: { job_status: 'Paid' } });
		expect(closed.body).toEqual({
			success: false,
			error: 'invalid_status_transition',
			message: 'Cannot change status from Closed to Paid',
			details: { current_status: 'Closed', allowed: [] },
		});
	});

	test.each([[{ job_status: 'Done' }], [{ job_status: 'in progress' }], [{ job_status: null }], [{}], [{ job_status: 'Assigned', job_priority: 'High' }]])(
		'PATCH rejects %j with validation_failed',
		async (body) => {
			const r = await call<ErrorBody>(base, 'PATCH', '/jobs?id=11', { body });
			expect(r.status).toBe(400);
			expect(r.body.error).toBe('validation_failed');
			expect(sim.getJob(11)?.job_status).toBe('Pending');
		},
	);

	test('PATCH enforces the whole transition table', async () => {
		let id = 500;
		const failures: string[] = [];
		for (const from of ALL_STATUSES) {
			for (const to of ALL_STATUSES) {
				id++;
				sim.putJob(job(id, from as FsmJobStatus, 'Low', 42, 87, '2026-02-01T00:00:00Z'));
				const r = await call<Record<string, unknown>>(base, 'PATCH', `/jobs?id=${id}`, { body: { job_status: to } });
				const allowed = TRANSITIONS[from].includes(to);
				const expectedStatus = allowed ? 200 : 400;
				if (r.status !== expectedStatus) failures.push(`${from} -> ${to}: ${r.status}`);
				if (!allowed && r.body.error !== 'invalid_status_transition') failures.push(`${from} -> ${to}: ${String(r.body.error)}`);
				if (sim.getJob(id)?.job_status !== (allowed ? to : from)) failures.push(`${from} -> ${to}: stored ${sim.getJob(id)?.job_status}`);
			}
		}
		expect(failures).toEqual([]);
	});

	test('PATCH lifecycle sets actual_start once and actual_end on completion', async () => {
		clock = Date.parse('2026-03-14T08:00:00Z');
		const created = await call<{ data: { job_id: number } }>(base, 'POST', '/jobs', { body: { job_title: 'Lifecycle', customer_location_id: 87 } });
		const id = created.body.data.job_id;
		const patch = async (status: string, at: string): Promise<number> => {
			clock = Date.parse(at);
			return (await call(base, 'PATCH', `/jobs?id=${id}`, { body: { job_status: status } })).status;
		};
		expect(await patch('Assigned', '2026-03-14T08:05:00Z')).toBe(200);
		expect(await patch('In Progress', '2026-03-14T09:00:00Z')).toBe(200);
		expect(sim.getJob(id)).toMatchObject({ actual_start: '2026-03-14T09:00:00Z', actual_end: null });
		expect(await patch('On Hold', '2026-03-14T10:00:00Z')).toBe(200);
		expect(await patch('In Progress', '2026-03-14T11:00:00Z')).toBe(200);
		expect(sim.getJob(id)?.actual_start).toBe('2026-03-14T09:00:00Z');
		expect(await patch('Completed', '2026-03-14T12:30:00Z')).toBe(200);
		expect(sim.getJob(id)).toMatchObject({ actual_end: '2026-03-14T12:30:00Z', updated_at: '2026-03-14T12:30:00Z' });
		expect(await patch('Invoiced', '2026-03-15T08:00:00Z')).toBe(200);
		expect(await patch('Paid', '2026-03-20T08:00:00Z')).toBe(200);
		expect(await patch('Closed', '2026-03-21T08:00:00Z')).toBe(200);
		expect(await patch('Pending', '2026-03-22T08:00:00Z')).toBe(400);
		const got = (await call<GetBody>(base, 'GET', `/jobs?id=${id}`)).body.data;
		expect(got).toMatchObject({ job_status: 'Closed', updated_at: '2026-03-21T08:00:00Z', actual_start: '2026-03-14T09:00:00Z', actual_end: '2026-03-14T12:30:00Z' });
	});
});

describe('FSM Navigator simulator: direct store access', () => {
	test('putJob / jobs.set / jobs.delete keep the listing in ascending id order', async () => {
		const sim = new FsmNavigatorSimulator({ jobs: craftedJobs().slice(0, 3) }); // ids 7, 3, 12
		const base = await sim.start();
		try {
			const list = async (): Promise<number[]> => ids((await call<ListBody>(base, 'GET', '/jobs')).body);
			expect(await list()).toEqual([3, 7, 12]);
			sim.putJob(job(20, 'Pending', 'Low', null, 87, '2026-02-01T00:00:00Z'));
			sim.jobs.set(5, job(5, 'Pending', 'Low', null, 87, '2026-02-01T00:00:00Z'));
			sim.putJob({ ...job(7, 'Closed', 'High', null, 87, '2026-02-01T00:00:00Z'), job_title: 'Replaced' });
			expect(await list()).toEqual([3, 5, 7, 12, 20]);
			expect((await call<ListBody>(base, 'GET', '/jobs?status=Closed')).body.data.map((j) => j.job_title)).toEqual(['Replaced']);
			sim.jobs.delete(12);
			expect(await list()).toEqual([3, 5, 7, 20]);
			const created = await call<{ data: { job_id: number } }>(base, 'POST', '/jobs', { body: { job_title: 'Next', customer_location_id: 87 } });
			expect(created.body.data.job_id).toBe(21);
			expect(await list()).toEqual([3, 5, 7, 20, 21]);
		} finally {
			await sim.stop();
		}
	});
});

describe('FSM Navigator simulator: rate limit', () => {
	let clock = T0;
	const sim = new FsmNavigatorSimulator({
		jobCount: 5,
		rateLimit: { limit: 3, windowMs: 60_000 },
		apiKeys: { [KEY]: ['jobs:read', 'jobs:write'], fsm_test_other: ['jobs:read'] },
		now: () => new Date(clock),
	});
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('counts down, then 429 with Retry-After and the documented body; recovers after the window', async () => {
		const resetAt = String(T0 / 1000 + 60);
		for (const remaining of ['2', '1', '0']) {
			const r = await call(base, 'GET', '/jobs?per_page=1');
			expect(r.status).toBe(200);
			expect(r.headers.get('x-ratelimit-limit')).toBe('3');
			expect(r.headers.get('x-ratelimit-remaining')).toBe(remaining);
			expect(r.headers.get('x-ratelimit-reset')).toBe(resetAt);
		}
		const limited = await call(base, 'GET', '/jobs?per_page=1');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('60');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('x-ratelimit-reset')).toBe(resetAt);
		expect(limited.body).toEqual({
			success: false,
			error: 'rate_limit_exceeded',
			message: 'Too many requests. Please try again later.',
			retry_after: 60,
		});

		// Other keys have their own window.
		expect((await call(base, 'GET', '/jobs?per_page=1', { key: 'fsm_test_other' })).status).toBe(200);

		clock = T0 + 45_000;
		const still = await call(base, 'GET', '/jobs?per_page=1');
		expect(still.status).toBe(429);
		expect(still.headers.get('retry-after')).toBe('15');
		expect(still.body).toMatchObject({ retry_after: 15 });

		clock = T0 + 60_000;
		const ok = await call(base, 'GET', '/jobs?per_page=1');
		expect(ok.status).toBe(200);
		expect(ok.headers.get('x-ratelimit-remaining')).toBe('2');
		expect(ok.headers.get('x-ratelimit-reset')).toBe(String(T0 / 1000 + 120));
	});
});
