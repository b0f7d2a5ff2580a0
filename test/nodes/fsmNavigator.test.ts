/**
 * The FSM Navigator node run through n8n's real execution engine against the FSM Navigator
 * simulator over loopback HTTP. Expected values are computed from the simulator's data here, not
 * copied from the node.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigator } from '../../nodes/FsmNavigator/FsmNavigator.node';
import { Harness, type RunResult } from '../harness/engine';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator, type FsmJob } from '../../tooling/simulators/fsmNavigator';

const TYPE = 'n8n-nodes-field-service.fsmNavigator';
let sim: FsmNavigatorSimulator;
let harness: Harness;

function makeHarness(apiKey = FSM_DEFAULT_API_KEY): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new FsmNavigator() },
		credentialTypes: [new FsmNavigatorApi()],
		credentials: [{ type: 'fsmNavigatorApi', data: { apiKey, baseUrl: `${sim.baseUrl}/` } }],
	});
}

async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false): Promise<RunResult> {
	return await harness.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const jobRequests = () => sim.requests.filter((r) => r.path === '/api/v1/jobs');
const jsonOf = (result: RunResult) => result.items.map((item) => item.json);
const firstWith = (predicate: (job: FsmJob) => boolean) => {
	const job = sim.jobs.ascending().find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	sim = new FsmNavigatorSimulator({ jobCount: 537 });
	await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
});

describe('Get Many', () => {
	it('returns all 537 jobs in 6 requests of 100, one item per job, paired to the input', async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(537);
		expect(new Set(jsonOf(result).map((job) => job.job_id)).size).toBe(537);
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		expect(jobRequests().map((r) => [r.query.page, r.query.per_page])).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
			['4', '100'],
			['5', '100'],
			['6', '100'],
		]);
		expect(jobRequests().every((r) => r.headers['x-api-key'] === FSM_DEFAULT_API_KEY)).toBe(true);
	});

	it('asks for exactly 7 jobs in one request with limit 7', async () => {
		const result = await run({ operation: 'getAll', returnAll: false, limit: 7 });
		expect(result.items).toHaveLength(7);
		expect(jsonOf(result).map((job) => job.job_id)).toEqual(
			sim.jobs.ascending().slice(0, 7).map((job) => job.job_id),
		);
		expect(jobRequests()).toHaveLength(1);
		expect(jobRequests()[0].query).toEqual({ page: '1', per_page: '7' });
	});

	it('reads 250 jobs in 3 requests', async () => {
		const result = await run({ operation: 'getAll', limit: 250 });
		expect(result.items).toHaveLength(250);
		expect(jobRequests()).toHaveLength(3);
	});

	it('applies each filter on the server', async () => {
		const sample = firstWith((job) => job.assigned_technician_id !== null && job.job_status === 'In Progress');
		const cases: Array<[INodeParameters, (job: FsmJob) => boolean, Record<string, string>]> = [
			[{ status: 'In Progress' }, (job) => job.job_status === 'In Progress', { status: 'In Progress' }],
			[{ priority: 'Urgent' }, (job) => job.job_priority === 'Urgent', { priority: 'Urgent' }],
			[
				{ assignedTechnicianId: String(sample.assigned_technician_id) },
				(job) => job.assigned_technician_id === sample.assigned_technician_id,
				{ assigned_technician_id: String(sample.assigned_technician_id) },
			],
			[
				{ customerLocationId: String(sample.customer_location_id) },
				(job) => job.customer_location_id === sample.customer_location_id,
				{ customer_location_id: String(sample.customer_location_id) },
			],
		];
		for (const [filters, predicate, wire] of cases) {
			sim.server.clearLog();
			const result = await run({ operation: 'getAll', returnAll: true, filters });
			const expected = sim.jobs.ascending().filter(predicate).map((job) => job.job_id);
			expect(expected.length).toBeGreaterThan(0);
			expect(jsonOf(result).map((job) => job.job_id)).toEqual(expected);
			expect(jobRequests()[0].query).toMatchObject(wire);
		}
	});

	it('filters by creation date (inclusive), converting the workflow zone to UTC', async () => {
		const jobs = sim.jobs.ascending();
		const from = jobs[100].created_at;
		const to = jobs[160].created_at;
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { createdAfter: from, createdBefore: to },
		});
		const fromMs = Date.parse(from);
		const toMs = Date.parse(to);
		const expected = jobs.filter((job) => Date.parse(job.created_at) >= fromMs && Date.parse(job.created_at) <= toMs);
		expect(jobRequests()[0].query).toMatchObject({ created_after: from, created_before: to });
		expect(jsonOf(result).map((job) => job.job_id)).toEqual(expected.map((job) => job.job_id));
		// A picker value without an offset is in the workflow's zone (n8n's default, America/New_York).
		sim.server.clearLog();
		await run({ operation: 'getAll', limit: 1, filters: { createdAfter: '2026-01-15T12:00:00' } });
		expect(jobRequests()[0].query.created_after).toBe('2026-01-15T17:00:00Z');
	});

	it('stops after one request when nothing matches', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { customerLocationId: '999999' } });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(0);
		expect(jobRequests()).toHaveLength(1);
	});
});

describe('Get', () => {
	it('returns the job with its assets', async () => {
		const job = firstWith((j) => j.assets.length > 0);
		const result = await run({ operation: 'get', jobId: byId(job.job_id) });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ job_id: job.job_id, job_title: job.job_title });
		expect((result.items[0].json.assets as IDataObject[]).map((a) => a.asset_id)).toEqual(
			job.assets.map((a) => a.asset_id),
		);
		expect(jobRequests()[0].query).toEqual({ id: String(job.job_id) });
	});

	it('reports a missing job with the API message and code, naming the job ID', async () => {
		const result = await run({ operation: 'get', jobId: byId(99999999) });
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.message).toMatch(/^FSM Navigator: Job not found \(not_found\): job ID 99999999$/);
		const update = await run({ operation: 'update', jobId: byId(99999998), updateFields: { jobTitle: 'x' } });
		expect(update.error?.message).toContain('job ID 99999998');
	});

	it('refuses a job ID that is not a number before any request', async () => {
		// Typed in: the locator's own validation stops the run in n8n before the node starts.
		const typed = await run({ operation: 'get', jobId: byId('12; DROP') });
		expect(typed.status).toBe('error');
		// From an expression: the node's check names the parameter.
		const fromExpression = await run(
			{ operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			[{ json: { id: '12; DROP' } }],
		);
		expect(fromExpression.error).toMatchObject({ name: 'NodeOperationError' });
		expect(fromExpression.error?.message).toContain("'Job' is not a valid ID");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Create', () => {
	it('creates a job and returns it as Get does', async () => {
		const location = [...sim.locations.values()][2];
		const technician = [...sim.technicians.values()][1];
		const asset = [...sim.assets.values()].find((a) => !a.deleted);
		const before = sim.jobs.size;
		const result = await run({
			operation: 'create',
			jobTitle: 'Replace compressor on Unit #7',
			customerLocationId: String(location.customer_location_id),
			additionalFields: {
				jobDescription: 'Compressor is seized',
				jobPriority: 'High',
				assignedTechnicianId: String(technician.technician_id),
				scheduledStart: '2026-03-02T09:00:00Z',
				scheduledEnd: '2026-03-02T11:30:00Z',
				assetIds: String(asset?.asset_id),
				assetRelationshipType: 'replaced',
			},
		});
		expect(result.status).toBe('success');
		expect(sim.jobs.size).toBe(before + 1);
		const created = result.items[0].json;
		expect(created).toMatchObject({
			job_title: 'Replace compressor on Unit #7',
			job_status: 'Pending',
			job_priority: 'High',
			customer_location_id: location.customer_location_id,
			assigned_technician_id: technician.technician_id,
			scheduled_start: '2026-03-02T09:00:00Z',
		});
		expect(created.assets).toEqual([
			expect.objectContaining({ asset_id: asset?.asset_id, relationship_type: 'replaced' }),
		]);
		expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
		expect(sim.requests[0].body).toMatchObject({ customer_location_id: location.customer_location_id });
	});

	it('passes the API validation message through', async () => {
		const result = await run({ operation: 'create', jobTitle: 'x', customerLocationId: '987654' });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error?.message).toMatch(/customer_location_id/);
	});

	it('refuses a missing title before any request', async () => {
		const result = await run({ operation: 'create', jobTitle: '  ', customerLocationId: '1' });
		expect(result.error?.message).toContain("'Job Title' is required");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Update', () => {
	it('updates fields and clears asset links with an empty Asset IDs', async () => {
		const job = firstWith((j) => j.assets.length > 0 && j.job_priority !== 'Urgent');
		const result = await run({
			operation: 'update',
			jobId: byId(job.job_id),
			updateFields: { jobPriority: 'Urgent', assetIds: '' },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ job_id: job.job_id, job_priority: 'Urgent', assets: [] });
		expect(sim.getJob(job.job_id)?.assets).toEqual([]);
		expect(sim.requests[0]).toMatchObject({ method: 'PUT', body: { job_priority: 'Urgent', asset_ids: [] } });
	});

	it('clears the technician and the schedule when asked (sent as null), leaving other fields alone', async () => {
		const job = firstWith((j) => j.assigned_technician_id !== null && j.scheduled_start !== null && j.job_status === 'Assigned');
		const result = await run({
			operation: 'update',
			jobId: byId(job.job_id),
			updateFields: { clearFields: ['assigned_technician_id', 'scheduled_start', 'scheduled_end'] },
		});
		expect(result.status).toBe('success');
		expect(sim.requests[0]).toMatchObject({
			method: 'PUT',
			body: { assigned_technician_id: null, scheduled_start: null, scheduled_end: null },
		});
		expect(result.items[0].json).toMatchObject({ assigned_technician_id: null, scheduled_start: null, scheduled_end: null });
		expect(result.items[0].json.job_title).toBe(job.job_title);
	});

	it('refuses empty Update Fields before any request', async () => {
		const result = await run({ operation: 'update', jobId: byId(1), updateFields: {} });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain("'Update Fields' is empty");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Change Status', () => {
	it('moves Pending to Assigned and returns the job after the change', async () => {
		const job = firstWith((j) => j.job_status === 'Pending');
		const result = await run({ operation: 'changeStatus', jobId: byId(job.job_id), status: 'Assigned' });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ job_id: job.job_id, job_status: 'Assigned' });
		expect(sim.getJob(job.job_id)?.job_status).toBe('Assigned');
		expect(sim.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
		expect(sim.requests[1].body).toEqual({ job_status: 'Assigned' });
	});

	it('refuses a move outside the table, naming the current status and the allowed targets, without a PATCH', async () => {
		const job = firstWith((j) => j.job_status === 'Pending');
		const result = await run({ operation: 'changeStatus', jobId: byId(job.job_id), status: 'Completed' });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain("'Pending'");
		expect(result.error?.message).toContain("'Assigned', 'Cancelled'");
		expect(sim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
		expect(sim.getJob(job.job_id)?.job_status).toBe('Pending');
	});

	it('does nothing when the job already has the status', async () => {
		const job = firstWith((j) => j.job_status === 'On Hold');
		const result = await run({ operation: 'changeStatus', jobId: byId(job.job_id), status: 'On Hold' });
		expect(result.items[0].json).toMatchObject({ job_status: 'On Hold' });
		expect(sim.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it("passes the API's own refusal through when the job changed in between", async () => {
		const job = firstWith((j) => j.job_status === 'Assigned');
		// The job moves on after our read: the API's table check is the one that counts.
		sim.server.injectFault({ method: 'PATCH' }, {
			status: 400,
			body: { success: false, error: 'invalid_status_transition', message: 'Cannot change status from Closed to Pending' },
		});
		const result = await run({ operation: 'changeStatus', jobId: byId(job.job_id), status: 'Pending' });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error?.message).toContain('Cannot change status from Closed to Pending');
		expect(result.error?.message).toContain('invalid_status_transition');
	});
});

describe('rate limits and faults', () => {
	it('waits for Retry-After on 429 and then succeeds', async () => {
		sim.server.injectFault({ method: 'GET', path: '/api/v1/jobs' }, {
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.', retry_after: 1 },
		});
		const started = Date.now();
		const result = await run({ operation: 'getAll', limit: 3 });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(jobRequests()).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('retries a 429 on a create too: the API did not process it', async () => {
		sim.server.injectFault({ method: 'POST' }, { status: 429, headers: { 'Retry-After': '0' }, body: {} });
		const result = await run({ operation: 'create', jobTitle: 'After throttling', customerLocationId: String([...sim.locations.keys()][0]) });
		expect(result.status).toBe('success');
		expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	it('fails at once when the API asks for a longer wait than the node allows', async () => {
		sim.server.injectFault({ method: 'GET' }, { status: 429, headers: { 'Retry-After': '3600' }, body: { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' } });
		const started = Date.now();
		const result = await run({ operation: 'getAll', limit: 3 });
		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '429' });
		expect(result.error?.message).toContain('Too many requests');
		expect(result.error?.description).toMatch(/3600 s/);
	});

	it('retries 503 and a dropped connection on GET', async () => {
		sim.server.injectFault({ method: 'GET' }, { status: 503, body: 'Service Unavailable' });
		sim.server.injectFault({ method: 'GET' }, 'reset');
		const job = sim.jobs.ascending()[0];
		const result = await run({ operation: 'get', jobId: byId(job.job_id) });
		expect(result.status).toBe('success');
		expect(result.items[0].json.job_id).toBe(job.job_id);
		expect(sim.requests).toHaveLength(3);
	});

	it('never repeats a POST after a 503', async () => {
		sim.server.injectFault({ method: 'POST' }, { status: 503, body: 'Service Unavailable' });
		const result = await run({ operation: 'create', jobTitle: 'Once only', customerLocationId: String([...sim.locations.keys()][0]) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(result.error?.description).toContain('not repeated');
		expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it("keeps only the start of a proxy's HTML error page in the message", async () => {
		const page = `<html><body>${'Bad gateway. '.repeat(200)}</body></html>`;
		sim.server.injectFault({ method: 'POST' }, { status: 502, body: page });
		const result = await run({ operation: 'create', jobTitle: 'Behind a proxy', customerLocationId: String([...sim.locations.keys()][0]) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '502' });
		expect(result.error?.message.startsWith('FSM Navigator: <html>')).toBe(true);
		expect(result.error?.message.length).toBeLessThan(340);
		expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('keeps a bounded part of a huge error body in the error, not all of it', async () => {
		const page = `<html><body>${'x'.repeat(2_000_000)}</body></html>`;
		sim.server.injectFault({ method: 'GET' }, { status: 400, body: page });
		const result = await run({ operation: 'get', jobId: byId(sim.jobs.ascending()[0].job_id) });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		const recorded = JSON.stringify(result.error?.raw);
		expect(recorded.length).toBeLessThan(20_000);
		expect(recorded).toContain(`(${page.length} characters in all)`);
	});

	it('never repeats a status change after a dropped connection', async () => {
		const job = firstWith((j) => j.job_status === 'Assigned');
		sim.server.injectFault({ method: 'PATCH' }, 'reset');
		const result = await run({ operation: 'changeStatus', jobId: byId(job.job_id), status: 'On Hold' });
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(result.error?.message).toContain('closed the connection');
		expect(sim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
	});

	it('gives up on a slow answer after the Timeout option, without repeating an update', async () => {
		sim.server.injectFault({ method: 'PUT' }, { status: 200, body: {}, delayMs: 1500 });
		const result = await run({
			operation: 'update',
			jobId: byId(sim.jobs.ascending()[0].job_id),
			updateFields: { jobPriority: 'Low' },
			options: { timeout: 200 },
		});
		expect(result.error?.message).toContain('did not answer in time');
		expect(result.error?.description).toContain('200 ms');
		expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
	});
});

describe('credentials and errors', () => {
	it('reports a wrong key as 401 with the API message, and never shows the key', async () => {
		const secret = 'fsm_live_secret_never_shown_123';
		const wrong = makeHarness(secret);
		const result = await wrong.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toContain('Invalid or missing API key');
		expect(sim.requests[0].headers['x-api-key']).toBe(secret);
		expect(JSON.stringify(result.run)).not.toContain(secret);
		expect(JSON.stringify(result.error?.raw ?? null)).not.toContain(secret);
	});

	it('has a working credential test', async () => {
		expect(await harness.testCredential('fsmNavigatorApi')).toMatchObject({ status: 'OK' });
		expect(sim.requests[0].query).toEqual({ per_page: '1' });
		const bad = await makeHarness('nope').testCredential('fsmNavigatorApi');
		expect(bad.status).toBe('Error');
		// FSM Navigator's own words for a 401, not only n8n's "Unauthorized".
		expect(bad.message).toContain('Invalid or missing API key');
	});

	it('continues on fail item by item, keeping pairedItem', async () => {
		const [a, b] = sim.jobs.ascending();
		const input = [
			{ json: { id: a.job_id } },
			{ json: { id: 424242 } },
			{ json: { id: 'not-a-number' } },
			{ json: { id: b.job_id } },
		];
		const result = await run({ operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, input, true);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.job_id).toBe(a.job_id);
		expect(String(result.items[1].json.error)).toContain('Job not found');
		expect(String(result.items[2].json.error)).toContain("'Job'");
		expect(result.items[3].json.job_id).toBe(b.job_id);
		// The invalid item was refused without a request.
		expect(sim.requests).toHaveLength(3);
	});
});

describe('job picker', () => {
	it('lists the newest jobs first (the list from its last page back), labelled with number, status and title', async () => {
		const newest = [...sim.jobs.ascending()].reverse();
		const pages = Math.ceil(sim.jobs.size / 100);
		sim.server.clearLog();
		const first = await harness.listSearch({ type: TYPE, method: 'searchJobs' });
		expect(first.results.length).toBeGreaterThanOrEqual(50);
		expect(first.results.map((r) => r.value)).toEqual(newest.slice(0, first.results.length).map((job) => String(job.job_id)));
		expect(first.results[0].name).toBe(`#${newest[0].job_id} (${newest[0].job_status}) ${newest[0].job_title}`);
		// A one-job page for the count, then the last page(s).
		expect(sim.requests.map((r) => `${String(r.query.page)}/${String(r.query.per_page)}`).slice(0, 2)).toEqual(['1/1', `${pages}/100`]);
		const second = await harness.listSearch({ type: TYPE, method: 'searchJobs', paginationToken: first.paginationToken });
		expect(second.results[0].value).toBe(String(newest[first.results.length].job_id));
	});

	it('filters by text', async () => {
		const job = sim.jobs.ascending()[sim.jobs.size - 4];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: job.job_title.slice(0, 12) });
		expect(found.results.map((r) => r.value)).toContain(String(job.job_id));
		expect(found.results.every((r) => String(r.name).toLowerCase().includes(job.job_title.slice(0, 12).toLowerCase()))).toBe(true);
	});

	it('reads on to older pages when a search finds nothing on the first', async () => {
		const oldest = sim.jobs.ascending()[0];
		sim.putJob({ ...oldest, job_title: 'Zebra crossing lamp swap' });
		sim.server.clearLog();
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: 'zebra crossing' });
		expect(found.results).toEqual([{ name: `#${oldest.job_id} (${oldest.job_status}) Zebra crossing lamp swap`, value: String(oldest.job_id) }]);
		const pages = Math.ceil(sim.jobs.size / 100);
		expect(sim.requests.map((r) => r.query.page)).toEqual(['1', ...Array.from({ length: pages }, (_, i) => String(pages - i))]);
		expect(found.paginationToken).toBeUndefined();
	});
});

describe('technician picker', () => {
	it('first page by name with status, next page, search here, empty, and the scope refusal', async () => {
		const added: number[] = [];
		for (let i = 0; i < 100; i++) {
			const id = 9000 + i;
			added.push(id);
			sim.technicians.set(id, { technician_id: id, technician_name: `Extra Tech${i}` });
		}
		try {
			const all = [...sim.technicians.values()].sort((a, b) => a.technician_id - b.technician_id);
			const first = await harness.listSearch({ type: TYPE, method: 'searchTechnicians' });
			expect(first.results.map((r) => r.value)).toEqual(all.slice(0, 100).map((t) => String(t.technician_id)));
			expect(first.results[0].name).toBe(`${all[0].technician_name} (Active, Available)`);
			expect(first.paginationToken).toBe('2');
			expect(sim.requests[0].query).toEqual({ page: '1', per_page: '100' });
			const second = await harness.listSearch({ type: TYPE, method: 'searchTechnicians', paginationToken: '2' });
			expect(second.results.map((r) => r.value)).toEqual(all.slice(100).map((t) => String(t.technician_id)));
			expect(second.paginationToken).toBeUndefined();
			const found = await harness.listSearch({ type: TYPE, method: 'searchTechnicians', filter: 'tech97' });
			expect(found.results.map((r) => r.value)).toEqual(['9097']);
			expect((await harness.listSearch({ type: TYPE, method: 'searchTechnicians', filter: 'nobody by that name' })).results).toEqual([]);
		} finally {
			for (const id of added) sim.technicians.delete(id);
		}
		const noScope = new FsmNavigatorSimulator({ jobCount: 5, apiKeys: { fsm_jobs_only: ['jobs:read', 'jobs:write'] } });
		await noScope.start();
		try {
			const h = new Harness({
				nodeTypes: { [TYPE]: new FsmNavigator() },
				credentialTypes: [new FsmNavigatorApi()],
				credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: 'fsm_jobs_only', baseUrl: `${noScope.baseUrl}/` } }],
			});
			await expect(h.listSearch({ type: TYPE, method: 'searchTechnicians' })).rejects.toThrow(/technicians:read/);
		} finally {
			await noScope.stop();
		}
	});

	it('Create, Update and the filter take a picked technician and the plain ID of an older workflow', async () => {
		const technician = [...sim.technicians.values()][2];
		const location = sim.jobs.ascending()[0].customer_location_id;
		for (const pick of [{ __rl: true, mode: 'list', value: String(technician.technician_id) }, String(technician.technician_id)]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', jobTitle: 'Picked', customerLocationId: String(location), additionalFields: { assignedTechnicianId: pick } });
			expect(created.status).toBe('success');
			expect(jobRequests().find((r) => r.method === 'POST')?.body).toMatchObject({ assigned_technician_id: technician.technician_id, customer_location_id: location });
			sim.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 1, filters: { assignedTechnicianId: pick } });
			expect(listed.status).toBe('success');
			expect(jobRequests()[0].query).toMatchObject({ assigned_technician_id: String(technician.technician_id) });
		}
	});
});

describe('asset picker', () => {
	const live = () => [...sim.assets.values()].filter((a) => !a.deleted);
	const assetRequests = () => sim.requests.filter((r) => r.path === '/api/v1/assets');

	it('every page of assets by name, tag and status; the Customer Location narrows it; empty; API error; scope refusal', async () => {
		const all = await harness.loadOptions({ type: TYPE, method: 'getAssets' });
		expect(all.map((o) => o.value).sort()).toEqual(live().map((a) => String(a.asset_id)).sort());
		const asset = live()[0];
		expect(all.find((o) => o.value === String(asset.asset_id))?.name).toBe(`${asset.asset_name} (${asset.asset_tag}, ${asset.asset_status})`);
		// A page of 100, then the rest: total_pages ends the list.
		expect(assetRequests().map((r) => r.query)).toEqual(
			Array.from({ length: Math.ceil(live().length / 100) }, (_, i) => ({ page: String(i + 1), per_page: '100' })),
		);
		const location = asset.customer_location_id;
		for (const parameters of [{ operation: 'create', customerLocationId: String(location) }, { operation: 'update', updateFields: { customerLocationId: String(location) } }]) {
			sim.server.clearLog();
			const here = await harness.loadOptions({ type: TYPE, method: 'getAssets', parameters });
			expect(here.map((o) => o.value).sort()).toEqual(live().filter((a) => a.customer_location_id === location).map((a) => String(a.asset_id)).sort());
			expect(assetRequests()[0].query).toMatchObject({ location_id: String(location) });
		}
		expect(await harness.loadOptions({ type: TYPE, method: 'getAssets', parameters: { operation: 'create', customerLocationId: '999999' } })).toEqual([]);
		sim.server.injectFault({ method: 'GET', path: '/api/v1/assets' }, { status: 500, body: { success: false, error: 'server_error', message: 'Something broke' } }, 10);
		await expect(harness.loadOptions({ type: TYPE, method: 'getAssets' })).rejects.toThrow(/Something broke|500/);
		sim.server.clearFaults();
		const noScope = new FsmNavigatorSimulator({ jobCount: 5, apiKeys: { fsm_jobs_only: ['jobs:read', 'jobs:write'] } });
		await noScope.start();
		try {
			const h = new Harness({
				nodeTypes: { [TYPE]: new FsmNavigator() },
				credentialTypes: [new FsmNavigatorApi()],
				credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: 'fsm_jobs_only', baseUrl: `${noScope.baseUrl}/` } }],
			});
			await expect(h.loadOptions({ type: TYPE, method: 'getAssets' })).rejects.toThrow(/assets:read/);
		} finally {
			await noScope.stop();
		}
	});

	it('Create sends picked assets (an array) and the comma-separated IDs of an older workflow', async () => {
		const [a, b] = live().slice(0, 2);
		for (const assetIds of [[String(a.asset_id), String(b.asset_id)], `${a.asset_id}, ${b.asset_id}`]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', jobTitle: 'With assets', customerLocationId: String(a.customer_location_id), additionalFields: { assetIds } });
			expect(created.status).toBe('success');
			expect(jobRequests().find((r) => r.method === 'POST')?.body).toMatchObject({ asset_ids: [a.asset_id, b.asset_id] });
		}
	});
});
