/** Housecall Pro line items, appointments and reference lists. */
import type { RecordedRequest } from '../server';
import { freshId, isoSeconds } from './catalog';
import { type ApiResult, badRequest, errorMessage, errorString, FieldErrors, isRecord, railsArray, toMs } from './errors';
import { HcpJobActions } from './jobActions';
import type { Caller } from './store';
import type { HcpAppointment, HcpJob, HcpLineItem, HcpPipelineStatus, HcpResourceType } from './types';

export abstract class HcpSubResources extends HcpJobActions {
	// ----- line items --------------------------------------------------------------------------------------

	protected lineItemList(req: RecordedRequest, job: HcpJob): ApiResult {
		return { status: 200, body: { url: `${req.path}`, data: this.extrasOf(job).line_items } };
	}

	protected saveLineItems(job: HcpJob, items: HcpLineItem[], nowMs: number): HcpLineItem[] {
		const extras = this.extrasOf(job);
		const { job: priced, items: stored } = this.withLineItems(job, items, extras.amount_paid);
		this.write(priced, nowMs, { line_items: stored });
		return stored;
	}

	protected addLineItem(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		const existing = this.extrasOf(job).line_items;
		const item = this.lineItemFrom(body, existing.length, 'line_item', errors);
		if (errors.any || !item) return this.lineItemErrors(errors);
		const stored = this.saveLineItems(job, [...existing, item], nowMs);
		return { status: 201, body: stored[stored.length - 1] };
	}

	/** Line-item validation errors: 400 `{"message": "...", "attr": ["..."]}` (the OpenAPI's 400 for line items). */
	protected lineItemErrors(errors: FieldErrors): ApiResult {
		const body: Record<string, unknown> = {};
		const sentences: string[] = [];
		for (const [field, messages] of Object.entries(errors.errors)) {
			const attr = field.replace(/^line_items?(\[\d+\])?\./, '');
			body[attr] = messages;
			sentences.push(...messages.map((m) => `${attr.charAt(0).toUpperCase()}${attr.slice(1).replace(/_/g, ' ')} ${m}`));
		}
		return { status: 400, body: { message: sentences.join(', '), ...body } };
	}

	protected updateLineItem(req: RecordedRequest, job: HcpJob, id: string, nowMs: number): ApiResult {
		const existing = this.extrasOf(job).line_items;
		const index = existing.findIndex((li) => li.id === id);
		if (index < 0) return { status: 404, body: {} };
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		const item = this.lineItemFrom(body, index, 'line_item', errors, existing[index]);
		if (errors.any || !item) return this.lineItemErrors(errors);
		const next = [...existing];
		next[index] = item;
		const stored = this.saveLineItems(job, next, nowMs);
		return { status: 200, body: stored[index] };
	}

	protected deleteLineItem(job: HcpJob, id: string, nowMs: number): ApiResult {
		const existing = this.extrasOf(job).line_items;
		if (!existing.some((li) => li.id === id)) return { status: 404, body: {} };
		this.saveLineItems(job, existing.filter((li) => li.id !== id), nowMs);
		return { status: 200, body: { id, deleted: true } };
	}

	protected bulkLineItems(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		if (!Array.isArray(body.line_items)) {
			errors.add('line_items', body.line_items === undefined ? 'is missing' : 'must be an array');
			return errors.response();
		}
		const append = body.append_line_items ?? false;
		if (typeof append !== 'boolean') {
			errors.add('append_line_items', 'must be a boolean');
			return errors.response();
		}
		const existing = this.extrasOf(job).line_items;
		const result: HcpLineItem[] = [];
		const touched = new Set<string>();
		body.line_items.forEach((raw, i) => {
			const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
			const base = id === undefined ? undefined : existing.find((li) => li.id === id);
			if (id !== undefined && !base) {
				errors.add(`line_items[${i}].id`, 'not found');
				return;
			}
			const item = this.lineItemFrom(raw, i, `line_items[${i}]`, errors, base);
			if (item) {
				result.push(item);
				touched.add(item.id);
			}
		});
		if (errors.any) return errors.response();
		// Documented: without append_line_items, existing items not in the request are deleted.
		const kept = append ? existing.filter((li) => !touched.has(li.id)) : [];
		const stored = this.saveLineItems(job, [...kept, ...result], nowMs);
		return { status: 200, body: { url: req.path.replace(/\/bulk_update$/, ''), data: stored } };
	}

	// ----- appointments (Company API Key only; the job's schedule follows them, see writeAppointments) -------------

	protected appointmentFrom(body: Record<string, unknown>, job: HcpJob, errors: FieldErrors, base?: HcpAppointment): HcpAppointment | undefined {
		const required = (field: string): boolean => {
			if (body[field] !== undefined) return true;
			if (!base) errors.add(field, 'is missing');
			return false;
		};
		const start = required('start_time') ? this.readTime(body.start_time, 'start_time', errors) : base ? toMs(base.start_time) : undefined;
		const end = required('end_time') ? this.readTime(body.end_time, 'end_time', errors) : base ? toMs(base.end_time) : undefined;
		let pros = base?.dispatched_employees_ids ?? [];
		if (required('dispatched_employees_ids')) pros = (this.employeesById(body.dispatched_employees_ids, 'dispatched_employees_ids', errors, job.company_id) ?? []).map((e) => e.id);
		const window = body.arrival_window_minutes === undefined ? (base?.arrival_window_minutes ?? 0) : this.readMinutes(body.arrival_window_minutes, 'arrival_window_minutes', errors);
		if (start !== undefined && end !== undefined && end < start) errors.add('end_time', 'must be after start_time');
		if (errors.any || start === undefined || end === undefined) return undefined;
		return {
			id: base?.id ?? freshId('appt_'),
			start_date: isoSeconds(start).slice(0, 10),
			start_time: isoSeconds(start),
			end_time: isoSeconds(end),
			anytime: false,
			arrival_window_minutes: window ?? 0,
			dispatched_employees_ids: pros,
		};
	}

	protected createAppointment(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		const appointment = this.appointmentFrom(body, job, errors);
		if (!appointment) return errors.response();
		this.writeAppointments(job, [...this.extrasOf(job).appointments, appointment], nowMs);
		return { status: 201, body: appointment };
	}

	protected updateAppointment(req: RecordedRequest, job: HcpJob, id: string, nowMs: number): ApiResult {
		const existing = this.extrasOf(job).appointments;
		const index = existing.findIndex((a) => a.id === id);
		if (index < 0) return errorMessage(404, 'appointment not found');
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		const appointment = this.appointmentFrom(body, job, errors, existing[index]);
		if (!appointment) return errors.response();
		const next = [...existing];
		next[index] = appointment;
		this.writeAppointments(job, next, nowMs);
		return { status: 200, body: appointment };
	}

	protected deleteAppointment(job: HcpJob, id: string, nowMs: number): ApiResult {
		const existing = this.extrasOf(job).appointments;
		if (!existing.some((a) => a.id === id)) return errorMessage(404, 'appointment not found');
		this.writeAppointments(job, existing.filter((a) => a.id !== id), nowMs);
		return { status: 200, body: {} };
	}

	/**
	 * UNDOCUMENTED (inferred from the help center: a job with appointments cannot be unscheduled until
	 * they are deleted, https://help.housecallpro.com/en/articles/2865052-unschedule-vs-cancel-vs-delete):
	 * the job's schedule spans its appointments; the first one makes a `needs scheduling` job
	 * `scheduled`, deleting the last one makes a `scheduled` job `needs scheduling` again.
	 */
	protected writeAppointments(job: HcpJob, appointments: HcpAppointment[], nowMs: number): void {
		if (!appointments.length) {
			const unscheduled = job.work_status === 'scheduled';
			this.write(
				unscheduled ? { ...job, schedule: { scheduled_start: null, scheduled_end: null, arrival_window: 0 }, work_status: 'needs scheduling' } : job,
				nowMs,
				{ appointments },
			);
			return;
		}
		const starts = appointments.map((a) => toMs(a.start_time));
		const ends = appointments.map((a) => toMs(a.end_time));
		const first = appointments[starts.indexOf(Math.min(...starts))];
		this.write(
			{
				...job,
				schedule: { scheduled_start: isoSeconds(Math.min(...starts)), scheduled_end: isoSeconds(Math.max(...ends)), arrival_window: first.arrival_window_minutes },
				work_status: job.work_status === 'needs scheduling' ? 'scheduled' : job.work_status,
			},
			nowMs,
			{ appointments },
		);
	}

	// ----- reference lists -----------------------------------------------------------------------------------

	protected listEmployees(req: RecordedRequest, caller: Caller): ApiResult {
		const locations = caller.companyId !== undefined ? null : railsArray(req.query.location_ids);
		if (locations === undefined) return this.paged(req, 'employees', []);
		const wanted = locations && locations.filter((l) => l !== '').length ? new Set(locations) : null;
		const direction = req.query.sort_direction ?? 'desc';
		if (direction !== 'asc' && direction !== 'desc') return badRequest('sort_direction', 'does not have a valid value (allowed: asc, desc)');
		const sign = direction === 'asc' ? 1 : -1;
		const list = this.employees
			.filter((e) => caller.visibleCompanies.has(e.company_id) && (!wanted || wanted.has(e.company_id)))
			.sort((a, b) => sign * (toMs(a.created_at) - toMs(b.created_at) || (a.id < b.id ? -1 : 1)));
		return this.paged(req, 'employees', list);
	}

	protected listCustomers(req: RecordedRequest, caller: Caller): ApiResult {
		const q = typeof req.query.q === 'string' ? req.query.q.trim().toLowerCase() : '';
		const list = this.customers
			.filter((c) => caller.visibleCompanies.has(c.company_id))
			.filter((c) => {
				if (!q) return true;
				const text = [c.first_name, c.last_name, c.email, c.mobile_number, c.company, ...c.addresses.map((a) => `${a.street} ${a.city}`)].join(' ').toLowerCase();
				return text.includes(q);
			})
			.sort((a, b) => toMs(b.created_at) - toMs(a.created_at) || (a.id < b.id ? 1 : -1));
		return this.paged(req, 'customers', list);
	}

	protected resourceType(value: unknown): HcpResourceType | undefined {
		return value === 'job' || value === 'lead' || value === 'estimate' ? value : undefined;
	}

	protected listPipeline(req: RecordedRequest): ApiResult {
		const type = this.resourceType(req.query.resource_type);
		if (!type) return badRequest('resource_type', req.query.resource_type === undefined ? 'is missing' : 'does not have a valid value (allowed: lead, job, estimate)');
		const statuses: HcpPipelineStatus[] = this.pipelineEnabled
			? [...this.pipeline[type]].sort((a, b) => a.order - b.order).map(({ id, name, status_type }) => ({ id, name, status_type }))
			: [];
		return this.paged(req, 'statuses', statuses);
	}

	protected movePipeline(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		const type = this.resourceType(body.resource_type);
		if (!type) errors.add('resource_type', body.resource_type === undefined ? 'is missing' : 'must be one of: lead, job, estimate');
		if (typeof body.resource_id !== 'string' || body.resource_id === '') errors.add('resource_id', 'is missing');
		if (typeof body.status_id !== 'string' || body.status_id === '') errors.add('status_id', 'is missing');
		if (errors.any || !type) return errors.response();
		const target = this.pipelineEnabled ? this.pipeline[type].find((s) => s.id === body.status_id) : undefined;
		if (!target) return errorString(404, 'Pipeline status not found');
		if (type !== 'job') return errorString(404, `${type} not found`); // only jobs are simulated
		const job = this.visibleJob(body.resource_id as string, caller);
		if (!job) return errorString(404, 'job not found');
		const currentId = this.extrasOf(job).pipeline_status_id;
		const current = currentId ? this.pipeline.job.find((s) => s.id === currentId) : undefined;
		if (current && target.order < current.order) {
			return errorString(422, `Pipeline status can only move forward (from "${current.name}" to a status of equal or higher order)`);
		}
		this.write(job, nowMs, { pipeline_status_id: target.id });
		return { status: 200, body: { status_id: target.id, resource_id: job.id, resource_type: 'job', name: target.name } };
	}
}
