/**
 * Housecall Pro job API simulator (real HTTP on loopback), built on `SimulatorServer`.
 *
 * Sources: the vendor's "Get Jobs" page and its OpenAPI "Housecall v1 API", rendered at
 * https://docs.housecallpro.com/docs/housecall-public-api (base URL https://api.housecallpro.com, no `/v1`
 * prefix). Where the docs are silent the simulator takes a STRICT or plainly Rails-like choice, marked
 * `UNDOCUMENTED` below and summarised here:
 *
 *  - Order of checks: rate limit → auth (401 `{"message":"Unauthorized"}`) → `X-Company-Id` → route (404)
 *    → key kind → parameters → record lookup → body validation.
 *  - Auth: only `Authorization: Token <key>`. `Bearer <key>`, a bare key or an unknown key → 401 with the
 *    same body (https://docs.housecallpro.com: securitySchemes "Token {api-key}").
 *  - Key kinds: the schedule (PUT/DELETE) and dispatch endpoints refuse a Company API Key; appointments and
 *    job types refuse an Application API Key (per-operation `security` in the vendor's OpenAPI). The status
 *    code of that refusal is not documented: by default the same 401 `{"message":"Unauthorized"}`
 *    (`keyKindRefusal` option changes it).
 *  - `X-Company-Id`: a key that can act for one company only gets 401 when it sends the header; a
 *    multi-location key may send one of its companies (else 401). When sent, `location_ids` is ignored.
 *  - Query strings are read the Rails way: `a[]=x` is an array, a bare `a=x` a single value (a repeated bare
 *    key keeps its LAST value), `a[0]=x` a hash. An array filter given as a hash matches no job (Rails'
 *    `Array(hash)` gives pairs). `expand` given as a bare string or hash → 400 (a public client reports a
 *    bare string is refused). Unknown query parameters are ignored.
 *  - `work_status[]` takes the FILTER words (`unscheduled`, `in_progress`, `completed`, …); any other word
 *    (e.g. the response word `in progress`) matches nothing and is not an error. Empty values are dropped.
 *  - `page_size` above 200: clamped to 200 by default (the echoed `page_size` says so); option
 *    `pageSizeCap: 'error'` answers 400 instead. Non-integer or < 1 `page`/`page_size` → 400.
 *    A page past the end answers `jobs: []` with the real totals.
 *  - Invalid `sort_by`, `sort_direction`, `expand` values or dates → 400 `{"message", "<field>": [..]}`.
 *    Dates without an offset are read as UTC. Ties in any sort are broken by `id` in the same direction.
 *  - Write bodies must be JSON objects (else 400). Unknown body fields are ignored (Rails strong params).
 *    Field errors → 422 `{"errors":{"field":["…"]}}`; a missing job on a sub-resource → 404
 *    `{"error":{"message":"job not found"}}`; a missing job on GET /jobs/{id} → 404 `{}` (documented).
 *  - Appointments: the job's schedule and `needs scheduling`/`scheduled` follow them (see writeAppointments).
 *  - Schedule rules: PUT schedule sets `scheduled` on a `needs scheduling` job and keeps other open statuses;
 *    complete/user-canceled jobs → 422 `{"error":{"message":"Can't schedule a …"}}`, pro-canceled (deleted)
 *    jobs → "Can't schedule an archived job"; a job with more than one appointment → 422 (documented
 *    restriction, status code undocumented). DELETE schedule only from `needs scheduling`/`scheduled`.
 *  - Pipeline: forward moves only (target order ≥ current order, documented); a backward move → 422
 *    `{"error":"…"}`; unknown status or job → 404 `{"error":"…"}` (documented shape).
 *  - Money is in cents. Line-item amounts: labor/materials/fixed gratuity `+unit_price×quantity`, fixed
 *    discount `−unit_price×quantity`, percent discount `−(positive subtotal × unit_price / 100)`; the job's
 *    `subtotal` and `total_amount` are their sum, `outstanding_balance` that minus what was paid.
 *  - 429: `{"message":"Too Many Requests"}`; no rate headers unless `rateLimit.retryAfter` is set (none are
 *    documented).
 *  - Seed vs. OpenAPI: the "Get Jobs" page shows `notes` as a string and no `subtotal`/`job_fields`; the
 *    OpenAPI `Job` has `notes: [{id, content}]` (needed by DELETE /jobs/{id}/notes/{note_id}) — the simulator
 *    follows the OpenAPI for `notes` and keeps the page's extra `name` field. The page's sample
 *    `"work_status": "unscheduled"` is a placeholder: responses use the spaced words of the OpenAPI enum.
 *    400 bodies carry arrays per attribute (`{"message","attr":["…"]}`); the OpenAPI describes a string.
 */
import { randomBytes } from 'node:crypto';

import { mulberry32, weightedPicker, type Weighted } from './random';
import { header, SimulatorServer, type QueryValue, type RecordedRequest, type SimResponse } from './server';

// ---------------------------------------------------------------------------------------------------------
// Records (the API's shapes)
// ---------------------------------------------------------------------------------------------------------

/** `job.work_status` as the API returns it (spaced words). */
export const HCP_WORK_STATUSES = [
	'needs scheduling',
	'scheduled',
	'in progress',
	'complete unrated',
	'complete rated',
	'user canceled',
	'pro canceled',
] as const;
export type HcpWorkStatus = (typeof HCP_WORK_STATUSES)[number];

/** The `work_status[]` filter words and the response words each one selects. */
export const HCP_WORK_STATUS_FILTERS: Readonly<Record<HcpWorkStatusFilter, readonly HcpWorkStatus[]>> = {
	unscheduled: ['needs scheduling'],
	scheduled: ['scheduled'],
	in_progress: ['in progress'],
	completed: ['complete unrated', 'complete rated'],
	canceled: ['user canceled', 'pro canceled'],
};
export type HcpWorkStatusFilter = 'unscheduled' | 'scheduled' | 'in_progress' | 'completed' | 'canceled';

export const HCP_SORT_FIELDS = ['created_at', 'updated_at', 'invoice_number', 'id', 'description', 'work_status'] as const;
export type HcpSortField = (typeof HCP_SORT_FIELDS)[number];

export const HCP_LINE_ITEM_KINDS = ['materials', 'labor', 'fixed gratuity', 'fixed discount', 'percent discount'] as const;
export type HcpLineItemKind = (typeof HCP_LINE_ITEM_KINDS)[number];

export type HcpResourceType = 'job' | 'lead' | 'estimate';
export type HcpKeyKind = 'company' | 'application';

export interface HcpEmployeePermissions {
	can_add_and_edit_job: boolean;
	can_be_booked_online: boolean;
	can_call_and_text_with_customers: boolean;
	can_chat_with_customers: boolean;
	can_delete_and_cancel_job: boolean;
	can_edit_message_on_invoice: boolean;
	can_see_street_view_data: boolean;
	can_share_job: boolean;
	can_take_payment_see_prices: boolean;
	can_see_customers: boolean;
	can_see_full_schedule: boolean;
	can_see_future_jobs: boolean;
	can_see_marketing_campaigns: boolean;
	can_see_reporting: boolean;
	can_edit_settings: boolean;
	is_point_of_contact: boolean;
	is_admin: boolean;
}

export interface HcpEmployee {
	id: string;
	first_name: string;
	last_name: string;
	email: string;
	mobile_number: string;
	color_hex: string;
	avatar_url: string;
	role: string;
	created_at: string;
	tags: string[];
	permissions: HcpEmployeePermissions;
	company_name: string;
	company_id: string;
}

export interface HcpAddress {
	id: string;
	type: 'service' | 'billing';
	street: string | null;
	street_line_2: string | null;
	city: string | null;
	state: string | null;
	zip: string | null;
	country: string | null;
}

export interface HcpCustomer {
	id: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	mobile_number: string | null;
	home_number: string | null;
	work_number: string | null;
	company: string | null;
	notifications_enabled: boolean;
	lead_source: string | null;
	notes: string | null;
	created_at: string;
	updated_at: string;
	company_name: string;
	company_id: string;
	tags: string[];
	addresses: HcpAddress[];
}

/** The customer as embedded in a job. */
export type HcpJobCustomer = Omit<HcpCustomer, 'addresses' | 'notes'>;

export interface HcpNote {
	id: string;
	content: string;
}

export interface HcpTag {
	id: string;
	name: string;
}

/** Job types and business units share this shape. */
export interface HcpJobType {
	id: string;
	name: string;
}

export interface HcpPipelineStatus {
	id: string;
	name: string;
	status_type: string;
}

/** A pipeline status with the order the forward-only rule compares (not sent by the API). */
export interface HcpPipelineStage extends HcpPipelineStatus {
	order: number;
}

export interface HcpAttachment {
	id: string;
	file_name: string;
	url: string;
	file_type: string;
}

export interface HcpAppointment {
	id: string;
	start_date: string;
	start_time: string;
	end_time: string;
	anytime: boolean;
	arrival_window_minutes: number;
	dispatched_employees_ids: string[];
}

export interface HcpLineItem {
	id: string;
	name: string;
	description: string;
	unit_price: number;
	unit_cost: number;
	unit_of_measure: string;
	quantity: number;
	kind: HcpLineItemKind;
	taxable: boolean;
	amount: number;
	order_index: number;
	service_item_id: string | null;
	service_item_type: 'market_place' | 'organizational' | 'pricebook_material' | null;
}

export interface HcpSchedule {
	scheduled_start: string | null;
	scheduled_end: string | null;
	/** Minutes. */
	arrival_window: number;
	/** Only with `expand[]=appointments`. */
	appointments?: HcpAppointment[];
}

export interface HcpWorkTimestamps {
	on_my_way_at: string | null;
	started_at: string | null;
	completed_at: string | null;
}

export interface HcpJob {
	id: string;
	invoice_number: string;
	/** On the vendor's "Get Jobs" page, not in the OpenAPI `Job`. */
	name: string;
	description: string;
	customer: HcpJobCustomer;
	address: HcpAddress;
	notes: HcpNote[];
	work_status: HcpWorkStatus;
	work_timestamps: HcpWorkTimestamps;
	schedule: HcpSchedule;
	/** Cents. */
	total_amount: number;
	/** Cents. */
	outstanding_balance: number;
	/** Cents. */
	subtotal: number;
	assigned_employees: HcpEmployee[];
	/** Tag names. */
	tags: string[];
	original_estimate_id: string | null;
	original_estimate_uuids: string[] | null;
	lead_source: string | null;
	job_fields: { job_type: HcpJobType | null; business_unit: HcpJobType | null };
	/** Only with `expand[]=attachments`. */
	attachments?: HcpAttachment[];
	locked_at: string | null;
	created_at: string;
	updated_at: string;
	canceled_at: string | null;
	deleted_at: string | null;
	company_name: string;
	company_id: string;
}

/** What the store keeps per job beside the API record (sub-resources and filter-only facts). */
export interface HcpJobExtras {
	franchisee_id: string | null;
	line_items: HcpLineItem[];
	appointments: HcpAppointment[];
	attachments: HcpAttachment[];
	/** The job's pipeline stage (the OpenAPI `Job` does not show it). */
	pipeline_status_id: string | null;
	/** Cents already paid (outstanding_balance = total_amount − this). */
	amount_paid: number;
}

export interface HcpCompany {
	id: string;
	name: string;
	phone_number: string;
	support_email: string;
	time_zone: string;
}

export interface HcpData {
	/** The "now" the data was generated against (ISO 8601). */
	referenceDate: string;
	companies: HcpCompany[];
	franchiseeIds: string[];
	employees: HcpEmployee[];
	customers: HcpCustomer[];
	tags: HcpTag[];
	jobTypes: HcpJobType[];
	businessUnits: HcpJobType[];
	pipeline: Record<HcpResourceType, HcpPipelineStage[]>;
	/** Ascending `created_at`. */
	jobs: HcpJob[];
	extras: Record<string, HcpJobExtras>;
}

// ---------------------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------------------

export const HCP_REFERENCE_DATE = '2026-03-01T00:00:00Z';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `prefix` + 32 hex digits from four draws (ids are generated ~5 times per job, so this is kept cheap). */
function hexId(prefix: string, rand: () => number): string {
	let out = prefix;
	for (let i = 0; i < 4; i++) {
		const n = Math.floor(rand() * 4294967296);
		out += BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255];
	}
	return out;
}

function freshId(prefix: string): string {
	return prefix + randomBytes(16).toString('hex');
}

/** `2026-02-24T14:30:00Z` (UTC, whole seconds) for schedule times. */
function isoSeconds(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2026-02-24T14:30:00.123Z` for created_at/updated_at (precision undocumented; ms stresses cursors). */
function isoMs(ms: number): string {
	return new Date(ms).toISOString();
}

const ALL_PERMISSIONS_FALSE: HcpEmployeePermissions = {
	can_add_and_edit_job: false,
	can_be_booked_online: false,
	can_call_and_text_with_customers: false,
	can_chat_with_customers: false,
	can_delete_and_cancel_job: false,
	can_edit_message_on_invoice: false,
	can_see_street_view_data: false,
	can_share_job: false,
	can_take_payment_see_prices: false,
	can_see_customers: false,
	can_see_full_schedule: false,
	can_see_future_jobs: false,
	can_see_marketing_campaigns: false,
	can_see_reporting: false,
	can_edit_settings: false,
	is_point_of_contact: false,
	is_admin: false,
};

const COMPANIES: readonly HcpCompany[] = [
	{ id: 'cmp_4f1c2a9e7b3d4c58a0e6f2b9d1c7a305', name: 'Bluebonnet Home Services – Austin', phone_number: '5125550100', support_email: 'austin@bluebonnet.example', time_zone: 'America/Chicago' },
	{ id: 'cmp_9a7e3b1d5c2f4e6a8b0c1d3e5f7a9b2c', name: 'Bluebonnet Home Services – Round Rock', phone_number: '5125550199', support_email: 'roundrock@bluebonnet.example', time_zone: 'America/Chicago' },
];
const FRANCHISEE_IDS = ['fra_2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e1b', 'fra_8c6a4e2d0b9f7d5b3a1e9c7a5f3d1b0e'];

const EMPLOYEES: ReadonlyArray<{ first: string; last: string; role: string; company: number; color: string }> = [
	{ first: 'Maria', last: 'Garcia', role: 'field tech', company: 0, color: '#1E88E5' },
	{ first: 'David', last: 'Chen', role: 'field tech', company: 0, color: '#43A047' },
	{ first: 'Sarah', last: 'Johnson', role: 'field tech', company: 0, color: '#FB8C00' },
	{ first: 'Marcus', last: 'Williams', role: 'field tech', company: 0, color: '#8E24AA' },
	{ first: 'Priya', last: 'Patel', role: 'office staff', company: 0, color: '#00ACC1' },
	{ first: 'Tom', last: 'Becker', role: 'admin', company: 0, color: '#6D4C41' },
	{ first: 'Luis', last: 'Hernandez', role: 'field tech', company: 1, color: '#E53935' },
	{ first: 'Emily', last: 'Nguyen', role: 'field tech', company: 1, color: '#3949AB' },
	{ first: 'Jake', last: 'Robinson', role: 'field tech', company: 1, color: '#7CB342' },
];

const FIRST_NAMES = ['James', 'Linda', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'William', 'Elizabeth', 'Carlos', 'Aisha', 'Kevin', 'Megan', 'Daniel', 'Olivia', 'Brian', 'Rosa'];
const LAST_NAMES = ['Smith', 'Brown', 'Davis', 'Miller', 'Wilson', 'Moore', 'Taylor', 'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Martin', 'Lopez', 'Clark', 'Lewis'];
const BUSINESS_NAMES = ['Riverside Dental', 'Oak Hill Apartments', 'Cedar Park Bakery', null, null, null, null, null];
const STREETS = ['Oak Street', 'Maple Avenue', 'Congress Avenue', 'Lamar Boulevard', 'Burnet Road', 'Pecan Street', 'Cypress Creek Road', 'Mesa Drive', 'Red River Street', 'Ranch Road 620'];
const CITIES: ReadonlyArray<readonly [string, string]> = [
	['Austin', '787'],
	['Round Rock', '786'],
	['Pflugerville', '786'],
	['Cedar Park', '786'],
	['Georgetown', '786'],
];
const LEAD_SOURCES = ['Google', 'Referral', 'Yelp', 'Facebook', 'Repeat customer', 'Nextdoor'];

const TAG_NAMES = ['Residential', 'Commercial', 'Warranty', 'Maintenance plan', 'VIP', 'Follow up', 'Emergency'];
const JOB_TYPE_NAMES = ['Service call', 'Installation', 'Maintenance', 'Inspection', 'Estimate follow-up'];
const BUSINESS_UNIT_NAMES = ['Plumbing', 'HVAC', 'Electrical'];

const PIPELINE_NAMES: Record<HcpResourceType, ReadonlyArray<readonly [string, string]>> = {
	job: [
		['New', 'open'],
		['Awaiting parts', 'open'],
		['Ready to schedule', 'open'],
		['Work in progress', 'open'],
		['Follow-up needed', 'open'],
		['Invoiced', 'open'],
		['Closed', 'closed'],
	],
	lead: [
		['New', 'open'],
		['Contacted', 'open'],
		['Qualified', 'open'],
		['Won', 'won'],
		['Lost', 'lost'],
	],
	estimate: [
		['Draft', 'open'],
		['Sent', 'open'],
		['Approved', 'won'],
		['Declined', 'lost'],
	],
};

interface CatalogItem {
	name: string;
	kind: HcpLineItemKind;
	unitPrice: number;
	unitCost: number;
	unit: string;
}

const JOB_TEMPLATES: ReadonlyArray<{ name: string; description: string; unit: number; type: number; items: readonly CatalogItem[] }> = [
	{ name: 'Water heater replacement', description: 'Replace leaking 50 gal gas water heater in garage', unit: 0, type: 1, items: [{ name: '50 gal gas water heater', kind: 'materials', unitPrice: 145000, unitCost: 98000, unit: 'each' }, { name: 'Installation labor', kind: 'labor', unitPrice: 17500, unitCost: 6000, unit: 'hour' }] },
	{ name: 'Clogged drain', description: 'Kitchen sink drains slowly and backs up into the dishwasher', unit: 0, type: 0, items: [{ name: 'Drain cleaning', kind: 'labor', unitPrice: 18900, unitCost: 5000, unit: 'each' }] },
	{ name: 'Leak under sink', description: 'Slow leak under bathroom vanity, cabinet floor damaged', unit: 0, type: 0, items: [{ name: 'Service call fee', kind: 'labor', unitPrice: 8900, unitCost: 0, unit: 'each' }, { name: 'P-trap kit', kind: 'materials', unitPrice: 2400, unitCost: 900, unit: 'each' }] },
	{ name: 'AC not cooling', description: 'Upstairs unit blowing warm air, thermostat set to 72', unit: 1, type: 0, items: [{ name: 'Diagnostic', kind: 'labor', unitPrice: 9900, unitCost: 0, unit: 'each' }, { name: 'Capacitor 45/5 MFD', kind: 'materials', unitPrice: 18500, unitCost: 2200, unit: 'each' }] },
	{ name: 'Furnace tune-up', description: 'Annual furnace safety inspection and tune-up', unit: 1, type: 2, items: [{ name: 'Furnace tune-up', kind: 'labor', unitPrice: 12900, unitCost: 3000, unit: 'each' }] },
	{ name: 'Thermostat install', description: 'Install customer-supplied smart thermostat', unit: 1, type: 1, items: [{ name: 'Thermostat installation', kind: 'labor', unitPrice: 14900, unitCost: 4000, unit: 'each' }] },
	{ name: 'Duct cleaning', description: 'Whole-home duct cleaning, 14 vents', unit: 1, type: 2, items: [{ name: 'Duct cleaning per vent', kind: 'labor', unitPrice: 2500, unitCost: 800, unit: 'each' }] },
	{ name: 'Panel upgrade', description: 'Upgrade 100A panel to 200A, permit required', unit: 2, type: 1, items: [{ name: '200A panel', kind: 'materials', unitPrice: 95000, unitCost: 41000, unit: 'each' }, { name: 'Electrician labor', kind: 'labor', unitPrice: 15000, unitCost: 5500, unit: 'hour' }] },
	{ name: 'Outlets not working', description: 'Two outlets in the living room have no power', unit: 2, type: 0, items: [{ name: 'Troubleshooting', kind: 'labor', unitPrice: 12500, unitCost: 4000, unit: 'hour' }] },
	{ name: 'Ceiling fan install', description: 'Install two ceiling fans in bedrooms, boxes already fan-rated', unit: 2, type: 1, items: [{ name: 'Ceiling fan installation', kind: 'labor', unitPrice: 16500, unitCost: 5000, unit: 'each' }] },
	{ name: 'Electrical safety inspection', description: 'Pre-sale electrical inspection for realtor', unit: 2, type: 3, items: [{ name: 'Inspection', kind: 'labor', unitPrice: 22500, unitCost: 6000, unit: 'each' }] },
	{ name: 'Sump pump check', description: 'Follow-up on last month estimate for sump pump replacement', unit: 0, type: 4, items: [{ name: 'Sump pump', kind: 'materials', unitPrice: 42000, unitCost: 21000, unit: 'each' }, { name: 'Plumber labor', kind: 'labor', unitPrice: 14500, unitCost: 5200, unit: 'hour' }, { name: 'Maintenance plan discount', kind: 'fixed discount', unitPrice: 5000, unitCost: 0, unit: 'each' }] },
];

const STATUS_BY_AGE: ReadonlyArray<{ maxDays: number; pick: (r: number) => HcpWorkStatus }> = [
	{
		maxDays: 1,
		pick: weightedPicker<HcpWorkStatus>([
			['needs scheduling', 35],
			['scheduled', 55],
			['in progress', 5],
			['user canceled', 5],
		]),
	},
	{
		maxDays: 7,
		pick: weightedPicker<HcpWorkStatus>([
			['needs scheduling', 10],
			['scheduled', 35],
			['in progress', 10],
			['complete unrated', 25],
			['complete rated', 10],
			['user canceled', 6],
			['pro canceled', 4],
		]),
	},
	{
		maxDays: Infinity,
		pick: weightedPicker<HcpWorkStatus>([
			['needs scheduling', 4],
			['scheduled', 6],
			['in progress', 1],
			['complete unrated', 40],
			['complete rated', 35],
			['user canceled', 8],
			['pro canceled', 6],
		]),
	},
];

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

function publicCustomer(customer: HcpCustomer): HcpJobCustomer {
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
		const ageDays = (ref - created[i]) / DAY;
		const bucket = STATUS_BY_AGE.find((b) => ageDays < b.maxDays) ?? STATUS_BY_AGE[STATUS_BY_AGE.length - 1];
		statuses[i] = bucket.pick(rand());
	}
	// Every status at least once (replacing a status that occurs twice or more), so filters always have data.
	if (jobCount >= HCP_WORK_STATUSES.length) {
		const counts = new Map<HcpWorkStatus, number>();
		for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
		for (const wanted of HCP_WORK_STATUSES) {
			if (counts.get(wanted)) continue;
			let i = Math.floor(rand() * jobCount);
			while ((counts.get(statuses[i]) ?? 0) < 2) i = (i + 1) % jobCount;
			counts.set(statuses[i], (counts.get(statuses[i]) ?? 0) - 1);
			statuses[i] = wanted;
			counts.set(wanted, 1);
		}
	}
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

// ---------------------------------------------------------------------------------------------------------
// Helpers: errors, parsing
// ---------------------------------------------------------------------------------------------------------

interface ApiResult {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const UNAUTHORIZED: ApiResult = { status: 401, body: { message: 'Unauthorized' } };
/** Unknown route (UNDOCUMENTED shape). */
const ROUTE_NOT_FOUND: ApiResult = { status: 404, body: { error: { message: 'Not Found' } } };

/** `{"error":{"message":"…"}}` (OpenAPI `ErrorResponse`). */
function errorMessage(status: number, message: string): ApiResult {
	return { status, body: { error: { message } } };
}

/** `{"error":"…"}` (pipeline endpoints). */
function errorString(status: number, message: string): ApiResult {
	return { status, body: { error: message } };
}

/** 422 `{"errors":{"field":["…"]}}`. */
class FieldErrors {
	readonly errors: Record<string, string[]> = {};

	add(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}

	get any(): boolean {
		return Object.keys(this.errors).length > 0;
	}

	response(): ApiResult {
		return { status: 422, body: { errors: this.errors } };
	}
}

/** 400 `{"message":"…","attr":["…"]}`. */
function badRequest(field: string, message: string): ApiResult {
	return { status: 400, body: { message: `${field} ${message}`, [field]: [message] } };
}

const DIGITS_RE = /^[0-9]+$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 date or date-time → epoch ms (no offset → UTC); undefined when invalid. */
export function parseHcpTime(value: string): number | undefined {
	const m = ISO_RE.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, offset] = m;
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) return undefined;
	const hour = h === undefined ? 0 : Number(h);
	const minute = mi === undefined ? 0 : Number(mi);
	const second = s === undefined ? 0 : Number(s);
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second) + (frac ? Math.floor(Number(frac) * 1000) : 0);
	if (offset && offset !== 'Z') {
		const sign = offset[0] === '-' ? -1 : 1;
		const digits = offset.slice(1).replace(':', '');
		ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MINUTE;
	}
	return ms;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A query value read as a Rails array param: array → strings, bare string → [it], hash → undefined (matches nothing). */
function railsArray(value: QueryValue | undefined): string[] | null | undefined {
	if (value === undefined) return null;
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return undefined;
}

function toMs(iso: string | null | undefined): number {
	if (!iso) return NaN;
	return Date.parse(iso);
}

// ---------------------------------------------------------------------------------------------------------
// Rate limiter (rolling window per key)
// ---------------------------------------------------------------------------------------------------------

class RollingRateLimiter {
	private readonly log = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	reset(): void {
		this.log.clear();
	}

	take(key: string, now: number): { allowed: boolean; retryAfterMs: number } {
		let hits = this.log.get(key);
		if (!hits) this.log.set(key, (hits = []));
		let drop = 0;
		while (drop < hits.length && hits[drop] <= now - this.windowMs) drop++;
		if (drop) hits.splice(0, drop);
		if (hits.length >= this.limit) return { allowed: false, retryAfterMs: hits[0] + this.windowMs - now };
		hits.push(now);
		return { allowed: true, retryAfterMs: 0 };
	}
}

// ---------------------------------------------------------------------------------------------------------
// Simulator
// ---------------------------------------------------------------------------------------------------------

/** What a key is: its kind and the companies (locations) it may act for; more than one = multi-location. */
export interface HcpApiKey {
	kind: HcpKeyKind;
	companyIds: string[];
}

export const HCP_DEFAULT_COMPANY_API_KEY = 'hcp_company_test_key';
export const HCP_DEFAULT_APPLICATION_API_KEY = 'hcp_application_test_key';
/** A Company key of a single-company account (the first company): sending `X-Company-Id` gets 401. */
export const HCP_SINGLE_COMPANY_API_KEY = 'hcp_single_company_test_key';
export const HCP_COMPANY_IDS: readonly string[] = COMPANIES.map((c) => c.id);
export const HCP_FRANCHISEE_IDS: readonly string[] = FRANCHISEE_IDS;
export const HCP_MAX_PAGE_SIZE = 200;
export const HCP_DEFAULT_PAGE_SIZE = 10;

export interface HousecallProSimulatorOptions {
	/** Jobs to generate when neither `data` nor `jobs` is given (default 25). */
	jobCount?: number;
	/** Seed of the generated data (default 1). */
	seed?: number;
	/** Reference date of the generated data (default `HCP_REFERENCE_DATE`; the sandbox passes `new Date()`). */
	referenceDate?: Date | string;
	/** Reference data and jobs (jobs copied shallowly; the store never mutates a stored job in place). */
	data?: HcpData;
	/** Use exactly these jobs (extras default to empty); reference data from `data` or generated. */
	jobs?: HcpJob[];
	/** Key → kind and companies. Default: the three `HCP_*_API_KEY` constants. */
	apiKeys?: Record<string, HcpApiKey>;
	/** Rolling-window limit per key; without it, unlimited. `retryAfter` adds a `Retry-After` header. */
	rateLimit?: { limit: number; windowMs: number; retryAfter?: boolean };
	/** Clock for written timestamps and the rate limit (default: real time). */
	now?: () => Date;
	/** Fixed wait before every answer. */
	latencyMs?: number;
	/** What `page_size` > 200 does (undocumented): clamp to 200 (default) or 400. */
	pageSizeCap?: 'clamp' | 'error';
	/** Answer to a key of the wrong kind (undocumented). Default 401 `{"message":"Unauthorized"}`. */
	keyKindRefusal?: { status: number; body: unknown };
	/** Whether pipelines are on (default true); off → every status list is empty. */
	pipelineEnabled?: boolean;
	/** Called on every GET /jobs before the page is computed, with the requested (1-based) page. */
	onList?: (page: number, req: RecordedRequest) => void;
}

interface Caller {
	key: string;
	kind: HcpKeyKind;
	/** The company chosen with X-Company-Id, if any. */
	companyId: string | undefined;
	/** The companies this call may see. */
	visibleCompanies: ReadonlySet<string>;
}

function emptyExtras(): HcpJobExtras {
	return { franchisee_id: null, line_items: [], appointments: [], attachments: [], pipeline_status_id: null, amount_paid: 0 };
}

export class HousecallProSimulator {
	readonly server: SimulatorServer;

	/** The live job store by id. Replace a job to change it (`putJob`); writes never mutate in place. */
	readonly jobs = new Map<string, HcpJob>();

	/** Sub-resources and filter-only facts per job id. */
	readonly extras = new Map<string, HcpJobExtras>();

	readonly employees: HcpEmployee[];

	readonly customers: HcpCustomer[];

	readonly tags: HcpTag[];

	readonly jobTypes: HcpJobType[];

	readonly businessUnits: HcpJobType[];

	readonly pipeline: Record<HcpResourceType, HcpPipelineStage[]>;

	readonly companies: HcpCompany[];

	readonly apiKeys: Record<string, HcpApiKey>;

	latencyMs: number;

	pageSizeCap: 'clamp' | 'error';

	pipelineEnabled: boolean;

	keyKindRefusal: { status: number; body: unknown };

	onList: ((page: number, req: RecordedRequest) => void) | undefined;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234` (the real API has no path prefix). */
	baseUrl = '';

	private readonly now: () => Date;

	private readonly limiter: RollingRateLimiter | undefined;

	private readonly retryAfter: boolean;

	private version = 0;

	private sortCache = new Map<string, { version: number; jobs: HcpJob[] }>();

	private filterCache: { version: number; key: string; jobs: readonly HcpJob[] } | undefined;

	constructor(options: HousecallProSimulatorOptions = {}) {
		const data = options.data ?? generateHousecallProData(options.jobs ? 0 : (options.jobCount ?? 25), options.seed ?? 1, options.referenceDate);
		this.companies = data.companies.map((c) => ({ ...c }));
		this.employees = data.employees.map((e) => ({ ...e }));
		this.customers = data.customers.map((c) => ({ ...c, addresses: c.addresses.map((a) => ({ ...a })) }));
		this.tags = data.tags.map((t) => ({ ...t }));
		this.jobTypes = data.jobTypes.map((t) => ({ ...t }));
		this.businessUnits = data.businessUnits.map((t) => ({ ...t }));
		this.pipeline = { job: data.pipeline.job.map((s) => ({ ...s })), lead: data.pipeline.lead.map((s) => ({ ...s })), estimate: data.pipeline.estimate.map((s) => ({ ...s })) };
		for (const job of options.jobs ?? data.jobs) {
			const extras = options.jobs ? undefined : data.extras[job.id];
			this.putJob({ ...job }, extras ? { ...extras } : undefined);
		}
		const ids = this.companies.map((c) => c.id);
		this.apiKeys = options.apiKeys ?? {
			[HCP_DEFAULT_COMPANY_API_KEY]: { kind: 'company', companyIds: ids },
			[HCP_DEFAULT_APPLICATION_API_KEY]: { kind: 'application', companyIds: ids },
			[HCP_SINGLE_COMPANY_API_KEY]: { kind: 'company', companyIds: ids.slice(0, 1) },
		};
		this.now = options.now ?? (() => new Date());
		this.limiter = options.rateLimit ? new RollingRateLimiter(options.rateLimit.limit, options.rateLimit.windowMs) : undefined;
		this.retryAfter = options.rateLimit?.retryAfter ?? false;
		this.latencyMs = options.latencyMs ?? 0;
		this.pageSizeCap = options.pageSizeCap ?? 'clamp';
		this.pipelineEnabled = options.pipelineEnabled ?? true;
		this.keyKindRefusal = options.keyKindRefusal ?? { status: 401, body: { message: 'Unauthorized' } };
		this.onList = options.onList;
		this.server = new SimulatorServer((req) => this.handle(req));
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Starts on loopback; resolves to the base URL (origin only: the real API has no `/v1`). */
	async start(port?: number): Promise<string> {
		this.baseUrl = await this.server.start(port ?? 0);
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	// ----- direct store access (tests) ---------------------------------------------------------------------

	getJob(id: string): HcpJob | undefined {
		return this.jobs.get(id);
	}

	getExtras(id: string): HcpJobExtras | undefined {
		return this.extras.get(id);
	}

	/** Adds or replaces a job; `extras` default to the job's current extras or empty ones. */
	putJob(job: HcpJob, extras?: Partial<HcpJobExtras>): HcpJob {
		this.jobs.set(job.id, job);
		this.extras.set(job.id, { ...(this.extras.get(job.id) ?? emptyExtras()), ...extras });
		this.version++;
		return job;
	}

	deleteJob(id: string): boolean {
		this.extras.delete(id);
		this.version++;
		return this.jobs.delete(id);
	}

	/** All jobs in the API's default order (`created_at` desc, ties by `id` desc). */
	listJobs(): HcpJob[] {
		return [...this.sorted('created_at', 'desc')];
	}

	getPipelineStatusId(jobId: string): string | null | undefined {
		return this.extras.get(jobId)?.pipeline_status_id;
	}

	resetRateLimit(): void {
		this.limiter?.reset();
	}

	// ----- request handling --------------------------------------------------------------------------------

	private handle(req: RecordedRequest): SimResponse {
		const nowMs = this.now().getTime();
		const result = this.respond(req, nowMs);
		return { status: result.status, headers: result.headers, body: result.body, delayMs: this.latencyMs || undefined };
	}

	private respond(req: RecordedRequest, nowMs: number): ApiResult {
		const auth = header(req, 'authorization') ?? '';
		const match = /^Token (\S+)$/.exec(auth.trim());
		if (this.limiter) {
			const rate = this.limiter.take(match?.[1] ?? auth, nowMs);
			if (!rate.allowed) {
				const headers: Record<string, string> = this.retryAfter ? { 'Retry-After': String(Math.max(1, Math.ceil(rate.retryAfterMs / 1000))) } : {};
				return { status: 429, headers, body: { message: 'Too Many Requests' } };
			}
		}
		const key = match ? this.apiKeys[match[1]] : undefined;
		if (!match || !key || !Object.prototype.hasOwnProperty.call(this.apiKeys, match[1])) return UNAUTHORIZED;
		const companyHeader = header(req, 'x-company-id');
		if (companyHeader !== undefined && (key.companyIds.length < 2 || !key.companyIds.includes(companyHeader))) return UNAUTHORIZED;
		const caller: Caller = {
			key: match[1],
			kind: key.kind,
			companyId: companyHeader,
			visibleCompanies: new Set(companyHeader !== undefined ? [companyHeader] : key.companyIds),
		};
		return this.route(req, caller, nowMs);
	}

	private route(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
		const method = req.method.toUpperCase();
		const parts = req.path.split('/').filter((p) => p !== '');
		const refuse = (allowed: HcpKeyKind): ApiResult | undefined => (caller.kind === allowed ? undefined : { ...this.keyKindRefusal });

		if (parts.length === 1 && parts[0] === 'jobs') {
			if (method === 'GET') return this.listJobsRoute(req, caller);
			if (method === 'POST') return this.createJob(req, caller, nowMs);
			return ROUTE_NOT_FOUND;
		}
		if (req.path === '/jobs/lock' && method === 'POST') return refuse('application') ?? this.lockJobs(req, caller, nowMs);
		if (parts[0] === 'jobs' && parts.length >= 2) {
			const jobId = parts[1];
			const sub = parts[2];
			if (parts.length === 2) return method === 'GET' ? this.getJobRoute(req, jobId, caller) : ROUTE_NOT_FOUND;
			// Resolve the route first, so an unknown path is 404 whatever the job.
			type Action = () => ApiResult;
			let action: Action | undefined;
			let needs: HcpKeyKind | undefined;
			const job = (): HcpJob | undefined => this.visibleJob(jobId, caller);
			const withJob = (fn: (j: HcpJob) => ApiResult): Action => () => {
				const found = job();
				return found ? fn(found) : errorMessage(404, 'job not found');
			};
			if (sub === 'schedule' && parts.length === 3 && (method === 'PUT' || method === 'DELETE')) {
				needs = 'application';
				action = withJob((j) => (method === 'PUT' ? this.putSchedule(req, j, nowMs) : this.deleteSchedule(j, nowMs)));
			} else if (sub === 'dispatch' && parts.length === 3 && method === 'PUT') {
				needs = 'application';
				action = withJob((j) => this.dispatch(req, j, nowMs));
			} else if (sub === 'lock' && parts.length === 3 && method === 'POST') {
				needs = 'application';
				action = withJob((j) => ({ status: 200, body: this.write({ ...j, locked_at: j.locked_at ?? isoMs(nowMs) }, nowMs) }));
			} else if (sub === 'links' && parts.length === 3 && method === 'POST') {
				needs = 'application';
				action = withJob((j) => this.addLink(req, j, nowMs));
			} else if (sub === 'attachments' && parts.length === 3 && method === 'POST') {
				action = withJob((j) => this.addAttachment(req, j, nowMs));
			} else if (sub === 'notes' && parts.length === 3 && method === 'POST') {
				action = withJob((j) => this.addNote(req, j, nowMs));
			} else if (sub === 'notes' && parts.length === 4 && method === 'DELETE') {
				action = withJob((j) => this.deleteNote(j, parts[3], nowMs));
			} else if (sub === 'tags' && parts.length === 3 && method === 'POST') {
				action = withJob((j) => this.addTag(req, j, nowMs));
			} else if (sub === 'tags' && parts.length === 4 && method === 'DELETE') {
				action = withJob((j) => this.removeTag(j, parts[3], nowMs));
			} else if (sub === 'line_items' && parts.length === 3 && (method === 'GET' || method === 'POST')) {
				action = withJob((j) => (method === 'GET' ? this.lineItemList(req, j) : this.addLineItem(req, j, nowMs)));
			} else if (sub === 'line_items' && parts.length === 4 && parts[3] === 'bulk_update' && method === 'PUT') {
				action = withJob((j) => this.bulkLineItems(req, j, nowMs));
			} else if (sub === 'line_items' && parts.length === 4 && (method === 'PUT' || method === 'DELETE')) {
				action = withJob((j) => (method === 'PUT' ? this.updateLineItem(req, j, parts[3], nowMs) : this.deleteLineItem(j, parts[3], nowMs)));
			} else if (sub === 'appointments' && parts.length === 3 && (method === 'GET' || method === 'POST')) {
				needs = 'company';
				action = withJob((j) => (method === 'GET' ? { status: 200, body: { appointments: this.extrasOf(j).appointments } } : this.createAppointment(req, j, nowMs)));
			} else if (sub === 'appointments' && parts.length === 4 && (method === 'PUT' || method === 'DELETE')) {
				needs = 'company';
				action = withJob((j) => (method === 'PUT' ? this.updateAppointment(req, j, parts[3], nowMs) : this.deleteAppointment(j, parts[3], nowMs)));
			}
			if (!action) return ROUTE_NOT_FOUND;
			if (needs) {
				const refused = refuse(needs);
				if (refused) return refused;
			}
			return action();
		}
		if (req.path === '/employees' && method === 'GET') return this.listEmployees(req, caller);
		if (req.path === '/tags' && method === 'GET') return this.paged(req, 'tags', this.tags);
		if (req.path === '/job_fields/job_types' && method === 'GET') {
			const refused = refuse('company');
			if (refused) return refused;
			const name = typeof req.query.name === 'string' ? req.query.name.toLowerCase() : undefined;
			return this.paged(req, 'job_types', name ? this.jobTypes.filter((t) => t.name.toLowerCase().includes(name)) : this.jobTypes);
		}
		if (req.path === '/pipeline/statuses') {
			if (method === 'GET') return this.listPipeline(req);
			if (method === 'PUT') return this.movePipeline(req, caller, nowMs);
			return ROUTE_NOT_FOUND;
		}
		if (req.path === '/customers' && method === 'GET') return this.listCustomers(req, caller);
		if (parts[0] === 'customers' && parts.length === 2 && method === 'GET') {
			const customer = this.customers.find((c) => c.id === parts[1] && caller.visibleCompanies.has(c.company_id));
			return customer ? { status: 200, body: customer } : { status: 404, body: {} };
		}
		if (parts[0] === 'customers' && parts.length === 3 && parts[2] === 'addresses' && method === 'GET') {
			const customer = this.customers.find((c) => c.id === parts[1] && caller.visibleCompanies.has(c.company_id));
			return customer ? this.paged(req, 'addresses', customer.addresses) : { status: 404, body: {} };
		}
		if (req.path === '/company' && method === 'GET') {
			const company = this.companies.find((c) => c.id === (caller.companyId ?? this.apiKeys[caller.key].companyIds[0])) ?? this.companies[0];
			return { status: 200, body: company };
		}
		return ROUTE_NOT_FOUND;
	}

	private visibleJob(id: string, caller: Caller): HcpJob | undefined {
		const job = this.jobs.get(id);
		return job && caller.visibleCompanies.has(job.company_id) ? job : undefined;
	}

	private extrasOf(job: HcpJob): HcpJobExtras {
		let extras = this.extras.get(job.id);
		if (!extras) this.extras.set(job.id, (extras = emptyExtras()));
		return extras;
	}

	/** Replaces a job (and optionally its extras) with `updated_at` = now. */
	private write(job: HcpJob, nowMs: number, extras?: Partial<HcpJobExtras>): HcpJob {
		const updated: HcpJob = { ...job, updated_at: isoMs(nowMs) };
		this.putJob(updated, extras);
		return updated;
	}

	// ----- paging ------------------------------------------------------------------------------------------

	private pageParams(req: RecordedRequest): { page: number; pageSize: number } | ApiResult {
		const read = (name: string, fallback: number): number | ApiResult => {
			const raw = req.query[name];
			if (raw === undefined) return fallback;
			if (typeof raw !== 'string' || !DIGITS_RE.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) return badRequest(name, 'must be a positive integer');
			return Number(raw);
		};
		const page = read('page', 1);
		if (typeof page !== 'number') return page;
		let pageSize = read('page_size', HCP_DEFAULT_PAGE_SIZE);
		if (typeof pageSize !== 'number') return pageSize;
		if (pageSize > HCP_MAX_PAGE_SIZE) {
			if (this.pageSizeCap === 'error') return badRequest('page_size', `must be less than or equal to ${HCP_MAX_PAGE_SIZE}`);
			pageSize = HCP_MAX_PAGE_SIZE;
		}
		return { page, pageSize };
	}

	private envelope<T>(key: string, items: readonly T[], page: number, pageSize: number): ApiResult {
		return {
			status: 200,
			body: {
				page,
				page_size: pageSize,
				total_pages: Math.ceil(items.length / pageSize),
				total_items: items.length,
				[key]: items.slice((page - 1) * pageSize, page * pageSize),
			},
		};
	}

	private paged<T>(req: RecordedRequest, key: string, items: readonly T[]): ApiResult {
		const params = this.pageParams(req);
		if ('status' in params) return params;
		return this.envelope(key, items, params.page, params.pageSize);
	}

	// ----- jobs: list and get ------------------------------------------------------------------------------

	private sorted(sortBy: HcpSortField, direction: 'asc' | 'desc'): HcpJob[] {
		const cacheKey = `${sortBy}|${direction}`;
		const cached = this.sortCache.get(cacheKey);
		if (cached && cached.version === this.version) return cached.jobs;
		const sign = direction === 'asc' ? 1 : -1;
		const keyed = [...this.jobs.values()].map((job) => {
			let key: number | string;
			if (sortBy === 'created_at' || sortBy === 'updated_at') key = toMs(job[sortBy]);
			else if (sortBy === 'invoice_number') key = Number(job.invoice_number);
			else key = job[sortBy] ?? '';
			if (typeof key === 'number' && Number.isNaN(key)) key = -Infinity;
			return { key, job };
		});
		keyed.sort((a, b) => {
			if (a.key < b.key) return -sign;
			if (a.key > b.key) return sign;
			return a.job.id < b.job.id ? -sign : a.job.id > b.job.id ? sign : 0;
		});
		const jobs = keyed.map((k) => k.job);
		this.sortCache.set(cacheKey, { version: this.version, jobs });
		return jobs;
	}

	/** `expand` must be an array of known words (a bare string is refused). */
	private expandParam(req: RecordedRequest): Set<string> | ApiResult {
		const raw = req.query.expand;
		if (raw === undefined) return new Set();
		if (!Array.isArray(raw)) return badRequest('expand', 'must be an array');
		const values = raw.filter((v): v is string => typeof v === 'string' && v !== '');
		for (const v of values) if (v !== 'attachments' && v !== 'appointments') return badRequest('expand', `does not have a valid value: ${v} (allowed: attachments, appointments)`);
		return new Set(values);
	}

	private render(job: HcpJob, expand: ReadonlySet<string>): HcpJob {
		if (expand.size === 0) return job;
		const extras = this.extrasOf(job);
		const out: HcpJob = { ...job };
		if (expand.has('appointments')) out.schedule = { ...job.schedule, appointments: extras.appointments };
		if (expand.has('attachments')) out.attachments = extras.attachments;
		return out;
	}

	private getJobRoute(req: RecordedRequest, id: string, caller: Caller): ApiResult {
		const expand = this.expandParam(req);
		if (!(expand instanceof Set)) return expand;
		const job = this.visibleJob(id, caller);
		if (!job) return { status: 404, body: {} }; // documented: 404 with an empty object
		return { status: 200, body: this.render(job, expand) };
	}

	private listJobsRoute(req: RecordedRequest, caller: Caller): ApiResult {
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
		if (this.filterCache && this.filterCache.version === this.version && this.filterCache.key === filterKey) {
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
		this.filterCache = { version: this.version, key: filterKey, jobs: matches };
		return this.listPage(matches, params.page, params.pageSize, expand);
	}

	private listPage(matches: readonly HcpJob[], page: number, pageSize: number, expand: ReadonlySet<string>): ApiResult {
		const result = this.envelope('jobs', matches, page, pageSize);
		if (expand.size > 0 && isRecord(result.body)) {
			result.body.jobs = (result.body.jobs as HcpJob[]).map((job) => this.render(job, expand));
		}
		return result;
	}

	// ----- jobs: create ------------------------------------------------------------------------------------

	/** The JSON object body (an empty body reads as `{}`), or a 400. */
	private jsonBody(req: RecordedRequest): { fields: Record<string, unknown> } | { error: ApiResult } {
		if (req.rawBody.trim() === '') return { fields: {} };
		let parsed: unknown;
		try {
			parsed = JSON.parse(req.rawBody);
		} catch {
			return { error: badRequest('body', 'is not valid JSON') };
		}
		if (!isRecord(parsed)) return { error: badRequest('body', 'must be a JSON object') };
		return { fields: parsed };
	}

	private readTime(value: unknown, field: string, errors: FieldErrors): number | undefined {
		if (typeof value !== 'string') {
			errors.add(field, 'must be an ISO 8601 date-time');
			return undefined;
		}
		const ms = parseHcpTime(value);
		if (ms === undefined) errors.add(field, 'must be an ISO 8601 date-time');
		return ms;
	}

	private readMinutes(value: unknown, field: string, errors: FieldErrors): number | undefined {
		const n = typeof value === 'string' && DIGITS_RE.test(value) ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
			errors.add(field, 'must be a non-negative integer (minutes)');
			return undefined;
		}
		return n;
	}

	private employeesById(ids: unknown, field: string, errors: FieldErrors, companyId: string): HcpEmployee[] | undefined {
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

	private lineItemFrom(raw: unknown, index: number, field: string, errors: FieldErrors, base?: HcpLineItem): HcpLineItem | undefined {
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
	private withLineItems(job: HcpJob, items: HcpLineItem[], paid: number): { job: HcpJob; items: HcpLineItem[] } {
		const ordered = items.map((item, i) => ({ ...item, order_index: i }));
		hcpLineItemAmounts(ordered).forEach((amount, i) => (ordered[i].amount = amount));
		const subtotal = ordered.reduce((sum, li) => sum + li.amount, 0);
		return { job: { ...job, subtotal, total_amount: subtotal, outstanding_balance: Math.max(0, subtotal - paid) }, items: ordered };
	}

	private createJob(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
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

	// ----- schedule and dispatch (Application API Key only) -------------------------------------------------

	private scheduleBlocked(job: HcpJob, action: 'schedule' | 'unschedule'): ApiResult | undefined {
		if (job.work_status === 'pro canceled' || job.deleted_at) return errorMessage(422, `Can't ${action} an archived job`);
		if (job.work_status === 'user canceled') return errorMessage(422, `Can't ${action} a canceled job`);
		if (job.work_status === 'complete rated' || job.work_status === 'complete unrated') return errorMessage(422, `Can't ${action} a completed job`);
		if (action === 'unschedule' && job.work_status === 'in progress') return errorMessage(422, "Can't unschedule a job in progress");
		if (this.extrasOf(job).appointments.length > 1) {
			return errorMessage(422, 'Jobs with more than one appointment must be updated through the appointments endpoints');
		}
		return undefined;
	}

	private putSchedule(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const blocked = this.scheduleBlocked(job, 'schedule');
		if (blocked) return blocked;
		const errors = new FieldErrors();
		const start = body.start_time === undefined || body.start_time === null || body.start_time === '' ? (errors.add('start_time', 'is missing'), undefined) : this.readTime(body.start_time, 'start_time', errors);
		let end = body.end_time === undefined || body.end_time === null ? undefined : this.readTime(body.end_time, 'end_time', errors);
		const window = body.arrival_window_in_minutes === undefined ? job.schedule.arrival_window : this.readMinutes(body.arrival_window_in_minutes, 'arrival_window_in_minutes', errors);
		for (const flag of ['notify', 'notify_pro'] as const) if (body[flag] !== undefined && typeof body[flag] !== 'boolean') errors.add(flag, 'must be a boolean');
		let dispatched: HcpEmployee[] | undefined;
		if (body.dispatched_employees !== undefined) dispatched = this.dispatchList(body.dispatched_employees, errors, job.company_id);
		if (start !== undefined && end === undefined) end = start + HOUR;
		if (start !== undefined && end !== undefined && end < start) errors.add('end_time', 'must be after start_time');
		if (errors.any || start === undefined || end === undefined) return errors.response();
		const updated = this.write(
			{
				...job,
				schedule: { scheduled_start: isoSeconds(start), scheduled_end: isoSeconds(end), arrival_window: window ?? 0 },
				work_status: job.work_status === 'needs scheduling' ? 'scheduled' : job.work_status,
				assigned_employees: dispatched ?? job.assigned_employees,
			},
			nowMs,
		);
		return {
			status: 200,
			body: {
				start_time: updated.schedule.scheduled_start,
				end_time: updated.schedule.scheduled_end,
				arrival_window_minutes: updated.schedule.arrival_window,
				assigned_employees: updated.assigned_employees,
				appointments: this.extrasOf(updated).appointments,
			},
		};
	}

	private deleteSchedule(job: HcpJob, nowMs: number): ApiResult {
		const blocked = this.scheduleBlocked(job, 'unschedule');
		if (blocked) return blocked;
		this.write({ ...job, schedule: { scheduled_start: null, scheduled_end: null, arrival_window: 0 }, work_status: 'needs scheduling' }, nowMs, { appointments: [] });
		return { status: 200, body: { object: 'schedule', deleted: true } };
	}

	private dispatchList(raw: unknown, errors: FieldErrors, companyId: string): HcpEmployee[] | undefined {
		if (!Array.isArray(raw) || !raw.every((d) => isRecord(d) && typeof d.employee_id === 'string')) {
			errors.add('dispatched_employees', 'must be an array of {employee_id}');
			return undefined;
		}
		return this.employeesById(raw.map((d) => (d as Record<string, unknown>).employee_id), 'dispatched_employees', errors, companyId);
	}

	private dispatch(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		if (body.dispatched_employees === undefined) errors.add('dispatched_employees', 'is missing');
		const employees = body.dispatched_employees === undefined ? undefined : this.dispatchList(body.dispatched_employees, errors, job.company_id);
		if (errors.any || !employees) return errors.response();
		const updated = this.write({ ...job, assigned_employees: employees }, nowMs);
		return { status: 200, body: { assigned_employees: updated.assigned_employees } };
	}

	// ----- lock, links, attachments -----------------------------------------------------------------------------

	/** POST /jobs/lock: locks jobs whose schedule start (scheduled, in_progress) or completed_at (completed) is in range. */
	private lockJobs(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const statuses = body.statuses;
		if (!Array.isArray(statuses) || statuses.length === 0) return errorMessage(422, 'statuses is required'); // documented example
		const bad = statuses.find((st) => st !== 'scheduled' && st !== 'in_progress' && st !== 'completed');
		if (bad !== undefined) return errorMessage(422, `statuses has an invalid value: ${String(bad)}`);
		const from = typeof body.starting_at === 'string' ? parseHcpTime(body.starting_at) : undefined;
		const to = typeof body.ending_at === 'string' ? parseHcpTime(body.ending_at) : undefined;
		if (from === undefined) return errorMessage(422, 'starting_at is required');
		if (to === undefined) return errorMessage(422, 'ending_at is required');
		const inRange = (iso: string | null): boolean => {
			const ms = toMs(iso);
			return ms >= from && ms <= to;
		};
		const locked: Array<{ id: string; locked_at: string }> = [];
		for (const job of [...this.jobs.values()]) {
			if (!caller.visibleCompanies.has(job.company_id)) continue;
			const byStart = (statuses.includes('scheduled') && job.work_status === 'scheduled') || (statuses.includes('in_progress') && job.work_status === 'in progress');
			const byDone = statuses.includes('completed') && job.work_status.startsWith('complete');
			if (!((byStart && inRange(job.schedule.scheduled_start)) || (byDone && inRange(job.work_timestamps.completed_at)))) continue;
			const updated = job.locked_at ? job : this.write({ ...job, locked_at: isoMs(nowMs) }, nowMs);
			locked.push({ id: updated.id, locked_at: updated.locked_at ?? '' });
		}
		return { status: 200, body: { jobs: locked } };
	}

	private addLink(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		for (const field of ['title', 'url'] as const) if (typeof body[field] !== 'string' || body[field] === '') errors.add(field, 'is missing');
		if (errors.any) return errors.response();
		this.write(job, nowMs);
		return { status: 201, body: { id: freshId('jlnk_'), title: body.title, url: body.url } };
	}

	/** Multipart upload with a `file` part; answers 202 `{job_url}` (documented). */
	private addAttachment(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const type = header(req, 'content-type') ?? '';
		const name = /name="file"; filename="([^"]*)"/.exec(req.rawBody)?.[1];
		if (!/^multipart\/form-data/i.test(type) || name === undefined) {
			const errors = new FieldErrors();
			errors.add('file', 'is missing');
			return errors.response();
		}
		const partType = /name="file"[^\r\n]*\r?\nContent-Type: ([^\r\n]+)/i.exec(req.rawBody)?.[1] ?? 'application/octet-stream';
		const attachment: HcpAttachment = { id: freshId('att_'), file_name: name, url: `https://housecall-attachments.example/${job.id}/${encodeURIComponent(name)}`, file_type: partType };
		this.write(job, nowMs, { attachments: [...this.extrasOf(job).attachments, attachment] });
		return { status: 202, body: { job_url: `https://pro.housecallpro.com/app/jobs/${job.id}` } };
	}

	// ----- notes and tags ----------------------------------------------------------------------------------

	private addNote(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		if (typeof body.content !== 'string' || body.content.trim() === '') {
			const errors = new FieldErrors();
			errors.add('content', body.content === undefined ? 'is missing' : "can't be blank");
			return errors.response();
		}
		const note: HcpNote = { id: freshId('nte_'), content: body.content };
		this.write({ ...job, notes: [...job.notes, note] }, nowMs);
		return { status: 201, body: note };
	}

	private deleteNote(job: HcpJob, noteId: string, nowMs: number): ApiResult {
		if (!job.notes.some((n) => n.id === noteId)) return errorMessage(404, 'note not found');
		this.write({ ...job, notes: job.notes.filter((n) => n.id !== noteId) }, nowMs);
		return { status: 200, body: {} };
	}

	private tagObjects(names: readonly string[]): HcpTag[] {
		return names.map((name) => this.tags.find((t) => t.name === name) ?? { id: '', name });
	}

	private addTag(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		if (typeof body.tag_id !== 'string' || body.tag_id === '') {
			const errors = new FieldErrors();
			errors.add('tag_id', 'is missing');
			return errors.response();
		}
		const tag = this.tags.find((t) => t.id === body.tag_id);
		if (!tag) return errorMessage(404, 'tag not found');
		const updated = job.tags.includes(tag.name) ? job : this.write({ ...job, tags: [...job.tags, tag.name] }, nowMs);
		return { status: 201, body: { tags: this.tagObjects(updated.tags) } };
	}

	private removeTag(job: HcpJob, tagId: string, nowMs: number): ApiResult {
		const tag = this.tags.find((t) => t.id === tagId);
		if (!tag || !job.tags.includes(tag.name)) return errorMessage(404, 'tag not found');
		const updated = this.write({ ...job, tags: job.tags.filter((t) => t !== tag.name) }, nowMs);
		return { status: 200, body: { tags: this.tagObjects(updated.tags) } };
	}

	// ----- line items --------------------------------------------------------------------------------------

	private lineItemList(req: RecordedRequest, job: HcpJob): ApiResult {
		return { status: 200, body: { url: `${req.path}`, data: this.extrasOf(job).line_items } };
	}

	private saveLineItems(job: HcpJob, items: HcpLineItem[], nowMs: number): HcpLineItem[] {
		const extras = this.extrasOf(job);
		const { job: priced, items: stored } = this.withLineItems(job, items, extras.amount_paid);
		this.write(priced, nowMs, { line_items: stored });
		return stored;
	}

	private addLineItem(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
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
	private lineItemErrors(errors: FieldErrors): ApiResult {
		const body: Record<string, unknown> = {};
		const sentences: string[] = [];
		for (const [field, messages] of Object.entries(errors.errors)) {
			const attr = field.replace(/^line_items?(\[\d+\])?\./, '');
			body[attr] = messages;
			sentences.push(...messages.map((m) => `${attr.charAt(0).toUpperCase()}${attr.slice(1).replace(/_/g, ' ')} ${m}`));
		}
		return { status: 400, body: { message: sentences.join(', '), ...body } };
	}

	private updateLineItem(req: RecordedRequest, job: HcpJob, id: string, nowMs: number): ApiResult {
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

	private deleteLineItem(job: HcpJob, id: string, nowMs: number): ApiResult {
		const existing = this.extrasOf(job).line_items;
		if (!existing.some((li) => li.id === id)) return { status: 404, body: {} };
		this.saveLineItems(job, existing.filter((li) => li.id !== id), nowMs);
		return { status: 200, body: { id, deleted: true } };
	}

	private bulkLineItems(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
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

	private appointmentFrom(body: Record<string, unknown>, job: HcpJob, errors: FieldErrors, base?: HcpAppointment): HcpAppointment | undefined {
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

	private createAppointment(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		const appointment = this.appointmentFrom(body, job, errors);
		if (!appointment) return errors.response();
		this.writeAppointments(job, [...this.extrasOf(job).appointments, appointment], nowMs);
		return { status: 201, body: appointment };
	}

	private updateAppointment(req: RecordedRequest, job: HcpJob, id: string, nowMs: number): ApiResult {
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

	private deleteAppointment(job: HcpJob, id: string, nowMs: number): ApiResult {
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
	private writeAppointments(job: HcpJob, appointments: HcpAppointment[], nowMs: number): void {
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

	private listEmployees(req: RecordedRequest, caller: Caller): ApiResult {
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

	private listCustomers(req: RecordedRequest, caller: Caller): ApiResult {
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

	private resourceType(value: unknown): HcpResourceType | undefined {
		return value === 'job' || value === 'lead' || value === 'estimate' ? value : undefined;
	}

	private listPipeline(req: RecordedRequest): ApiResult {
		const type = this.resourceType(req.query.resource_type);
		if (!type) return badRequest('resource_type', req.query.resource_type === undefined ? 'is missing' : 'does not have a valid value (allowed: lead, job, estimate)');
		const statuses: HcpPipelineStatus[] = this.pipelineEnabled
			? [...this.pipeline[type]].sort((a, b) => a.order - b.order).map(({ id, name, status_type }) => ({ id, name, status_type }))
			: [];
		return this.paged(req, 'statuses', statuses);
	}

	private movePipeline(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
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
