/** Planado simulator: writes and status; rate limit, latency, faults, the between-pages hook. Setup and helpers: ./context.ts. */
import { PlanadoSimulator } from '../../../tooling/simulators/planado';
import {
	KEY,
	T0,
	DATA,
	W1,
	W2,
	TEAM1,
	CLIENT_A,
	RES_OK,
	RES_BAD,
	ListBody,
	ErrorBody,
	call,
	uuidOf,
	serials,
	job,
	craftedJobs,
} from './context';

describe('Planado simulator: writes and status', () => {
	let clock = T0;
	const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(clock) });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('create answers only {job_uuid}; the job reads back as posted with the next serial number', async () => {
		clock = T0 + 1000;
		const r = await call<{ job_uuid: string }>(base, 'POST', '/jobs', {
			body: { description: 'Regular maintenance', external_id: 'ext-100', external_order_id: 'order-9', client: { uuid: CLIENT_A.uuid } },
		});
		expect(r.status).toBe(200);
		expect(Object.keys(r.body)).toEqual(['job_uuid']);
		expect(r.body.job_uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		const got = await call<{ job: Record<string, unknown> }>(base, 'GET', '/jobs/ext-100');
		expect(got.body.job).toMatchObject({
			uuid: r.body.job_uuid,
			serial_no: 11,
			status: 'posted',
			description: 'Regular maintenance',
			external_order_id: 'order-9',
			client: { uuid: CLIENT_A.uuid, external_id: CLIENT_A.external_id },
			assignee: null,
			scheduled_at: null,
			version: 1,
		});
		expect(Date.parse(got.body.job.created_at as string)).toBe(T0 + 1000);
		expect(got.body.job.updated_at).toBe(got.body.job.created_at);
		const first = await call<ListBody>(base, 'GET', '/jobs');
		expect(first.body.jobs[0].uuid).toBe(r.body.job_uuid);
	});

	test('create with a template, a schedule and an assignee is scheduled; the template fills defaults', async () => {
		const template = DATA.templates[1];
		const r = await call<{ job_uuid: string }>(base, 'POST', '/jobs', {
			body: { template: { name: template.name }, scheduled_at: '2026-03-12T09:30:00Z', assignee: { worker: { uuid: W2.uuid } } },
		});
		expect(r.status).toBe(200);
		const stored = sim.getJob(r.body.job_uuid)!;
		expect(stored).toMatchObject({
			status: 'scheduled',
			template_uuid: template.uuid,
			type_uuid: template.type_uuid,
			description: template.description,
			scheduled_duration: template.scheduled_duration,
			scheduled_at: '2026-03-12T09:30:00',
			assignee: { worker_uuid: W2.uuid },
		});
	});

	test.each([
		['a flat worker_uuid', { assignee: { worker_uuid: W1.uuid } }, 'assignee', 'either team or worker must present'],
		['an unknown worker', { assignee: { worker: { uuid: uuidOf(77) } } }, 'assignee', 'worker does not exist'],
		['a taken external_id', { external_id: 'crm-job-1' }, 'external_id', 'has already been taken'],
		['a 501-character external_id', { external_id: 'x'.repeat(501) }, 'external_id', 'must be at most 500 characters'],
		['a 15001-character description', { description: 'x'.repeat(15001) }, 'description', 'must be at most 15000 characters'],
		['a non-date scheduled_at', { scheduled_at: 'next monday' }, 'scheduled_at', 'must be an ISO 8601 date-time or null'],
		['a bare-number duration', { scheduled_duration: 60 }, 'scheduled_duration', 'must be {"minutes": <non-negative integer>} or null'],
		['only successful resolutions', { possible_resolutions: [{ uuid: RES_OK.uuid }] }, 'possible_resolutions', 'must contain at least one successful and one unsuccessful resolution'],
		['an unknown template', { template: { uuid: uuidOf(55) } }, 'template', 'does not exist'],
		['a status', { status: 'scheduled' }, 'status', 'is not a field of a job'],
	])('create with %s → 422', async (_label, body, field, reason) => {
		const before = sim.listJobs().length;
		const r = await call<ErrorBody>(base, 'POST', '/jobs', { body });
		expect(r.status).toBe(422);
		expect(r.body.details?.[field as string]).toBe(reason);
		expect(sim.listJobs()).toHaveLength(before);
	});

	test('a body that is not a JSON object → 400; JSON without a Content-Type is accepted (as the docs\' curl sends it)', async () => {
		expect((await call(base, 'POST', '/jobs', { body: '[1]' })).status).toBe(400);
		expect((await call(base, 'POST', '/jobs', { body: 'description=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
		const res = await fetch(`${base}/jobs`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, body: '{"description":"no content type"}' });
		expect(res.status).toBe(200);
		const { job_uuid: uuid } = (await res.json()) as { job_uuid: string };
		expect(sim.getJob(uuid)?.description).toBe('no content type');
	});

	test('update answers {job_uuid}; version and updated_at follow every change', async () => {
		clock = T0 + 60_000;
		const r = await call<{ job_uuid: string }>(base, 'PATCH', `/jobs/${uuidOf(1)}`, { body: { description: 'Updated description' } });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ job_uuid: uuidOf(1) });
		const job1 = sim.getJob(uuidOf(1))!;
		expect(job1.description).toBe('Updated description');
		expect(job1.version).toBe(4);
		expect(Date.parse(job1.updated_at)).toBe(T0 + 60_000);
		expect(job1.created_at).toBe('2026-02-11T09:00:00.000000Z');
		// By external id, with the current version.
		clock = T0 + 120_000;
		const r2 = await call(base, 'PATCH', '/jobs/crm-job-1', { body: { description: 'Again', version: 4 } });
		expect(r2.status).toBe(200);
		expect(sim.getJob(uuidOf(1))).toMatchObject({ description: 'Again', version: 5 });
		expect(Date.parse(sim.getJob(uuidOf(1))!.updated_at)).toBe(T0 + 120_000);
	});

	test('a stale version → 409 and nothing changes', async () => {
		const before = sim.getJob(uuidOf(2))!;
		const r = await call<ErrorBody>(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { description: 'Lost update', version: before.version - 1 } });
		expect(r.status).toBe(409);
		expect(r.body.error).toBe('conflict');
		expect(sim.getJob(uuidOf(2))).toEqual(before);
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { version: 'three' } })).status).toBe(422);
	});

	test('fields that cannot change by update, and unknown jobs', async () => {
		for (const field of ['external_id', 'external_order_id', 'template', 'job_type', 'status', 'serial_no']) {
			const r = await call<ErrorBody>(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { [field]: 'x' } });
			expect(r.status).toBe(422);
			expect(r.body.details?.[field]).toBe('cannot be changed by an update');
		}
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(404)}`, { body: { description: 'x' } })).status).toBe(404);
	});

	test('started jobs refuse assignee, assignees and possible_resolutions but take other fields', async () => {
		for (const n of [8, 9, 5]) {
			const before = sim.getJob(uuidOf(n))!;
			for (const body of [
				{ assignee: { worker: { uuid: W2.uuid } } },
				{ assignee: null },
				{ assignees: [{ worker: { uuid: W2.uuid } }] },
				{ possible_resolutions: [{ uuid: RES_OK.uuid }, { uuid: RES_BAD.uuid }] },
				{ description: 'ok', assignee: { team: { uuid: TEAM1.uuid } } },
			]) {
				const r = await call<ErrorBody>(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body });
				expect(r.status).toBe(422);
				expect(r.body.error).toBe('job_started');
			}
			expect(sim.getJob(uuidOf(n))).toEqual(before);
			expect((await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { description: 'Note from the office' } })).status).toBe(200);
			expect(sim.getJob(uuidOf(n))).toMatchObject({ description: 'Note from the office', version: before.version + 1 });
		}
		// A job that is not started may change its assignee.
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(3)}`, { body: { assignee: { worker: { uuid: W2.uuid } } } })).status).toBe(200);
		expect(sim.getJob(uuidOf(3))?.assignee).toEqual({ worker_uuid: W2.uuid });
	});

	test('status follows schedule + assignee through PATCH; mobile-app statuses only through setStatus()', async () => {
		const n = 1;
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { scheduled_at: '2026-03-11T10:00:00' } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('posted');
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: { team: { uuid: TEAM1.uuid } } } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('scheduled');
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: null } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('posted');
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: { worker: { uuid: W1.uuid } } } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('scheduled');

		const v = sim.getJob(uuidOf(n))!.version;
		clock = T0 + 3_600_000;
		sim.setStatus(uuidOf(n), 'started');
		expect(sim.getJob(uuidOf(n))).toMatchObject({ status: 'started', version: v + 1, timestamps: { started_at: new Date(T0 + 3_600_000).toISOString() } });
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: null } })).status).toBe(422);
		sim.setStatus(uuidOf(n), 'finished', { resolutionUuid: RES_BAD.uuid, comment: 'Part missing' });
		const finished = await call<ListBody>(base, 'GET', `/jobs?resolution[finished][]=${RES_BAD.uuid}`);
		expect(finished.body.jobs.map((j) => j.uuid)).toContain(uuidOf(n));
		const detail = await call<{ job: Record<string, unknown> }>(base, 'GET', `/jobs/${uuidOf(n)}`);
		expect(detail.body.job.resolution).toEqual({ uuid: RES_BAD.uuid, name: 'Not completed', successful: false, comment: 'Part missing' });
		// Statuses cannot be written through the API.
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { status: 'published' } })).status).toBe(422);
		expect(() => sim.setStatus(uuidOf(404), 'started')).toThrow();
	});

	test('X-Planado-Notify-Assignees is recorded per write', async () => {
		sim.writes.length = 0;
		await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { description: 'quiet' }, headers: { 'X-Planado-Notify-Assignees': 'false' } });
		const created = await call<{ job_uuid: string }>(base, 'POST', '/jobs', { body: { description: 'loud' } });
		await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { description: 'loud again' }, headers: { 'X-Planado-Notify-Assignees': 'true' } });
		await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { version: 1 }, headers: { 'X-Planado-Notify-Assignees': 'false' } }); // 409: not a write
		expect(sim.writes).toEqual([
			{ method: 'PATCH', job_uuid: uuidOf(2), notifyAssignees: false, notifyHeader: 'false' },
			{ method: 'POST', job_uuid: created.body.job_uuid, notifyAssignees: true, notifyHeader: undefined },
			{ method: 'PATCH', job_uuid: uuidOf(2), notifyAssignees: true, notifyHeader: 'true' },
		]);
	});

	test('store helpers: put, delete, list order', () => {
		const extra = job(50, 'posted', '2026-03-09T00:00:00.000000Z');
		sim.putJob(extra);
		expect(sim.listJobs().map((j) => j.serial_no).indexOf(50)).toBeGreaterThan(-1);
		const order = sim.listJobs().map((j) => Date.parse(j.created_at));
		expect([...order].sort((a, b) => b - a)).toEqual(order);
		expect(sim.deleteJob(extra.uuid)).toBe(true);
		expect(sim.getJob(extra.uuid)).toBeUndefined();
	});
});

describe('Planado simulator: rate limit, latency, faults, the between-pages hook', () => {
	test('429 after the bucket fills (plain text by default), the bucket leaks over time, keys are separate', async () => {
		let clock = T0;
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, apiKeys: [KEY, 'other'], now: () => new Date(clock), rateLimit: { limit: 3, windowMs: 60_000 } });
		const base = await sim.start();
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) statuses.push((await call(base, 'GET', '/jobs')).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			const limited = await call(base, 'GET', '/jobs');
			expect(limited.status).toBe(429);
			expect(limited.text).toBe('Rate Limit Exceeded');
			expect(limited.headers.get('content-type')).toMatch(/^text\/plain/);
			expect((await call(base, 'GET', '/jobs', { key: 'other' })).status).toBe(200);
			clock += 20_000; // 3 per minute leak one call per 20 s
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
			expect((await call(base, 'GET', '/jobs')).status).toBe(429);
			sim.resetRateLimit();
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
		} finally {
			await sim.stop();
		}
	});

	test('the JSON 429 variant, and no limit without the option', async () => {
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(T0), rateLimit: { limit: 90, windowMs: 60_000, body: 'json' } });
		const base = await sim.start();
		const free = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(T0) });
		const freeBase = await free.start();
		try {
			const statuses = await Promise.all(Array.from({ length: 91 }, () => call(base, 'GET', '/jobs').then((r) => r.status)));
			expect(statuses.filter((s) => s === 200)).toHaveLength(90);
			const r = await call<ErrorBody>(base, 'GET', '/jobs');
			expect(r.status).toBe(429);
			expect(r.body).toEqual({ error: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' });
			const many = await Promise.all(Array.from({ length: 120 }, () => call(freeBase, 'GET', '/job_types').then((x) => x.status)));
			expect(new Set(many)).toEqual(new Set([200]));
		} finally {
			await sim.stop();
			await free.stop();
		}
	});

	test('latencyMs delays every answer; injected faults go through server', async () => {
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, latencyMs: 150 });
		const base = await sim.start();
		try {
			const started = Date.now();
			expect((await call(base, 'GET', `/jobs/${uuidOf(1)}`)).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			sim.latencyMs = 0;
			sim.server.injectFault({ method: 'GET', path: '/v2/jobs' }, { status: 503, body: 'busy' });
			expect((await call(base, 'GET', '/jobs')).status).toBe(503);
			const quick = Date.now();
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
			expect(Date.now() - quick).toBeLessThan(140);
		} finally {
			await sim.stop();
		}
	});

	test('onList runs before each page: a new job does not appear later, a deleted or changed job drops out', async () => {
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, pageSize: 3, now: () => new Date(T0) });
		const base = await sim.start();
		const seen: Array<[number, string | undefined]> = [];
		sim.onList = ({ pageIndex, after }) => {
			seen.push([pageIndex, after]);
			if (pageIndex === 1) {
				sim.putJob(job(60, 'posted', '2026-03-09T00:00:00.000000Z')); // newer than everything: on page 0 only
				sim.deleteJob(uuidOf(6)); // would have been on page 1
				sim.setStatus(uuidOf(4), 'canceled'); // no longer matches the status filter
			}
			if (pageIndex === 2) sim.deleteJob(uuidOf(5)); // the cursor of page 2 still works after its job is gone
		};
		try {
			const query = 'status[]=finished&status[]=en_route&status[]=scheduled&status[]=published&status[]=posted&status[]=started';
			const got: number[][] = [];
			let after = '';
			for (let i = 0; i < 10; i++) {
				const r = await call<ListBody>(base, 'GET', `/jobs?${query}${after ? `&after=${after}` : ''}`);
				got.push(serials(r.body));
				if (r.body.jobs.length === 0) break;
				after = r.body.jobs[r.body.jobs.length - 1].uuid as string;
			}
			// Matching before changes: 8, 6, 5, 4, 3, 2, 1 → pages [8,6,5] then (6 gone, 4 canceled) [3,2,1], then [].
			expect(got).toEqual([[8, 6, 5], [3, 2, 1], []]);
			expect(seen.map(([p]) => p)).toEqual([0, 1, 2]);
			expect(seen[1][1]).toBe(uuidOf(5));
			const fresh = await call<ListBody>(base, 'GET', `/jobs?${query}`);
			expect(serials(fresh.body)).toEqual([60, 8, 3]);
			// A page whose cursor job was deleted still continues after it.
			const afterDeleted = await call<ListBody>(base, 'GET', `/jobs?${query}&after=${uuidOf(5)}`);
			expect(serials(afterDeleted.body)).toEqual([3, 2, 1]);
		} finally {
			await sim.stop();
		}
	});
});
