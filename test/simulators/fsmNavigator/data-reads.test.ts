/** FSM Navigator simulator: generateFsmData; FSM Navigator simulator: reads; FSM Navigator simulator: paging over generated data. Setup and helpers: ./context.ts. */
import { FsmNavigatorSimulator, generateFsmData, type FsmJob } from '../../../tooling/simulators/fsmNavigator';
import { KEY, T0, ListBody, GetBody, ErrorBody, call, ids, job, JOB3_ASSET, craftedJobs, ALL_STATUSES, ISO_SECONDS } from './context';

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
