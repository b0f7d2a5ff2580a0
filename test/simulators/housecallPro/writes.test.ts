/** Housecall Pro simulator: writes. Setup and helpers: ./context.ts. */
import {
	HousecallProSimulator,
	type HcpEmployee,
	type HcpJob,
	type HcpLineItem,
	type HcpWorkStatus,
} from '../../../tooling/simulators/housecallPro';
import { COMPANY_KEY, APP_KEY, T0, CMP_A, CMP_B, JobList, call, ids } from './context';

describe('Housecall Pro simulator: writes', () => {
	let clock = T0;
	const sim = new HousecallProSimulator({ jobCount: 60, now: () => new Date(clock) });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());
	const tick = (): string => {
		clock += 60_000;
		return new Date(clock).toISOString();
	};
	const firstWith = (status: HcpWorkStatus, extra: (j: HcpJob) => boolean = () => true): HcpJob => {
		const job = [...sim.jobs.values()].find((j) => j.work_status === status && sim.getExtras(j.id)!.appointments.length < 2 && extra(j));
		if (!job) throw new Error(`no ${status} job in the data`);
		return job;
	};
	const techOf = (company: string): HcpEmployee[] => sim.employees.filter((e) => e.company_id === company);

	test('POST /jobs creates a job (201, full job, cents, needs scheduling) that lists first', async () => {
		const customer = sim.customers[0];
		const address = customer.addresses[0];
		const tech = techOf(customer.company_id)[0];
		const maxInvoice = Math.max(...[...sim.jobs.values()].filter((j) => j.company_id === customer.company_id).map((j) => Number(j.invoice_number)));
		const now = tick();
		const r = await call<HcpJob>(base, 'POST', '/jobs', {
			body: {
				customer_id: customer.id,
				address_id: address.id,
				assigned_employee_ids: [tech.id],
				tags: ['Warranty'],
				lead_source: 'Google',
				notes: 'Gate code 1234',
				line_items: [
					{ name: 'Labor', unit_price: 12_500, quantity: 2 },
					{ name: 'Part', unit_price: 999, quantity: 1.5, kind: 'materials' },
					{ name: 'Coupon', unit_price: 1_000, quantity: 1, kind: 'fixed discount' },
				],
				job_fields: { job_type_id: sim.jobTypes[1].id },
			},
		});
		expect(r.status).toBe(201);
		const expectedTotal = 25_000 + Math.round(999 * 1.5) - 1_000;
		expect(r.body).toMatchObject({
			invoice_number: String(maxInvoice + 1),
			work_status: 'needs scheduling',
			customer: { id: customer.id },
			address: { id: address.id },
			total_amount: expectedTotal,
			outstanding_balance: expectedTotal,
			tags: ['Warranty'],
			lead_source: 'Google',
			created_at: now,
			updated_at: now,
			job_fields: { job_type: sim.jobTypes[1] },
			schedule: { scheduled_start: null, scheduled_end: null },
		});
		expect(r.body.id).toMatch(/^job_[0-9a-f]{32}$/);
		expect(r.body.assigned_employees.map((e) => e.id)).toEqual([tech.id]);
		expect(r.body.notes.map((n) => n.content)).toEqual(['Gate code 1234']);
		const list = await call<JobList>(base, 'GET', '/jobs?page_size=1');
		expect(ids(list.body)).toEqual([r.body.id]);
		expect((await call<HcpJob>(base, 'GET', `/jobs/${r.body.id}`)).body).toEqual(r.body);
	});

	test('POST /jobs with a schedule is scheduled; bad bodies get the documented error shapes', async () => {
		const customer = sim.customers[1];
		const ok = await call<HcpJob>(base, 'POST', '/jobs', {
			body: { customer_id: customer.id, address_id: customer.addresses[0].id, invoice_number: 77_001, schedule: { scheduled_start: '2026-03-20T15:00:00Z', scheduled_end: '2026-03-20T17:00:00Z', arrival_window: 60 } },
		});
		expect(ok.status).toBe(201);
		expect(ok.body).toMatchObject({ invoice_number: '77001', work_status: 'scheduled', schedule: { scheduled_start: '2026-03-20T15:00:00Z', scheduled_end: '2026-03-20T17:00:00Z', arrival_window: 60 } });

		const missing = await call(base, 'POST', '/jobs', { body: {} });
		expect(missing).toMatchObject({ status: 422, body: { errors: { customer_id: [expect.any(String)], address_id: [expect.any(String)] } } });
		const unknown = await call(base, 'POST', '/jobs', { body: { customer_id: 'cus_nope', address_id: 'adr_nope' } });
		expect(unknown).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
		const wrongAddress = await call(base, 'POST', '/jobs', { body: { customer_id: customer.id, address_id: sim.customers[2].addresses[0].id } });
		expect(wrongAddress).toMatchObject({ status: 422, body: { errors: { address_id: [expect.any(String)] } } });
		const dup = await call(base, 'POST', '/jobs', { body: { customer_id: customer.id, address_id: customer.addresses[0].id, invoice_number: 77_001 } });
		expect(dup).toMatchObject({ status: 422, body: { errors: { invoice_number: ['has already been taken'] } } });
		const anytime = await call(base, 'POST', '/jobs', { body: { customer_id: customer.id, address_id: customer.addresses[0].id, schedule: { anytime: true } } });
		expect(anytime).toMatchObject({ status: 422, body: { errors: { 'schedule.anytime_start_date': [expect.any(String)] } } });
		const notJson = await call(base, 'POST', '/jobs', { rawBody: '{oops', headers: { 'Content-Type': 'application/json' } });
		expect(notJson.status).toBe(400);
		expect(typeof notJson.body.message).toBe('string');
	});

	test('PUT /jobs/{id}/schedule (Application key): needs scheduling → scheduled, response shape, updated_at', async () => {
		const job = firstWith('needs scheduling');
		const pro = techOf(job.company_id)[0];
		const now = tick();
		const r = await call(base, 'PUT', `/jobs/${job.id}/schedule`, {
			key: APP_KEY,
			body: { start_time: '2026-03-21T14:00:00Z', end_time: '2026-03-21T16:00:00Z', arrival_window_in_minutes: 120, notify: false, dispatched_employees: [{ employee_id: pro.id }] },
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ start_time: '2026-03-21T14:00:00Z', end_time: '2026-03-21T16:00:00Z', arrival_window_minutes: 120 });
		expect((r.body.assigned_employees as HcpEmployee[]).map((e) => e.id)).toEqual([pro.id]);
		const after = sim.getJob(job.id)!;
		expect(after).toMatchObject({ work_status: 'scheduled', updated_at: now, schedule: { scheduled_start: '2026-03-21T14:00:00Z', arrival_window: 120 } });
		// An offset-less time is read as UTC and written back with Z.
		const again = await call(base, 'PUT', `/jobs/${job.id}/schedule`, { key: APP_KEY, body: { start_time: '2026-03-22T09:30:00' } });
		expect(again.body).toMatchObject({ start_time: '2026-03-22T09:30:00Z', end_time: '2026-03-22T10:30:00Z' });
	});

	test('schedule rules: start_time required; completed, canceled, archived and multi-appointment jobs refused', async () => {
		const open = firstWith('scheduled');
		expect(await call(base, 'PUT', `/jobs/${open.id}/schedule`, { key: APP_KEY, body: {} })).toMatchObject({ status: 422, body: { errors: { start_time: [expect.any(String)] } } });
		const body = { start_time: '2026-03-25T14:00:00Z' };
		for (const [status, text] of [
			['complete rated', 'completed'],
			['user canceled', 'canceled'],
			['pro canceled', 'archived'],
		] as const) {
			const job = firstWith(status);
			const before = sim.getJob(job.id);
			const r = await call<{ error: { message: string } }>(base, 'PUT', `/jobs/${job.id}/schedule`, { key: APP_KEY, body });
			expect(r.status).toBe(422);
			expect(r.body.error.message).toContain(text);
			expect(sim.getJob(job.id)).toBe(before);
		}
		const multi = firstWith('scheduled');
		const appt = (id: string) => ({ id, start_date: '2026-03-26', start_time: '2026-03-26T14:00:00Z', end_time: '2026-03-26T15:00:00Z', anytime: false, arrival_window_minutes: 0, dispatched_employees_ids: [] });
		sim.putJob(multi, { appointments: [appt('appt_a'), appt('appt_b')] });
		const r = await call<{ error: { message: string } }>(base, 'PUT', `/jobs/${multi.id}/schedule`, { key: APP_KEY, body });
		expect(r.status).toBe(422);
		expect(r.body.error.message).toMatch(/appointment/);
		expect(await call(base, 'PUT', '/jobs/job_missing/schedule', { key: APP_KEY, body })).toMatchObject({ status: 404, body: { error: { message: 'job not found' } } });
	});

	test('DELETE /jobs/{id}/schedule: scheduled → needs scheduling; refused for a job in progress', async () => {
		const job = firstWith('scheduled');
		const now = tick();
		const r = await call(base, 'DELETE', `/jobs/${job.id}/schedule`, { key: APP_KEY });
		expect(r).toMatchObject({ status: 200, body: { object: 'schedule', deleted: true } });
		expect(sim.getJob(job.id)).toMatchObject({ work_status: 'needs scheduling', updated_at: now, schedule: { scheduled_start: null, scheduled_end: null } });
		const running = firstWith('in progress');
		const refused = await call(base, 'DELETE', `/jobs/${running.id}/schedule`, { key: APP_KEY });
		expect(refused).toMatchObject({ status: 422, body: { error: { message: expect.any(String) } } });
	});

	test('PUT /jobs/{id}/dispatch replaces the assigned pros; missing or unknown pros → 422', async () => {
		const job = firstWith('scheduled');
		const pros = techOf(job.company_id).slice(0, 2).map((e) => e.id);
		const r = await call<{ assigned_employees: HcpEmployee[] }>(base, 'PUT', `/jobs/${job.id}/dispatch`, { key: APP_KEY, body: { dispatched_employees: pros.map((employee_id) => ({ employee_id })) } });
		expect(r.status).toBe(200);
		expect(r.body.assigned_employees.map((e) => e.id)).toEqual(pros);
		expect(sim.getJob(job.id)!.assigned_employees.map((e) => e.id)).toEqual(pros);
		expect(await call(base, 'PUT', `/jobs/${job.id}/dispatch`, { key: APP_KEY, body: {} })).toMatchObject({ status: 422, body: { errors: { dispatched_employees: [expect.any(String)] } } });
		expect(await call(base, 'PUT', `/jobs/${job.id}/dispatch`, { key: APP_KEY, body: { dispatched_employees: [{ employee_id: 'pro_nope' }] } })).toMatchObject({
			status: 422,
			body: { errors: { dispatched_employees: [expect.stringContaining('pro_nope')] } },
		});
	});

	test('notes: add (201 {id, content}), delete, errors', async () => {
		const job = firstWith('complete unrated');
		const before = job.notes.length;
		const now = tick();
		const r = await call<{ id: string; content: string }>(base, 'POST', `/jobs/${job.id}/notes`, { body: { content: 'Customer paid by check' } });
		expect(r.status).toBe(201);
		expect(r.body).toEqual({ id: expect.stringMatching(/^nte_/), content: 'Customer paid by check' });
		const after = (await call<HcpJob>(base, 'GET', `/jobs/${job.id}`)).body;
		expect(after.notes).toHaveLength(before + 1);
		expect(after.updated_at).toBe(now);
		expect((await call(base, 'DELETE', `/jobs/${job.id}/notes/${r.body.id}`)).status).toBe(200);
		expect(sim.getJob(job.id)!.notes.some((n) => n.id === r.body.id)).toBe(false);
		expect(await call(base, 'DELETE', `/jobs/${job.id}/notes/nte_nope`)).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
		expect(await call(base, 'POST', `/jobs/${job.id}/notes`, { body: {} })).toMatchObject({ status: 422, body: { errors: { content: [expect.any(String)] } } });
		expect(await call(base, 'POST', '/jobs/job_nope/notes', { body: { content: 'x' } })).toMatchObject({ status: 404, body: { error: { message: 'job not found' } } });
	});

	test('tags: GET /tags, add (201 {tags}), remove, unknown tag → 404', async () => {
		const list = await call<{ tags: Array<{ id: string; name: string }>; total_items: number }>(base, 'GET', '/tags?page_size=50');
		expect(list.status).toBe(200);
		expect(list.body.total_items).toBe(sim.tags.length);
		const job = firstWith('scheduled', (j) => j.tags.length === 0);
		const tag = list.body.tags[2];
		const r = await call<{ tags: Array<{ id: string; name: string }> }>(base, 'POST', `/jobs/${job.id}/tags`, { body: { tag_id: tag.id } });
		expect(r.status).toBe(201);
		expect(r.body.tags).toEqual([tag]);
		expect(sim.getJob(job.id)!.tags).toEqual([tag.name]);
		expect(await call(base, 'POST', `/jobs/${job.id}/tags`, { body: { tag_id: 'tag_nope' } })).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
		const removed = await call<{ tags: unknown[] }>(base, 'DELETE', `/jobs/${job.id}/tags/${tag.id}`);
		expect(removed).toMatchObject({ status: 200, body: { tags: [] } });
		expect(sim.getJob(job.id)!.tags).toEqual([]);
	});

	test('line items: list, add, update, delete, bulk update; totals in cents follow', async () => {
		const job = firstWith('scheduled');
		const paid = sim.getExtras(job.id)!.amount_paid;
		const existing = (await call<{ data: HcpLineItem[] }>(base, 'GET', `/jobs/${job.id}/line_items`)).body.data;
		expect(existing.map((li) => li.id)).toEqual(sim.getExtras(job.id)!.line_items.map((li) => li.id));
		const sumOf = (items: HcpLineItem[]): number => items.reduce((s, li) => s + li.amount, 0);

		const added = await call<HcpLineItem>(base, 'POST', `/jobs/${job.id}/line_items`, { body: { name: 'Extra hour', unit_price: 15_000, quantity: 1.25, unit_cost: 5_000 } });
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ name: 'Extra hour', amount: 18_750, kind: 'labor', taxable: true, order_index: existing.length });
		let job2 = sim.getJob(job.id)!;
		expect(job2.total_amount).toBe(sumOf(existing) + 18_750);
		expect(job2.outstanding_balance).toBe(Math.max(0, job2.total_amount - paid));

		const updated = await call<HcpLineItem>(base, 'PUT', `/jobs/${job.id}/line_items/${added.body.id}`, { body: { quantity: 2 } });
		expect(updated.body).toMatchObject({ id: added.body.id, name: 'Extra hour', amount: 30_000 });
		const invalid = await call<Record<string, unknown>>(base, 'PUT', `/jobs/${job.id}/line_items/${added.body.id}`, { body: { name: '' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body).toMatchObject({ message: expect.any(String), name: [expect.any(String)] });
		expect((await call(base, 'PUT', `/jobs/${job.id}/line_items/lit_nope`, { body: { name: 'x' } })).status).toBe(404);

		expect(await call(base, 'DELETE', `/jobs/${job.id}/line_items/${added.body.id}`)).toMatchObject({ status: 200, body: { id: added.body.id, deleted: true } });
		expect(sim.getJob(job.id)!.total_amount).toBe(sumOf(existing));

		const appended = await call<{ data: HcpLineItem[] }>(base, 'PUT', `/jobs/${job.id}/line_items/bulk_update`, {
			body: { append_line_items: true, line_items: [{ name: 'Permit', unit_price: 5_000 }, { id: existing[0].id, name: existing[0].name, quantity: 3 }] },
		});
		expect(appended.status).toBe(200);
		expect(appended.body.data.map((li) => li.name)).toEqual([...existing.slice(1).map((li) => li.name), 'Permit', existing[0].name]);
		const replaced = await call<{ data: HcpLineItem[] }>(base, 'PUT', `/jobs/${job.id}/line_items/bulk_update`, { body: { line_items: [{ name: 'Flat rate', unit_price: 40_000 }, { name: '10% off', kind: 'percent discount', unit_price: 10 }] } });
		expect(replaced.body.data.map((li) => li.amount)).toEqual([40_000, -4_000]);
		job2 = sim.getJob(job.id)!;
		expect(job2).toMatchObject({ subtotal: 36_000, total_amount: 36_000 });
		expect(await call(base, 'PUT', `/jobs/${job.id}/line_items/bulk_update`, { body: { line_items: [{ id: 'lit_nope', name: 'x' }] } })).toMatchObject({ status: 422, body: { errors: { 'line_items[0].id': [expect.any(String)] } } });
	});

	test('appointments (Company key): create, list, update, delete, validation', async () => {
		const job = firstWith('scheduled');
		const pro = techOf(job.company_id)[0];
		const created = await call<{ id: string; start_time: string; dispatched_employees_ids: string[] }>(base, 'POST', `/jobs/${job.id}/appointments`, {
			body: { start_time: '2026-03-27T14:00:00Z', end_time: '2026-03-27T15:00:00Z', dispatched_employees_ids: [pro.id], arrival_window_minutes: 30 },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ start_time: '2026-03-27T14:00:00Z', dispatched_employees_ids: [pro.id], arrival_window_minutes: 30, start_date: '2026-03-27' });
		const list = await call<{ appointments: Array<{ id: string }> }>(base, 'GET', `/jobs/${job.id}/appointments`);
		expect(list.body.appointments.map((a) => a.id)).toContain(created.body.id);
		const updated = await call(base, 'PUT', `/jobs/${job.id}/appointments/${created.body.id}`, { body: { end_time: '2026-03-27T16:00:00Z' } });
		expect(updated).toMatchObject({ status: 200, body: { end_time: '2026-03-27T16:00:00Z', start_time: '2026-03-27T14:00:00Z' } });
		expect((await call(base, 'DELETE', `/jobs/${job.id}/appointments/${created.body.id}`)).status).toBe(200);
		expect(sim.getExtras(job.id)!.appointments.some((a) => a.id === created.body.id)).toBe(false);
		const missing = await call(base, 'POST', `/jobs/${job.id}/appointments`, { body: { start_time: '2026-03-27T14:00:00Z' } });
		expect(missing).toMatchObject({ status: 422, body: { errors: { end_time: [expect.any(String)], dispatched_employees_ids: [expect.any(String)] } } });
	});

	test('pipeline: list statuses, forward and equal moves, backward refused, unknown status/job → 404 {"error": string}', async () => {
		const list = await call<{ statuses: Array<{ id: string; name: string; status_type: string }>; total_items: number; page_size: number }>(base, 'GET', '/pipeline/statuses?resource_type=job&page_size=50');
		expect(list.status).toBe(200);
		expect(list.body.total_items).toBe(sim.pipeline.job.length);
		expect(Object.keys(list.body.statuses[0]).sort()).toEqual(['id', 'name', 'status_type']);
		const [s0, s1, s2] = list.body.statuses;
		const job = firstWith('scheduled');
		sim.putJob(sim.getJob(job.id)!, { pipeline_status_id: null });
		const move = (status_id: string, resource_id = job.id) => call(base, 'PUT', '/pipeline/statuses', { body: { resource_type: 'job', resource_id, status_id } });
		const now = tick();
		expect(await move(s1.id)).toMatchObject({ status: 200, body: { status_id: s1.id, resource_id: job.id, resource_type: 'job' } });
		expect(sim.getPipelineStatusId(job.id)).toBe(s1.id);
		expect(sim.getJob(job.id)!.updated_at).toBe(now);
		expect((await move(s1.id)).status).toBe(200);
		expect(await move(s0.id)).toMatchObject({ status: 422, body: { error: expect.any(String) } });
		expect(sim.getPipelineStatusId(job.id)).toBe(s1.id);
		expect((await move(s2.id)).status).toBe(200);
		expect(await move('kcs_nope')).toMatchObject({ status: 404, body: { error: expect.any(String) } });
		expect(await move(s2.id, 'job_nope')).toMatchObject({ status: 404, body: { error: expect.any(String) } });
		expect(await call(base, 'PUT', '/pipeline/statuses', { body: { resource_id: job.id } })).toMatchObject({ status: 422, body: { errors: { resource_type: [expect.any(String)], status_id: [expect.any(String)] } } });
		expect((await call(base, 'GET', '/pipeline/statuses')).status).toBe(400);
	});

	test('lock one job / lock by range (Application key), links, attachments', async () => {
		const job = firstWith('complete rated', (j) => j.locked_at === null);
		const now = tick();
		expect((await call(base, 'POST', `/jobs/${job.id}/lock`)).status).toBe(401);
		const locked = await call<HcpJob>(base, 'POST', `/jobs/${job.id}/lock`, { key: APP_KEY });
		expect(locked).toMatchObject({ status: 200, body: { id: job.id, locked_at: now } });
		expect(await call(base, 'POST', '/jobs/job_nope/lock', { key: APP_KEY })).toMatchObject({ status: 404, body: { error: { message: 'job not found' } } });

		expect(await call(base, 'POST', '/jobs/lock', { key: APP_KEY, body: { starting_at: '2026-01-01T00:00:00Z', ending_at: '2026-12-31T00:00:00Z' } })).toMatchObject({
			status: 422,
			body: { error: { message: 'statuses is required' } },
		});
		const from = Date.parse('2026-02-01T00:00:00Z');
		const to = Date.parse('2026-02-15T00:00:00Z');
		const expected = [...sim.jobs.values()]
			.filter((j) => j.work_status.startsWith('complete') && j.work_timestamps.completed_at !== null)
			.filter((j) => Date.parse(j.work_timestamps.completed_at ?? '') >= from && Date.parse(j.work_timestamps.completed_at ?? '') <= to)
			.map((j) => j.id)
			.sort();
		const byRange = await call<{ jobs: Array<{ id: string; locked_at: string }> }>(base, 'POST', '/jobs/lock', {
			key: APP_KEY,
			body: { starting_at: '2026-02-01T00:00:00Z', ending_at: '2026-02-15T00:00:00Z', statuses: ['completed'] },
		});
		expect(byRange.status).toBe(200);
		expect(byRange.body.jobs.map((j) => j.id).sort()).toEqual(expected);
		expect(expected.every((id) => sim.getJob(id)!.locked_at !== null)).toBe(true);

		const link = await call(base, 'POST', `/jobs/${job.id}/links`, { key: APP_KEY, body: { title: 'Permit', url: 'https://city.example/permit/1' } });
		expect(link).toMatchObject({ status: 201, body: { id: expect.any(String), title: 'Permit', url: 'https://city.example/permit/1' } });
		expect(await call(base, 'POST', `/jobs/${job.id}/links`, { key: APP_KEY, body: { title: 'x' } })).toMatchObject({ status: 422, body: { errors: { url: [expect.any(String)] } } });

		const form = new FormData();
		form.append('file', new Blob(['fake image'], { type: 'image/png' }), 'before.png');
		const res = await fetch(`${base}/jobs/${job.id}/attachments`, { method: 'POST', headers: { Authorization: `Token ${COMPANY_KEY}` }, body: form });
		expect(res.status).toBe(202);
		expect(((await res.json()) as { job_url: string }).job_url).toContain(job.id);
		const expanded = await call<HcpJob>(base, 'GET', `/jobs/${job.id}?expand[]=attachments`);
		expect(expanded.body.attachments?.at(-1)).toMatchObject({ file_name: 'before.png', file_type: 'image/png' });
		expect(await call(base, 'POST', `/jobs/${job.id}/attachments`, { body: { file: 'x' } })).toMatchObject({ status: 422, body: { errors: { file: [expect.any(String)] } } });
	});

	test('pipelines off → empty status list with total_pages 0', async () => {
		const off = new HousecallProSimulator({ jobCount: 3, pipelineEnabled: false });
		const url = await off.start();
		try {
			expect((await call(url, 'GET', '/pipeline/statuses?resource_type=job')).body).toEqual({ page: 1, page_size: 10, total_pages: 0, total_items: 0, statuses: [] });
		} finally {
			await off.stop();
		}
	});

	test('reference lists: employees, job types, customers and their addresses, company', async () => {
		const employees = await call<{ employees: HcpEmployee[]; total_items: number; total_pages: number }>(base, 'GET', '/employees?page_size=4');
		expect(employees.body).toMatchObject({ total_items: sim.employees.length, total_pages: Math.ceil(sim.employees.length / 4) });
		expect(employees.body.employees).toHaveLength(4);
		const sortedDesc = [...sim.employees].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)).map((e) => e.id);
		expect(employees.body.employees.map((e) => e.id)).toEqual(sortedDesc.slice(0, 4));
		const inB = await call<{ employees: HcpEmployee[] }>(base, 'GET', '/employees?page_size=50', { headers: { 'X-Company-Id': CMP_B } });
		expect(inB.body.employees.every((e) => e.company_id === CMP_B)).toBe(true);

		const types = await call<{ job_types: Array<{ id: string; name: string }> }>(base, 'GET', '/job_fields/job_types?page_size=50');
		expect(types.body.job_types).toEqual(sim.jobTypes);
		const named = await call<{ job_types: Array<{ name: string }> }>(base, 'GET', '/job_fields/job_types?name=install');
		expect(named.body.job_types.map((t) => t.name)).toEqual(sim.jobTypes.filter((t) => t.name.toLowerCase().includes('install')).map((t) => t.name));

		const customer = sim.customers[3];
		const found = await call<{ customers: Array<{ id: string }> }>(base, 'GET', `/customers?q=${encodeURIComponent(customer.email ?? '')}`);
		expect(found.body.customers.map((c) => c.id)).toEqual([customer.id]);
		expect((await call(base, 'GET', `/customers/${customer.id}`)).body).toEqual(customer);
		const addresses = await call<{ addresses: Array<{ id: string }> }>(base, 'GET', `/customers/${customer.id}/addresses`);
		expect(addresses.body.addresses.map((a) => a.id)).toEqual(customer.addresses.map((a) => a.id));
		expect(await call(base, 'GET', '/customers/cus_nope')).toMatchObject({ status: 404, body: {} });
		expect((await call<{ id: string }>(base, 'GET', '/company')).body.id).toBe(CMP_A);
	});
});
