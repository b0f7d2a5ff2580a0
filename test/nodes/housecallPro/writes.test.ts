/** Housecall Pro node: Create; Update; Change Status; pickers; sandbox example workflow; Simplify. Setup and helpers: ./context.ts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { INodeParameters } from 'n8n-workflow';
import schema from '../../../nodes/shared/job.schema.json';
import { type HcpJob } from '../../../tooling/simulators/housecallPro';
import {
	TYPE,
	sim,
	harness,
	appHarness,
	run,
	byId,
	scheduleAt,
	ids,
	wire,
	ms,
	allJobs,
	oldestFirst,
	newestFirst,
	firstJob,
} from './context';

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
		const file = join(__dirname, '../../../scripts/demo/workflows/housecallPro-follow-up-unscheduled.json');
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
