/** Worklayer node: Create, Update, Change Status; rate limits, faults, items; job picker; trigger; sandbox example workflow. Setup and helpers: ./context.ts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { Worklayer } from '../../../nodes/Worklayer/Worklayer.node';
import { worklayerIsoMs, type WorklayerJobStatus } from '../../../tooling/simulators/worklayer';
import {
	TYPE,
	TRIGGER,
	PAGE,
	sim,
	harness,
	makeHarness,
	run,
	byId,
	listRequests,
	jobs,
	firstJob,
	clientMember,
	template,
	expectNoSecrets,
	startSim,
} from './context';

describe('Create, Update, Change Status', () => {
	it('member picker: first page by name and email without the API client, next page, search, empty, API error', async () => {
		const extra = sim.members.length;
		for (let i = 0; i < 40; i++) sim.members.push({ ...sim.members[extra - 1], user_id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, given_name: 'Extra', family_name: `Member ${i}`, email: `extra${i}@example.com`, type: 'CLIENT' });
		try {
			// The list comes in user_id order (the simulator's choice: the docs name none).
			const ordered = [...sim.members].sort((a, b) => (a.user_id < b.user_id ? -1 : 1));
			const people = ordered.filter((m) => m.type !== 'MACHINE');
			const first = await harness.listSearch({ type: TYPE, method: 'searchMembers' });
			expect(first.results.map((r) => r.value)).toEqual(ordered.slice(0, PAGE).filter((m) => m.type !== 'MACHINE').map((m) => m.user_id));
			const named = people[0];
			expect(first.results[0].name).toBe(`${named.given_name} ${named.family_name} (${named.email})`);
			expect(first.paginationToken).toBeDefined();
			const second = await harness.listSearch({ type: TYPE, method: 'searchMembers', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(ordered.slice(PAGE).filter((m) => m.type !== 'MACHINE').map((m) => m.user_id));
			expect(second.paginationToken).toBeUndefined();
			const found = await harness.listSearch({ type: TYPE, method: 'searchMembers', filter: 'extra37@' });
			expect(found.results.map((r) => r.value)).toEqual([sim.members[extra + 37].user_id]);
			expect((await harness.listSearch({ type: TYPE, method: 'searchMembers', filter: 'nobody by this name' })).results).toEqual([]);
		} finally {
			sim.members.splice(extra);
		}
		sim.server.injectFault({ method: 'GET', path: '/v1.0/members' }, { status: 500, body: { error: { message: 'members are down' } } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchMembers' })).rejects.toThrow();
		sim.server.clearFaults();
	});

	it('job template picker: every template by name, searched here', async () => {
		const templates = await harness.listSearch({ type: TYPE, method: 'searchJobTemplates' });
		const ordered = [...sim.templates].sort((a, b) => (a.id < b.id ? -1 : 1));
		expect(templates.results.map((t) => t.name)).toEqual(ordered.map((t) => t.name));
		expect(templates.results.map((t) => t.value)).toEqual(ordered.map((t) => t.id));
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobTemplates', filter: sim.templates[1].name.toLowerCase() });
		expect(found.results.map((t) => t.value)).toContain(sim.templates[1].id);
	});

	it('Create and the member filter take a picked record and the plain IDs that older workflows saved', async () => {
		const owner = clientMember();
		const picked = await run({ operation: 'create', ownerUserId: { __rl: true, mode: 'list', value: owner.user_id }, jobTemplateId: { __rl: true, mode: 'id', value: template().id } });
		expect(picked.status).toBe('success');
		expect(sim.apiRequests.find((r) => r.method === 'POST')?.body).toEqual({ owner_user_id: owner.user_id, job_template_id: template().id });
		for (const member of [owner.user_id, { __rl: true, mode: 'list', value: owner.user_id }]) {
			sim.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 1, filters: { memberUserId: member } });
			expect(listed.status).toBe('success');
			expect(listRequests()[0].query.filter).toBe(`members.user_id:"${owner.user_id}"`);
		}
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
	it('lists the newest jobs first, page after page with no gap or repeat, labelled with number, status and title', async () => {
		// The list itself is oldest first and cannot be sorted: the picker reads windows of create_time.
		const newest = [...jobs()].reverse();
		const seen: string[] = [];
		let token: string | undefined;
		for (let page = 0; page < 3; page++) {
			const result = await harness.listSearch({ type: TYPE, method: 'searchJobs', paginationToken: token });
			expect(result.results.length).toBeGreaterThan(0);
			seen.push(...result.results.map((r) => String(r.value)));
			token = result.paginationToken;
			if (page === 0) {
				const top = newest[0];
				expect(result.results[0].name).toBe(`#${top.short_id} (${top.status}) ${top.name ?? top.description}`);
			}
			if (!token) break;
		}
		expect(seen).toEqual(newest.slice(0, seen.length).map((job) => job.id));
		expect(seen.length).toBeGreaterThan(PAGE / 2);
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
		expect(direct.results).toEqual([{ name: `#${last.short_id} (${last.status}) ${last.name ?? last.description}`, value: last.id }]);
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

describe('sandbox example workflow', () => {
	it('worklayer-new-return.json: its Create node, with owner and template picked From List, runs as saved', async () => {
		const file = join(__dirname, '../../../scripts/demo/workflows/worklayer-new-return.json');
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ name: string; parameters: INodeParameters }> };
		const parameters = workflow.nodes.find((n) => n.name === 'Create a draft return')?.parameters as INodeParameters;
		expect(parameters.ownerUserId).toMatchObject({ __rl: true, mode: 'list' });
		const result = await harness.runNode({ type: TYPE, parameters });
		expect(result.status).toBe('success');
		expect(sim.apiRequests.find((r) => r.method === 'POST')?.body).toEqual({
			owner_user_id: (parameters.ownerUserId as IDataObject).value,
			job_template_id: (parameters.jobTemplateId as IDataObject).value,
		});
	});
});
