/** FSM Navigator simulator: writes; direct store access; rate limit. Setup and helpers: ./context.ts. */
import { FsmNavigatorSimulator, type FsmJobStatus } from '../../../tooling/simulators/fsmNavigator';
import { KEY, T0, ListBody, GetBody, ErrorBody, call, ids, job, craftedJobs, TRANSITIONS, ALL_STATUSES } from './context';

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
