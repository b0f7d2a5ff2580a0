/** Worklayer simulator: generateWorklayerData; authentication; GET /jobs paging; GET /jobs filter; GET /jobs/{id} and /jobs/getByShortId:{short_id}. Setup and helpers: ./context.ts. */
import {
	generateWorklayerData,
	parseWorklayerFilter,
	WORKLAYER_AUDIENCE,
	WORKLAYER_DEFAULT_CLIENT_ID,
	WORKLAYER_DEFAULT_CLIENT_SECRET,
	WORKLAYER_STATUSES,
	WorklayerSimulator,
	type WorklayerData,
	type WorklayerJob,
} from '../../../tooling/simulators/worklayer';
import { REF, Reply, ListBody, ErrorBody, startSim, raw, getToken, api, f, micros, inOrder, listAll, makeJob, uuid } from './context';

describe('generateWorklayerData', () => {
	it('is deterministic per seed and differs between seeds', () => {
		expect(generateWorklayerData(40, 7)).toEqual(generateWorklayerData(40, 7));
		expect(generateWorklayerData(40, 7).jobs.map((j) => j.id)).not.toEqual(generateWorklayerData(40, 8).jobs.map((j) => j.id));
	});

	it('produces realistic jobs around the reference date', () => {
		const data = generateWorklayerData(300, 3);
		expect(data.jobs).toHaveLength(300);
		expect(new Set(data.jobs.map((j) => j.status))).toEqual(new Set(WORKLAYER_STATUSES));
		expect(new Set(data.jobs.map((j) => j.id)).size).toBe(300);
		expect(new Set(data.jobs.map((j) => j.short_id)).size).toBe(300);
		const recent = data.jobs.filter((j) => micros(j.create_time) >= (REF - 86_400_000) * 1000 && micros(j.create_time) < REF * 1000);
		expect(recent.length).toBeGreaterThanOrEqual(3);
		for (const job of data.jobs) {
			expect(job.workspace_id).toBe('91');
			expect(typeof job.total_amount).toBe('number');
			expect(micros(job.create_time)).toBeLessThan(REF * 1000);
			expect(micros(job.update_time)).toBeGreaterThanOrEqual(micros(job.create_time));
			expect(job.members.filter((m) => m.role === 'CLIENT')).toHaveLength(1);
			const hasPro = job.members.some((m) => m.role === 'CHAMPION');
			expect(hasPro).toBe(job.status === 'CLAIMED' || job.status === 'CLOSED');
			if (['UNCLAIMED', 'CLAIMED', 'CLOSED'].includes(job.status)) expect(job.transmit_time).not.toBeNull();
			if (job.status === 'UNDER_CONSTRUCTION' || job.status === 'INFO_GATHERING') expect(job.transmit_time).toBeNull();
			if (job.transmit_time) expect(micros(job.transmit_time)).toBeLessThan(REF * 1000);
			if (job.deadline_time && ['UNCLAIMED', 'CLAIMED', 'INFO_GATHERING'].includes(job.status)) expect(micros(job.deadline_time)).toBeGreaterThan(REF * 1000);
			if (job.deadline_time && job.status === 'CLOSED') expect(micros(job.deadline_time)).toBeLessThan(REF * 1000);
		}
		// Both timestamp forms occur, as in the docs' sample.
		expect(data.jobs.some((j) => /\.\d{6}Z$/.test(j.update_time))).toBe(true);
		expect(data.jobs.some((j) => /\.\d{3}Z$/.test(j.update_time))).toBe(true);
		expect(data.jobs.map((j) => j.id)).toEqual(inOrder(data.jobs));
	});

	it('follows the given reference date', () => {
		const ref = new Date('2030-06-15T12:00:00Z');
		const data = generateWorklayerData(20, 1, ref);
		const newest = Math.max(...data.jobs.map((j) => micros(j.create_time)));
		expect(newest).toBeLessThan(ref.getTime() * 1000);
		expect(newest).toBeGreaterThan((ref.getTime() - 86_400_000) * 1000);
	});
});

describe('authentication', () => {
	const tokenBody = (overrides: Record<string, string | undefined>): string =>
		JSON.stringify({ client_id: WORKLAYER_DEFAULT_CLIENT_ID, client_secret: WORKLAYER_DEFAULT_CLIENT_SECRET, audience: WORKLAYER_AUDIENCE, grant_type: 'client_credentials', ...overrides });
	const post = (sim: WorklayerSimulator, body: string, type = 'application/json'): Promise<Reply<{ error?: string; error_description?: string }>> =>
		raw(sim.tokenUrl, { method: 'POST', headers: { 'Content-Type': type }, body });

	it('issues an Auth0-style token for the documented JSON body', async () => {
		const sim = await startSim({ jobCount: 3 });
		expect(sim.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/token$/);
		expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
		const r = await raw<Record<string, unknown>>(sim.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: tokenBody({}) });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ access_token: expect.any(String), scope: 'api:access', expires_in: 3600, token_type: 'Bearer' });
		const ok = await api(sim, r.body.access_token as string, 'GET', '/jobs?page_size=1');
		expect(ok.status).toBe(200);
	});

	it('accepts a form body too (Auth0 does)', async () => {
		const sim = await startSim({ jobCount: 1 });
		const form = new URLSearchParams({ client_id: WORKLAYER_DEFAULT_CLIENT_ID, client_secret: WORKLAYER_DEFAULT_CLIENT_SECRET, audience: WORKLAYER_AUDIENCE, grant_type: 'client_credentials' });
		const r = await post(sim, form.toString(), 'application/x-www-form-urlencoded');
		expect(r.status).toBe(200);
	});

	it('refuses wrong credentials, audience and grant type with Auth0 error bodies', async () => {
		const sim = await startSim({ jobCount: 1 });
		expect(await post(sim, tokenBody({ client_secret: 'nope' }))).toMatchObject({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } });
		expect(await post(sim, tokenBody({ client_id: 'someone-else' }))).toMatchObject({ status: 401, body: { error: 'access_denied' } });
		expect(await post(sim, tokenBody({ audience: 'https://api.worklayer.com/private/' }))).toMatchObject({
			status: 403,
			body: { error: 'access_denied', error_description: 'Service not found: https://api.worklayer.com/private/' },
		});
		expect(await post(sim, tokenBody({ audience: undefined }))).toMatchObject({ status: 403, body: { error: 'access_denied' } });
		expect(await post(sim, tokenBody({ grant_type: 'password' }))).toMatchObject({ status: 403, body: { error: 'unauthorized_client' } });
		expect(await post(sim, tokenBody({ grant_type: undefined }))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
		expect(sim.issuedTokens).toHaveLength(0);
	});

	it('answers 401 with the error body for a missing, malformed or unknown token', async () => {
		const sim = await startSim({ jobCount: 1 });
		for (const auth of [undefined, 'Basic abc', 'Bearer not-a-token']) {
			const r = await raw<ErrorBody>(`${sim.baseUrl}/jobs`, { headers: auth ? { Authorization: auth } : {} });
			expect(r.status).toBe(401);
			expect(r.body).toEqual({ error: 'Unauthorized', message: expect.stringContaining('valid credentials') });
			expect(r.headers.get('www-authenticate')).toContain('Bearer');
		}
	});

	it('expires tokens after tokenTtlSeconds by the clock, and on expireTokens()', async () => {
		let now = REF;
		const sim = await startSim({ jobCount: 2, tokenTtlSeconds: 60, now: () => new Date(now) });
		const first = await getToken(sim);
		now += 59_000;
		expect((await api(sim, first, 'GET', '/jobs')).status).toBe(200);
		now += 1_000;
		const expired = await api<ErrorBody>(sim, first, 'GET', '/jobs');
		expect(expired.status).toBe(401);
		expect(expired.body.message).toContain('expired');
		const second = await getToken(sim);
		expect(second).not.toBe(first);
		expect((await api(sim, second, 'GET', '/jobs')).status).toBe(200);
		sim.expireTokens();
		expect((await api(sim, second, 'GET', '/jobs')).status).toBe(401);
		expect(sim.tokenRequests).toHaveLength(2);
	});
});

describe('GET /jobs paging', () => {
	it('pages 50 at a time by default, ends with next_page_token "" and returns every job once in order', async () => {
		const data = generateWorklayerData(120, 5);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const first = await api<ListBody>(sim, token, 'GET', '/jobs');
		expect(first.body.data).toHaveLength(50);
		expect(first.body.next_page_token).toMatch(/^[A-Za-z0-9+/]+=*$/);
		const all = await listAll(sim, token, '');
		expect(all.pages).toBe(3);
		expect(all.ids).toEqual(inOrder(data.jobs));
		const last = sim.requests[sim.requests.length - 1];
		expect(last.query.page_token).toBeDefined();
		// The last answer carries an empty token.
		const lastPage = await api<ListBody>(sim, token, 'GET', `/jobs?page_token=${encodeURIComponent(String(last.query.page_token))}`);
		expect(lastPage.body).toEqual({ data: expect.any(Array), next_page_token: '' });
		expect(lastPage.body.data).toHaveLength(20);
	});

	it('gives an end token "" when the last page is exactly full', async () => {
		const sim = await startSim({ jobCount: 10 });
		const token = await getToken(sim);
		const r = await api<ListBody>(sim, token, 'GET', '/jobs?page_size=10');
		expect(r.body.data).toHaveLength(10);
		expect(r.body.next_page_token).toBe('');
	});

	it('clamps page_size above the maximum by default, or answers 400 when configured', async () => {
		const sim = await startSim({ jobCount: 150 });
		const token = await getToken(sim);
		expect((await api<ListBody>(sim, token, 'GET', '/jobs?page_size=1000')).body.data).toHaveLength(100);
		expect((await api<ListBody>(sim, token, 'GET', '/jobs?page_size=100')).body.data).toHaveLength(100);
		expect((await api<ListBody>(sim, token, 'GET', '/jobs?page_size=0')).body.data).toHaveLength(50);
		const strict = await startSim({ jobCount: 150, maxPageSize: 25, pageSizeAboveMax: 'error' });
		const t2 = await getToken(strict);
		const r = await api<ErrorBody>(strict, t2, 'GET', '/jobs?page_size=26');
		expect(r).toMatchObject({ status: 400, body: { error: 'BadRequest', message: expect.stringContaining('25') } });
		expect((await api<ListBody>(strict, t2, 'GET', '/jobs?page_size=25')).body.data).toHaveLength(25);
	});

	it('omits next_page_token at the end with endSignal "missing"', async () => {
		const sim = await startSim({ jobCount: 3, endSignal: 'missing' });
		const token = await getToken(sim);
		const r = await api<ListBody>(sim, token, 'GET', '/jobs?page_size=2');
		expect(r.body.next_page_token).toBeTruthy();
		const end = await api<ListBody>(sim, token, 'GET', `/jobs?page_size=2&page_token=${encodeURIComponent(r.body.next_page_token ?? '')}`);
		expect(end.body.data).toHaveLength(1);
		expect('next_page_token' in end.body).toBe(false);
	});

	it('rejects bad page_size, bad page_token, sorting, unknown, repeated and bracketed parameters', async () => {
		const sim = await startSim({ jobCount: 3 });
		const token = await getToken(sim);
		for (const q of ['page_size=-1', 'page_size=abc', 'page_size=1.5', 'page_token=%21%21', `page_token=${Buffer.from('nonsense').toString('base64')}`, 'order_by=create_time', 'sort=asc', 'status=CLAIMED', 'page_size=1&page_size=2', 'filter[]=x']) {
			const r = await api<ErrorBody>(sim, token, 'GET', `/jobs?${q}`);
			expect([q, r.status, r.body.error]).toEqual([q, 400, 'BadRequest']);
		}
	});
});

describe('GET /jobs filter', () => {
	const data: WorklayerData = generateWorklayerData(200, 11);
	let sim: WorklayerSimulator;
	let token: string;
	const cut = '2025-12-01T00:00:00Z';
	const cutUs = Date.parse(cut) * 1000;

	beforeEach(async () => {
		sim = await startSim({ data });
		token = await getToken(sim);
	});

	const expectIds = async (expression: string, predicate: (j: WorklayerJob) => boolean): Promise<string[]> => {
		const expected = inOrder(data.jobs.filter(predicate));
		const { ids } = await listAll(sim, token, `page_size=100&${f(expression)}`);
		expect(ids).toEqual(expected);
		return ids;
	};

	it('status = and != (quoted and bare), and OR of two statuses (the docs\' example)', async () => {
		expect((await expectIds('status = CLAIMED', (j) => j.status === 'CLAIMED')).length).toBeGreaterThan(0);
		await expectIds('status="CLAIMED"', (j) => j.status === 'CLAIMED');
		await expectIds('status != "CLOSED"', (j) => j.status !== 'CLOSED');
		await expectIds('status="CLAIMED" OR status="CLOSED"', (j) => j.status === 'CLAIMED' || j.status === 'CLOSED');
		for (const status of WORKLAYER_STATUSES) await expectIds(`status = "${status}"`, (j) => j.status === status);
	});

	it('members.user_id:"<id>" (client and Pro)', async () => {
		const client = data.jobs[0].members[0].user_id;
		const pro = data.jobs.find((j) => j.status === 'CLAIMED')?.members.find((m) => m.role === 'CHAMPION')?.user_id ?? '';
		expect((await expectIds(`members.user_id:"${client}"`, (j) => j.members.some((m) => m.user_id === client))).length).toBeGreaterThan(0);
		expect((await expectIds(`members.user_id : "${pro}"`, (j) => j.members.some((m) => m.user_id === pro))).length).toBeGreaterThan(0);
		await expectIds('members.user_id:"nobody"', () => false);
	});

	it('every comparator on create_time, transmit_time and deadline_time (null times never match)', async () => {
		const cmp: Record<string, (a: number, b: number) => boolean> = {
			'>': (a, b) => a > b,
			'>=': (a, b) => a >= b,
			'<': (a, b) => a < b,
			'<=': (a, b) => a <= b,
			'=': (a, b) => a === b,
			'!=': (a, b) => a !== b,
		};
		for (const field of ['create_time', 'transmit_time', 'deadline_time'] as const) {
			// A time no job has, and one a job has exactly (so >= differs from > and = matches).
			const exact = data.jobs.map((j) => j[field]).filter((v): v is string => v !== null)[40];
			for (const at of [cut, exact]) {
				for (const [op, fn] of Object.entries(cmp)) {
					const ids = await expectIds(`${field} ${op} "${at}"`, (j) => j[field] !== null && fn(micros(j[field] as string), micros(at)));
					if (at === exact && op === '=') expect(ids.length).toBeGreaterThan(0);
				}
			}
		}
		const withNull = data.jobs.filter((j) => j.transmit_time === null).length;
		expect(withNull).toBeGreaterThan(0);
	});

	it('= matches a timestamp exactly, also across offsets and precisions', async () => {
		const job = data.jobs[17];
		const ms = Date.parse(job.create_time);
		const plusTwo = new Date(ms + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
		await expectIds(`create_time = "${job.create_time}"`, (j) => j.create_time === job.create_time);
		await expectIds(`create_time = "${plusTwo}"`, (j) => micros(j.create_time) === ms * 1000);
		await expectIds(`create_time > "${job.create_time.replace('Z', '001Z')}"`, (j) => micros(j.create_time) > ms * 1000 + 1);
	});

	it('AND of several terms', async () => {
		const client = data.jobs[5].members[0].user_id;
		await expectIds(
			`create_time >= "${cut}" AND status != "CLOSED" AND members.user_id:"${client}"`,
			(j) => micros(j.create_time) >= cutUs && j.status !== 'CLOSED' && j.members.some((m) => m.user_id === client),
		);
		await expectIds(`create_time >= "2025-06-01T00:00:00Z" AND create_time < "${cut}"`, (j) => micros(j.create_time) >= Date.parse('2025-06-01T00:00:00Z') * 1000 && micros(j.create_time) < cutUs);
	});

	it('a quoted value with spaces is one value; an escaped quote cannot break out of it', async () => {
		const odd = 'user with "quotes" and spaces';
		sim.putJob(makeJob(uuid(1), { status: 'CLOSED', members: [{ user_id: odd, given_name: 'A', family_name: 'B', role: 'CLIENT', type: 'CLIENT' }] }));
		sim.putJob(makeJob(uuid(2), { status: 'CLOSED', members: [{ user_id: 'x', given_name: 'C', family_name: 'D', role: 'CLIENT', type: 'CLIENT' }] }));
		const escaped = (await listAll(sim, token, f('members.user_id:"user with \\"quotes\\" and spaces"'))).ids;
		expect(escaped).toEqual([uuid(1)]);
		// `x" OR status != "CLOSED` as a value, escaped: one term, matches nobody.
		expect((await listAll(sim, token, f('members.user_id:"x\\" OR status != \\"CLOSED"'))).ids).toEqual([]);
		// The same text unescaped is, by the grammar, two terms joined by OR.
		const all = [...data.jobs, makeJob(uuid(1), { status: 'CLOSED' }), makeJob(uuid(2), { status: 'CLOSED' })];
		const injected = (await listAll(sim, token, f('members.user_id:"x" OR status != "CLOSED"'))).ids;
		expect(injected).toEqual(inOrder(all.filter((j) => j.status !== 'CLOSED' || j.id === uuid(2))));
		expect(parseWorklayerFilter('members.user_id:"x\\" OR status != \\"Y"')).toEqual({ kind: 'term', field: 'members.user_id', op: ':', value: 'x" OR status != "Y', quoted: true });
	});

	it('a filter sent with + for spaces (form encoding) means the same', async () => {
		const r = await api<ListBody>(sim, token, 'GET', '/jobs?page_size=100&filter=status+%3D+%22UNCLAIMED%22');
		expect(r.body.data.map((j) => j.id)).toEqual(inOrder(data.jobs.filter((j) => j.status === 'UNCLAIMED')).slice(0, 100));
	});

	it('an empty filter lists everything', async () => {
		expect((await listAll(sim, token, 'page_size=100&filter=')).ids).toEqual(inOrder(data.jobs));
	});

	it('answers 400 BadRequest for syntax errors, unknown fields, wrong comparators and bad values', async () => {
		const bad = [
			'status',
			'status =',
			'= CLAIMED',
			'update_time > "2025-01-01T00:00:00Z"',
			'name = "x"',
			'status > CLAIMED',
			'members.user_id = "x"',
			'create_time : "2025-01-01T00:00:00Z"',
			'transmit_time =< "2022-12-31T23:59:59Z"',
			'status = "DONE"',
			'status = claimed',
			'create_time > "yesterday"',
			'create_time > "2025-01-01"',
			'create_time > "2025-02-30T00:00:00Z"',
			'create_time > 2025-01-01T00:00:00Z',
			'status = "CLAIMED',
			'status = CLAIMED and status = CLOSED',
			'status = CLAIMED status = CLOSED',
			'NOT status = CLAIMED',
			'status = CLAIMED AND',
			"status = 'CLAIMED'",
			'status = CLAIMED OR status = CLOSED AND create_time > "2025-01-01T00:00:00Z"',
			'(status = CLAIMED OR status = CLOSED) AND create_time > "2025-01-01T00:00:00Z"',
		];
		for (const expression of bad) {
			const r = await api<ErrorBody>(sim, token, 'GET', `/jobs?${f(expression)}`);
			expect([expression, r.status, r.body.error]).toEqual([expression, 400, 'BadRequest']);
			expect(r.body.message).toMatch(/^Invalid filter: /);
		}
	});

	it('mixes AND/OR and parentheses only when configured', async () => {
		const t = '2025-09-01T00:00:00Z';
		const after = (j: WorklayerJob): boolean => micros(j.create_time) > Date.parse(t) * 1000;
		const mixed = `status = CLAIMED OR status = CLOSED AND create_time > "${t}"`;
		const orFirst = await startSim({ data, filterGrammar: { mixedAndOr: 'orBindsTighter', parentheses: true } });
		const t1 = await getToken(orFirst);
		const expectOn = async (s: WorklayerSimulator, tok: string, expression: string, predicate: (j: WorklayerJob) => boolean): Promise<void> => {
			expect((await listAll(s, tok, `page_size=100&${f(expression)}`)).ids).toEqual(inOrder(data.jobs.filter(predicate)));
		};
		const either = (j: WorklayerJob): boolean => j.status === 'CLAIMED' || j.status === 'CLOSED';
		await expectOn(orFirst, t1, mixed, (j) => either(j) && after(j));
		await expectOn(orFirst, t1, `(status = CLAIMED OR status = CLOSED) AND create_time > "${t}"`, (j) => either(j) && after(j));
		await expectOn(orFirst, t1, `status = CLAIMED OR (status = CLOSED AND create_time > "${t}")`, (j) => j.status === 'CLAIMED' || (j.status === 'CLOSED' && after(j)));
		const andFirst = await startSim({ data, filterGrammar: { mixedAndOr: 'andBindsTighter' } });
		await expectOn(andFirst, await getToken(andFirst), mixed, (j) => j.status === 'CLAIMED' || (j.status === 'CLOSED' && after(j)));
		const unbalanced = await api<ErrorBody>(orFirst, t1, 'GET', `/jobs?${f('(status = CLAIMED')}`);
		expect(unbalanced.status).toBe(400);
	});
});

describe('GET /jobs/{id} and /jobs/getByShortId:{short_id}', () => {
	it('returns the job, by id and by short id; 404 otherwise', async () => {
		const data = generateWorklayerData(12, 2);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const want = data.jobs[4];
		expect(await api(sim, token, 'GET', `/jobs/${want.id}`)).toMatchObject({ status: 200, body: want });
		expect(await api(sim, token, 'GET', `/jobs/getByShortId:${want.short_id}`)).toMatchObject({ status: 200, body: want });
		expect(await api(sim, token, 'GET', `/jobs/getByShortId%3A${want.short_id}`)).toMatchObject({ status: 200, body: want });
		for (const path of [`/jobs/${uuid(999)}`, '/jobs/123', '/jobs/getByShortId:NOPE']) {
			expect(await api(sim, token, 'GET', path)).toMatchObject({ status: 404, body: { error: 'NotFound' } });
		}
		expect(await api(sim, token, 'GET', '/nothing')).toMatchObject({ status: 404, body: { error: 'NotFound' } });
		expect(await api(sim, token, 'DELETE', `/jobs/${want.id}`)).toMatchObject({ status: 404, body: { error: 'NotFound' } });
		expect(await api(sim, token, 'PATCH', `/jobs/${want.id}`, { name: 'x' })).toMatchObject({ status: 404 });
	});

	it('wraps the job in data with wrapSingle', async () => {
		const data = generateWorklayerData(3, 2);
		const sim = await startSim({ data, wrapSingle: true });
		const token = await getToken(sim);
		expect((await api(sim, token, 'GET', `/jobs/${data.jobs[0].id}`)).body).toEqual({ data: data.jobs[0] });
	});
});
