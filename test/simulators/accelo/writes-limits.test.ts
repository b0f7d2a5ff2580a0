/** Accelo simulator: AcceloSimulator writes; AcceloSimulator limits. Setup and helpers: ./context.ts. */
import { ACCELO_REFERENCE_DATE, AcceloSimulator, generateAcceloData, type AcceloData } from '../../../tooling/simulators/accelo';
import { Obj, getToken, call, bigData } from './context';

describe('AcceloSimulator writes', () => {
	const FIXED_NOW = ACCELO_REFERENCE_DATE + 5 * 86400;
	let sim: AcceloSimulator;
	let base: string;
	let tok: string;
	let pristine: AcceloData;

	beforeEach(async () => {
		pristine = generateAcceloData(200, 11);
		sim = new AcceloSimulator({ data: generateAcceloData(200, 11), now: () => FIXED_NOW });
		base = await sim.start();
		tok = await getToken(base, 'read(all) write(all)');
	});
	afterEach(async () => {
		await sim.stop();
	});

	const valid = (): Record<string, string> => ({
		title: 'Rooftop unit swap',
		engagement_table: 'company',
		engagement_id: String(pristine.companies[2].id),
		manager_id: String(pristine.staff[1].id),
		type_id: '3',
	});

	describe('POST /jobs', () => {
		it('creates from a form body and returns default fields plus _fields', async () => {
			const r = await call<Obj>(base, tok, 'POST', '/jobs', {
				form: { ...valid(), date_due: String(FIXED_NOW + 86400), rate_id: '2' },
				query: { _fields: 'standing,status,date_created,date_due,manager,rate_charged,against' },
			});
			expect(r.status).toBe(200);
			const newId = pristine.jobs[pristine.jobs.length - 1].id + 1;
			expect(r.body.response).toEqual({
				id: String(newId),
				title: 'Rooftop unit swap',
				standing: 'pending',
				status: '1',
				date_created: String(FIXED_NOW),
				date_due: String(FIXED_NOW + 86400),
				manager: String(pristine.staff[1].id),
				rate_charged: '187.50',
				against: `companies/${pristine.companies[2].id}`,
			});
			expect(sim.getJob(newId)?.title).toBe('Rooftop unit swap');
			const back = await call<Obj>(base, tok, 'GET', `/jobs/${newId}`);
			expect(back.body.response.title).toBe('Rooftop unit swap');
			const count = await call<{ count: string }>(base, tok, 'GET', '/jobs/count');
			expect(count.body.response.count).toBe(String(pristine.jobs.length + 1));
		});

		it('creates from a JSON body (numbers accepted) with a start=yes status', async () => {
			const r = await call<Obj>(base, tok, 'POST', '/jobs', {
				json: { ...valid(), engagement_table: 'site', engagement_id: 4, status_id: 2, date_started: FIXED_NOW - 100 },
				query: { _fields: 'standing,against_type,against_id,date_started,date_commenced' },
			});
			expect(r.status).toBe(200);
			expect(r.body.response).toMatchObject({
				standing: 'active',
				against_type: 'site',
				against_id: '4',
				date_started: String(FIXED_NOW - 100),
				date_commenced: String(FIXED_NOW),
			});
		});

		it('validates and names the offending field', async () => {
			const cases: Array<[Record<string, string>, string]> = [
				[{ ...valid(), title: '' }, 'title'],
				[(({ manager_id: _m, ...rest }) => rest)(valid()), 'manager_id'],
				[{ ...valid(), manager_id: '999' }, 'manager_id'],
				[{ ...valid(), type_id: '99' }, 'type_id'],
				[{ ...valid(), type_id: '6' }, 'type_id'], // inactive type
				[{ ...valid(), engagement_table: 'contact' }, 'engagement_table'],
				[{ ...valid(), engagement_id: '32' }, 'engagement_id'],
				[{ ...valid(), status_id: '4' }, 'status_id'], // start=no
				[{ ...valid(), date_due: '2026-10-05' }, 'date_due'],
				[{ ...valid(), date_due: String(FIXED_NOW * 1000) }, 'date_due'],
				[{ ...valid(), against_type: 'company' }, 'against_type'],
				[{ ...valid(), colour: 'red' }, 'colour'],
			];
			for (const [form, named] of cases) {
				const r = await call(base, tok, 'POST', '/jobs', { form });
				expect(r.status).toBe(400);
				expect(r.body.meta.status).toBe('invalid_request');
				expect(r.body.meta.message).toContain(named);
			}
			expect(sim.jobs).toHaveLength(pristine.jobs.length);
		});
	});

	it('insertJob adds to the live store; revoked tokens stop working', async () => {
		const job = sim.insertJob({ title: 'Seeded by a test', manager_id: 13, status_id: 3 });
		expect(job.standing).toBe('paused');
		const r = await call<Obj[]>(base, tok, 'GET', '/jobs', { query: { _filters: 'manager(13),status(3)', _limit: '100' } });
		expect(r.body.response.map((j) => j.id)).toContain(String(job.id));
		sim.revokeAllTokens();
		expect((await call(base, tok, 'GET', '/jobs')).status).toBe(401);
	});

	it("createAgainstFields 'both' accepts the engagement_* names on create", async () => {
		const other = new AcceloSimulator({ data: generateAcceloData(20, 11), createAgainstFields: 'both' });
		const otherBase = await other.start();
		try {
			const t = await getToken(otherBase);
			const { engagement_table: _t, engagement_id: _i, ...rest } = valid();
			const r = await call<Obj>(otherBase, t, 'POST', '/jobs', {
				form: { ...rest, engagement_table: 'site', engagement_id: '5' },
				query: { _fields: 'against' },
			});
			expect(r.status).toBe(200);
			expect(r.body.response.against).toBe('sites/5');
			const mixed = await call(otherBase, t, 'POST', '/jobs', { form: { ...valid(), engagement_table: 'site' } });
			expect(mixed.status).toBe(400);
		} finally {
			await other.stop();
		}
	});

	describe('PUT /jobs/{id}', () => {
		it('updates title, engagement_* and status_id; bumps date_modified', async () => {
			const target = pristine.jobs.find((j) => j.status_id === 1)!;
			const r = await call<Obj>(base, tok, 'PUT', `/jobs/${target.id}`, {
				form: { title: 'Renamed', engagement_table: 'site', engagement_id: '12', status_id: '3' },
				query: { _fields: 'against_type,against_id,status,standing,date_modified,modified_by' },
			});
			expect(r.status).toBe(200);
			expect(r.body.response).toEqual({
				id: String(target.id),
				title: 'Renamed',
				against_type: 'site',
				against_id: '12',
				status: '3',
				standing: 'paused',
				date_modified: String(FIXED_NOW),
				modified_by: String(sim.apiUserId),
			});
		});

		it('rejects against_type, date_started and unknown fields by name; misses are 400', async () => {
			const id = pristine.jobs[0].id;
			for (const [form, named] of [
				[{ against_type: 'site' }, 'against_type'],
				[{ date_started: String(FIXED_NOW) }, 'date_started'],
				[{ standing: 'active' }, 'standing'],
				[{ engagement_table: 'site', engagement_id: '999' }, 'engagement_id'],
				[{ engagement_table: 'companies' }, 'engagement_table'],
				[{ status_id: '42' }, 'status_id'],
			] as Array<[Record<string, string>, string]>) {
				const r = await call(base, tok, 'PUT', `/jobs/${id}`, { form });
				expect(r.status).toBe(400);
				expect(r.body.meta.message).toContain(named);
			}
			expect(sim.getJob(id)).toEqual(pristine.jobs[0]);
			const missing = await call(base, tok, 'PUT', '/jobs/99999', { form: { title: 'x' } });
			expect(missing.status).toBe(400);
			expect(missing.body.meta.status).toBe('invalid_request');
		});
	});

	describe('progressions', () => {
		it('lists the moves from the current status and runs one', async () => {
			const target = pristine.jobs.find((j) => j.status_id === 1)!;
			const list = await call<Obj[]>(base, tok, 'GET', `/jobs/${target.id}/progressions`);
			expect(list.status).toBe(200);
			expect(list.body.response).toEqual([
				{ id: '1', title: 'Start Job', status: { id: '2', title: 'In Progress', color: 'green', standing: 'active' } },
				{ id: '6', title: 'Cancel', status: { id: '6', title: 'Cancelled', color: 'red', standing: 'inactive' } },
			]);
			const historyBefore = sim.data.progressionHistory.length;
			const run = await call<Obj>(base, tok, 'POST', `/jobs/${target.id}/progressions/1/auto`, {
				query: { _fields: 'status,standing,date_modified,date_commenced' },
			});
			expect(run.status).toBe(200);
			expect(run.body.response).toEqual({
				id: String(target.id),
				title: target.title,
				status: '2',
				standing: 'active',
				date_modified: String(FIXED_NOW),
				date_commenced: String(FIXED_NOW),
			});
			expect(sim.data.progressionHistory).toHaveLength(historyBefore + 1);
			expect(sim.data.progressionHistory[historyBefore]).toMatchObject({ to_id: 2, to_title: 'In Progress', against_type: 'job', against_id: target.id });
			const again = await call(base, tok, 'PUT', `/jobs/${target.id}/progressions/1/auto`);
			expect(again.status).toBe(400);
			expect(again.body.meta.status).toBe('invalid_request');
			const next = await call<Obj[]>(base, tok, 'GET', `/jobs/${target.id}/progressions`);
			expect(next.body.response.map((p) => [p.id, p.title])).toEqual([
				['2', 'Pause'],
				['4', 'Complete Job'],
			]);
			const pause = await call<Obj>(base, tok, 'PUT', `/jobs/${target.id}/progressions/2/auto`, { query: { _fields: 'standing' } });
			expect(pause.body.response.standing).toBe('paused');
			const hist = await call<Obj[]>(base, tok, 'GET', '/progressions/history', {
				query: { _filters: `against_type(job),against_id(${target.id}),order_by_desc(id)`, _limit: '5' },
			});
			expect(hist.body.response.map((h) => h.to_title)).toEqual(['On Hold', 'In Progress']);
		});

		it('lists nothing (and refuses to run) without the process permission; misses are 400', async () => {
			sim.progressionPermission = false;
			const target = pristine.jobs.find((j) => j.status_id === 1)!;
			const list = await call<Obj[]>(base, tok, 'GET', `/jobs/${target.id}/progressions`);
			expect(list.status).toBe(200);
			expect(list.body.response).toEqual([]);
			const run = await call(base, tok, 'POST', `/jobs/${target.id}/progressions/1/auto`);
			expect(run.status).toBe(403);
			expect(run.body.meta.status).toBe('invalid_permission');
			const missing = await call(base, tok, 'GET', '/jobs/99999/progressions');
			expect(missing.status).toBe(400);
		});
	});
});

describe('AcceloSimulator limits', () => {
	it('limitCap 50 silently clamps _limit (old deployment)', async () => {
		const data = generateAcceloData(180, 5);
		const ids = data.jobs.map((j) => String(j.id));
		const sim = new AcceloSimulator({ data: generateAcceloData(180, 5), limitCap: 50 });
		const base = await sim.start();
		try {
			const tok = await getToken(base);
			const first = await call<Obj[]>(base, tok, 'GET', '/jobs', { query: { _limit: '100' } });
			expect(first.status).toBe(200);
			expect(first.body.response.map((j) => j.id)).toEqual(ids.slice(0, 50));
			const second = await call<Obj[]>(base, tok, 'GET', '/jobs', { query: { _limit: '100', _page: '1' } });
			expect(second.body.response.map((j) => j.id)).toEqual(ids.slice(50, 100));
			const small = await call<Obj[]>(base, tok, 'GET', '/jobs', { query: { _limit: '30' } });
			expect(small.body.response).toHaveLength(30);
		} finally {
			await sim.stop();
		}
	});

	it('answers 429 too_many_requests with X-RateLimit-Reset and no Retry-After; /oauth2 is not counted', async () => {
		const sim = new AcceloSimulator({ jobCount: 20, rateLimit: { limit: 3, windowMs: 60_000 } });
		const base = await sim.start();
		try {
			const tok = await getToken(base);
			const remaining: string[] = [];
			for (let i = 0; i < 3; i++) {
				const r = await call(base, tok, 'GET', '/jobs');
				expect(r.status).toBe(200);
				remaining.push(r.headers.get('x-ratelimit-remaining')!);
			}
			expect(remaining).toEqual(['2', '1', '0']);
			await getToken(base); // not counted
			const limited = await call(base, tok, 'GET', '/jobs');
			expect(limited.status).toBe(429);
			expect(limited.body.meta.status).toBe('too_many_requests');
			expect(limited.body.meta.message).toContain('Rate limit exceeded for planet-express');
			expect(limited.body.response).toBeNull();
			expect(limited.headers.get('retry-after')).toBeNull();
			const reset = Number(limited.headers.get('x-ratelimit-reset'));
			expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
			expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
			sim.resetRateLimit();
			expect((await call(base, tok, 'GET', '/jobs')).status).toBe(200);
		} finally {
			await sim.stop();
		}
	});

	it('serves 50,000 jobs quickly', async () => {
		const data = bigData();
		const sim = new AcceloSimulator({ data });
		const base = await sim.start();
		try {
			const tok = await getToken(base);
			const cutoff = data.referenceDate - 10 * 86400;
			const want = data.jobs
				.filter((j) => j.date_modified > cutoff)
				.sort((a, b) => a.date_modified - b.date_modified || a.id - b.id)
				.slice(0, 100)
				.map((j) => String(j.id));
			const t0 = Date.now();
			const r = await call<Obj[]>(base, tok, 'GET', '/jobs', {
				query: { _filters: `date_modified_after(${cutoff}),order_by_asc(date_modified)`, _limit: '100', _fields: '_ALL' },
			});
			expect(Date.now() - t0).toBeLessThan(5000);
			expect(r.body.response.map((j) => j.id)).toEqual(want);
		} finally {
			await sim.stop();
		}
	});
});
