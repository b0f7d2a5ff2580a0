/** Worklayer node: credential; Get Many; Get. Setup and helpers: ./context.ts. */
import { Worklayer } from '../../../nodes/Worklayer/Worklayer.node';
import { WORKLAYER_AUDIENCE, type WorklayerJob } from '../../../tooling/simulators/worklayer';
import {
	TYPE,
	PAGE,
	sim,
	harness,
	makeHarness,
	run,
	byId,
	ids,
	listRequests,
	jobs,
	withStatus,
	pagesFor,
	pageSizes,
	firstJob,
	expectNoSecrets,
	startSim,
} from './context';

describe('credential', () => {
	it('exchanges the client credentials for a token once (JSON body with audience) and reuses it', async () => {
		const fresh = makeHarness();
		await run({ operation: 'getAll', limit: 1 }, undefined, false, fresh);
		await run({ operation: 'getAll', limit: 1 }, undefined, false, fresh);
		expect(sim.tokenRequests).toHaveLength(1);
		const token = sim.tokenRequests[0];
		expect(String(token.headers['content-type'])).toContain('application/json');
		expect(token.body).toEqual({
			client_id: sim.clientId,
			client_secret: sim.clientSecret,
			audience: WORKLAYER_AUDIENCE,
			grant_type: 'client_credentials',
		});
		const issued = sim.issuedTokens[sim.issuedTokens.length - 1].accessToken;
		expect(listRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${issued}`, `Bearer ${issued}`]);
		expect(fresh.storedCredential('worklayerApi').accessToken).toBe(issued);
	});

	it('renews a token that expires in the middle of a long Get Many, and the read goes on', async () => {
		const fresh = makeHarness();
		await run({ operation: 'getAll', limit: 1 }, undefined, false, fresh);
		sim.server.clearLog();
		// Expire every token while page 5 is served: page 6 is refused with 401 once.
		sim.onList = ({ pageIndex }) => {
			if (pageIndex === 4) sim.expireTokens();
		};
		const result = await run({ operation: 'getAll', returnAll: true }, undefined, false, fresh);
		expect(result.status).toBe('success');
		expect(ids(result)).toEqual(jobs().map((job) => job.id));
		expect(sim.tokenRequests).toHaveLength(1);
		const pages = pagesFor(jobs().length);
		expect(listRequests()).toHaveLength(pages + 1);
		// The refused page was asked for again, with the new token.
		expect(listRequests()[5].query.page_token).toBe(listRequests()[6].query.page_token);
		expect(listRequests()[5].headers.authorization).not.toBe(listRequests()[6].headers.authorization);
		expect(fresh.storedCredential('worklayerApi').accessToken).toBe(sim.issuedTokens[sim.issuedTokens.length - 1].accessToken);
		expectNoSecrets(result);
	});

	it('has a working credential test, and a wrong secret fails it', async () => {
		expect(await makeHarness().testCredential('worklayerApi')).toMatchObject({ status: 'OK' });
		expect(listRequests()[0].query).toEqual({ page_size: '1' });
		const bad = await makeHarness(sim, 'wrong-secret').testCredential('worklayerApi');
		expect(bad.status).toBe('Error');
		expect(bad.message).not.toContain('wrong-secret');
	});

	it('reports a wrong client secret with the token endpoint’s answer, never the secret', async () => {
		const secret = 'super-secret-never-shown-42';
		const result = await run({ operation: 'getAll', limit: 1 }, undefined, false, makeHarness(sim, secret));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/access_denied/);
		expect(result.error?.message).toMatch(/Client Secret/);
		expect(sim.tokenRequests).toHaveLength(1);
		expect(sim.apiRequests).toHaveLength(0);
		expectNoSecrets(result, sim, secret);
	});

	it('keeps the client secret and the token out of API errors too', async () => {
		const result = await run({ operation: 'get', jobId: byId('00000000-0000-4000-8000-000000000000') });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.message).toContain('NotFound');
		expectNoSecrets(result);
	});
});

describe('Get Many', () => {
	it(`returns all 537 jobs with page_size=${PAGE} pages, following next_page_token to its empty end`, async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(ids(result)).toEqual(jobs().map((job) => job.id));
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		const requests = listRequests();
		expect(requests).toHaveLength(Math.ceil(537 / PAGE));
		expect(requests).toHaveLength(11);
		expect(requests.every((r) => r.query.page_size === String(PAGE))).toBe(true);
		expect(requests[0].query.page_token).toBeUndefined();
		expect(requests.slice(1).every((r) => typeof r.query.page_token === 'string' && r.query.page_token !== '')).toBe(true);
		expect(requests.some((r) => 'filter' in r.query)).toBe(false);
	});

	it('asks for exactly what a limit needs', async () => {
		const seven = await run({ operation: 'getAll', limit: 7 });
		expect(ids(seven)).toEqual(jobs().slice(0, 7).map((job) => job.id));
		expect(listRequests().map((r) => r.query)).toEqual([{ page_size: '7' }]);
		sim.server.clearLog();
		const more = await run({ operation: 'getAll', limit: 120 });
		expect(ids(more)).toEqual(jobs().slice(0, 120).map((job) => job.id));
		expect(listRequests().map((r) => r.query.page_size)).toEqual(['50', '50', '20']);
	});

	it('reads a server that refuses pages above 50 and ends lists by leaving the token out', async () => {
		const strict = await startSim({ jobCount: 120, seed: 7, maxPageSize: PAGE, pageSizeAboveMax: 'error', endSignal: 'missing' });
		const result = await run({ operation: 'getAll', returnAll: true }, undefined, false, makeHarness(strict));
		expect(result.status).toBe('success');
		expect(ids(result)).toEqual(strict.listJobs().map((job) => job.id));
		expect(listRequests(strict)).toHaveLength(3);
	});

	it('compiles every filter into one quoted filter expression and gets exactly the matching jobs', async () => {
		const all = jobs();
		const member = firstJob((job) => job.status === 'CLAIMED' && job.transmit_time !== null && job.deadline_time !== null).members[0].user_id;
		const created = all.map((job) => job.create_time);
		const after = created[20];
		const before = created[500];
		const transmitAfter = '2025-01-01T00:00:00Z';
		const deadlineBefore = '2027-01-01T00:00:00Z';
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				status: ['CLAIMED'],
				memberUserId: member,
				createdAfter: after,
				createdBefore: before,
				transmittedAfter: transmitAfter,
				deadlineBefore,
			},
		});
		const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));
		const expected = all.filter(
			(job) =>
				job.status === 'CLAIMED' &&
				job.members.some((m) => m.user_id === member) &&
				ms(job.create_time) >= ms(after) &&
				ms(job.create_time) <= ms(before) &&
				ms(job.transmit_time) >= ms(transmitAfter) &&
				ms(job.deadline_time) <= ms(deadlineBefore),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(result)).toEqual(expected.map((job) => job.id));
		expect(listRequests()).toHaveLength(1);
		expect(listRequests()[0].query.filter).toBe(
			`status = "CLAIMED" AND members.user_id:"${member}" AND create_time >= "${after}" AND create_time <= "${before}" AND ` +
				`transmit_time >= "${transmitAfter}" AND deadline_time <= "${deadlineBefore}"`,
		);
	});

	it('reads an offset-less date in the workflow time zone', async () => {
		await harness.runNode({
			type: TYPE,
			parameters: { resource: 'job', operation: 'getAll', limit: 1, filters: { deadlineAfter: '2026-01-15T12:00:00' } },
			workflowTimezone: 'Asia/Kolkata',
		});
		expect(listRequests()[0].query.filter).toBe('deadline_time >= "2026-01-15T06:30:00Z"');
	});

	it('sends several statuses alone as one OR expression (the docs’ own example)', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { status: ['CLOSED', 'UNCLAIMED'] } });
		const expected = jobs().filter((job) => job.status === 'CLOSED' || job.status === 'UNCLAIMED');
		expect(ids(result)).toEqual(expected.map((job) => job.id));
		expect(listRequests()[0].query.filter).toBe('status = "UNCLAIMED" OR status = "CLOSED"');
		expect(listRequests()).toHaveLength(pagesFor(expected.length));
	});

	it('runs two statuses with a date filter as one query per status, merged status by status', async () => {
		const since = '2025-06-01T00:00:00Z';
		const recent = (job: WorklayerJob) => Date.parse(job.create_time) >= Date.parse(since);
		const unclaimed = withStatus('UNCLAIMED').filter(recent);
		const claimed = withStatus('CLAIMED').filter(recent);
		expect(unclaimed.length).toBeGreaterThan(0);
		expect(claimed.length).toBeGreaterThan(PAGE);
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { status: ['CLAIMED', 'UNCLAIMED'], createdAfter: since },
		});
		expect(ids(result)).toEqual([...unclaimed, ...claimed].map((job) => job.id));
		const filters = listRequests().map((r) => r.query.filter);
		expect(filters).toEqual([
			...Array(pagesFor(unclaimed.length)).fill(`status = "UNCLAIMED" AND create_time >= "2025-06-01T00:00:00Z"`),
			...Array(pagesFor(claimed.length)).fill(`status = "CLAIMED" AND create_time >= "2025-06-01T00:00:00Z"`),
		]);
		// No expression mixes AND with OR.
		expect(filters.some((f) => / OR /.test(String(f)))).toBe(false);
	});

	it('stops reading the next status as soon as a limit is reached', async () => {
		const since = '2025-06-01T00:00:00Z';
		const recent = (job: WorklayerJob) => Date.parse(job.create_time) >= Date.parse(since);
		const unclaimed = withStatus('UNCLAIMED').filter(recent);
		const claimed = withStatus('CLAIMED').filter(recent);
		const limit = unclaimed.length + 3;
		const result = await run({ operation: 'getAll', limit, filters: { status: ['UNCLAIMED', 'CLAIMED'], createdAfter: since } });
		expect(ids(result)).toEqual([...unclaimed, ...claimed.slice(0, 3)].map((job) => job.id));
		expect(listRequests().map((r) => r.query.page_size)).toEqual([...pageSizes(unclaimed.length, limit), '3']);
		sim.server.clearLog();
		const few = await run({ operation: 'getAll', limit: 2, filters: { status: ['UNCLAIMED', 'CLAIMED'], createdAfter: since } });
		expect(ids(few)).toEqual(unclaimed.slice(0, 2).map((job) => job.id));
		expect(listRequests()).toHaveLength(1);
	});

	it('returns a job that changes status between two status queries once', async () => {
		const since = '2025-06-01T00:00:00Z';
		const moving = firstJob((job) => job.status === 'UNCLAIMED' && Date.parse(job.create_time) >= Date.parse(since));
		const original = { ...moving, members: moving.members.map((m) => ({ ...m })) };
		sim.onList = ({ filter }) => {
			// Claimed by a Pro after the UNCLAIMED query read it, before the CLAIMED query runs.
			if (filter?.startsWith('status = "CLAIMED"')) sim.putJob({ ...original, status: 'CLAIMED' });
		};
		try {
			const result = await run({ operation: 'getAll', returnAll: true, filters: { status: ['UNCLAIMED', 'CLAIMED'], createdAfter: since } });
			const found = ids(result).filter((id) => id === moving.id);
			expect(found).toHaveLength(1);
			expect(new Set(ids(result)).size).toBe(result.items.length);
		} finally {
			sim.putJob(original);
		}
	});

	it('never lets a value change the expression: x" OR status != "Y is refused before any request', async () => {
		const injected = 'x" OR status != "CLOSED';
		for (const filters of [{ memberUserId: injected }, { status: [`CLAIMED" OR status != "CLOSED`] }, { memberUserId: 'a\\" OR x' }]) {
			const result = await run({ operation: 'getAll', returnAll: true, filters });
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		}
		expect(sim.requests).toHaveLength(0);
		const refused = await run({ operation: 'getAll', returnAll: true, filters: { memberUserId: injected } });
		expect(refused.error?.message).toContain("'Member' contains a double quote");
		expect(sim.requests.some((r) => JSON.stringify(r.query).includes('OR status'))).toBe(false);
		// What the refusal protects against: pasted as-is, the value turns "jobs of member x" into "every job not closed".
		const widened = await run({ operation: 'getAll', returnAll: true, filters: { rawFilter: `members.user_id:"${injected}"` } });
		expect(widened.items.length).toBe(jobs().filter((job) => job.status !== 'CLOSED').length);
		expect(widened.items.length).toBeGreaterThan(0);
	});

	it('sends Raw Filter as typed, alone with OR, and refuses OR together with other filters', async () => {
		const alone = await run({ operation: 'getAll', returnAll: true, filters: { rawFilter: 'status = INFO_GATHERING OR status = UNDER_CONSTRUCTION' } });
		expect(ids(alone)).toEqual(jobs().filter((job) => ['INFO_GATHERING', 'UNDER_CONSTRUCTION'].includes(job.status)).map((job) => job.id));
		sim.server.clearLog();
		const mixed = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { rawFilter: 'status = CLAIMED OR status = CLOSED', createdAfter: '2026-01-01T00:00:00Z' },
		});
		expect(mixed.error).toMatchObject({ name: 'NodeOperationError' });
		expect(mixed.error?.message).toContain("'Raw Filter' uses OR");
		expect(sim.requests).toHaveLength(0);
		const canceled = await run({ operation: 'getAll', returnAll: true, filters: { rawFilter: 'status = CANCELED' } });
		expect(ids(canceled)).toEqual(withStatus('CANCELED').map((job) => job.id));
	});

	it("shows Worklayer's own message when it refuses a filter", async () => {
		const result = await run({ operation: 'getAll', limit: 5, filters: { rawFilter: 'create_time > "yesterday"' } });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error?.message).toMatch(/^Worklayer: Invalid filter: invalid timestamp 'yesterday'.*\(BadRequest\)$/);
		expect(listRequests()).toHaveLength(1);
	});

	it('refuses a field the docs do not list before any request', async () => {
		const result = await run({ operation: 'getAll', limit: 5, filters: { rawFilter: 'update_time > "2026-01-01T00:00:00Z"' } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/^'Raw Filter' cannot be sent: it has 'update_time', which is not a filterable field/);
		expect(listRequests()).toHaveLength(0);
	});
});

describe('Get', () => {
	it('gets a job by id and by short id, one request each', async () => {
		const job = jobs()[42];
		const byUuid = await run({ operation: 'get', jobId: byId(job.id) });
		expect(byUuid.items[0].json).toEqual(job);
		const byShort = await run({ operation: 'get', jobId: byId(job.short_id) });
		expect(byShort.items[0].json).toEqual(job);
		expect(sim.apiRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1.0/jobs/${job.id}`,
			`GET /v1.0/jobs/getByShortId:${job.short_id}`,
		]);
	});

	it('unwraps a job the API wraps in data', async () => {
		const wrapped = await startSim({ jobCount: 3, wrapSingle: true });
		const job = wrapped.listJobs()[1];
		const result = await run({ operation: 'get', jobId: byId(job.id) }, undefined, false, makeHarness(wrapped));
		expect(result.items[0].json).toEqual(job);
	});

	it('refuses an id that is neither a UUID nor a short id before any request', async () => {
		// By expression: the editor's own check of the ID field would stop a typed value earlier.
		const result = await run({ operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ "../members" }}' } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain("'Job'");
		expect(sim.requests).toHaveLength(0);
	});
});
