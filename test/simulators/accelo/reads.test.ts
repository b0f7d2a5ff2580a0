/** Accelo simulator, read-only deployment: token endpoint, authentication, envelope, paging, fields. Setup: ./readOnlyDeployment.ts. */
import { AcceloSimulator } from '../../../tooling/simulators/accelo';
import { Meta, Obj, CLIENT, SECRET, basic, tokenRequest, getToken, call, sortIds, idsOf } from './context';
import { expected, jobs, sim, base, tok, get, listIds, renewToken } from './readOnlyDeployment';

describe('AcceloSimulator (read-only deployment)', () => {
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
			await renewToken();
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
});
