/** FSM Navigator node: Get Many; Get; Create; Update; Change Status; rate limits and faults. Setup and helpers: ./context.ts. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { FSM_DEFAULT_API_KEY, type FsmJob } from '../../../tooling/simulators/fsmNavigator';
import { sim, harness, run, byId, jobRequests, jsonOf, firstWith } from './context';

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
