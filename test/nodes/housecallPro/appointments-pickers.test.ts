/** Housecall Pro node: Company API Key scheduling through the appointment; record pickers. Setup and helpers: ./context.ts. */
import { type HcpJob } from '../../../tooling/simulators/housecallPro';
import { TYPE, sim, harness, appHarness, run, byId, scheduleAt, listRequests, wire, ms, firstJob } from './context';

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
