/**
 * Tests of the Worklayer simulator over real loopback HTTP with plain `fetch`. Expectations are computed
 * from the generated data (or from hand-built jobs) with the test's own code, never read back from the
 * simulator's answers, so a simulator bug fails a test.
 */
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
	type WorklayerJobStatus,
	type WorklayerSimulatorOptions,
} from '../../tooling/simulators/worklayer';

const REF = Date.parse('2026-03-01T00:00:00Z');

interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

interface ListBody<T = WorklayerJob> {
	data: T[];
	next_page_token?: string;
}

interface ErrorBody {
	error: string;
	message: string;
}

const sims: WorklayerSimulator[] = [];

async function startSim(options: WorklayerSimulatorOptions = {}): Promise<WorklayerSimulator> {
	const sim = new WorklayerSimulator(options);
	await sim.start();
	sims.push(sim);
	return sim;
}

afterEach(async () => {
	await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function raw<T = Record<string, unknown>>(url: string, init: RequestInit = {}): Promise<Reply<T>> {
	const res = await fetch(url, init);
	const text = await res.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// plain text
	}
	return { status: res.status, headers: res.headers, body: body as T };
}

async function getToken(sim: WorklayerSimulator): Promise<string> {
	const r = await raw<{ access_token: string }>(sim.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ client_id: WORKLAYER_DEFAULT_CLIENT_ID, client_secret: WORKLAYER_DEFAULT_CLIENT_SECRET, audience: WORKLAYER_AUDIENCE, grant_type: 'client_credentials' }),
	});
	expect(r.status).toBe(200);
	return r.body.access_token;
}

async function api<T = Record<string, unknown>>(
	sim: WorklayerSimulator,
	token: string | null,
	method: string,
	pathAndQuery: string,
	body?: unknown,
): Promise<Reply<T>> {
	const headers: Record<string, string> = {};
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	let payload: string | undefined;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		headers['Content-Type'] = 'application/json';
	}
	return raw<T>(`${sim.baseUrl}${pathAndQuery}`, { method, headers, body: payload });
}

/** The filter sent the way n8n sends it: spaces as %20, quotes and comparators percent-encoded. */
const f = (expression: string): string => `filter=${encodeURIComponent(expression)}`;

const micros = (iso: string): number => {
	const m = /^(.*?)(?:\.(\d+))?Z$/.exec(iso);
	if (!m) throw new Error(`bad time ${iso}`);
	return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
};

/** The documented-by-us default order, computed independently: create_time ascending, then id. */
const inOrder = (jobs: readonly WorklayerJob[]): string[] =>
	[...jobs].sort((a, b) => micros(a.create_time) - micros(b.create_time) || (a.id < b.id ? -1 : 1)).map((j) => j.id);

async function listAll(sim: WorklayerSimulator, token: string, query: string): Promise<{ ids: string[]; pages: number }> {
	const ids: string[] = [];
	let pageToken = '';
	let pages = 0;
	for (;;) {
		const sep = query ? '&' : '';
		const r = await api<ListBody>(sim, token, 'GET', `/jobs?${query}${pageToken ? `${sep}page_token=${encodeURIComponent(pageToken)}` : ''}`);
		expect(r.status).toBe(200);
		pages++;
		ids.push(...r.body.data.map((j) => j.id));
		pageToken = r.body.next_page_token ?? '';
		if (!pageToken) break;
		if (pages > 100) throw new Error('runaway');
	}
	return { ids, pages };
}

function makeJob(id: string, overrides: Partial<WorklayerJob> = {}): WorklayerJob {
	return {
		id,
		short_id: `S${id.slice(0, 10).replace(/-/g, 'X').toUpperCase()}`,
		name: null,
		description: 'Test Person | 2025 | 1040',
		workspace_id: '91',
		status: 'UNCLAIMED',
		create_time: '2026-01-01T00:00:00.000Z',
		update_time: '2026-01-01T00:00:00.000Z',
		transmit_time: null,
		deadline_time: null,
		total_amount: 199,
		members: [],
		...overrides,
	};
}

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// -------------------------------------------------------------------------------------------------------

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

describe('POST /jobs (create)', () => {
	it('creates an UNDER_CONSTRUCTION job for a client member from a template, stamped by the clock', async () => {
		const now = Date.parse('2026-03-02T10:11:12.345Z');
		const data = generateWorklayerData(5, 4);
		const sim = await startSim({ data, now: () => new Date(now) });
		const token = await getToken(sim);
		const owner = data.members.find((m) => m.type === 'CLIENT');
		const template = data.templates[1];
		if (!owner) throw new Error('no client');
		const r = await api<WorklayerJob>(sim, token, 'POST', '/jobs', { owner_user_id: owner.user_id, job_template_id: template.id });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
			short_id: expect.stringMatching(/^[A-Z0-9]{11}$/),
			name: template.name,
			description: `${owner.given_name} ${owner.family_name} | 2025 | ${template.form}`,
			workspace_id: '91',
			status: 'UNDER_CONSTRUCTION',
			create_time: '2026-03-02T10:11:12.345Z',
			update_time: '2026-03-02T10:11:12.345000Z',
			transmit_time: null,
			deadline_time: null,
			total_amount: template.price,
			members: [{ user_id: owner.user_id, given_name: owner.given_name, family_name: owner.family_name, role: 'CLIENT', type: 'CLIENT' }],
		});
		expect(sim.getJob(r.body.id)).toEqual(r.body);
		const list = await listAll(sim, token, '');
		expect(list.ids[list.ids.length - 1]).toBe(r.body.id);
	});

	it('validates the body', async () => {
		const data = generateWorklayerData(2, 4);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const client = data.members.find((m) => m.type === 'CLIENT')?.user_id ?? '';
		const admin = data.members.find((m) => m.type === 'ADMIN')?.user_id ?? '';
		const template = data.templates[0].id;
		const cases: unknown[] = [
			{ job_template_id: template },
			{ owner_user_id: client },
			{ owner_user_id: uuid(5), job_template_id: template },
			{ owner_user_id: admin, job_template_id: template },
			{ owner_user_id: client, job_template_id: uuid(6) },
			{ owner_user_id: client, job_template_id: template, name: 'x' },
			{ owner_user_id: 5, job_template_id: template },
			[client, template],
			'{not json',
		];
		for (const body of cases) {
			const r = await api<ErrorBody>(sim, token, 'POST', '/jobs', body);
			expect([body, r.status, r.body.error]).toEqual([body, 400, 'BadRequest']);
		}
		const form = await raw<ErrorBody>(`${sim.baseUrl}/jobs`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `owner_user_id=${client}&job_template_id=${template}` });
		expect(form.status).toBe(400);
		expect(sim.jobs.size).toBe(2);
	});
});

describe('POST /jobs/{id}/submit', () => {
	it('moves UNDER_CONSTRUCTION to UNCLAIMED, sets transmit_time and a newer update_time', async () => {
		const now = Date.parse('2026-03-05T00:00:00.000Z');
		const sim = await startSim({ jobs: [makeJob(uuid(1), { status: 'UNDER_CONSTRUCTION' })], now: () => new Date(now) });
		const token = await getToken(sim);
		const r = await api<WorklayerJob>(sim, token, 'POST', `/jobs/${uuid(1)}/submit`);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ id: uuid(1), status: 'UNCLAIMED', transmit_time: '2026-03-05T00:00:00.000Z', update_time: '2026-03-05T00:00:00.000000Z' });
		expect(sim.getJob(uuid(1))?.status).toBe('UNCLAIMED');
		const again = await api<ErrorBody>(sim, token, 'POST', `/jobs/${uuid(1)}/submit`);
		expect(again).toMatchObject({ status: 400, body: { error: 'BadRequest', message: expect.stringContaining('UNCLAIMED') } });
	});

	it('refuses every other status and leaves the job alone', async () => {
		const others = WORKLAYER_STATUSES.filter((s) => s !== 'UNDER_CONSTRUCTION');
		const jobs = others.map((status, i) => makeJob(uuid(i + 1), { status }));
		const sim = await startSim({ jobs });
		const token = await getToken(sim);
		for (const [i, status] of others.entries()) {
			const r = await api<ErrorBody>(sim, token, 'POST', `/jobs/${uuid(i + 1)}/submit`);
			expect([status, r.status, r.body.error]).toEqual([status, 400, 'BadRequest']);
			expect(r.body.message).toContain(status);
			expect(sim.getJob(uuid(i + 1))).toEqual(jobs[i]);
		}
		expect(await api(sim, token, 'POST', `/jobs/${uuid(99)}/submit`)).toMatchObject({ status: 404, body: { error: 'NotFound' } });
		expect(await api(sim, token, 'GET', `/jobs/${uuid(1)}/submit`)).toMatchObject({ status: 404 });
	});

	it('keeps update_time strictly increasing for writes within one millisecond', async () => {
		const now = Date.parse('2026-03-05T00:00:00.000Z');
		const data = generateWorklayerData(3, 9);
		const sim = await startSim({ data, now: () => new Date(now) });
		const token = await getToken(sim);
		const owner = data.members.find((m) => m.type === 'CLIENT')?.user_id;
		const a = await api<WorklayerJob>(sim, token, 'POST', '/jobs', { owner_user_id: owner, job_template_id: data.templates[0].id });
		const b = await api<WorklayerJob>(sim, token, 'POST', `/jobs/${a.body.id}/submit`);
		expect(a.body.update_time).toBe('2026-03-05T00:00:00.000000Z');
		expect(b.body.update_time).toBe('2026-03-05T00:00:00.000001Z');
	});
});

describe('requested provider', () => {
	it('sets the requested Pro on a draft only, and request-previous picks the owner\'s latest Pro', async () => {
		const data = generateWorklayerData(2, 1);
		const [proA, proB] = data.pros;
		const client = { user_id: 'client-1', given_name: 'C', family_name: 'One', role: 'CLIENT' as const, type: 'CLIENT' as const };
		const asChampion = (p: typeof proA): WorklayerJob['members'][number] => ({ user_id: p.user_id, given_name: p.given_name, family_name: p.family_name, role: 'CHAMPION', type: 'PROVIDER' });
		const jobs = [
			makeJob(uuid(1), { status: 'CLOSED', create_time: '2025-01-01T00:00:00.000Z', members: [client, asChampion(proA)] }),
			makeJob(uuid(2), { status: 'CLOSED', create_time: '2025-06-01T00:00:00.000Z', members: [client, asChampion(proB)] }),
			makeJob(uuid(3), { status: 'UNDER_CONSTRUCTION', create_time: '2026-01-01T00:00:00.000Z', members: [client] }),
			makeJob(uuid(4), { status: 'UNDER_CONSTRUCTION', members: [{ ...client, user_id: 'client-2' }] }),
		];
		const sim = await startSim({ data, jobs });
		const token = await getToken(sim);
		const set = await api<WorklayerJob>(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider`, { requested_provider_id: proA.user_id });
		expect(set.status).toBe(200);
		expect(set.body.id).toBe(uuid(3));
		expect(sim.requestedProviderOf(uuid(3))).toBe(proA.user_id);
		expect(micros(set.body.update_time)).toBeGreaterThan(micros(jobs[2].update_time));

		const prev = await api(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider/request-previous`);
		expect(prev.status).toBe(200);
		expect(sim.requestedProviderOf(uuid(3))).toBe(proB.user_id);

		expect(await api(sim, token, 'POST', `/jobs/${uuid(4)}/requested-provider/request-previous`)).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
		expect(await api(sim, token, 'POST', `/jobs/${uuid(1)}/requested-provider`, { requested_provider_id: proA.user_id })).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
		expect(await api(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider`, { requested_provider_id: 'nobody' })).toMatchObject({ status: 400 });
		expect(await api(sim, token, 'POST', `/jobs/${uuid(3)}/requested-provider`, { provider_id: proA.user_id })).toMatchObject({ status: 400 });
		expect(sim.requestedProviderOf(uuid(4))).toBeUndefined();
	});
});

describe('reference lists and job sub-resources', () => {
	it('lists members, job templates and service packages with paging', async () => {
		const data = generateWorklayerData(2, 6);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const byId = <T>(items: T[], key: (t: T) => string): string[] => items.map(key).sort();
		const members: string[] = [];
		let pageToken = '';
		for (let i = 0; i < 20; i++) {
			const r = await api<ListBody<{ user_id: string; type: string }>>(sim, token, 'GET', `/members?page_size=10${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`);
			expect(r.status).toBe(200);
			members.push(...r.body.data.map((m) => m.user_id));
			pageToken = r.body.next_page_token ?? '';
			if (!pageToken) break;
		}
		expect(members).toEqual(byId(data.members, (m) => m.user_id));
		expect(data.members.filter((m) => m.type === 'MACHINE')).toHaveLength(1);
		const templates = await api<ListBody<{ id: string; name: string }>>(sim, token, 'GET', '/job-templates');
		expect(templates.body.data.map((t) => t.id)).toEqual(byId(data.templates, (t) => t.id));
		expect(templates.body.next_page_token).toBe('');
		expect(await api(sim, token, 'GET', `/job-templates/${data.templates[2].id}`)).toMatchObject({ status: 200, body: data.templates[2] });
		expect(await api(sim, token, 'GET', `/job-templates/${uuid(1)}`)).toMatchObject({ status: 404 });
		const packages = await api<ListBody<{ id: string }>>(sim, token, 'GET', '/service-packages');
		expect(packages.body.data.map((p) => p.id)).toEqual(byId(data.servicePackages, (p) => p.id));
		expect(await api(sim, token, 'GET', `/service-packages/${data.servicePackages[0].id}`)).toMatchObject({ status: 200, body: data.servicePackages[0] });
		expect(await api(sim, token, 'GET', `/members?${f('type = CLIENT')}`)).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
	});

	it('serves documents, checklist and job_link', async () => {
		const data = generateWorklayerData(60, 8);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const [jobId, docs] = [...data.documents][0];
		const r = await api<ListBody<{ id: string }>>(sim, token, 'GET', `/jobs/${jobId}/documents`);
		expect(r.body.data.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
		const checklist = await api<{ sections: Array<{ requested_supporting_items: Array<{ completed: boolean; input: { document: { document_type_id: string } } }> }> }>(sim, token, 'GET', `/jobs/${jobId}/checklist`);
		const types = new Set(docs.map((d) => d.document_type?.id));
		for (const item of checklist.body.sections[0].requested_supporting_items) expect(item.completed).toBe(types.has(item.input.document.document_type_id));
		const link = await api<{ url: string; expire_time: string }>(sim, token, 'POST', `/jobs/${jobId}/job_link`);
		expect(link.status).toBe(200);
		expect(link.body.url).toMatch(/^https:\/\//);
	});

	it('answers the questionnaire and service package questions on drafts only', async () => {
		const data = generateWorklayerData(2, 8);
		const sim = await startSim({ data });
		const token = await getToken(sim);
		const owner = data.members.find((m) => m.type === 'CLIENT')?.user_id;
		const personal = data.templates.find((t) => t.form === '1040');
		if (!personal) throw new Error('no 1040 template');
		const created = await api<WorklayerJob>(sim, token, 'POST', '/jobs', { owner_user_id: owner, job_template_id: personal.id });
		const id = created.body.id;
		const q = await api<{ complete: boolean; questions: Array<{ id: string; answer: unknown }> }>(sim, token, 'GET', `/jobs/${id}/questionnaire`);
		expect(q.body.complete).toBe(false);
		expect(q.body.questions.map((x) => x.id)).toEqual(expect.arrayContaining(['FILING_STATUS', 'DEPENDENTS', 'HAS_W2', 'STATE_COUNT']));
		expect(await api(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: { DEPENDENTS: 'two' } })).toMatchObject({ status: 400 });
		expect(await api(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: { FILING_STATUS: 'MARRIED' } })).toMatchObject({ status: 400 });
		const answered = await api<{ complete: boolean }>(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: { FILING_STATUS: 'MFJ', DEPENDENTS: 2, HAS_W2: true, STATE_COUNT: 1 } });
		expect(answered.body.complete).toBe(true);

		const tier1 = data.servicePackages.find((p) => p.name === '1040 Tier 1');
		const business = data.servicePackages.find((p) => p.type === 'BUSINESS');
		if (!tier1 || !business) throw new Error('packages');
		const partial = await api<WorklayerJob & { ready_to_submit: boolean }>(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: tier1.id, answers: { FILING_STATUS: 'SINGLE' } }]);
		expect(partial).toMatchObject({ status: 200, body: { id, ready_to_submit: false } });
		const full = await api<WorklayerJob & { ready_to_submit: boolean }>(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: tier1.id, answers: { FILING_STATUS: 'SINGLE', DEPENDENTS: 0, HAS_W2: false } }]);
		expect(full.body.ready_to_submit).toBe(true);
		expect(await api(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: business.id, answers: {} }])).toMatchObject({ status: 400 });
		expect((await api(sim, token, 'POST', `/jobs/${id}/submit`)).status).toBe(200);
		expect(await api(sim, token, 'PUT', `/jobs/${id}/answers`, [{ service_package_id: tier1.id, answers: {} }])).toMatchObject({ status: 400 });
		expect(await api(sim, token, 'PUT', `/jobs/${id}/questionnaire/answers`, { answers: {} })).toMatchObject({ status: 400 });
	});
});

describe('permissions, rate limit, latency, faults', () => {
	it('answers 403 Forbidden when the machine member lacks a permission', async () => {
		const data = generateWorklayerData(2, 1);
		const sim = await startSim({ data, deniedPermissions: ['jobs.list', 'jobs.write'] });
		const token = await getToken(sim);
		expect(await api(sim, token, 'GET', '/jobs')).toEqual(expect.objectContaining({ status: 403, body: { error: 'Forbidden', message: 'API Client cannot list workspace jobs' } }));
		expect(await api(sim, token, 'POST', `/jobs/${data.jobs[0].id}/submit`)).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
		expect((await api(sim, token, 'GET', `/jobs/${data.jobs[0].id}`)).status).toBe(200);
	});

	it('answers 429 with Retry-After above a rolling-window limit, per client', async () => {
		let now = REF;
		const sim = await startSim({ jobCount: 2, rateLimit: { limit: 3, windowMs: 10_000 }, now: () => new Date(now) });
		const token = await getToken(sim);
		for (let i = 0; i < 3; i++) {
			expect((await api(sim, token, 'GET', '/jobs')).status).toBe(200);
			now += 1_000;
		}
		const limited = await api<ErrorBody>(sim, token, 'GET', '/jobs');
		expect(limited.status).toBe(429);
		expect(limited.body.error).toBe('TooManyRequests');
		expect(limited.headers.get('retry-after')).toBe('7');
		now += 6_999;
		expect((await api(sim, token, 'GET', '/jobs')).status).toBe(429);
		now += 1;
		expect((await api(sim, token, 'GET', '/jobs')).status).toBe(200);
		// The token endpoint is Auth0's and not limited here.
		expect(await getToken(sim)).toBeTruthy();
	});

	it('is effectively unlimited by default', async () => {
		const sim = await startSim({ jobCount: 1 });
		const token = await getToken(sim);
		const replies = await Promise.all(Array.from({ length: 60 }, () => api(sim, token, 'GET', '/jobs')));
		expect(replies.every((r) => r.status === 200)).toBe(true);
	});

	it('waits latencyMs before every answer', async () => {
		const sim = await startSim({ jobCount: 1, latencyMs: 150 });
		let started = Date.now();
		const token = await getToken(sim);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		started = Date.now();
		await api(sim, token, 'GET', '/jobs');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		const fast = await startSim({ jobCount: 1 });
		started = Date.now();
		await getToken(fast);
		expect(Date.now() - started).toBeLessThan(140);
	});

	it('exposes the shared server for fault injection and the request log', async () => {
		const sim = await startSim({ jobCount: 1 });
		const token = await getToken(sim);
		sim.server.injectFault({ method: 'GET', path: '/v1.0/jobs' }, { status: 503, body: { error: 'Unavailable' } }, 1);
		expect((await api(sim, token, 'GET', '/jobs')).status).toBe(503);
		expect((await api(sim, token, 'GET', `/jobs?${f('status = "CLAIMED"')}`)).status).toBe(200);
		const last = sim.apiRequests[sim.apiRequests.length - 1];
		expect(last.query.filter).toBe('status = "CLAIMED"');
		expect(last.rawUrl).toContain('status%20%3D%20%22CLAIMED%22');
	});
});

describe('onList hook (changes between two page reads of one list)', () => {
	it('sees inserts after the cursor, not deletes or inserts behind it, and reports page indexes', async () => {
		const jobs = Array.from({ length: 10 }, (_, i) => makeJob(uuid(i + 1), { create_time: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` }));
		const seen: number[] = [];
		const sim = await startSim({
			jobs,
			onList: ({ pageIndex }) => {
				seen.push(pageIndex);
				if (pageIndex !== 1) return;
				sim.deleteJob(uuid(5)); // on page 2: disappears
				sim.deleteJob(uuid(2)); // already read on page 1: no shift
				sim.putJob(makeJob(uuid(50), { create_time: '2026-02-01T00:00:00.000Z' })); // after the cursor: seen
				sim.putJob(makeJob(uuid(51), { create_time: '2025-12-01T00:00:00.000Z' })); // behind the cursor: not seen
				const seven = sim.getJob(uuid(7));
				if (seven) sim.putJob({ ...seven, status: 'CLAIMED' });
			},
		});
		const token = await getToken(sim);
		const pages: WorklayerJob[][] = [];
		let pageToken = '';
		for (;;) {
			const r = await api<ListBody>(sim, token, 'GET', `/jobs?page_size=3${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`);
			pages.push(r.body.data);
			pageToken = r.body.next_page_token ?? '';
			if (!pageToken) break;
		}
		expect(seen).toEqual([0, 1, 2, 3]);
		expect(pages.map((p) => p.map((j) => j.id))).toEqual([
			[uuid(1), uuid(2), uuid(3)],
			[uuid(4), uuid(6), uuid(7)],
			[uuid(8), uuid(9), uuid(10)],
			[uuid(50)],
		]);
		expect(pages[1][2].status).toBe('CLAIMED');
		expect(sim.listJobs().map((j) => j.id)).toEqual([uuid(51), uuid(1), uuid(3), uuid(4), uuid(6), uuid(7), uuid(8), uuid(9), uuid(10), uuid(50)]);
	});

	it('can be set after construction and may be async', async () => {
		const sim = await startSim({ jobs: [makeJob(uuid(1)), makeJob(uuid(2), { create_time: '2026-01-02T00:00:00.000Z' })] });
		const token = await getToken(sim);
		sim.onList = async ({ pageIndex }) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			if (pageIndex === 1) sim.deleteJob(uuid(2));
		};
		const first = await api<ListBody>(sim, token, 'GET', '/jobs?page_size=1');
		const second = await api<ListBody>(sim, token, 'GET', `/jobs?page_size=1&page_token=${encodeURIComponent(first.body.next_page_token ?? '')}`);
		expect(second.body).toEqual({ data: [], next_page_token: '' });
	});
});

describe('store access', () => {
	it('gets, puts, deletes and lists jobs in API order', async () => {
		const data = generateWorklayerData(8, 12);
		const sim = await startSim({ data });
		expect(sim.listJobs().map((j) => j.id)).toEqual(inOrder(data.jobs));
		const job = data.jobs[3];
		expect(sim.getJob(job.id)).toEqual(job);
		expect(sim.getJob(job.id)).not.toBe(job); // copied from the data
		expect(sim.getJobByShortId(job.short_id)?.id).toBe(job.id);
		expect(sim.deleteJob(job.id)).toBe(true);
		expect(sim.getJob(job.id)).toBeUndefined();
		const status: WorklayerJobStatus = 'INFO_GATHERING';
		sim.putJob(makeJob(uuid(3), { status, create_time: '2000-01-01T00:00:00.000Z' }));
		expect(sim.listJobs()[0].id).toBe(uuid(3));
		const token = await getToken(sim);
		expect((await api<ListBody>(sim, token, 'GET', '/jobs?page_size=1')).body.data[0]).toMatchObject({ id: uuid(3), status });
	});
});
