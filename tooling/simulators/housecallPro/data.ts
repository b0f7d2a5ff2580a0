/** Housecall Pro demo data: the same seed and reference date give the same records. */
import { ensureEveryValue, statusByAge } from '../kit/history';
import { DAY, HOUR, MINUTE } from '../kit/time';
import { mulberry32 } from '../random';
import { ALL_PERMISSIONS_FALSE, BUSINESS_NAMES, BUSINESS_UNIT_NAMES, CITIES, COMPANIES, EMPLOYEES, FIRST_NAMES, FRANCHISEE_IDS, HCP_REFERENCE_DATE, hexId, isoMs, isoSeconds, JOB_TEMPLATES, JOB_TYPE_NAMES, LAST_NAMES, LEAD_SOURCES, PIPELINE_NAMES, STATUS_BY_AGE, STREETS, TAG_NAMES } from './catalog';
import { HCP_WORK_STATUSES, type HcpAddress, type HcpAppointment, type HcpAttachment, type HcpCustomer, type HcpData, type HcpEmployee, type HcpJob, type HcpJobCustomer, type HcpJobExtras, type HcpJobType, type HcpLineItem, type HcpNote, type HcpPipelineStage, type HcpResourceType, type HcpTag, type HcpWorkStatus } from './types';

/** Amount in cents of each line item (see the header for the discount rules), in order. */
export function hcpLineItemAmounts(items: ReadonlyArray<Pick<HcpLineItem, 'kind' | 'unit_price' | 'quantity'>>): number[] {
	let positive = 0;
	const amounts = items.map((item) => {
		if (item.kind === 'fixed discount') return -Math.round(item.unit_price * item.quantity);
		if (item.kind === 'percent discount') return 0;
		const amount = Math.round(item.unit_price * item.quantity);
		positive += amount;
		return amount;
	});
	items.forEach((item, i) => {
		if (item.kind === 'percent discount') amounts[i] = -Math.round((positive * item.unit_price) / 100);
	});
	return amounts;
}

export function publicCustomer(customer: HcpCustomer): HcpJobCustomer {
	const { addresses: _addresses, notes: _notes, ...rest } = customer;
	return rest;
}

/**
 * Deterministic demo data: 2 companies (locations), 9 employees, 30 customers with 1–2 addresses, tags, job
 * types, business units, pipeline statuses, and `jobCount` jobs created over the 90 days before
 * `referenceDate` (default `HCP_REFERENCE_DATE`). Every work status occurs when `jobCount >= 7`; a few jobs
 * are created in the last 24 hours and a few scheduled for the reference day and the day after.
 */
export function generateHousecallProData(jobCount: number, seed = 1, referenceDate: Date | string = HCP_REFERENCE_DATE): HcpData {
	const rand = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
	const ref = typeof referenceDate === 'string' ? Date.parse(referenceDate) : referenceDate.getTime();
	const refDay = Math.floor(ref / DAY) * DAY;
	const accountStart = ref - 400 * DAY;

	const companies = COMPANIES.map((c) => ({ ...c }));
	const employees: HcpEmployee[] = EMPLOYEES.map((e, i) => {
		const company = companies[e.company];
		const isTech = e.role === 'field tech';
		return {
			id: hexId('pro_', rand),
			first_name: e.first,
			last_name: e.last,
			email: `${e.first.toLowerCase()}.${e.last.toLowerCase()}@bluebonnet.example`,
			mobile_number: `512555${String(1000 + i * 37).slice(-4)}`,
			color_hex: e.color,
			avatar_url: `https://housecall-attachments-production.s3.amazonaws.com/avatars/${e.first.toLowerCase()}.png`,
			role: e.role,
			created_at: isoMs(accountStart + i * 9 * DAY),
			tags: isTech ? ['Technician'] : [],
			permissions: {
				...ALL_PERMISSIONS_FALSE,
				can_add_and_edit_job: true,
				can_be_booked_online: isTech,
				can_call_and_text_with_customers: true,
				can_see_customers: true,
				can_see_full_schedule: !isTech,
				can_see_future_jobs: true,
				can_take_payment_see_prices: true,
				can_see_reporting: e.role === 'admin',
				can_edit_settings: e.role === 'admin',
				is_admin: e.role === 'admin',
				is_point_of_contact: e.role === 'admin',
			},
			company_name: company.name,
			company_id: company.id,
		};
	});
	const techsByCompany = companies.map((c) => employees.filter((e) => e.company_id === c.id && e.role === 'field tech'));

	const customers: HcpCustomer[] = [];
	for (let i = 0; i < 30; i++) {
		const company = companies[i % 3 === 2 ? 1 : 0];
		const first = pick(FIRST_NAMES);
		const last = pick(LAST_NAMES);
		const business = pick(BUSINESS_NAMES);
		const created = isoMs(accountStart + int(0, 300) * DAY + int(0, 86_399) * 1000);
		const addresses: HcpAddress[] = [];
		const count = rand() < 0.25 ? 2 : 1;
		for (let a = 0; a < count; a++) {
			const [city, zipPrefix] = pick(CITIES);
			addresses.push({
				id: hexId('adr_', rand),
				type: 'service',
				street: `${int(100, 9999)} ${pick(STREETS)}`,
				street_line_2: rand() < 0.15 ? `Unit ${int(1, 40)}` : null,
				city,
				state: 'TX',
				zip: `${zipPrefix}${String(int(0, 99)).padStart(2, '0')}`,
				country: 'US',
			});
		}
		customers.push({
			id: hexId('cus_', rand),
			first_name: first,
			last_name: last,
			email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@mail.example`,
			mobile_number: `512555${String(2000 + i * 13).slice(-4)}`,
			home_number: rand() < 0.3 ? `512555${String(5000 + i * 7).slice(-4)}` : null,
			work_number: null,
			company: business,
			notifications_enabled: rand() < 0.8,
			lead_source: rand() < 0.7 ? pick(LEAD_SOURCES) : null,
			notes: null,
			created_at: created,
			updated_at: created,
			company_name: company.name,
			company_id: company.id,
			tags: business ? ['Commercial'] : ['Residential'],
			addresses,
		});
	}

	const tags: HcpTag[] = TAG_NAMES.map((name) => ({ id: hexId('tag_', rand), name }));
	const jobTypes: HcpJobType[] = JOB_TYPE_NAMES.map((name) => ({ id: hexId('jbt_', rand), name }));
	const businessUnits: HcpJobType[] = BUSINESS_UNIT_NAMES.map((name) => ({ id: hexId('bu_', rand), name }));
	const pipeline = {} as Record<HcpResourceType, HcpPipelineStage[]>;
	for (const type of ['job', 'lead', 'estimate'] as const) {
		pipeline[type] = PIPELINE_NAMES[type].map(([name, statusType], order) => ({ id: hexId('kcs_', rand), name, status_type: statusType, order }));
	}

	// Creation times ascending, whole seconds within 90 days; ~4% (at least 1 from 5 jobs) in the last 24 h.
	const created = new Float64Array(jobCount);
	const recent = jobCount >= 5 ? Math.max(1, Math.round(jobCount * 0.04)) : 0;
	for (let i = 0; i < jobCount; i++) {
		const span = i < recent ? DAY - 60_000 : 90 * DAY;
		created[i] = ref - 60_000 - Math.floor((rand() * span) / 1000) * 1000;
	}
	created.sort();

	const statuses: HcpWorkStatus[] = new Array<HcpWorkStatus>(jobCount);
	for (let i = 0; i < jobCount; i++) {
		statuses[i] = statusByAge(STATUS_BY_AGE, (ref - created[i]) / DAY, rand());
	}
	// Every status at least once (replacing a status that occurs twice or more), so filters always have data.
	ensureEveryValue(statuses, HCP_WORK_STATUSES, rand);
	// Scheduled jobs for the reference day and the next (at least one each from 10 jobs).
	const scheduledIdx: number[] = [];
	statuses.forEach((s, i) => s === 'scheduled' && scheduledIdx.push(i));
	const soon = new Map<number, number>();
	if (jobCount >= 10) {
		const wanted = Math.max(2, Math.round(scheduledIdx.length * 0.3));
		for (let k = 0; k < Math.min(wanted, scheduledIdx.length); k++) soon.set(scheduledIdx[scheduledIdx.length - 1 - k], k % 2);
	}

	const jobs: HcpJob[] = new Array<HcpJob>(jobCount);
	const extras: Record<string, HcpJobExtras> = {};
	const businessHour = (dayMs: number): number => dayMs + (14 + int(0, 8)) * HOUR + (rand() < 0.5 ? 30 * MINUTE : 0);
	for (let i = 0; i < jobCount; i++) {
		const status = statuses[i];
		const createdMs = created[i];
		const customer = customers[Math.floor(rand() * customers.length)];
		const address = customer.addresses[Math.floor(rand() * customer.addresses.length)];
		const companyIndex = customer.company_id === companies[0].id ? 0 : 1;
		const template = JOB_TEMPLATES[Math.floor(rand() * JOB_TEMPLATES.length)];
		const techs = techsByCompany[companyIndex];

		let start: number | null = null;
		let onMyWay: number | null = null;
		let started: number | null = null;
		let completed: number | null = null;
		let canceledAt: number | null = null;
		let deletedAt: number | null = null;
		const latest = (t: number): number => Math.min(Math.max(t, createdMs), ref);
		if (status === 'scheduled') {
			const day = soon.has(i) ? refDay + (soon.get(i) ?? 0) * DAY : Math.floor(Math.max(createdMs, ref) / DAY) * DAY + int(1, 10) * DAY;
			start = businessHour(day);
		} else if (status === 'in progress') {
			start = latest(ref - int(1, 5) * HOUR);
			onMyWay = latest(start - 20 * MINUTE);
			started = latest(start + 5 * MINUTE);
		} else if (status === 'complete unrated' || status === 'complete rated') {
			start = Math.min(businessHour(Math.floor(createdMs / DAY) * DAY + int(0, 6) * DAY), ref - 3 * HOUR);
			if (start < createdMs) start = createdMs;
			onMyWay = latest(start - 25 * MINUTE);
			started = latest(start + int(0, 20) * MINUTE);
			completed = latest(started + int(45, 240) * MINUTE);
		} else if (status === 'user canceled' || status === 'pro canceled') {
			if (rand() < 0.6) start = businessHour(Math.floor(createdMs / DAY) * DAY + int(1, 5) * DAY);
			const at = latest(createdMs + int(10, 2880) * MINUTE);
			if (status === 'user canceled') canceledAt = at;
			else deletedAt = at;
		}
		const end = start === null ? null : start + int(1, 3) * HOUR;

		const assigned: HcpEmployee[] = [];
		if (techs.length > 0 && (status !== 'needs scheduling' || rand() < 0.3)) {
			const first = Math.floor(rand() * techs.length);
			assigned.push(techs[first]);
			if (rand() < 0.2 && techs.length > 1) assigned.push(techs[(first + 1) % techs.length]);
		}

		const lineItems: HcpLineItem[] = template.items.map((item, order) => ({
			id: hexId('lit_', rand),
			name: item.name,
			description: '',
			unit_price: item.unitPrice,
			unit_cost: item.unitCost,
			unit_of_measure: item.unit,
			quantity: item.unit === 'hour' ? int(1, 4) : item.name.endsWith('per vent') ? 14 : 1,
			kind: item.kind,
			taxable: item.kind === 'materials',
			amount: 0,
			order_index: order,
			service_item_id: null,
			service_item_type: null,
		}));
		hcpLineItemAmounts(lineItems).forEach((amount, k) => (lineItems[k].amount = amount));
		const subtotal = lineItems.reduce((sum, li) => sum + li.amount, 0);
		const paid = completed !== null && rand() < 0.7 ? subtotal : 0;

		const notes: HcpNote[] = rand() < 0.3 ? [{ id: hexId('nte_', rand), content: pick(['Gate code 4812#', 'Dog in backyard, call on arrival', 'Customer prefers text messages', 'Park on the street, not the driveway']) }] : [];
		const jobTags: string[] = [];
		if (rand() < 0.4) jobTags.push(pick(TAG_NAMES));
		const appointments: HcpAppointment[] = [];
		if (status === 'scheduled' && start !== null && end !== null && rand() < 0.05) {
			for (let d = 0; d < 2; d++) {
				appointments.push({
					id: hexId('appt_', rand),
					start_date: isoSeconds(start + d * DAY).slice(0, 10),
					start_time: isoSeconds(start + d * DAY),
					end_time: isoSeconds(end + d * DAY),
					anytime: false,
					arrival_window_minutes: 60,
					dispatched_employees_ids: assigned.map((e) => e.id),
				});
			}
		}
		const attachments: HcpAttachment[] = rand() < 0.15 ? [{ id: hexId('att_', rand), file_name: 'photo_1.jpg', url: `https://housecall-attachments-production.s3.amazonaws.com/jobs/${i}/photo_1.jpg`, file_type: 'image/jpeg' }] : [];

		const touched = [createdMs, onMyWay, started, completed, canceledAt, deletedAt].filter((t): t is number => t !== null);
		let updatedMs = Math.max(...touched);
		if (status === 'scheduled' || status === 'needs scheduling') updatedMs += int(0, 120) * MINUTE;
		updatedMs = Math.min(Math.max(updatedMs, createdMs), ref);
		const estimateId = rand() < 0.1 ? hexId('est_', rand) : null;

		const job: HcpJob = {
			id: hexId('job_', rand),
			invoice_number: String(1001 + i),
			name: template.name,
			description: template.description,
			customer: publicCustomer(customer),
			address: { ...address },
			notes,
			work_status: status,
			work_timestamps: {
				on_my_way_at: onMyWay === null ? null : isoSeconds(onMyWay),
				started_at: started === null ? null : isoSeconds(started),
				completed_at: completed === null ? null : isoSeconds(completed),
			},
			schedule: {
				scheduled_start: start === null ? null : isoSeconds(start),
				scheduled_end: end === null ? null : isoSeconds(end),
				arrival_window: start === null ? 0 : pick([0, 60, 60, 120, 180]),
			},
			total_amount: subtotal,
			outstanding_balance: Math.max(0, subtotal - paid),
			subtotal,
			assigned_employees: assigned,
			tags: jobTags,
			original_estimate_id: estimateId,
			original_estimate_uuids: estimateId ? [estimateId] : null,
			lead_source: customer.lead_source,
			job_fields: { job_type: jobTypes[template.type], business_unit: businessUnits[template.unit] },
			locked_at: null,
			created_at: isoMs(createdMs),
			updated_at: isoMs(updatedMs),
			canceled_at: canceledAt === null ? null : isoMs(canceledAt),
			deleted_at: deletedAt === null ? null : isoMs(deletedAt),
			company_name: companies[companyIndex].name,
			company_id: companies[companyIndex].id,
		};
		jobs[i] = job;
		extras[job.id] = {
			franchisee_id: FRANCHISEE_IDS[i % FRANCHISEE_IDS.length],
			line_items: lineItems,
			appointments,
			attachments,
			pipeline_status_id: rand() < 0.4 ? pipeline.job[int(0, 3)].id : null,
			amount_paid: paid,
		};
	}

	return {
		referenceDate: new Date(ref).toISOString(),
		companies,
		franchiseeIds: [...FRANCHISEE_IDS],
		employees,
		customers,
		tags,
		jobTypes,
		businessUnits,
		pipeline,
		jobs,
		extras,
	};
}
