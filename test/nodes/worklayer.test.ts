/**
 * The Worklayer node through n8n's real engine against the Worklayer simulator (Auth0 token
 * endpoint included). Expected values come from the simulator's data, filtered here independently;
 * request counts come from the simulator's request log.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WorklayerApi } from '../../credentials/WorklayerApi.credentials';
import { Worklayer } from '../../nodes/Worklayer/Worklayer.node';
import { WorklayerTrigger } from '../../nodes/Worklayer/WorklayerTrigger.node';
import { Harness, type RunResult } from '../harness/engine';
import {
	WORKLAYER_AUDIENCE,
	WorklayerSimulator,
	worklayerIsoMs,
	type WorklayerJob,
	type WorklayerJobStatus,
	type WorklayerSimulatorOptions,
} from '../../tooling/simulators/worklayer';

const TYPE = 'n8n-nodes-field-service.worklayer';
const TRIGGER = 'n8n-nodes-field-service.worklayerTrigger';
const PAGE = 50;
let sim: WorklayerSimulator;
let harness: Harness;

function makeHarness(target: WorklayerSimulator = sim, clientSecret = target.clientSecret): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new Worklayer(), [TRIGGER]: new WorklayerTrigger() },
		credentialTypes: [new WorklayerApi()],
		credentials: [
			{
				type: 'worklayerApi',
				data: { clientId: target.clientId, clientSecret, tokenUrl: target.tokenUrl, baseUrl: `${target.baseUrl}/` },
			},
		],
	});
}

async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false, h = harness): Promise<RunResult> {
	return await h.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const ids = (result: RunResult) => result.items.map((item) => String(item.json.id));
const listRequests = (s = sim) => s.apiRequests.filter((r) => r.method === 'GET' && r.path === '/v1.0/jobs');
const jobs = () => sim.listJobs();
const withStatus = (status: WorklayerJobStatus) => jobs().filter((job) => job.status === status);
/** Requests a series of `n` matching jobs takes: the end is an empty token on the last page. */
const pagesFor = (n: number) => Math.max(1, Math.ceil(n / PAGE));
/** Page sizes a limited read of a series of `count` matching jobs asks for. */
function pageSizes(count: number, limit: number): string[] {
	const sizes: string[] = [];
	let wanted = limit;
	let left = count;
	for (;;) {
		const size = Math.min(wanted, PAGE);
		sizes.push(String(size));
		const got = Math.min(size, left);
		wanted -= got;
		left -= got;
		if (left === 0 || wanted === 0) return sizes;
	}
}
const firstJob = (predicate: (job: WorklayerJob) => boolean) => {
	const job = jobs().find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};
const clientMember = () => {
	const member = sim.members.find((m) => m.type === 'CLIENT');
	if (!member) throw new Error('no client member');
	return member;
};
const template = () => sim.templates[0];

/** Every secret the run could leak: the client secret and every token issued so far. */
function expectNoSecrets(result: RunResult, s = sim, secret = s.clientSecret): void {
	const dumps = [JSON.stringify(result.run), JSON.stringify(result.error?.raw ?? null), JSON.stringify(result.items)];
	for (const dump of dumps) {
		expect(dump).not.toContain(secret);
		for (const token of s.issuedTokens) expect(dump).not.toContain(token.accessToken);
	}
}

const extraSims: WorklayerSimulator[] = [];
async function startSim(options: WorklayerSimulatorOptions): Promise<WorklayerSimulator> {
	const extra = new WorklayerSimulator(options);
	await extra.start();
	extraSims.push(extra);
	return extra;
}

beforeAll(async () => {
	sim = new WorklayerSimulator({ jobCount: 537 });
	await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
	await Promise.all(extraSims.map((s) => s.stop()));
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.onList = undefined;
});

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
		expect(refused.error?.message).toContain("'Member User ID' contains a double quote");
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

describe('Create, Update, Change Status', () => {
	it('lists members and job templates from the API for Create', async () => {
		const members = await harness.loadOptions({ type: TYPE, method: 'getMembers' });
		expect(members.map((m) => m.value).sort()).toEqual(sim.members.filter((m) => m.type !== 'MACHINE').map((m) => m.user_id).sort());
		const templates = await harness.loadOptions({ type: TYPE, method: 'getJobTemplates' });
		expect(templates.map((t) => t.name).sort()).toEqual(sim.templates.map((t) => t.name).sort());
		expect(templates.map((t) => t.value).sort()).toEqual(sim.templates.map((t) => t.id).sort());
	});

	it('creates a draft job from an owner and a template in one request and returns it', async () => {
		const owner = clientMember();
		const result = await run({ operation: 'create', ownerUserId: owner.user_id, jobTemplateId: template().id });
		expect(result.status).toBe('success');
		const created = result.items[0].json as IDataObject;
		expect(created).toMatchObject({ status: 'UNDER_CONSTRUCTION', total_amount: template().price });
		expect(sim.getJob(String(created.id))).toEqual(created);
		expect(sim.apiRequests.map((r) => r.method)).toEqual(['POST']);
		expect(sim.apiRequests[0].body).toEqual({ owner_user_id: owner.user_id, job_template_id: template().id });
	});

	it('passes the API validation message through on create', async () => {
		const admin = sim.members.find((m) => m.type === 'ADMIN');
		const result = await run({ operation: 'create', ownerUserId: String(admin?.user_id), jobTemplateId: template().id });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error?.message).toContain('is not a client member');
	});

	it('requests a Pro for a draft job, and refuses empty Update Fields without a request', async () => {
		const draft = firstJob((job) => job.status === 'UNDER_CONSTRUCTION');
		const pro = sim.pros[2];
		const result = await run({ operation: 'update', jobId: byId(draft.short_id), updateFields: { requestedProviderId: pro.user_id } });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ id: draft.id, status: 'UNDER_CONSTRUCTION' });
		expect(sim.requestedProviderOf(draft.id)).toBe(pro.user_id);
		expect(sim.apiRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1.0/jobs/getByShortId:${draft.short_id}`,
			`POST /v1.0/jobs/${draft.id}/requested-provider`,
		]);
		expect(sim.apiRequests[1].body).toEqual({ requested_provider_id: pro.user_id });
		sim.server.clearLog();
		const empty = await run({ operation: 'update', jobId: byId(draft.id), updateFields: {} });
		expect(empty.error?.message).toContain("'Update Fields' is empty");
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses to request a Pro once the job is submitted, naming its status, with no write', async () => {
		const claimed = firstJob((job) => job.status === 'CLAIMED');
		const result = await run({ operation: 'update', jobId: byId(claimed.id), updateFields: { requestedProviderId: sim.pros[0].user_id } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain('is CLAIMED');
		expect(sim.apiRequests.map((r) => r.method)).toEqual(['GET']);
	});

	it('submits a draft job (UNDER_CONSTRUCTION → UNCLAIMED) and returns it', async () => {
		const draft = firstJob((job) => job.status === 'UNDER_CONSTRUCTION');
		const result = await run({ operation: 'changeStatus', jobId: byId(draft.id), status: 'submit' });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ id: draft.id, status: 'UNCLAIMED' });
		expect(sim.getJob(draft.id)?.status).toBe('UNCLAIMED');
		expect(sim.apiRequests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1.0/jobs/${draft.id}`, `POST /v1.0/jobs/${draft.id}/submit`]);
	});

	it.each(['INFO_GATHERING', 'UNCLAIMED', 'CLOSED', 'CANCELED'] as const)('refuses to submit a %s job, naming its status, with no write', async (status) => {
		const job = firstJob((j) => j.status === status);
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'submit' });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain(`is ${status}`);
		expect(sim.apiRequests.map((r) => r.method)).toEqual(['GET']);
		expect(sim.getJob(job.id)?.status).toBe(status);
	});

	it('refuses a status change the API does not offer', async () => {
		const result = await run({ operation: 'changeStatus', jobId: byId(jobs()[0].id), status: 'close' });
		expect(result.error?.message).toContain("'Status' has an unsupported value");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('rate limits, faults, items', () => {
	it('waits for Retry-After on 429 and goes on', async () => {
		sim.server.injectFault({ method: 'GET', path: '/v1.0/jobs' }, {
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { error: 'TooManyRequests', message: 'Rate limit exceeded; retry later' },
		});
		const started = Date.now();
		const result = await run({ operation: 'getAll', limit: 3 });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(listRequests()).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it("honours the simulator's own rate limit on a submit too (a 429 was not processed)", async () => {
		const limited = await startSim({ jobCount: 20, seed: 3, rateLimit: { limit: 2, windowMs: 1000 } });
		const draft = limited.listJobs().find((job) => job.status === 'UNDER_CONSTRUCTION');
		if (!draft) throw new Error('no draft');
		const h = makeHarness(limited);
		await run({ operation: 'get', jobId: byId(draft.id) }, undefined, false, h);
		const result = await run({ operation: 'changeStatus', jobId: byId(draft.id), status: 'submit' }, undefined, false, h);
		expect(result.status).toBe('success');
		expect(limited.getJob(draft.id)?.status).toBe('UNCLAIMED');
		expect(limited.apiRequests.filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	it('retries 503 and a dropped connection on a GET', async () => {
		sim.server.injectFault({ method: 'GET' }, { status: 503, body: 'Service Unavailable' });
		sim.server.injectFault({ method: 'GET' }, 'reset');
		const job = jobs()[9];
		const result = await run({ operation: 'get', jobId: byId(job.id) });
		expect(result.status).toBe('success');
		expect(result.items[0].json.id).toBe(job.id);
		expect(sim.apiRequests).toHaveLength(3);
	});

	it('never repeats a submit after a 503 or a dropped connection', async () => {
		for (const fault of [{ status: 503, body: 'Service Unavailable' }, 'reset'] as const) {
			sim.server.clearLog();
			const draft = firstJob((job) => job.status === 'UNDER_CONSTRUCTION');
			sim.server.injectFault({ method: 'POST' }, fault);
			const result = await run({ operation: 'changeStatus', jobId: byId(draft.id), status: 'submit' });
			expect(result.error).toMatchObject({ name: 'NodeApiError' });
			expect(sim.apiRequests.filter((r) => r.method === 'POST')).toHaveLength(1);
			if (fault !== 'reset') expect(result.error?.description).toContain('not repeated');
		}
	});

	it('never repeats a create after a 503', async () => {
		const before = sim.jobs.size;
		sim.server.injectFault({ method: 'POST', path: '/v1.0/jobs' }, { status: 503, body: { error: 'Unavailable', message: 'Try later' } });
		const result = await run({ operation: 'create', ownerUserId: clientMember().user_id, jobTemplateId: template().id });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(sim.apiRequests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(sim.jobs.size).toBe(before);
	});

	it('reports 403 Forbidden with the API message and a hint', async () => {
		const denied = await startSim({ jobCount: 5, deniedPermissions: ['jobs.list'] });
		const result = await run({ operation: 'getAll', limit: 5 }, undefined, false, makeHarness(denied));
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
		expect(result.error?.message).toBe('Worklayer: API Client cannot list workspace jobs (Forbidden)');
		expect(result.error?.description).toContain('machine member');
		expectNoSecrets(result, denied);
	});

	it('continues on fail item by item, keeping pairedItem', async () => {
		const [a, b] = jobs();
		const input = [
			{ json: { id: a.id } },
			{ json: { id: '00000000-0000-4000-8000-000000000000' } },
			{ json: { id: 'not an id!' } },
			{ json: { id: b.short_id } },
		];
		const result = await run({ operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, input, true);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.id).toBe(a.id);
		expect(String(result.items[1].json.error)).toContain('NotFound');
		expect(String(result.items[2].json.error)).toContain("'Job'");
		expect(result.items[3].json.id).toBe(b.id);
		expect(sim.apiRequests).toHaveLength(3);
	});
});

describe('job picker', () => {
	it('lists jobs page by page', async () => {
		const first = await harness.listSearch({ type: TYPE, method: 'searchJobs' });
		expect(first.results.map((r) => r.value)).toEqual(jobs().slice(0, PAGE).map((job) => job.id));
		expect(first.paginationToken).toBeTruthy();
		const second = await harness.listSearch({ type: TYPE, method: 'searchJobs', paginationToken: first.paginationToken });
		expect(second.results.map((r) => r.value)).toEqual(jobs().slice(PAGE, 2 * PAGE).map((job) => job.id));
	});

	it('finds a job by text on later pages, and by short id directly', async () => {
		const last = jobs()[jobs().length - 1];
		const word = last.description.split(' | ')[0];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: word });
		const expectedOnFirstHit = jobs().filter((job) => `${job.short_id} ${job.name ?? job.description} (${job.status}) ${job.id}`.toLowerCase().includes(word.toLowerCase()));
		expect(expectedOnFirstHit.length).toBeGreaterThan(0);
		expect(found.results.length).toBeGreaterThan(0);
		sim.server.clearLog();
		const direct = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: last.short_id });
		expect(direct.results).toEqual([{ name: `${last.short_id} ${last.name ?? last.description} (${last.status})`, value: last.id }]);
		expect(sim.apiRequests.map((r) => r.path)).toEqual([`/v1.0/jobs/getByShortId:${last.short_id}`]);
	});
});

describe('trigger', () => {
	/** A copy of a generated job, created at `createTime`, with a fresh id. */
	function insertJob(createTime: string, status: WorklayerJobStatus = 'UNDER_CONSTRUCTION'): string {
		const model = jobs()[0];
		const id = `${(sim.jobs.size + 1).toString(16).padStart(8, '0')}-0000-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
		sim.putJob({ ...model, id, short_id: `Z${String(sim.jobs.size).padStart(10, '0')}`, status, create_time: createTime, update_time: createTime, members: [] });
		return id;
	}
	const emitted = (output: INodeExecutionData[][] | null) => (output?.[0] ?? []).map((item) => String(item.json.id));

	it('finds jobs created in the cursor’s millisecond, microseconds and all, once each', async () => {
		const t = harness.pollTrigger({ type: TRIGGER, parameters: { event: 'jobCreated' } });
		expect(await t.poll()).toBeNull();
		const base = Math.ceil(Date.now() / 1000) * 1000 + 5000;
		const iso = worklayerIsoMs(base + 123);
		const a = insertJob(iso);
		expect(emitted(await t.poll())).toEqual([a]);
		expect(t.staticData().cursor).toBe(base + 123);
		// 456 µs into the same millisecond, created after that poll: still at the cursor, so it is asked for.
		const b = insertJob(`${iso.slice(0, -1)}456Z`);
		sim.server.clearLog();
		expect(emitted(await t.poll())).toEqual([b]);
		expect(listRequests()[0].query.filter).toBe(`create_time >= "${iso}"`);
		expect(await t.poll()).toBeNull();
	});

	it('polls each status on its own when several are filtered: one request per status when idle', async () => {
		const t = harness.pollTrigger({ type: TRIGGER, parameters: { event: 'jobCreated', filters: { status: ['UNCLAIMED', 'CLAIMED'] } } });
		await t.poll();
		sim.server.clearLog();
		expect(await t.poll()).toBeNull();
		const filters = listRequests().map((r) => String(r.query.filter));
		expect(filters).toHaveLength(2);
		expect(filters[0]).toMatch(/^status = "UNCLAIMED" AND create_time >= "/);
		expect(filters[1]).toMatch(/^status = "CLAIMED" AND create_time >= "/);
		const claimed = insertJob(worklayerIsoMs(Date.now() + 10_000), 'CLAIMED');
		insertJob(worklayerIsoMs(Date.now() + 10_000), 'CLOSED');
		expect(emitted(await t.poll())).toEqual([claimed]);
	});

	it('refuses a Raw Filter with OR, which the trigger would have to join with AND', async () => {
		const t = harness.pollTrigger({ type: TRIGGER, parameters: { event: 'jobCreated', filters: { rawFilter: 'status = CLAIMED OR status = CLOSED' } } });
		await t.poll();
		await expect(t.poll()).rejects.toThrow(/'Raw Filter' uses OR/);
	});
});
