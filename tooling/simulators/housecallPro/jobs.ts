/** Housecall Pro jobs: list, get and create. */
import { parseJson } from '../kit/body';
import { DAY, HOUR } from '../kit/time';
import type { RecordedRequest } from '../server';
import { freshId, isoMs, isoSeconds } from './catalog';
import { hcpLineItemAmounts, publicCustomer } from './data';
import { type ApiResult, badRequest, DIGITS_RE, errorMessage, FieldErrors, isRecord, parseHcpTime, railsArray, toMs } from './errors';
import { type Caller, emptyExtras, HcpStore } from './store';
import { HCP_LINE_ITEM_KINDS, HCP_SORT_FIELDS, HCP_WORK_STATUS_FILTERS, type HcpEmployee, type HcpJob, type HcpJobType, type HcpLineItem, type HcpLineItemKind, type HcpSchedule, type HcpSortField, type HcpWorkStatus } from './types';

export abstract class HcpJobs extends HcpStore {
	/** `expand` must be an array of known words (a bare string is refused). */
	protected expandParam(req: RecordedRequest): Set<string> | ApiResult {
		const raw = req.query.expand;
		if (raw === undefined) return new Set();
		if (!Array.isArray(raw)) return badRequest('expand', 'must be an array');
		const values = raw.filter((v): v is string => typeof v === 'string' && v !== '');
		for (const v of values) if (v !== 'attachments' && v !== 'appointments') return badRequest('expand', `does not have a valid value: ${v} (allowed: attachments, appointments)`);
		return new Set(values);
	}

	protected render(job: HcpJob, expand: ReadonlySet<string>): HcpJob {
		if (expand.size === 0) return job;
		const extras = this.extrasOf(job);
		const out: HcpJob = { ...job };
		if (expand.has('appointments')) out.schedule = { ...job.schedule, appointments: extras.appointments };
		if (expand.has('attachments')) out.attachments = extras.attachments;
		return out;
	}

	protected getJobRoute(req: RecordedRequest, id: string, caller: Caller): ApiResult {
		const expand = this.expandParam(req);
		if (!(expand instanceof Set)) return expand;
		const job = this.visibleJob(id, caller);
		if (!job) return { status: 404, body: {} }; // documented: 404 with an empty object
		return { status: 200, body: this.render(job, expand) };
	}

	protected listJobsRoute(req: RecordedRequest, caller: Caller): ApiResult {
		const q = req.query;
		const params = this.pageParams(req);
		if ('status' in params) return params;
		const expand = this.expandParam(req);
		if (!(expand instanceof Set)) return expand;
		const sortBy = q.sort_by ?? 'created_at';
		if (typeof sortBy !== 'string' || !(HCP_SORT_FIELDS as readonly string[]).includes(sortBy)) {
			return badRequest('sort_by', `does not have a valid value (allowed: ${HCP_SORT_FIELDS.join(', ')})`);
		}
		const direction = q.sort_direction ?? 'desc';
		if (direction !== 'asc' && direction !== 'desc') return badRequest('sort_direction', 'does not have a valid value (allowed: asc, desc)');
		const dates: Partial<Record<'scheduled_start_min' | 'scheduled_start_max' | 'scheduled_end_min' | 'scheduled_end_max', number>> = {};
		for (const name of ['scheduled_start_min', 'scheduled_start_max', 'scheduled_end_min', 'scheduled_end_max'] as const) {
			const raw = q[name];
			if (raw === undefined || raw === '') continue;
			const ms = typeof raw === 'string' ? parseHcpTime(raw) : undefined;
			if (ms === undefined) return badRequest(name, 'must be an ISO 8601 date-time');
			dates[name] = ms;
		}

		this.onList?.(params.page, req);

		// undefined = "matches nothing" (hash form); null = not given.
		const customer = q.customer_id === undefined || q.customer_id === '' ? null : typeof q.customer_id === 'string' ? q.customer_id : undefined;
		const employees = railsArray(q.employee_ids);
		const franchisees = railsArray(q.franchisee_ids);
		// Documented: location_ids is ignored when X-Company-Id is sent.
		const locations = caller.companyId !== undefined ? null : railsArray(q.location_ids);
		const statusWords = railsArray(q.work_status);
		let statuses: Set<string> | null | undefined = null;
		if (statusWords === undefined) statuses = undefined;
		else if (statusWords !== null) {
			const words = statusWords.filter((w) => w !== '');
			if (words.length > 0) {
				statuses = new Set();
				for (const w of words) for (const s of (HCP_WORK_STATUS_FILTERS as Record<string, readonly HcpWorkStatus[] | undefined>)[w] ?? []) statuses.add(s);
			}
		}
		const nonEmpty = (list: string[] | null | undefined): Set<string> | null | undefined => {
			if (list === undefined) return undefined;
			if (list === null) return null;
			const values = list.filter((v) => v !== '');
			return values.length ? new Set(values) : null;
		};
		const employeeSet = nonEmpty(employees);
		const franchiseeSet = nonEmpty(franchisees);
		const locationSet = nonEmpty(locations);
		if (customer === undefined || employeeSet === undefined || franchiseeSet === undefined || locationSet === undefined || statuses === undefined) {
			return this.envelope('jobs', [], params.page, params.pageSize);
		}
		const hasDates = Object.keys(dates).length > 0;
		// Paging through one filter re-reads the same matches: keep the last result until the store changes.
		const filterKey = JSON.stringify([sortBy, direction, [...caller.visibleCompanies], customer, employeeSet && [...employeeSet], franchiseeSet && [...franchiseeSet], locationSet && [...locationSet], statuses && [...statuses], dates]);
		if (this.filterCache && this.filterCache.version === this.jobs.version && this.filterCache.key === filterKey) {
			return this.listPage(this.filterCache.jobs, params.page, params.pageSize, expand);
		}
		const all = this.sorted(sortBy as HcpSortField, direction);
		const allVisible = caller.visibleCompanies.size >= this.companies.length && this.companies.every((c) => caller.visibleCompanies.has(c.id));
		const unfiltered = allVisible && customer === null && !employeeSet && !franchiseeSet && !locationSet && !statuses && !hasDates;
		const matches = unfiltered
			? all
			: all.filter((job) => {
					if (!caller.visibleCompanies.has(job.company_id)) return false;
					if (customer !== null && job.customer.id !== customer) return false;
					if (statuses && !statuses.has(job.work_status)) return false;
					if (locationSet && !locationSet.has(job.company_id)) return false;
					if (employeeSet && !job.assigned_employees.some((e) => employeeSet.has(e.id))) return false;
					if (franchiseeSet && !franchiseeSet.has(this.extras.get(job.id)?.franchisee_id ?? '')) return false;
					if (hasDates) {
						const start = toMs(job.schedule.scheduled_start);
						const end = toMs(job.schedule.scheduled_end);
						if (dates.scheduled_start_min !== undefined && !(start >= dates.scheduled_start_min)) return false;
						if (dates.scheduled_start_max !== undefined && !(start <= dates.scheduled_start_max)) return false;
						if (dates.scheduled_end_min !== undefined && !(end >= dates.scheduled_end_min)) return false;
						if (dates.scheduled_end_max !== undefined && !(end <= dates.scheduled_end_max)) return false;
					}
					return true;
				});
		this.filterCache = { version: this.jobs.version, key: filterKey, jobs: matches };
		return this.listPage(matches, params.page, params.pageSize, expand);
	}

	protected listPage(matches: readonly HcpJob[], page: number, pageSize: number, expand: ReadonlySet<string>): ApiResult {
		const result = this.envelope('jobs', matches, page, pageSize);
		if (expand.size > 0 && isRecord(result.body)) {
			result.body.jobs = (result.body.jobs as HcpJob[]).map((job) => this.render(job, expand));
		}
		return result;
	}

	// ----- jobs: create ------------------------------------------------------------------------------------

	/** The JSON object body (an empty body reads as `{}`), or a 400. */
	protected jsonBody(req: RecordedRequest): { fields: Record<string, unknown> } | { error: ApiResult } {
		if (req.rawBody.trim() === '') return { fields: {} };
		const parsed = parseJson(req.rawBody);
		if ('invalid' in parsed) return { error: badRequest('body', 'is not valid JSON') };
		if (!isRecord(parsed.value)) return { error: badRequest('body', 'must be a JSON object') };
		return { fields: parsed.value };
	}

	protected readTime(value: unknown, field: string, errors: FieldErrors): number | undefined {
		if (typeof value !== 'string') {
			errors.add(field, 'must be an ISO 8601 date-time');
			return undefined;
		}
		const ms = parseHcpTime(value);
		if (ms === undefined) errors.add(field, 'must be an ISO 8601 date-time');
		return ms;
	}

	protected readMinutes(value: unknown, field: string, errors: FieldErrors): number | undefined {
		const n = typeof value === 'string' && DIGITS_RE.test(value) ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
			errors.add(field, 'must be a non-negative integer (minutes)');
			return undefined;
		}
		return n;
	}

	protected employeesById(ids: unknown, field: string, errors: FieldErrors, companyId: string): HcpEmployee[] | undefined {
		if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
			errors.add(field, 'must be an array of employee ids');
			return undefined;
		}
		const found: HcpEmployee[] = [];
		for (const id of ids) {
			const employee = this.employees.find((e) => e.id === id && e.company_id === companyId);
			if (!employee) errors.add(field, `employee ${id} not found`);
			else if (!found.includes(employee)) found.push(employee);
		}
		return found;
	}

	protected lineItemFrom(raw: unknown, index: number, field: string, errors: FieldErrors, base?: HcpLineItem): HcpLineItem | undefined {
		if (!isRecord(raw)) {
			errors.add(field, 'must be an object');
			return undefined;
		}
		const name = raw.name ?? base?.name;
		if (typeof name !== 'string' || name.trim() === '') errors.add(`${field}.name`, "can't be blank");
		const num = (key: 'unit_price' | 'unit_cost' | 'quantity', fallback: number): number => {
			const v = raw[key];
			if (v === undefined || v === null) return base ? base[key] : fallback;
			if (typeof v !== 'number' || !Number.isFinite(v) || (key !== 'quantity' && v < 0)) {
				errors.add(`${field}.${key}`, 'must be a number');
				return fallback;
			}
			return key === 'quantity' ? Math.round(v * 100) / 100 : v;
		};
		const kind = raw.kind ?? base?.kind ?? 'labor';
		if (typeof kind !== 'string' || !(HCP_LINE_ITEM_KINDS as readonly string[]).includes(kind)) errors.add(`${field}.kind`, `must be one of: ${HCP_LINE_ITEM_KINDS.join(', ')}`);
		const taxable = raw.taxable ?? base?.taxable ?? true;
		if (typeof taxable !== 'boolean') errors.add(`${field}.taxable`, 'must be a boolean');
		const serviceType = raw.service_item_type ?? base?.service_item_type ?? null;
		if (serviceType !== null && serviceType !== 'market_place' && serviceType !== 'organizational' && serviceType !== 'pricebook_material') {
			errors.add(`${field}.service_item_type`, 'must be one of: market_place, organizational, pricebook_material');
		}
		const item: HcpLineItem = {
			id: base?.id ?? freshId('lit_'),
			name: typeof name === 'string' ? name : '',
			description: typeof raw.description === 'string' ? raw.description : (base?.description ?? ''),
			unit_price: num('unit_price', 0),
			unit_cost: num('unit_cost', 0),
			unit_of_measure: typeof raw.unit_of_measure === 'string' ? raw.unit_of_measure : (base?.unit_of_measure ?? 'each'),
			quantity: num('quantity', 1),
			kind: kind as HcpLineItemKind,
			taxable: taxable === true,
			amount: 0,
			order_index: index,
			service_item_id: typeof raw.service_item_id === 'string' ? raw.service_item_id : (base?.service_item_id ?? null),
			service_item_type: serviceType as HcpLineItem['service_item_type'],
		};
		return item;
	}

	/** The job with money fields recomputed from `items` (cents). */
	protected withLineItems(job: HcpJob, items: HcpLineItem[], paid: number): { job: HcpJob; items: HcpLineItem[] } {
		const ordered = items.map((item, i) => ({ ...item, order_index: i }));
		hcpLineItemAmounts(ordered).forEach((amount, i) => (ordered[i].amount = amount));
		const subtotal = ordered.reduce((sum, li) => sum + li.amount, 0);
		return { job: { ...job, subtotal, total_amount: subtotal, outstanding_balance: Math.max(0, subtotal - paid) }, items: ordered };
	}

	protected createJob(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		if (typeof body.customer_id !== 'string' || body.customer_id === '') errors.add('customer_id', 'is missing');
		if (typeof body.address_id !== 'string' || body.address_id === '') errors.add('address_id', 'is missing');
		if (errors.any) return errors.response();
		const customer = this.customers.find((c) => c.id === body.customer_id && caller.visibleCompanies.has(c.company_id));
		if (!customer) return errorMessage(404, 'customer not found');
		const address = customer.addresses.find((a) => a.id === body.address_id);
		if (!address) errors.add('address_id', 'does not belong to the customer');

		let invoiceNumber: string | undefined;
		if (body.invoice_number !== undefined && body.invoice_number !== null) {
			const n = typeof body.invoice_number === 'string' && DIGITS_RE.test(body.invoice_number) ? Number(body.invoice_number) : body.invoice_number;
			if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) errors.add('invoice_number', 'must be a positive integer');
			else if ([...this.jobs.values()].some((j) => j.company_id === customer.company_id && Number(j.invoice_number) === n)) errors.add('invoice_number', 'has already been taken');
			else invoiceNumber = String(n);
		}

		const schedule: HcpSchedule = { scheduled_start: null, scheduled_end: null, arrival_window: 0 };
		if (body.schedule !== undefined && body.schedule !== null) {
			const s = body.schedule;
			if (!isRecord(s)) errors.add('schedule', 'must be an object');
			else {
				const anytime = s.anytime ?? false;
				if (typeof anytime !== 'boolean') errors.add('schedule.anytime', 'must be a boolean');
				let start: number | undefined;
				let end: number | undefined;
				if (anytime === true) {
					const day = typeof s.anytime_start_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.anytime_start_date) ? parseHcpTime(s.anytime_start_date) : undefined;
					if (day === undefined) errors.add('schedule.anytime_start_date', 'is required when anytime is true (YYYY-MM-DD)');
					else {
						start = day;
						end = day + DAY - 1000;
					}
				} else {
					if (s.scheduled_start !== undefined) start = this.readTime(s.scheduled_start, 'schedule.scheduled_start', errors);
					if (s.scheduled_end !== undefined) end = this.readTime(s.scheduled_end, 'schedule.scheduled_end', errors);
					if (end !== undefined && start === undefined) errors.add('schedule.scheduled_start', 'is required with scheduled_end');
					if (start !== undefined && end === undefined) end = start + HOUR;
					if (start !== undefined && end !== undefined && end < start) errors.add('schedule.scheduled_end', 'must be after scheduled_start');
				}
				if (s.arrival_window !== undefined) schedule.arrival_window = this.readMinutes(s.arrival_window, 'schedule.arrival_window', errors) ?? 0;
				if (start !== undefined && end !== undefined) {
					schedule.scheduled_start = isoSeconds(start);
					schedule.scheduled_end = isoSeconds(end);
				}
			}
		}
		const assigned = body.assigned_employee_ids === undefined ? [] : (this.employeesById(body.assigned_employee_ids, 'assigned_employee_ids', errors, customer.company_id) ?? []);
		let tags: string[] = [];
		if (body.tags !== undefined) {
			if (!Array.isArray(body.tags) || !body.tags.every((t): t is string => typeof t === 'string')) errors.add('tags', 'must be an array of strings');
			else tags = [...new Set(body.tags.map((t) => t.trim()).filter((t) => t !== ''))];
		}
		const items: HcpLineItem[] = [];
		if (body.line_items !== undefined) {
			if (!Array.isArray(body.line_items)) errors.add('line_items', 'must be an array');
			else body.line_items.forEach((raw, i) => {
				const item = this.lineItemFrom(raw, i, `line_items[${i}]`, errors);
				if (item) items.push(item);
			});
		}
		for (const field of ['lead_source', 'notes'] as const) {
			if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') errors.add(field, 'must be a string');
		}
		let jobType: HcpJobType | null = null;
		let businessUnit: HcpJobType | null = null;
		if (body.job_fields !== undefined && body.job_fields !== null) {
			const f = body.job_fields;
			if (!isRecord(f)) errors.add('job_fields', 'must be an object');
			else {
				if (f.job_type_id !== undefined && f.job_type_id !== null) {
					jobType = this.jobTypes.find((t) => t.id === f.job_type_id) ?? null;
					if (!jobType) errors.add('job_fields.job_type_id', 'not found');
				}
				if (f.business_unit_id !== undefined && f.business_unit_id !== null) {
					businessUnit = this.businessUnits.find((t) => t.id === f.business_unit_id) ?? null;
					if (!businessUnit) errors.add('job_fields.business_unit_id', 'not found');
				}
			}
		}
		if (errors.any || !address) return errors.response();

		for (const name of tags) if (!this.tags.some((t) => t.name === name)) this.tags.push({ id: freshId('tag_'), name });
		if (invoiceNumber === undefined) {
			let max = 1000;
			for (const j of this.jobs.values()) if (j.company_id === customer.company_id) max = Math.max(max, Number(j.invoice_number) || 0);
			invoiceNumber = String(max + 1);
		}
		const now = isoMs(nowMs);
		const company = this.companies.find((c) => c.id === customer.company_id) ?? this.companies[0];
		const draft: HcpJob = {
			id: freshId('job_'),
			invoice_number: invoiceNumber,
			name: items[0]?.name ?? '',
			description: typeof body.description === 'string' ? body.description : '',
			customer: publicCustomer(customer),
			address: { ...address },
			notes: typeof body.notes === 'string' && body.notes !== '' ? [{ id: freshId('nte_'), content: body.notes }] : [],
			work_status: schedule.scheduled_start ? 'scheduled' : 'needs scheduling',
			work_timestamps: { on_my_way_at: null, started_at: null, completed_at: null },
			schedule,
			total_amount: 0,
			outstanding_balance: 0,
			subtotal: 0,
			assigned_employees: assigned,
			tags,
			original_estimate_id: null,
			original_estimate_uuids: null,
			lead_source: typeof body.lead_source === 'string' ? body.lead_source : null,
			job_fields: { job_type: jobType, business_unit: businessUnit },
			locked_at: null,
			created_at: now,
			updated_at: now,
			canceled_at: null,
			deleted_at: null,
			company_name: company.name,
			company_id: company.id,
		};
		const { job, items: stored } = this.withLineItems(draft, items, 0);
		this.putJob(job, { ...emptyExtras(), line_items: stored });
		return { status: 201, body: job };
	}
}
