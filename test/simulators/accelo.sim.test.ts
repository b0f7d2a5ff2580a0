/**
 * Tests of the Accelo simulator, over real HTTP with plain fetch. Expectations are computed from an
 * independently generated copy of the data (same seed), never from the simulator's own answers.
 */
import {
	ACCELO_REFERENCE_DATE,
	AcceloSimulator,
	generateAcceloData,
	parseFilterString,
	parseScope,
	type AcceloData,
	type AcceloJob,
} from '../../tooling/simulators/accelo';

interface Meta {
	status: string;
	message: string;
	more_info: string;
}
interface Envelope<T> {
	meta: Meta;
	response: T;
}
type Obj = Record<string, unknown>;
interface Reply<T> {
	status: number;
	headers: Headers;
	body: Envelope<T>;
}

const SEED = 7;
const N = 400;
const CLIENT = 'accelo-client';
const SECRET = 'accelo-secret';

function basic(id = CLIENT, secret = SECRET): string {
	return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(
	base: string,
	form: Record<string, string>,
	auth: string = basic(),
): Promise<{ status: number; body: Obj }> {
	const res = await fetch(`${base}/oauth2/v0/token`, {
		method: 'POST',
		headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
	return { status: res.status, body: (await res.json()) as Obj };
}

async function getToken(base: string, scope = 'read(all),write(all)'): Promise<string> {
	const { status, body } = await tokenRequest(base, { grant_type: 'client_credentials', scope });
	expect(status).toBe(200);
	return body.access_token as string;
}

interface CallOptions {
	query?: Record<string, string>;
	form?: Record<string, string>;
	json?: unknown;
	token?: string | null;
}

async function call<T = unknown>(base: string, tok: string | null, method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
	const qs = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
	const headers: Record<string, string> = {};
	if (tok !== null) headers.Authorization = `Bearer ${tok}`;
	let body: string | undefined;
	if (opts.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(opts.form).toString();
	} else if (opts.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(opts.json);
	}
	const res = await fetch(`${base}/api/v0${path}${qs}`, { method, headers, body });
	return { status: res.status, headers: res.headers, body: (await res.json()) as Envelope<T> };
}

const sortIds = (ids: Array<string | number>): string[] => ids.map(String).sort((a, b) => Number(a) - Number(b));
const idsOf = (jobs: AcceloJob[]): string[] => sortIds(jobs.map((j) => j.id));

/**
 * 50,000 jobs, generated once and shared (the simulator does not mutate data on GET). The time bounds
 * are loose on purpose: the test machine is shared; they catch quadratic behaviour, not jitter.
 */
let big: AcceloData | undefined;
let bigMs = 0;
function bigData(): AcceloData {
	if (!big) {
		const t0 = Date.now();
		big = generateAcceloData(50000, 3);
		bigMs = Date.now() - t0;
	}
	return big;
}

// ------------------------------------------------------------------------------------------------

describe('generateAcceloData', () => {
	it('is deterministic per seed and fast for 50,000 jobs', () => {
		expect(bigData().jobs).toHaveLength(50000);
		expect(bigMs).toBeLessThan(10000);
		expect(JSON.stringify(generateAcceloData(300, 3))).toBe(JSON.stringify(generateAcceloData(300, 3)));
		expect(JSON.stringify(generateAcceloData(300, 4).jobs)).not.toBe(JSON.stringify(generateAcceloData(300, 3).jobs));
	});

	it('produces a consistent, realistic deployment', () => {
		const d = generateAcceloData(2000, 1);
		const ref = ACCELO_REFERENCE_DATE;
		expect(d.staff).toHaveLength(6);
		expect(d.companies).toHaveLength(15);
		expect(d.sites.length).toBeGreaterThanOrEqual(3);
		const statusTitles = Object.fromEntries(d.statuses.map((s) => [s.id, [s.title, s.standing, s.start]]));
		expect(statusTitles[1]).toEqual(['Pending', 'pending', 'yes']);
		expect(statusTitles[2]).toEqual(['In Progress', 'active', 'yes']);
		expect(statusTitles[3]).toEqual(['On Hold', 'paused', 'no']);
		expect(statusTitles[4]).toEqual(['Complete', 'complete', 'no']);
		expect(statusTitles[5]).toEqual(['Closed', 'inactive', 'no']);
		expect(statusTitles[6]).toEqual(['Cancelled', 'inactive', 'no']);
		const move = (from: number, to: number): string | undefined =>
			d.progressions.find((p) => p.from_status_id === from && p.to_status_id === to)?.title;
		expect(move(1, 2)).toBe('Start Job');
		expect(move(2, 3)).toBe('Pause');
		expect(move(3, 2)).toBe('Resume');
		expect(move(2, 4)).toBe('Complete Job');
		expect(move(4, 5)).toBe('Close');
		expect(move(1, 6)).toBe('Cancel');
		expect(d.jobTypes.map((t) => t.title)).toEqual(expect.arrayContaining(['Website Build', 'Managed Services', 'HVAC Install']));

		const statusById = new Map(d.statuses.map((s) => [s.id, s]));
		let prev = 0;
		const seenStatuses = new Set<number>();
		for (const j of d.jobs) {
			expect(j.id).toBeGreaterThan(prev);
			prev = j.id;
			seenStatuses.add(j.status_id);
			expect(j.standing).toBe(statusById.get(j.status_id)!.standing);
			const target = j.against_type === 'company' ? d.companies : d.sites;
			expect(target.some((t) => t.id === j.against_id)).toBe(true);
			expect(d.staff.some((s) => s.id === j.manager_id)).toBe(true);
			expect(j.date_created).toBeGreaterThan(ref - 130 * 86400);
			for (const v of [j.date_created, j.date_modified, j.date_commenced, j.date_completed, j.date_last_interacted]) {
				if (v !== null) expect(v).toBeLessThanOrEqual(ref);
			}
			expect(j.date_modified).toBeGreaterThanOrEqual(j.date_created);
			if (j.standing === 'pending') expect(j.date_commenced).toBeNull();
			if (j.status_id === 4 || j.status_id === 5) expect(j.date_completed).not.toBeNull();
			else expect(j.date_completed).toBeNull();
		}
		expect(seenStatuses.size).toBe(6);
		// The ~90-day spread and the shared-second batches the trigger tests rely on.
		const created = d.jobs.map((j) => j.date_created);
		expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(80 * 86400);
		expect(new Set(created).size).toBeLessThan(created.length);
		expect(d.jobs.some((j) => j.against_type === 'site')).toBe(true);
		// Site ids overlap company ids on purpose.
		expect(d.sites.some((s) => d.companies.some((c) => c.id === s.id))).toBe(true);
	});
});

describe('parsers', () => {
	it('parses nested filter terms', () => {
		expect(parseFilterString('against(company(1,4),site(4,5)),standing(active)')).toEqual([
			{
				name: 'against',
				args: [
					{ kind: 'term', term: { name: 'company', args: [{ kind: 'atom', value: '1' }, { kind: 'atom', value: '4' }] } },
					{ kind: 'term', term: { name: 'site', args: [{ kind: 'atom', value: '4' }, { kind: 'atom', value: '5' }] } },
				],
			},
			{ name: 'standing', args: [{ kind: 'atom', value: 'active' }] },
		]);
		expect(() => parseFilterString('standing(active')).toThrow(/standing/);
		expect(() => parseFilterString('standing')).toThrow(/_filters/);
		expect(() => parseFilterString('a(1))')).toThrow(/_filters/);
	});

	it('parses both scope separators', () => {
		expect(parseScope('read(all),write(all)')).toEqual({ read: ['all'], write: ['all'] });
		expect(parseScope('read(all) write(all)')).toEqual({ read: ['all'], write: ['all'] });
		expect(parseScope('read(companies,contacts),write(staff)')).toEqual({ read: ['companies', 'contacts'], write: ['staff'] });
		expect(parseScope('admin(all)')).toBeNull();
		expect(parseScope('read(all)write')).toBeNull();
	});
});

// ------------------------------------------------------------------------------------------------

describe('AcceloSimulator (read-only deployment)', () => {
	const expected: AcceloData = generateAcceloData(N, SEED);
	const jobs = expected.jobs;
	let sim: AcceloSimulator;
	let base: string;
	let tok: string;

	beforeAll(async () => {
		sim = new AcceloSimulator({ data: generateAcceloData(N, SEED) });
		base = await sim.start();
		tok = await getToken(base);
	});
	afterAll(async () => {
		await sim.stop();
	});

	const get = <T = unknown>(path: string, query?: Record<string, string>): Promise<Reply<T>> =>
		call<T>(base, tok, 'GET', path, { query });

	/** Every id the list returns for these filters, paging with _limit=100/_page. */
	async function listIds(filters: string, extra: Record<string, string> = {}): Promise<string[]> {
		const out: string[] = [];
		for (let page = 0; page < 50; page++) {
			const r = await get<Obj[]>('/jobs', { _filters: filters, _limit: '100', _page: String(page), ...extra });
			expect(r.status).toBe(200);
			out.push(...r.body.response.map((j) => j.id as string));
			if (r.body.response.length < 100) return out;
		}
		throw new Error('too many pages');
	}

	/** Asserts the filter returns exactly `want` (which must be a proper, non-empty subset). */
	async function expectFilter(filters: string, want: AcceloJob[]): Promise<void> {
		expect(want.length).toBeGreaterThan(0);
		expect(want.length).toBeLessThan(jobs.length);
		expect(sortIds(await listIds(filters))).toEqual(idsOf(want));
		const c = await get<{ count: string }>('/jobs/count', { _filters: filters });
		expect(c.body.response).toEqual({ count: String(want.length) });
	}

	describe('token endpoint', () => {
		it('issues a bearer token with a string expires_in', async () => {
			const before = sim.issuedTokens.length;
			const { status, body } = await tokenRequest(base, { grant_type: 'client_credentials', scope: 'read(all) write(all)' });
			expect(status).toBe(200);
			expect(body).toMatchObject({
				token_type: 'bearer',
				expires_in: '2592000',
				deployment: 'planet-express',
				deployment_name: 'Planet Express',
			});
			expect(typeof body.access_token).toBe('string');
			expect(typeof body.account_id).toBe('string');
			expect(body.deployment_uri).toEqual(expect.stringContaining('planet-express'));
			expect(body).not.toHaveProperty('refresh_token');
			expect(sim.issuedTokens).toHaveLength(before + 1);
			expect(sim.issuedTokens[before].scope).toEqual({ read: ['all'], write: ['all'] });
		});

		it('honours expires_in from the request', async () => {
			const { body } = await tokenRequest(base, { grant_type: 'client_credentials', expires_in: '3600' });
			expect(body.expires_in).toBe('3600');
		});

		it('rejects a wrong client with 401 invalid_client', async () => {
			const r = await tokenRequest(base, { grant_type: 'client_credentials' }, basic(CLIENT, 'wrong'));
			expect(r.status).toBe(401);
			expect((r.body.meta as Meta).status).toBe('invalid_client');
			expect(r.body.error).toBe('invalid_client');
			const unknown = await tokenRequest(base, { grant_type: 'client_credentials' }, basic('someone-else', SECRET));
			expect(unknown.status).toBe(401);
		});

		it('requires HTTP Basic (credentials in the body do not count)', async () => {
			const r = await tokenRequest(
				base,
				{ grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET },
				'',
			);
			expect(r.status).toBe(401);
			expect((r.body.meta as Meta).status).toBe('invalid_client');
		});

		it('rejects other grants, bad scopes and JSON bodies', async () => {
			const g = await tokenRequest(base, { grant_type: 'password' });
			expect(g.status).toBe(400);
			expect((g.body.meta as Meta).status).toBe('unsupported_grant_type');
			const s = await tokenRequest(base, { grant_type: 'client_credentials', scope: 'admin(all)' });
			expect(s.status).toBe(400);
			expect((s.body.meta as Meta).status).toBe('invalid_scope');
			const res = await fetch(`${base}/oauth2/v0/token`, {
				method: 'POST',
				headers: { Authorization: basic(), 'Content-Type': 'application/json' },
				body: JSON.stringify({ grant_type: 'client_credentials' }),
			});
			expect(res.status).toBe(400);
		});
	});

	describe('authentication and scope', () => {
		it('answers 401 without a token, with an unknown token, and after expiry', async () => {
			const none = await call(base, null, 'GET', '/jobs');
			expect(none.status).toBe(401);
			expect(none.body.meta.status).toBe('invalid_client');
			expect(none.body.meta.message).toMatch(/not authenticated/i);
			expect(none.body.response).toBeNull();
			const bogus = await call(base, 'nope', 'GET', '/jobs');
			expect(bogus.status).toBe(401);

			const short = await getToken(base);
			expect((await call(base, short, 'GET', '/jobs')).status).toBe(200);
			sim.expireAllTokens();
			expect((await call(base, short, 'GET', '/jobs')).status).toBe(401);
			expect((await call(base, tok, 'GET', '/jobs')).status).toBe(401);
			const count = sim.issuedTokens.length;
			tok = await getToken(base);
			expect(sim.issuedTokens).toHaveLength(count + 1);
			expect((await call(base, tok, 'GET', '/jobs')).status).toBe(200);
		});

		it('rejects a header and _bearer_token together, accepts either alone', async () => {
			const both = await call(base, tok, 'GET', '/jobs', { query: { _bearer_token: tok } });
			expect(both.status).toBe(400);
			expect(both.body.meta.status).toBe('invalid_request');
			const q = await call(base, null, 'GET', '/jobs', { query: { _bearer_token: tok } });
			expect(q.status).toBe(200);
		});

		it('enforces the scope', async () => {
			const readOnly = await getToken(base, 'read(all)');
			expect((await call(base, readOnly, 'GET', '/jobs')).status).toBe(200);
			const post = await call(base, readOnly, 'POST', '/jobs', { form: { title: 'x' } });
			expect(post.status).toBe(403);
			expect(post.body.meta.status).toBe('invalid_permission');
			const companiesOnly = await getToken(base, 'read(companies)');
			expect((await call(base, companiesOnly, 'GET', '/jobs')).status).toBe(403);
			expect((await call(base, companiesOnly, 'GET', '/companies')).status).toBe(200);
			const spaced = await getToken(base, 'read(all) write(jobs)');
			const put = await call(base, spaced, 'PUT', '/jobs/999999', { form: { title: 'x' } });
			expect(put.status).toBe(400); // passes the scope check, then the job is missing
		});

		it('returns token info', async () => {
			const r = await get<Obj>('/tokeninfo');
			expect(r.status).toBe(200);
			expect(r.body.meta.status).toBe('ok');
			expect(r.body.response).toMatchObject({ deployment: 'planet-express', scope: 'read(all),write(all)' });
		});
	});

	describe('envelope and headers', () => {
		it('wraps responses and carries X-RateLimit-* on every API answer', async () => {
			const ok = await get<Obj[]>('/jobs');
			expect(ok.body.meta).toEqual({
				status: 'ok',
				message: 'Everything executed as expected.',
				more_info: expect.any(String),
			});
			for (const r of [ok, await get('/jobs/999999'), await call(base, null, 'GET', '/jobs')]) {
				expect(r.headers.get('x-ratelimit-limit')).toBe('5000');
				expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
				const reset = Number(r.headers.get('x-ratelimit-reset'));
				expect(reset).toBeGreaterThan(Date.now() / 1000);
				expect(reset).toBeLessThan(Date.now() / 1000 + 3601);
			}
		});

		it('answers unknown paths, versions and parameters with 400 invalid_request', async () => {
			for (const path of ['/monkeys', '/jobs/abc', '/jobs/1/whatever']) {
				const r = await get(path);
				expect(r.status).toBe(400);
				expect(r.body.meta.status).toBe('invalid_request');
				expect(r.body.response).toBeNull();
			}
			const v = await fetch(`${base}/api/v20000/jobs`, { headers: { Authorization: `Bearer ${tok}` } });
			expect(v.status).toBe(400);
			const typo = await get('/jobs', { _filter: 'standing(active)' });
			expect(typo.status).toBe(400);
			expect(typo.body.meta.message).toContain('_filter');
			const res = await fetch(`${base}/api/v0/jobs?_limit=5&_limit=6`, { headers: { Authorization: `Bearer ${tok}` } });
			expect(res.status).toBe(400);
		});
	});

	describe('paging', () => {
		const allIds = idsOf(jobs);

		it('defaults to 10 jobs in ascending id with only id and title', async () => {
			const r = await get<Obj[]>('/jobs');
			expect(r.body.response.map((j) => j.id)).toEqual(allIds.slice(0, 10));
			for (const j of r.body.response) expect(Object.keys(j).sort()).toEqual(['id', 'title']);
			expect(r.body.response[0].title).toBe(jobs[0].title);
		});

		it('honours _limit, _offset and _page (offset ignored with page)', async () => {
			const a = await get<Obj[]>('/jobs', { _limit: '25', _offset: '30' });
			expect(a.body.response.map((j) => j.id)).toEqual(allIds.slice(30, 55));
			const b = await get<Obj[]>('/jobs', { _limit: '20', _page: '2', _offset: '5' });
			expect(b.body.response.map((j) => j.id)).toEqual(allIds.slice(40, 60));
			const c = await get<Obj[]>('/jobs', { _limit: '100' });
			expect(c.body.response).toHaveLength(100);
			const end = await get<Obj[]>('/jobs', { _limit: '100', _page: '4' });
			expect(end.body.response).toEqual([]);
			expect(sortIds(await listIds(''))).toEqual(allIds);
		});

		it('rejects _limit above 100 and malformed paging values', async () => {
			const bad: Array<Record<string, string>> = [{ _limit: '101' }, { _limit: 'ten' }, { _page: '-1' }, { _offset: '1.5' }];
			for (const q of bad) {
				const r = await get('/jobs', q);
				expect(r.status).toBe(400);
				expect(r.body.meta.status).toBe('invalid_request');
			}
		});
	});

	describe('fields and values', () => {
		it('renders every value as a string (dates as unix-second strings, unset dates null)', async () => {
			const target = jobs.find((j) => j.date_completed === null && j.date_due !== null)!;
			const r = await get<Obj>(`/jobs/${target.id}`, { _fields: '_ALL' });
			expect(r.status).toBe(200);
			const j = r.body.response;
			expect(j).toMatchObject({
				id: String(target.id),
				title: target.title,
				against_type: target.against_type,
				against_id: String(target.against_id),
				against: `${target.against_type === 'company' ? 'companies' : 'sites'}/${target.against_id}`,
				date_created: String(target.date_created),
				date_modified: String(target.date_modified),
				date_due: String(target.date_due),
				date_completed: null,
				standing: target.standing,
				status: String(target.status_id),
				manager: String(target.manager_id),
				job_type: String(target.job_type_id),
				type: String(target.job_type_id),
				paused: String(target.paused),
				rate_charged: target.rate_charged,
			});
			for (const v of Object.values(j)) expect(v === null || typeof v === 'string').toBe(true);
		});

		it('returns linked objects for status() / status(title,standing) / manager() / job_type()', async () => {
			const target = jobs[5];
			const status = expected.statuses.find((s) => s.id === target.status_id)!;
			const manager = expected.staff.find((s) => s.id === target.manager_id)!;
			const type = expected.jobTypes.find((t) => t.id === target.job_type_id)!;
			const r = await get<Obj>(`/jobs/${target.id}`, { _fields: 'status(title,standing),manager(),job_type(),standing' });
			expect(r.body.response).toEqual({
				id: String(target.id),
				title: target.title,
				standing: target.standing,
				status: { id: String(status.id), title: status.title, standing: status.standing },
				manager: { id: String(manager.id), firstname: manager.firstname, surname: manager.surname },
				job_type: { id: String(type.id), title: type.title },
			});
			const plain = await get<Obj[]>('/jobs', { _fields: 'status,manager', _limit: '3' });
			expect(plain.body.response[0]).toEqual({
				id: String(jobs[0].id),
				title: jobs[0].title,
				status: String(jobs[0].status_id),
				manager: String(jobs[0].manager_id),
			});
			const empty = await get<Obj>(`/jobs/${target.id}`, { _fields: 'status()' });
			expect(empty.body.response.status).toEqual({ id: String(status.id), title: status.title });
		});

		it('rejects unknown fields', async () => {
			const r = await get('/jobs', { _fields: 'status,colour' });
			expect(r.status).toBe(400);
			expect(r.body.meta.message).toContain('colour');
		});

		it('gets one job and reports a missing one as 400 invalid_request', async () => {
			const r = await get<Obj>(`/jobs/${jobs[3].id}`);
			expect(r.body.response).toEqual({ id: String(jobs[3].id), title: jobs[3].title });
			const missing = await get(`/jobs/${jobs[jobs.length - 1].id + 50}`);
			expect(missing.status).toBe(400);
			expect(missing.body.meta.status).toBe('invalid_request');
			expect(missing.body.meta.message).toMatch(/not found/i);
			expect(missing.body.response).toBeNull();
		});
	});

	describe('_filters', () => {
		it('standing, status, manager, type/job_type', async () => {
			await expectFilter('standing(active,paused)', jobs.filter((j) => j.standing === 'active' || j.standing === 'paused'));
			await expectFilter('status(3,6)', jobs.filter((j) => j.status_id === 3 || j.status_id === 6));
			await expectFilter('manager(10,13)', jobs.filter((j) => j.manager_id === 10 || j.manager_id === 13));
			await expectFilter('type(3)', jobs.filter((j) => j.job_type_id === 3));
			await expectFilter('job_type(2,4)', jobs.filter((j) => j.job_type_id === 2 || j.job_type_id === 4));
			await expectFilter('standing(pending),manager(7)', jobs.filter((j) => j.standing === 'pending' && j.manager_id === 7));
		});

		it('against_type, against_id and the nested against(...) object filter', async () => {
			await expectFilter('against_type(site)', jobs.filter((j) => j.against_type === 'site'));
			// Site 31 and company 31 both exist: against_id matches both, against(company(…)) only one.
			const both = jobs.filter((j) => j.against_id === 31 || j.against_id === 33);
			expect(new Set(both.map((j) => j.against_type)).size).toBe(2);
			await expectFilter('against_id(31,33)', both);
			await expectFilter(
				'against(company(31,33),site(4,5))',
				jobs.filter(
					(j) =>
						(j.against_type === 'company' && [31, 33].includes(j.against_id)) ||
						(j.against_type === 'site' && [4, 5].includes(j.against_id)),
				),
			);
			await expectFilter('against(site(31))', jobs.filter((j) => j.against_type === 'site' && j.against_id === 31));
		});

		it('_not suffix', async () => {
			await expectFilter('standing_not(inactive)', jobs.filter((j) => j.standing !== 'inactive'));
			await expectFilter('manager_not(7,10,11)', jobs.filter((j) => ![7, 10, 11].includes(j.manager_id)));
			await expectFilter('against_type_not(company)', jobs.filter((j) => j.against_type !== 'company'));
		});

		it('date_<type>_after / _before are strict for every documented type', async () => {
			const types = ['created', 'modified', 'started', 'commenced', 'due', 'completed'] as const;
			for (const t of types) {
				const key = `date_${t}` as const;
				const values = jobs.map((j) => j[key]).filter((v): v is number => v !== null);
				values.sort((a, b) => a - b);
				const pivot = values[Math.floor(values.length / 2)];
				await expectFilter(`${key}_after(${pivot})`, jobs.filter((j) => j[key] !== null && j[key]! > pivot));
				await expectFilter(`${key}_before(${pivot})`, jobs.filter((j) => j[key] !== null && j[key]! < pivot));
			}
		});

		it('date_created_after excludes the boundary second (shared by a batch)', async () => {
			const counts = new Map<number, number>();
			for (const j of jobs) counts.set(j.date_created, (counts.get(j.date_created) ?? 0) + 1);
			const shared = [...counts.entries()].find(([, c]) => c >= 2)![0];
			const after = await listIds(`date_created_after(${shared})`);
			const atBoundary = jobs.filter((j) => j.date_created === shared).map((j) => String(j.id));
			for (const id of atBoundary) expect(after).not.toContain(id);
			const fromBefore = await listIds(`date_created_after(${shared - 1})`);
			for (const id of atBoundary) expect(fromBefore).toContain(id);
			expect(fromBefore.length - after.length).toBe(atBoundary.length);
		});

		it('min_id / max_id (inclusive) and range terms', async () => {
			const lo = jobs[50].id;
			const hi = jobs[120].id;
			await expectFilter(`min_id(${lo}),max_id(${hi})`, jobs.filter((j) => j.id >= lo && j.id <= hi));
			await expectFilter(`id_greater_than(${lo})`, jobs.filter((j) => j.id > lo));
			await expectFilter(`id_less_than_or_equal(${lo})`, jobs.filter((j) => j.id <= lo));
			await expectFilter(`id_greater_than_or_equal(${hi}),id_less_than(${hi + 30})`, jobs.filter((j) => j.id >= hi && j.id < hi + 30));
			await expectFilter('manager_greater_than(11)', jobs.filter((j) => j.manager_id > 11));
			await expectFilter('rate_charged_greater_than(100)', jobs.filter((j) => Number(j.rate_charged) > 100));
		});

		it('only the last instance of a repeated term counts', async () => {
			await expectFilter('manager(7),manager(10)', jobs.filter((j) => j.manager_id === 10));
			await expectFilter('standing(active),manager(7),standing(pending)', jobs.filter((j) => j.standing === 'pending' && j.manager_id === 7));
		});

		it('a value that smuggles ")," really changes the query (injection realism)', async () => {
			const naive = `manager(${'7),standing(active'})`;
			await expectFilter(naive, jobs.filter((j) => j.manager_id === 7 && j.standing === 'active'));
		});

		it('_OR with one nested _AND', async () => {
			await expectFilter('_OR(standing(paused),manager(7))', jobs.filter((j) => j.standing === 'paused' || j.manager_id === 7));
			await expectFilter(
				'_OR(status(3),_AND(manager(10),standing(active)))',
				jobs.filter((j) => j.status_id === 3 || (j.manager_id === 10 && j.standing === 'active')),
			);
			const nested = await get('/jobs', { _filters: '_OR(status(3),_OR(status(4)))' });
			expect(nested.status).toBe(400);
		});

		it('order_by_asc / order_by_desc (default ascending id)', async () => {
			const r = await get<Obj[]>('/jobs', { _filters: 'order_by_desc(date_modified)', _limit: '100', _fields: 'date_modified' });
			const want = [...jobs].sort((a, b) => b.date_modified - a.date_modified || b.id - a.id).slice(0, 100);
			expect(r.body.response.map((j) => j.id)).toEqual(want.map((j) => String(j.id)));
			const asc = await get<Obj[]>('/jobs', { _filters: 'standing(active),order_by_asc(date_created)', _limit: '50' });
			const wantAsc = jobs
				.filter((j) => j.standing === 'active')
				.sort((a, b) => a.date_created - b.date_created || a.id - b.id)
				.slice(0, 50);
			expect(asc.body.response.map((j) => j.id)).toEqual(wantAsc.map((j) => String(j.id)));
			const bad = await get('/jobs', { _filters: 'order_by_asc(colour)' });
			expect(bad.status).toBe(400);
		});

		it('_search matches title case-insensitively', async () => {
			const r = await listIds('', { _search: 'hvac' });
			const want = jobs.filter((j) => j.title.toLowerCase().includes('hvac'));
			expect(want.length).toBeGreaterThan(0);
			expect(sortIds(r)).toEqual(idsOf(want));
			const c = await get<{ count: string }>('/jobs/count', { _search: 'HVAC' });
			expect(c.body.response.count).toBe(String(want.length));
		});

		it('rejects unparsable filters and unknown terms with a message naming them', async () => {
			const cases: Array<[string, string]> = [
				['standing(active', 'standing'],
				['frobnicate(1)', 'frobnicate'],
				['manager(abc)', 'abc'],
				['standing(busy)', 'busy'],
				['dated_created_after(1)', 'dated_created_after'],
				['date_created_after(soon)', 'soon'],
				['against(contact(1))', 'contact'],
				['manager_id(10)', 'manager_id'],
			];
			for (const [filters, named] of cases) {
				const r = await get('/jobs', { _filters: filters });
				expect(r.status).toBe(400);
				expect(r.body.meta.status).toBe('invalid_request');
				expect(r.body.meta.message).toContain(named);
			}
		});

		it('takes _filters as JSON (POST with _method=get), including object filters', async () => {
			const r = await call<Obj[]>(base, tok, 'POST', '/jobs', {
				query: { _method: 'get' },
				json: { _filters: { manager: [10, 11], against: [{ company: [31, 33] }] }, _limit: 100 },
			});
			expect(r.status).toBe(200);
			const want = jobs.filter(
				(j) => [10, 11].includes(j.manager_id) && j.against_type === 'company' && [31, 33].includes(j.against_id),
			);
			expect(want.length).toBeGreaterThan(0);
			expect(sortIds(r.body.response.map((j) => j.id as string))).toEqual(idsOf(want));
		});

		it('/jobs/recent and /jobs/newest sort newest first', async () => {
			const r = await get<Obj[]>('/jobs/newest', { _limit: '20', _filters: 'order_by_asc(id)' });
			const want = [...jobs].sort((a, b) => b.date_modified - a.date_modified || b.id - a.id).slice(0, 20);
			expect(r.body.response.map((j) => j.id)).toEqual(want.map((j) => String(j.id)));
		});
	});

	describe('lookups', () => {
		it('lists statuses with _fields and standing filters, gets one, misses one', async () => {
			const all = await get<Obj[]>('/jobs/statuses', { _fields: 'standing,start,color' });
			expect(all.body.response).toEqual(
				expected.statuses.map((s) => ({ id: String(s.id), title: s.title, standing: s.standing, start: s.start, color: s.color })),
			);
			const inactive = await get<Obj[]>('/jobs/statuses', { _filters: 'standing(inactive)' });
			expect(inactive.body.response.map((s) => s.id)).toEqual(
				expected.statuses.filter((s) => s.standing === 'inactive').map((s) => String(s.id)),
			);
			const paged = await get<Obj[]>('/jobs/statuses', { _limit: '2', _offset: '2' });
			expect(paged.body.response.map((s) => s.id)).toEqual(['3', '4']);
			const one = await get<Obj>('/jobs/statuses/3', { _fields: 'standing' });
			expect(one.body.response).toEqual({ id: '3', title: 'On Hold', standing: 'paused' });
			const missing = await get('/jobs/statuses/99');
			expect(missing.status).toBe(400);
		});

		it('lists job types (standing filter)', async () => {
			const r = await get<Obj[]>('/jobs/types', { _filters: 'standing(active)', _fields: 'standing' });
			expect(r.body.response).toEqual(
				expected.jobTypes.filter((t) => t.standing === 'active').map((t) => ({ id: String(t.id), title: t.title, standing: 'active' })),
			);
		});

		it('lists staff and companies', async () => {
			const staff = await get<Obj[]>('/staff', { _limit: '100' });
			expect(staff.body.response.map((s) => s.id)).toEqual(expected.staff.map((s) => String(s.id)));
			const companies = await get<Obj[]>('/companies', { _limit: '100', _search: "o'brien" });
			expect(companies.body.response).toEqual([{ id: String(expected.companies[3].id), name: "O'Brien & Sons Plumbing" }]);
		});
	});
});

// ------------------------------------------------------------------------------------------------

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

// ------------------------------------------------------------------------------------------------

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
