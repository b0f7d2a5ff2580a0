/**
 * The Housecall Pro node through n8n's real engine against the Housecall Pro simulator. Expected
 * values come from the simulator's data, filtered and sorted here independently; request counts come
 * from the simulator's request log (what was sent on the wire).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import schema from '../../nodes/shared/job.schema.json';

import { HousecallProApi } from '../../credentials/HousecallProApi.credentials';
import { HousecallPro } from '../../nodes/HousecallPro/HousecallPro.node';
import { Harness, type RunResult } from '../harness/engine';
import {
	HCP_COMPANY_IDS,
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HCP_SINGLE_COMPANY_API_KEY,
	HousecallProSimulator,
	type HcpJob,
} from '../../tooling/simulators/housecallPro';

const TYPE = 'n8n-nodes-field-service.housecallPro';
const JOB_COUNT = 537;
let sim: HousecallProSimulator;
let harness: Harness;

function makeHarness(data: IDataObject = {}): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new HousecallPro() },
		credentialTypes: [new HousecallProApi()],
		credentials: [{ type: 'housecallProApi', data: { apiKey: HCP_DEFAULT_COMPANY_API_KEY, baseUrl: `${sim.baseUrl}/`, ...data } }],
	});
}

const appHarness = () => makeHarness({ apiKey: HCP_DEFAULT_APPLICATION_API_KEY });

async function run(parameters: INodeParameters, options: { h?: Harness; input?: INodeExecutionData[]; continueOnFail?: boolean } = {}): Promise<RunResult> {
	return await (options.h ?? harness).runNode({
		type: TYPE,
		parameters: { resource: 'job', ...parameters },
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
/** Change Status to Scheduled at `start`, through the schedule or the appointment. */
const scheduleAt = async (jobId: string, start: string, through: 'schedule' | 'appointments') =>
	await run({ operation: 'changeStatus', jobId: byId(jobId), status: 'scheduled', scheduledStart: start, options: { scheduleThrough: through } });
const ids = (result: RunResult) => result.items.map((item) => String(item.json.id));
const listRequests = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/jobs');
const wire = () => sim.requests.map((r) => `${r.method} ${r.path}`);
const ms = (iso: string | null) => (iso ? Date.parse(iso) : NaN);
const allJobs = () => [...sim.jobs.values()];
/** created_at ascending, ties by id ascending. */
const oldestFirst = (jobs: HcpJob[]) =>
	[...jobs].sort((a, b) => ms(a.created_at) - ms(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((j) => j.id);
const newestFirst = (jobs: HcpJob[]) => oldestFirst(jobs).reverse();
const firstJob = (predicate: (job: HcpJob) => boolean): HcpJob => {
	const job = oldestFirst(allJobs()).map((id) => sim.jobs.get(id) as HcpJob).find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	sim = new HousecallProSimulator({ jobCount: JOB_COUNT });
	await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.onList = undefined;
});

describe('credential', () => {
	it('sends Authorization: Token <key> and no X-Company-Id when Company ID is empty', async () => {
		const result = await run({ operation: 'getAll', limit: 1 });
		expect(result.status).toBe('success');
		expect(listRequests()[0].headers.authorization).toBe(`Token ${HCP_DEFAULT_COMPANY_API_KEY}`);
		expect(listRequests()[0].headers).not.toHaveProperty('x-company-id');
	});

	it('sends X-Company-Id when filled in, and sees only that location', async () => {
		const company = HCP_COMPANY_IDS[1];
		const result = await run({ operation: 'getAll', returnAll: true }, { h: makeHarness({ companyId: company }) });
		expect(listRequests()[0].headers['x-company-id']).toBe(company);
		expect(ids(result)).toEqual(oldestFirst(allJobs().filter((j) => j.company_id === company)));
	});

	it('has a working credential test, and it fails for a wrong key', async () => {
		expect(await makeHarness().testCredential('housecallProApi')).toMatchObject({ status: 'OK' });
		expect(listRequests()[0].query).toMatchObject({ page_size: '1' });
		const wrong = await makeHarness().testCredential('housecallProApi', { apiKey: 'nope', baseUrl: sim.baseUrl });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Unauthorized \(Housecall Pro answered 401\): the API key is wrong/);
	});

	it('never shows the key: a refused key, and a successful run', async () => {
		const secret = 'hcp_secret_must_not_leak_42';
		const refused = await run({ operation: 'getAll', limit: 1 }, { h: makeHarness({ apiKey: secret }) });
		expect(refused.status).toBe('error');
		expect(refused.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(refused.error?.message).toContain('Unauthorized');
		expect(JSON.stringify(refused.run)).not.toContain(secret);
		expect(JSON.stringify(refused.error?.raw ?? null)).not.toContain(secret);
		const ok = await run({ operation: 'getAll', limit: 3 });
		expect(JSON.stringify(ok.run)).not.toContain(HCP_DEFAULT_COMPANY_API_KEY);
	});

	it('a single-company key with a Company ID is refused with a hint about the field', async () => {
		const result = await run(
			{ operation: 'getAll', limit: 1 },
			{ h: makeHarness({ apiKey: HCP_SINGLE_COMPANY_API_KEY, companyId: HCP_COMPANY_IDS[0] }) },
		);
		expect(result.error).toMatchObject({ httpCode: '401' });
		expect(result.error?.description).toContain('Company ID');
	});
});

describe('Get Many', () => {
	it(`Return All reads ${JOB_COUNT} jobs in 3 requests of 200, oldest first, ending on total_pages`, async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(ids(result)).toEqual(oldestFirst(allJobs()));
		expect(listRequests().map((r) => [r.query.page, r.query.page_size, r.query.sort_by, r.query.sort_direction])).toEqual([
			['1', '200', 'created_at', 'asc'],
			['2', '200', 'created_at', 'asc'],
			['3', '200', 'created_at', 'asc'],
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('limit 7 is one request of 7, newest first (the API default order)', async () => {
		const result = await run({ operation: 'getAll', limit: 7 });
		expect(ids(result)).toEqual(newestFirst(allJobs()).slice(0, 7));
		expect(listRequests().map((r) => [r.query.page, r.query.page_size])).toEqual([['1', '7']]);
		expect(listRequests()[0].query).not.toHaveProperty('sort_by');
	});

	it('limit 250 is two requests of 125', async () => {
		const result = await run({ operation: 'getAll', limit: 250 });
		expect(ids(result)).toEqual(newestFirst(allJobs()).slice(0, 250));
		expect(listRequests().map((r) => [r.query.page, r.query.page_size])).toEqual([
			['1', '125'],
			['2', '125'],
		]);
	});

	it('sends every filter in its wire form and gets exactly the matching jobs', async () => {
		const sample = firstJob((j) => j.assigned_employees.length > 0 && j.schedule.scheduled_start !== null && j.work_status.startsWith('complete'));
		const employee = sample.assigned_employees[0].id;
		const start = ms(sample.schedule.scheduled_start);
		const min = new Date(start - 20 * 86_400_000).toISOString();
		const max = new Date(start + 20 * 86_400_000).toISOString();
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				customerId: sample.customer.id,
				employeeIds: `${employee}, pro_unknown`,
				locationIds: [sample.company_id],
				scheduledStartMin: min,
				scheduledStartMax: max,
				scheduledEndMin: min,
				scheduledEndMax: max,
				workStatus: ['completed', 'in_progress'],
			},
			options: { sortBy: 'invoice_number', sortDirection: 'desc' },
		});
		const inRange = (iso: string | null) => ms(iso) >= Date.parse(min) && ms(iso) <= Date.parse(max);
		const expected = allJobs()
			.filter(
				(j) =>
					j.customer.id === sample.customer.id &&
					j.assigned_employees.some((e) => e.id === employee) &&
					j.company_id === sample.company_id &&
					inRange(j.schedule.scheduled_start) &&
					inRange(j.schedule.scheduled_end) &&
					['complete rated', 'complete unrated', 'in progress'].includes(j.work_status),
			)
			.sort((a, b) => Number(b.invoice_number) - Number(a.invoice_number))
			.map((j) => j.id);
		expect(expected).toContain(sample.id);
		expect(ids(result)).toEqual(expected);
		const pairs = listRequests()[0].queryPairs;
		expect(pairs).toEqual(
			expect.arrayContaining([
				['customer_id', sample.customer.id],
				['employee_ids[]', employee],
				['employee_ids[]', 'pro_unknown'],
				['location_ids[]', sample.company_id],
				['scheduled_start_min', min.replace('.000Z', 'Z')],
				['scheduled_end_max', max.replace('.000Z', 'Z')],
				['work_status[]', 'completed'],
				['work_status[]', 'in_progress'],
				['sort_by', 'invoice_number'],
				['sort_direction', 'desc'],
			]),
		);
	});

	it('filters by franchisee and expands attachments and appointments', async () => {
		const franchisee = sim.getExtras(oldestFirst(allJobs())[0])?.franchisee_id as string;
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { franchiseeIds: franchisee },
			options: { expand: ['attachments', 'appointments'] },
		});
		expect(ids(result)).toEqual(oldestFirst(allJobs().filter((j) => sim.getExtras(j.id)?.franchisee_id === franchisee)));
		expect(listRequests()[0].queryPairs).toEqual(
			expect.arrayContaining([
				['franchisee_ids[]', franchisee],
				['expand[]', 'attachments'],
				['expand[]', 'appointments'],
			]),
		);
		expect(result.items[0].json).toHaveProperty('attachments');
		expect(result.items[0].json.schedule).toHaveProperty('appointments');
	});

	it('a job inserted while Return All pages one at a time is returned once, nothing skipped: page 2 shows the new total, so the list is read again (5 requests)', async () => {
		const template = sim.getJob(oldestFirst(allJobs())[0]) as HcpJob;
		const inserted = { ...template, id: 'job_inserted_while_paging_1', created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
		sim.onList = (page) => {
			if (page === 2 && !sim.getJob(inserted.id)) sim.putJob(inserted);
		};
		try {
			const result = await run({ operation: 'getAll', returnAll: true, options: { parallelRequests: 1 } });
			expect(ids(result)).toEqual(oldestFirst(allJobs()));
			expect(ids(result)).toContain(inserted.id);
			expect(new Set(ids(result)).size).toBe(result.items.length);
			expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '1', '2', '3']);
		} finally {
			sim.deleteJob(inserted.id);
		}
	});

	it('reads pages in parallel by default; a job inserted meanwhile moves the total, so the list is read again one page at a time', async () => {
		const template = sim.getJob(oldestFirst(allJobs())[0]) as HcpJob;
		const inserted = { ...template, id: 'job_inserted_while_paging_2', created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
		const before = oldestFirst(allJobs());
		sim.onList = (page) => {
			if (page === 2 && !sim.getJob(inserted.id)) sim.putJob(inserted);
		};
		sim.server.latency = 30;
		try {
			const result = await run({ operation: 'getAll', returnAll: true });
			for (const id of before) expect(ids(result)).toContain(id);
			expect(new Set(ids(result)).size).toBe(result.items.length);
			// Pages 1-3 (2 and 3 at once), then 1-3 again.
			expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '3', '1', '2', '3']);
			// Pages 2 and 3 of the first read were in flight together; the second read went one at a time.
			expect(listRequests().map((r) => r.inFlight)).toEqual([1, 1, 2, 1, 1, 1]);
		} finally {
			sim.server.latency = undefined;
			sim.deleteJob(inserted.id);
		}
	});

	it('newest first, a job inserted at the top while paging shifts a job onto the next page: it is read again, never twice', async () => {
		const template = sim.getJob(oldestFirst(allJobs())[0]) as HcpJob;
		const inserted = { ...template, id: 'job_inserted_while_paging_2', created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
		sim.onList = (page) => {
			if (page === 2 && !sim.getJob(inserted.id)) sim.putJob(inserted);
		};
		const result = await run({ operation: 'getAll', returnAll: true, options: { sortDirection: 'desc' } });
		expect([...ids(result)].sort()).toEqual(newestFirst(allJobs()).sort());
		expect(new Set(ids(result)).size).toBe(JOB_COUNT + 1);
		// Page 2 of the first read showed a new total: the list was read once more.
		expect(listRequests().map((r) => r.query.page)).toEqual(['1', '2', '1', '2', '3']);
		sim.deleteJob(inserted.id);
	});

	it('a job that leaves a Work Status filter during the read does not hide another one', async () => {
		const isDone = (j: HcpJob) => j.work_status === 'complete rated' || j.work_status === 'complete unrated';
		const before = oldestFirst(allJobs().filter(isDone));
		expect(before.length).toBeGreaterThan(200);
		const leaving = sim.getJob(before[0]) as HcpJob;
		// Page 1 holds the leaving job; when it leaves, every later job moves up one place, so the
		// job that was first on page 2 would fall onto page 1, already read.
		sim.onList = (page) => {
			if (page === 2 && sim.getJob(leaving.id)?.work_status === leaving.work_status) sim.putJob({ ...leaving, work_status: 'in progress' });
		};
		const result = await run({ operation: 'getAll', returnAll: true, filters: { workStatus: ['completed'] } });
		expect(ids(result)).toEqual(oldestFirst(allJobs().filter(isDone)));
		expect(ids(result)).toContain(before[200]);
		// 2 pages, then the whole list again (the first read had 1 job fewer than total_items said).
		expect(listRequests()).toHaveLength(4);
		sim.putJob(leaving);
	});

	it('a list that changes during both reads fails with how far it got, instead of returning part of it', async () => {
		const isDone = (j: HcpJob) => j.work_status === 'complete rated' || j.work_status === 'complete unrated';
		const original = sim.getJob(oldestFirst(allJobs().filter(isDone))[0]) as HcpJob;
		// Every request for page 2 flips the job in or out of the filter, on page 1.
		sim.onList = (page) => {
			if (page !== 2) return;
			const job = sim.getJob(original.id) as HcpJob;
			sim.putJob({ ...job, work_status: isDone(job) ? 'in progress' : original.work_status });
		};
		const result = await run({ operation: 'getAll', returnAll: true, filters: { workStatus: ['completed'] } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/^Housecall Pro's job list changed while it was read: \d+ of \d+ jobs could be read$/);
		expect(listRequests()).toHaveLength(4);
		sim.putJob(original);
	});

	it('refuses bad filters before any request', async () => {
		const result = await run({ operation: 'getAll', limit: 5, filters: { customerId: 'cus_a, cus_b' } }, { continueOnFail: true });
		expect(result.items[0].json.error).toContain("'Customer' takes one ID");
		const date = await run({ operation: 'getAll', limit: 5, filters: { scheduledStartMin: 'next tuesday' } }, { continueOnFail: true });
		expect(date.items[0].json.error).toContain("'Scheduled Start Min' is not a valid date");
		const status = await run({ operation: 'getAll', limit: 5, filters: { workStatus: ['in progress'] } }, { continueOnFail: true });
		expect(status.items[0].json.error).toContain("'Work Status' has an unsupported value");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('rate limits and faults', () => {
	it('waits for Retry-After on 429 and then succeeds', async () => {
		sim.server.injectFault({ method: 'GET', path: '/jobs' }, { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too Many Requests' } });
		const started = Date.now();
		const result = await run({ operation: 'getAll', limit: 2 });
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(listRequests()).toHaveLength(2);
	});

	it('backs off on a 429 without Retry-After, for a write too (the API did not process it)', async () => {
		sim.server.injectFault({ method: 'POST', path: /\/notes$/ }, { status: 429, body: { message: 'Too Many Requests' } });
		const job = firstJob((j) => j.work_status === 'scheduled');
		const result = await run({ operation: 'update', jobId: byId(job.id), updateFields: { notes: 'after a 429' } });
		expect(result.status).toBe('success');
		expect(wire()).toEqual([`POST /jobs/${job.id}/notes`, `POST /jobs/${job.id}/notes`, `GET /jobs/${job.id}`]);
		expect((sim.getJob(job.id) as HcpJob).notes.filter((n) => n.content === 'after a 429')).toHaveLength(1);
	});

	it('retries a 503 on GET', async () => {
		sim.server.injectFault({ method: 'GET' }, { status: 503, body: 'Service Unavailable' });
		const job = firstJob(() => true);
		const result = await run({ operation: 'get', jobId: byId(job.id) });
		expect(result.status).toBe('success');
		expect(wire()).toEqual([`GET /jobs/${job.id}`, `GET /jobs/${job.id}`]);
	});

	it('never repeats a create after a 503', async () => {
		const customer = sim.customers[0];
		sim.server.injectFault({ method: 'POST', path: '/jobs' }, { status: 503, body: 'Service Unavailable' });
		const result = await run({ operation: 'create', customerId: customer.id, addressId: customer.addresses[0].id });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(result.error?.description).toContain('not repeated');
		expect(wire()).toEqual(['POST /jobs']);
	});
});

describe('error bodies', () => {
	const shapes: Array<[string, number, unknown, string]> = [
		['{message} (401)', 401, { message: 'Unauthorized' }, 'Housecall Pro: Unauthorized'],
		['{error:{message}}', 422, { error: { message: "Can't schedule an archived job" } }, "Housecall Pro: Can't schedule an archived job"],
		['{error:"…"}', 404, { error: 'Pipeline status not found' }, 'Housecall Pro: Pipeline status not found'],
		['{errors:{field:[…]}}', 422, { errors: { start_time: ['is missing'], end_time: ['must be after start_time'] } }, 'Housecall Pro: start_time is missing; end_time must be after start_time'],
		['{message, attr:[…]}', 400, { message: 'Quantity must be a number', quantity: ['must be a number'] }, 'Housecall Pro: Quantity must be a number'],
		['OAuth {error, error_description}', 400, { error: 'invalid_grant', error_description: 'The token has expired' }, 'Housecall Pro: The token has expired (invalid_grant)'],
		['empty {} (404)', 404, {}, 'Housecall Pro answered HTTP 404'],
	];
	it.each(shapes)('%s becomes a readable NodeApiError', async (_name, status, body, message) => {
		// n8n-core sends a request once more after a 401 (its credential refresh), so a 401 fault is set twice.
		sim.server.injectFault({ method: 'GET' }, { status, body }, status === 401 ? 2 : 1);
		const result = await run({ operation: 'get', jobId: byId('job_whatever') });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: String(status), message });
	});

	it('a real missing job: 404 with the hint', async () => {
		const result = await run({ operation: 'get', jobId: byId('job_does_not_exist') });
		expect(result.error).toMatchObject({ httpCode: '404' });
		expect(result.error?.description).toContain('Not found');
	});
});

describe('Get', () => {
	it('returns the job, with expand', async () => {
		const job = firstJob((j) => (sim.getExtras(j.id)?.attachments.length ?? 0) > 0);
		const result = await run({ operation: 'get', jobId: byId(job.id), options: { expand: ['attachments'] } });
		expect(result.items[0].json).toMatchObject({ id: job.id, invoice_number: job.invoice_number });
		expect(result.items[0].json.attachments).toEqual(sim.getExtras(job.id)?.attachments);
		expect(sim.requests[0].queryPairs).toEqual([['expand[]', 'attachments']]);
	});

	it('takes a job URL, and runs item by item with Continue On Fail', async () => {
		const [a, b] = oldestFirst(allJobs());
		const result = await run(
			{ operation: 'get', jobId: { __rl: true, mode: 'url', value: `https://pro.housecallpro.com/app/jobs/${a}` } },
			{ input: [{ json: {} }] },
		);
		expect(ids(result)).toEqual([a]);
		const each = await run(
			{ operation: 'get', jobId: byId('={{ $json.id }}') },
			{ input: [{ json: { id: b } }, { json: { id: 'bad id!' } }, { json: { id: a } }], continueOnFail: true },
		);
		expect(each.items.map((i) => i.json.id ?? 'error')).toEqual([b, 'error', a]);
		expect(each.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(each.items[1].json.error)).toContain("'Job' is not a valid ID");
	});
});

describe('Create', () => {
	it('creates a job with every additional field in one request and returns it', async () => {
		const customer = sim.customers[3];
		const techs = sim.employees.filter((e) => e.company_id === customer.company_id && e.role === 'field tech');
		const jobType = sim.jobTypes[1];
		const result = await run({
			operation: 'create',
			customerId: customer.id,
			addressId: customer.addresses[0].id,
			additionalFields: {
				scheduledStart: '2026-03-05T14:00:00Z',
				scheduledEnd: '2026-03-05T16:00:00+00:00',
				arrivalWindow: 60,
				assignedEmployeeIds: techs.map((t) => t.id).join(','),
				tags: 'VIP, Brand new tag',
				leadSource: 'Yelp',
				notes: 'Gate code 1234',
				invoiceNumber: 990001,
				jobTypeId: jobType.id,
				lineItems: { lineItem: [{ name: 'Diagnostic', unitPrice: 9900, quantity: 1, kind: 'labor' }, { name: 'Part', unitPrice: 2500, quantity: 2, kind: 'materials', taxable: true }] },
			},
		});
		expect(result.status).toBe('success');
		expect(wire()).toEqual(['POST /jobs']);
		const created = sim.getJob(String(result.items[0].json.id)) as HcpJob;
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(created)));
		expect(sim.requests[0].body).toEqual({
			customer_id: customer.id,
			address_id: customer.addresses[0].id,
			schedule: { scheduled_start: '2026-03-05T14:00:00Z', scheduled_end: '2026-03-05T16:00:00Z', arrival_window: 60 },
			assigned_employee_ids: techs.map((t) => t.id),
			tags: ['VIP', 'Brand new tag'],
			lead_source: 'Yelp',
			notes: 'Gate code 1234',
			invoice_number: 990001,
			job_fields: { job_type_id: jobType.id },
			line_items: [
				// n8n fills in the fixed collection's defaults (Taxable on, Unit Cost 0).
				{ name: 'Diagnostic', unit_price: 9900, unit_cost: 0, quantity: 1, kind: 'labor', taxable: true },
				{ name: 'Part', unit_price: 2500, unit_cost: 0, quantity: 2, kind: 'materials', taxable: true },
			],
		});
		expect(created).toMatchObject({ work_status: 'scheduled', total_amount: 9900 + 5000, lead_source: 'Yelp', invoice_number: '990001' });
	});

	it('reads dates without an offset in the workflow time zone', async () => {
		const customer = sim.customers[4];
		const result = await harness.runNode({
			type: TYPE,
			workflowTimezone: 'Asia/Kolkata',
			parameters: { resource: 'job', operation: 'create', customerId: customer.id, addressId: customer.addresses[0].id, additionalFields: { scheduledStart: '2026-03-05T09:30:00' } },
		});
		expect(result.status).toBe('success');
		expect(sim.requests[0].body).toMatchObject({ schedule: { scheduled_start: '2026-03-05T04:00:00Z' } });
	});

	it('shows the API validation message', async () => {
		const customer = sim.customers[0];
		const result = await run({ operation: 'create', customerId: customer.id, addressId: 'adr_not_this_customers' });
		expect(result.error).toMatchObject({ httpCode: '422', message: 'Housecall Pro: address_id does not belong to the customer' });
	});
});

describe('Update', () => {
	it('adds a note and tags with a Company key, then returns the job as it is', async () => {
		const job = firstJob((j) => j.tags.length === 0);
		const [vip, warranty] = ['VIP', 'Warranty'].map((name) => sim.tags.find((t) => t.name === name)?.id as string);
		const result = await run({ operation: 'update', jobId: byId(job.id), updateFields: { notes: 'Called the customer', tags: [vip, warranty] } });
		expect(result.status).toBe('success');
		expect(wire()).toEqual([`POST /jobs/${job.id}/notes`, `POST /jobs/${job.id}/tags`, `POST /jobs/${job.id}/tags`, `GET /jobs/${job.id}`]);
		expect(sim.requests.slice(0, 3).map((r) => r.body)).toEqual([{ content: 'Called the customer' }, { tag_id: vip }, { tag_id: warranty }]);
		const after = sim.getJob(job.id) as HcpJob;
		expect(after.tags).toEqual(['VIP', 'Warranty']);
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(after)));
	});

	it('reschedules and dispatches with an Application key, schedule first', async () => {
		const job = firstJob((j) => j.work_status === 'needs scheduling');
		const tech = sim.employees.find((e) => e.company_id === job.company_id && e.role === 'field tech') as { id: string };
		const result = await run(
			{
				operation: 'update',
				jobId: byId(job.id),
				updateFields: { scheduledStart: '2026-04-01T15:00:00Z', arrivalWindow: 120, dispatchedEmployeeIds: tech.id },
			},
			{ h: appHarness() },
		);
		expect(result.status).toBe('success');
		expect(wire()).toEqual([`PUT /jobs/${job.id}/schedule`, `PUT /jobs/${job.id}/dispatch`, `GET /jobs/${job.id}`]);
		expect(sim.requests[0].body).toEqual({ start_time: '2026-04-01T15:00:00Z', arrival_window_in_minutes: 120 });
		expect(sim.requests[1].body).toEqual({ dispatched_employees: [{ employee_id: tech.id }] });
		expect(result.items[0].json).toMatchObject({ work_status: 'scheduled', schedule: { scheduled_start: '2026-04-01T15:00:00Z', arrival_window: 120 } });
	});

	it("Schedule Through 'Job's Schedule' with a Company key: refused, the error names the key it needs, nothing else is sent", async () => {
		const job = firstJob((j) => j.work_status === 'needs scheduling');
		const result = await run({
			operation: 'update',
			jobId: byId(job.id),
			updateFields: { scheduledStart: '2026-04-01T15:00:00Z', notes: 'x' },
			options: { scheduleThrough: 'schedule' },
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toContain('needs an Application API Key, not a Company API Key');
		// The second PUT is n8n-core's own re-send after a 401; a refused request changed nothing.
		expect(wire()).toEqual([`PUT /jobs/${job.id}/schedule`, `PUT /jobs/${job.id}/schedule`]);
		expect(sim.getJob(job.id)).toEqual(job);
	});

	it('when a later group fails, the error says what was applied and what was not; nothing is retried', async () => {
		const job = firstJob((j) => j.tags.length === 0 && j.id !== '');
		const vip = sim.tags.find((t) => t.name === 'VIP')?.id as string;
		const result = await run({ operation: 'update', jobId: byId(job.id), updateFields: { notes: 'First part', tags: [vip, 'tag_unknown'] } });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.message).toBe(`Housecall Pro: tag not found. Already applied to job ${job.id}: the note, tag ${vip}. Not applied: tag tag_unknown.`);
		expect(wire()).toEqual([`POST /jobs/${job.id}/notes`, `POST /jobs/${job.id}/tags`, `POST /jobs/${job.id}/tags`]);
	});

	it('refuses an empty update and a schedule without a start, before any request', async () => {
		const job = firstJob(() => true);
		const empty = await run({ operation: 'update', jobId: byId(job.id), updateFields: {} }, { continueOnFail: true });
		expect(empty.items[0].json.error).toContain("'Update Fields' is empty");
		const noStart = await run({ operation: 'update', jobId: byId(job.id), updateFields: { arrivalWindow: 30, notes: 'x' } }, { continueOnFail: true });
		expect(noStart.items[0].json.error).toContain("'Scheduled Start' is required");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Change Status', () => {
	it('scheduled: PUT schedule with an Application key, then the job', async () => {
		const job = firstJob((j) => j.work_status === 'needs scheduling');
		const result = await run(
			{ operation: 'changeStatus', jobId: byId(job.id), status: 'scheduled', scheduledStart: '2026-04-02T13:00:00Z', scheduledEnd: '2026-04-02T15:00:00Z' },
			{ h: appHarness() },
		);
		expect(wire()).toEqual([`PUT /jobs/${job.id}/schedule`, `GET /jobs/${job.id}`]);
		expect(sim.requests[0].body).toEqual({ start_time: '2026-04-02T13:00:00Z', end_time: '2026-04-02T15:00:00Z' });
		expect(result.items[0].json).toMatchObject({ id: job.id, work_status: 'scheduled' });
	});

	it("scheduled with a Company key through 'Job's Schedule': refused, and the error says which key is needed", async () => {
		const job = firstJob((j) => j.work_status === 'needs scheduling');
		const result = await scheduleAt(job.id, '2026-04-02T13:00:00Z', 'schedule');
		expect(result.error?.message).toBe('Housecall Pro refused to schedule the job (HTTP 401): this needs an Application API Key, not a Company API Key');
		expect(result.error?.description).toContain('put an Application API Key in the credential');
		// n8n-core re-sends once after a 401 (credential refresh); nothing else follows.
		expect(wire()).toEqual([`PUT /jobs/${job.id}/schedule`, `PUT /jobs/${job.id}/schedule`]);
		expect(sim.getJob(job.id)?.work_status).toBe('needs scheduling');
	});

	it('unscheduled: DELETE schedule, the job needs scheduling again', async () => {
		const job = firstJob((j) => j.work_status === 'scheduled' && (sim.getExtras(j.id)?.appointments.length ?? 0) < 2);
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'unscheduled' }, { h: appHarness() });
		expect(wire()).toEqual([`DELETE /jobs/${job.id}/schedule`, `GET /jobs/${job.id}`]);
		expect(result.items[0].json).toMatchObject({ work_status: 'needs scheduling', schedule: { scheduled_start: null } });
	});

	it('pipeline: moves forward, and shows the API refusal of a move back', async () => {
		const stages = [...sim.pipeline.job].sort((a, b) => a.order - b.order);
		const job = firstJob(() => true);
		const forward = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'pipeline', pipelineStatusId: stages[4].id });
		expect(forward.status).toBe('success');
		expect(wire()).toEqual(['PUT /pipeline/statuses', `GET /jobs/${job.id}`]);
		expect(sim.requests[0].body).toEqual({ resource_type: 'job', resource_id: job.id, status_id: stages[4].id });
		expect(sim.getPipelineStatusId(job.id)).toBe(stages[4].id);
		sim.server.clearLog();
		const back = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'pipeline', pipelineStatusId: stages[1].id });
		expect(back.error).toMatchObject({ httpCode: '422' });
		expect(back.error?.message).toContain('can only move forward');
		expect(wire()).toEqual(['PUT /pipeline/statuses']);
	});
});

describe('pickers', () => {
	it('lists the pipeline stages in order, the tags and the job types', async () => {
		const stages = await harness.loadOptions({ type: TYPE, method: 'getPipelineStatuses' });
		expect(stages.map((s) => s.value)).toEqual([...sim.pipeline.job].sort((a, b) => a.order - b.order).map((s) => s.id));
		expect(sim.requests[0].query).toMatchObject({ resource_type: 'job' });
		const tags = await harness.loadOptions({ type: TYPE, method: 'getTags' });
		expect(tags.map((t) => t.name)).toEqual(sim.tags.map((t) => t.name).sort((a, b) => a.localeCompare(b)));
		const types = await harness.loadOptions({ type: TYPE, method: 'getJobTypes' });
		expect(types.map((t) => t.value).sort()).toEqual(sim.jobTypes.map((t) => t.id).sort());
	});

	it('the job picker lists recently updated jobs and finds one by invoice number', async () => {
		const list = await harness.listSearch({ type: TYPE, method: 'searchJobs' });
		const recent = [...allJobs()].sort((a, b) => ms(b.updated_at) - ms(a.updated_at) || (a.id < b.id ? 1 : -1));
		expect(list.results.map((r) => r.value)).toEqual(recent.slice(0, 50).map((j) => j.id));
		expect(list.paginationToken).toBe('2');
		const target = oldestFirst(allJobs())[3];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: `#${(sim.getJob(target) as HcpJob).invoice_number} ` });
		expect(found.results.map((r) => r.value)).toEqual([target]);
	});
});

describe('sandbox example workflow', () => {
	it("housecallPro-follow-up-unscheduled.json: its Housecall Pro nodes run as saved", async () => {
		const file = join(__dirname, '../../scripts/demo/workflows/housecallPro-follow-up-unscheduled.json');
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ name: string; parameters: INodeParameters }> };
		const node = (name: string) => workflow.nodes.find((n) => n.name === name)?.parameters as INodeParameters;
		const list = await harness.runNode({ type: TYPE, parameters: node('Jobs needing scheduling') });
		const waiting = newestFirst(allJobs().filter((j) => j.work_status === 'needs scheduling'));
		expect(ids(list)).toEqual(waiting.slice(0, 10));
		const note = await harness.runNode({ type: TYPE, parameters: node('Add a follow-up note'), input: [list.items[0]] });
		expect(note.status).toBe('success');
		const notes = (sim.getJob(waiting[0]) as HcpJob).notes.map((n) => n.content);
		expect(notes[notes.length - 1]).toMatch(/^Called .+ on \d{4}-\d{2}-\d{2} to book a time$/);
	});
});

describe('Simplify', () => {
	it('Get returns the common job shape, computed here from the simulator', async () => {
		const job = firstJob((j) => j.work_status === 'complete rated' && j.assigned_employees.length > 0);
		const result = await run({ operation: 'get', jobId: byId(job.id), options: { simplify: true } });
		const address = [job.address.street, job.address.street_line_2, job.address.city, job.address.state, job.address.zip, job.address.country].filter(Boolean).join(', ');
		expect(result.items[0].json).toEqual({
			provider: 'housecallPro',
			id: job.id,
			number: job.invoice_number,
			title: job.name,
			description: job.description,
			status: 'complete rated',
			statusCategory: 'completed',
			customer: { id: job.customer.id, name: job.customer.company ?? `${job.customer.first_name} ${job.customer.last_name}` },
			location: { id: job.address.id, address },
			assignees: job.assigned_employees.map((e) => ({ id: e.id, name: `${e.first_name} ${e.last_name}` })),
			scheduledStart: job.schedule.scheduled_start,
			scheduledEnd: job.schedule.scheduled_end,
			dueAt: null,
			createdAt: new Date(job.created_at).toISOString().replace('.000Z', 'Z'),
			updatedAt: new Date(job.updated_at).toISOString().replace('.000Z', 'Z'),
			completedAt: job.work_timestamps.completed_at,
			amount: job.total_amount / 100,
			url: `https://pro.housecallpro.com/app/jobs/${job.id}`,
		});
	});

	it('Get Many maps every work status to its category', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, options: { simplify: true } });
		const categories: Record<string, string> = {
			'needs scheduling': 'new',
			scheduled: 'scheduled',
			'in progress': 'inProgress',
			'complete unrated': 'completed',
			'complete rated': 'completed',
			'user canceled': 'canceled',
			'pro canceled': 'canceled',
		};
		expect(result.items).toHaveLength(allJobs().length);
		const ajv = new Ajv2020({ allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(schema);
		for (const item of result.items) {
			if (!validate(item.json)) throw new Error(`not a common job: ${ajv.errorsText(validate.errors)}`);
			expect(item.json.statusCategory).toBe(categories[String(item.json.status)]);
		}
		expect(new Set(result.items.map((i) => i.json.status)).size).toBe(7);
	});
});

describe('Company API Key scheduling through the appointment', () => {
	const appointment = (id: string, start: string, end: string, pros: string[]) => ({
		id,
		start_date: start.slice(0, 10),
		start_time: start,
		end_time: end,
		anytime: false,
		arrival_window_minutes: 30,
		dispatched_employees_ids: pros,
	});
	const unscheduledJob = () => firstJob((j) => j.work_status === 'needs scheduling' && (sim.getExtras(j.id)?.appointments.length ?? 0) === 0);

	it('Scheduled, Automatic: the refused schedule, then one read, one appointment and the job (5 requests)', async () => {
		const job = unscheduledJob();
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'scheduled', scheduledStart: '2026-04-02T13:00:00Z', scheduledEnd: '2026-04-02T15:30:00Z' });
		expect(result.status).toBe('success');
		// n8n-core re-sends a request once after a 401; a refused request changed nothing.
		expect(wire()).toEqual([`PUT /jobs/${job.id}/schedule`, `PUT /jobs/${job.id}/schedule`, `GET /jobs/${job.id}`, `POST /jobs/${job.id}/appointments`, `GET /jobs/${job.id}`]);
		expect(sim.requests[2].query).toMatchObject({ expand: ['appointments'] });
		expect(sim.requests[3].body).toEqual({
			start_time: '2026-04-02T13:00:00Z',
			end_time: '2026-04-02T15:30:00Z',
			dispatched_employees_ids: job.assigned_employees.map((e) => e.id),
		});
		expect(result.items[0].json).toMatchObject({ id: job.id, work_status: 'scheduled', schedule: { scheduled_start: '2026-04-02T13:00:00Z' } });
	});

	it("Scheduled, Job's Appointment: 3 requests; a job with an appointment has it moved, keeping its length and employees", async () => {
		const job = unscheduledJob();
		const pros = [sim.employees[0].id, sim.employees[1].id];
		sim.putJob(job, { appointments: [appointment('appt_keep', '2026-03-20T09:00:00Z', '2026-03-20T11:00:00Z', pros)] });
		sim.server.clearLog();
		const result = await scheduleAt(job.id, '2026-04-03T08:00:00Z', 'appointments');
		expect(wire()).toEqual([`GET /jobs/${job.id}`, `PUT /jobs/${job.id}/appointments/appt_keep`, `GET /jobs/${job.id}`]);
		expect(sim.requests[1].body).toEqual({ start_time: '2026-04-03T08:00:00Z', end_time: '2026-04-03T10:00:00Z', dispatched_employees_ids: pros, arrival_window_minutes: 30 });
		expect(sim.getExtras(job.id)?.appointments).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ work_status: 'scheduled', schedule: { scheduled_start: '2026-04-03T08:00:00Z', scheduled_end: '2026-04-03T10:00:00Z' } });
	});

	it("Unscheduled, Job's Appointment: deletes the appointment, the job needs scheduling again", async () => {
		const job = unscheduledJob();
		await scheduleAt(job.id, '2026-04-04T08:00:00Z', 'appointments');
		const id = sim.getExtras(job.id)?.appointments[0].id as string;
		sim.server.clearLog();
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'unscheduled', options: { scheduleThrough: 'appointments' } });
		expect(wire()).toEqual([`GET /jobs/${job.id}`, `DELETE /jobs/${job.id}/appointments/${id}`, `GET /jobs/${job.id}`]);
		expect(result.items[0].json).toMatchObject({ work_status: 'needs scheduling', schedule: { scheduled_start: null } });
		sim.server.clearLog();
		// Nothing left to delete: the job as read is the answer, one request.
		const again = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'unscheduled', options: { scheduleThrough: 'appointments' } });
		expect(wire()).toEqual([`GET /jobs/${job.id}`]);
		expect(again.items[0].json).toMatchObject({ id: job.id, work_status: 'needs scheduling' });
	});

	it('Update: schedule and dispatch in one appointment write, then the note; Automatic after the refusal', async () => {
		const job = unscheduledJob();
		const pros = [sim.employees[2].id];
		const result = await run({
			operation: 'update',
			jobId: byId(job.id),
			updateFields: { scheduledStart: '2026-04-05T10:00:00Z', arrivalWindow: 60, dispatchedEmployeeIds: pros, notes: 'Booked by phone' },
		});
		expect(result.status).toBe('success');
		expect(wire()).toEqual([
			`PUT /jobs/${job.id}/schedule`,
			`PUT /jobs/${job.id}/schedule`,
			`GET /jobs/${job.id}`,
			`POST /jobs/${job.id}/appointments`,
			`POST /jobs/${job.id}/notes`,
			`GET /jobs/${job.id}`,
		]);
		expect(sim.requests[3].body).toEqual({ start_time: '2026-04-05T10:00:00Z', end_time: '2026-04-05T11:00:00Z', dispatched_employees_ids: pros, arrival_window_minutes: 60 });
		expect(sim.getExtras(job.id)?.appointments[0].dispatched_employees_ids).toEqual(pros);
		expect(result.items[0].json).toMatchObject({ work_status: 'scheduled' });
	});

	it('Update: dispatch only moves nothing in time; without an appointment it says to give a start, before any write', async () => {
		const job = unscheduledJob();
		const none = await run({ operation: 'update', jobId: byId(job.id), updateFields: { dispatchedEmployeeIds: [sim.employees[0].id] }, options: { scheduleThrough: 'appointments' } });
		expect(none.error?.message).toBe(`Job ${job.id} has no appointment to dispatch employees to`);
		expect(wire()).toEqual([`GET /jobs/${job.id}`]);
		sim.putJob(sim.jobs.get(job.id) as HcpJob, { appointments: [appointment('appt_d', '2026-03-21T09:00:00Z', '2026-03-21T10:00:00Z', [])] });
		sim.server.clearLog();
		await run({ operation: 'update', jobId: byId(job.id), updateFields: { dispatchedEmployeeIds: [sim.employees[0].id] }, options: { scheduleThrough: 'appointments' } });
		expect(sim.requests[1]).toMatchObject({ method: 'PUT', path: `/jobs/${job.id}/appointments/appt_d` });
		expect(sim.requests[1].body).toEqual({ start_time: '2026-03-21T09:00:00Z', end_time: '2026-03-21T10:00:00Z', dispatched_employees_ids: [sim.employees[0].id], arrival_window_minutes: 30 });
	});

	it("Unscheduled through the appointment: a job with a schedule but no appointment is refused, one read, no write", async () => {
		const job = firstJob((j) => j.work_status === 'scheduled' && j.schedule.scheduled_start !== null && (sim.getExtras(j.id)?.appointments.length ?? 0) === 0);
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'unscheduled', options: { scheduleThrough: 'appointments' } });
		expect(result.error?.message).toBe(`Job ${job.id} has a schedule but no appointment: only the schedule endpoint can erase it`);
		expect(wire()).toEqual([`GET /jobs/${job.id}`]);
	});

	it('a multi-day job (two appointments) is refused before any write', async () => {
		const job = unscheduledJob();
		sim.putJob(job, {
			appointments: [appointment('appt_1', '2026-03-22T09:00:00Z', '2026-03-22T17:00:00Z', []), appointment('appt_2', '2026-03-23T09:00:00Z', '2026-03-23T17:00:00Z', [])],
		});
		sim.server.clearLog();
		const result = await scheduleAt(job.id, '2026-04-06T08:00:00Z', 'appointments');
		expect(result.error?.message).toBe(`Job ${job.id} has 2 appointments (a multi-day job): the node changes a job with one appointment or none`);
		expect(wire()).toEqual([`GET /jobs/${job.id}`]);
	});

	it("an Application key through 'Job's Appointment' is refused, and the error says which key appointments take", async () => {
		const job = unscheduledJob();
		const result = await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'scheduled', scheduledStart: '2026-04-08T08:00:00Z', options: { scheduleThrough: 'appointments' } }, { h: appHarness() });
		expect(result.error?.message).toBe("Housecall Pro refused the job's appointment (HTTP 401): appointments take a Company API Key (or OAuth), not an Application API Key");
		expect(sim.getExtras(job.id)?.appointments ?? []).toHaveLength(0);
	});

	it('an Application key stays on the schedule endpoint with Automatic (as before)', async () => {
		const job = unscheduledJob();
		await run({ operation: 'changeStatus', jobId: byId(job.id), status: 'scheduled', scheduledStart: '2026-04-07T08:00:00Z' }, { h: appHarness() });
		expect(wire()).toEqual([`PUT /jobs/${job.id}/schedule`, `GET /jobs/${job.id}`]);
	});
});

describe('record pickers', () => {
	const customersNewestFirst = () => [...sim.customers].sort((a, b) => ms(b.created_at) - ms(a.created_at) || (a.id < b.id ? 1 : -1));

	it('customers: first page newest first with a name and an email, next page, search by Housecall Pro, empty', async () => {
		const extra = sim.customers.length;
		for (let i = 0; i < 40; i++) {
			sim.customers.push({ ...sim.customers[i % extra], id: `cus_extra${String(i).padStart(2, '0')}`, company: null, first_name: 'Extra', last_name: `Person ${i}`, created_at: `2024-01-01T00:00:${String(i).padStart(2, '0')}.000Z` });
		}
		try {
			const first = await harness.listSearch({ type: TYPE, method: 'searchCustomers' });
			const expected = customersNewestFirst();
			expect(first.results.map((r) => r.value)).toEqual(expected.slice(0, 50).map((c) => c.id));
			const named = expected[0];
			expect(first.results[0].name).toBe(`${named.company ?? `${named.first_name} ${named.last_name}`} (${named.email ?? named.mobile_number})`);
			expect(first.paginationToken).toBe('2');
			const second = await harness.listSearch({ type: TYPE, method: 'searchCustomers', paginationToken: first.paginationToken });
			expect(second.results.map((r) => r.value)).toEqual(expected.slice(50).map((c) => c.id));
			expect(second.paginationToken).toBeUndefined();
			sim.server.clearLog();
			const found = await harness.listSearch({ type: TYPE, method: 'searchCustomers', filter: 'Person 17' });
			expect(found.results.map((r) => r.value)).toEqual(['cus_extra17']);
			expect(sim.requests[0].query).toMatchObject({ q: 'Person 17', page: '1' });
			const none = await harness.listSearch({ type: TYPE, method: 'searchCustomers', filter: 'no such customer anywhere' });
			expect(none).toEqual({ results: [], paginationToken: undefined });
		} finally {
			sim.customers.splice(extra);
		}
	});

	it("addresses: the chosen customer's, given as a locator or as the plain ID of an older workflow; searched here", async () => {
		const customer = sim.customers.find((c) => c.addresses.length === 2) as (typeof sim.customers)[number];
		for (const customerId of [{ __rl: true, mode: 'list', value: customer.id }, customer.id]) {
			const list = await harness.listSearch({ type: TYPE, method: 'searchCustomerAddresses', parameters: { resource: 'job', operation: 'create', customerId } });
			expect(list.results.map((r) => r.value)).toEqual(customer.addresses.map((a) => a.id));
		}
		const second = customer.addresses[1];
		expect(sim.requests[0].path).toBe(`/customers/${customer.id}/addresses`);
		const found = await harness.listSearch({ type: TYPE, method: 'searchCustomerAddresses', filter: String(second.street).toLowerCase(), parameters: { operation: 'create', customerId: customer.id } });
		expect(found.results).toEqual([{ name: `${second.street}, ${second.city}, ${second.state} ${second.zip} (${second.type})`, value: second.id, url: undefined }]);
		const none = await harness.listSearch({ type: TYPE, method: 'searchCustomerAddresses', filter: 'nowhere street', parameters: { operation: 'create', customerId: customer.id } });
		expect(none.results).toEqual([]);
		await expect(harness.listSearch({ type: TYPE, method: 'searchCustomerAddresses', parameters: { operation: 'create' } })).rejects.toThrow('Choose the customer first');
	});

	it('the pickers show the API error', async () => {
		sim.server.injectFault({ method: 'GET', path: '/customers' }, { status: 500, body: { message: 'Internal error' } }, 10);
		await expect(harness.listSearch({ type: TYPE, method: 'searchCustomers' })).rejects.toThrow(/Internal error|500/);
		sim.server.clearFaults();
		await expect(
			harness.listSearch({ type: TYPE, method: 'searchCustomerAddresses', parameters: { operation: 'create', customerId: 'cus_unknown' } }),
		).rejects.toMatchObject({ httpCode: '404' });
	});

	it('employees for the multi-selects: every employee by name, with role and email', async () => {
		const options = await harness.loadOptions({ type: TYPE, method: 'getEmployees' });
		const expected = [...sim.employees].map((e) => `${e.first_name} ${e.last_name}`).sort((a, b) => a.localeCompare(b));
		expect(options.map((o) => o.name)).toEqual(expected);
		const first = sim.employees[0];
		expect(options.find((o) => o.value === first.id)?.description).toBe(`${first.role}, ${first.email}`);
	});

	it('Create and the filters read a picked record and the plain IDs that older workflows saved', async () => {
		const customer = sim.customers[0];
		const address = customer.addresses[0];
		for (const [customerId, addressId] of [
			[customer.id, address.id],
			[{ __rl: true, mode: 'list', value: customer.id }, { __rl: true, mode: 'id', value: ` ${address.id} ` }],
		]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', customerId, addressId, additionalFields: { assignedEmployeeIds: `${sim.employees[0].id}, ${sim.employees[1].id}` } });
			expect(created.status).toBe('success');
			expect(sim.requests[0].body).toMatchObject({ customer_id: customer.id, address_id: address.id, assigned_employee_ids: [sim.employees[0].id, sim.employees[1].id] });
		}
		for (const filter of [customer.id, { __rl: true, mode: 'list', value: customer.id }]) {
			sim.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 5, filters: { customerId: filter, employeeIds: [sim.employees[0].id] } });
			expect(listed.status).toBe('success');
			expect(listRequests()[0].query).toMatchObject({ customer_id: customer.id, employee_ids: [sim.employees[0].id] });
		}
		const unset = await run({ operation: 'getAll', limit: 1, filters: { customerId: { __rl: true, mode: 'list', value: '' } } });
		expect(unset.status).toBe('success');
		expect(listRequests().slice(-1)[0].query).not.toHaveProperty('customer_id');
		const bad = await run({ operation: 'create', customerId: { __rl: true, mode: 'id', value: 'cus 1' }, addressId: address.id }, { continueOnFail: true });
		// By ID is checked by n8n before the run; a plain string of an older workflow by the reader, before any request.
		expect(bad.error?.message).toContain('Not a valid customer ID');
		sim.server.clearLog();
		const oldBad = await run({ operation: 'create', customerId: 'cus 1', addressId: address.id }, { continueOnFail: true });
		expect(oldBad.items[0].json.error).toContain("'Customer' is not a valid ID");
		expect(sim.requests).toHaveLength(0);
	});
});
