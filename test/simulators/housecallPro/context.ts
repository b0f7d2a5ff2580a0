/**
 * Tests of the Housecall Pro simulator over real loopback HTTP with plain `fetch`. Expected values come from
 * hand-built jobs and from the documented rules written out here (filter words, sort fields, cents), not
 * from the simulator's own answers.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import {
	HCP_COMPANY_IDS,
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HousecallProSimulator,
	type HcpEmployee,
	type HcpJob,
	type HcpWorkStatus,
} from '../../../tooling/simulators/housecallPro';

export const COMPANY_KEY = HCP_DEFAULT_COMPANY_API_KEY;
export const APP_KEY = HCP_DEFAULT_APPLICATION_API_KEY;
export const T0 = Date.parse('2026-03-10T08:00:00Z');
export const [CMP_A, CMP_B] = HCP_COMPANY_IDS;

export interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

export interface JobList {
	page: number;
	page_size: number;
	total_pages: number;
	total_items: number;
	jobs: HcpJob[];
}

export async function call<T = Record<string, unknown>>(
	base: string,
	method: string,
	pathAndQuery: string,
	options: { key?: string | null; auth?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
	if (options.auth !== undefined) headers.Authorization = options.auth;
	else {
		const key = options.key === undefined ? COMPANY_KEY : options.key;
		if (key !== null) headers.Authorization = `Token ${key}`;
	}
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(`${base}${pathAndQuery}`, { method, headers, body });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export const ids = (list: { jobs: HcpJob[] }): string[] => list.jobs.map((j) => j.id);

export function employee(id: string, company: string): HcpEmployee {
	return {
		id,
		first_name: `First ${id}`,
		last_name: `Last ${id}`,
		email: `${id}@example.com`,
		mobile_number: '5550000000',
		color_hex: '#000000',
		avatar_url: '',
		role: 'field tech',
		created_at: '2025-01-01T00:00:00.000Z',
		tags: [],
		permissions: {
			can_add_and_edit_job: true,
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
		},
		company_name: 'Company',
		company_id: company,
	};
}

export const PRO_A = employee('pro_a', CMP_A);
export const PRO_B = employee('pro_b', CMP_A);
export const PRO_C = employee('pro_c', CMP_B);

export interface Craft {
	n: number;
	status: HcpWorkStatus;
	created: string;
	updated?: string;
	invoice: number;
	description: string;
	customer: string;
	company?: string;
	pros?: HcpEmployee[];
	start?: string;
	end?: string;
}

export function craft(c: Craft): HcpJob {
	const company = c.company ?? CMP_A;
	return {
		id: `job_${String(c.n).padStart(4, '0')}`,
		invoice_number: String(c.invoice),
		name: `Job ${c.n}`,
		description: c.description,
		customer: {
			id: c.customer,
			first_name: 'Pat',
			last_name: c.customer,
			email: null,
			mobile_number: null,
			home_number: null,
			work_number: null,
			company: null,
			notifications_enabled: true,
			lead_source: null,
			created_at: '2025-01-01T00:00:00.000Z',
			updated_at: '2025-01-01T00:00:00.000Z',
			company_name: 'Company',
			company_id: company,
			tags: [],
		},
		address: { id: `adr_${c.n}`, type: 'service', street: '1 Main St', street_line_2: null, city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
		notes: [],
		work_status: c.status,
		work_timestamps: { on_my_way_at: null, started_at: null, completed_at: null },
		schedule: { scheduled_start: c.start ?? null, scheduled_end: c.end ?? null, arrival_window: 0 },
		total_amount: 10_000,
		outstanding_balance: 10_000,
		subtotal: 10_000,
		assigned_employees: c.pros ?? [],
		tags: [],
		original_estimate_id: null,
		original_estimate_uuids: null,
		lead_source: null,
		job_fields: { job_type: null, business_unit: null },
		locked_at: null,
		created_at: c.created,
		updated_at: c.updated ?? c.created,
		canceled_at: null,
		deleted_at: null,
		company_name: 'Company',
		company_id: company,
	};
}

/** Hand-built jobs in no particular order; created_at ties on purpose (jobs 3 and 4). */
export const CRAFTED: Craft[] = [
	{ n: 1, status: 'needs scheduling', created: '2026-01-01T00:00:00.000Z', updated: '2026-02-20T00:00:00.000Z', invoice: 1001, description: 'Drain', customer: 'cus_1', pros: [] },
	{ n: 2, status: 'scheduled', created: '2026-01-05T10:00:00.000Z', updated: '2026-01-06T00:00:00.000Z', invoice: 1002, description: 'AC repair', customer: 'cus_1', pros: [PRO_A], start: '2026-03-11T14:00:00Z', end: '2026-03-11T16:00:00Z' },
	{ n: 3, status: 'in progress', created: '2026-01-10T12:30:00.000Z', invoice: 1010, description: 'Water heater', customer: 'cus_2', pros: [PRO_B], start: '2026-03-10T07:00:00Z', end: '2026-03-10T09:00:00Z' },
	{ n: 4, status: 'complete unrated', created: '2026-01-10T12:30:00.000Z', updated: '2026-02-01T00:00:00.000Z', invoice: 999, description: 'Furnace', customer: 'cus_2', pros: [PRO_A, PRO_B], start: '2026-01-12T14:00:00Z', end: '2026-01-12T15:00:00Z' },
	{ n: 5, status: 'complete rated', created: '2026-01-20T09:15:00.000Z', invoice: 1005, description: 'Breaker', customer: 'cus_3', pros: [PRO_A], start: '2026-01-21T14:00:00Z', end: '2026-01-21T18:00:00Z' },
	{ n: 6, status: 'user canceled', created: '2026-01-25T16:45:00.000Z', invoice: 1006, description: 'Ceiling fan', customer: 'cus_1', pros: [] },
	{ n: 7, status: 'pro canceled', created: '2026-02-01T00:00:00.000Z', invoice: 1007, description: 'Outlet', customer: 'cus_3', pros: [PRO_B], start: '2026-02-03T14:00:00Z', end: '2026-02-03T15:00:00Z' },
	{ n: 8, status: 'scheduled', created: '2026-02-10T11:11:11.000Z', invoice: 1008, description: 'Thermostat', customer: 'cus_2', pros: [PRO_C], company: CMP_B, start: '2026-03-12T14:00:00Z', end: '2026-03-12T15:30:00Z' },
	{ n: 9, status: 'complete unrated', created: '2026-02-15T07:00:00.000Z', invoice: 1009, description: 'Duct cleaning', customer: 'cus_4', pros: [PRO_C], company: CMP_B, start: '2026-02-16T14:00:00Z', end: '2026-02-16T17:00:00Z' },
	{ n: 10, status: 'needs scheduling', created: '2026-02-20T13:00:00.000Z', invoice: 1003, description: 'Panel upgrade', customer: 'cus_4', pros: [PRO_C], company: CMP_B },
	{ n: 11, status: 'scheduled', created: '2026-02-28T23:59:59.000Z', invoice: 1011, description: 'Sump pump', customer: 'cus_1', pros: [PRO_B], start: '2026-03-10T14:00:00Z', end: '2026-03-10T16:00:00Z' },
	{ n: 12, status: 'in progress', created: '2026-03-01T00:00:00.000Z', invoice: 1012, description: 'Leak', customer: 'cus_3', pros: [PRO_A], start: '2026-03-10T06:00:00Z', end: '2026-03-10T08:00:00Z' },
];
export const FRANCHISEE: Record<number, string> = { 1: 'fra_x', 2: 'fra_x', 5: 'fra_y', 9: 'fra_y', 12: 'fra_x' };

/** The documented filter words and the response words they select, written out here. */
export const FILTER_WORDS: Record<string, HcpWorkStatus[]> = {
	unscheduled: ['needs scheduling'],
	scheduled: ['scheduled'],
	in_progress: ['in progress'],
	completed: ['complete unrated', 'complete rated'],
	canceled: ['user canceled', 'pro canceled'],
};

export function craftedSim(extra: ConstructorParameters<typeof HousecallProSimulator>[0] = {}): HousecallProSimulator {
	const sim = new HousecallProSimulator({ jobs: CRAFTED.map(craft), now: () => new Date(T0), ...extra });
	for (const c of CRAFTED) if (FRANCHISEE[c.n]) sim.putJob(sim.getJob(craft(c).id)!, { franchisee_id: FRANCHISEE[c.n] });
	return sim;
}

/** Independent sort: key ascending/descending, ties by id in the same direction. */
export function expectedOrder(jobs: Craft[], by: string, dir: 'asc' | 'desc'): string[] {
	const sign = dir === 'asc' ? 1 : -1;
	const key = (c: Craft): number | string => {
		const j = craft(c);
		if (by === 'created_at' || by === 'updated_at') return Date.parse(j[by]);
		if (by === 'invoice_number') return c.invoice;
		if (by === 'id') return j.id;
		if (by === 'description') return j.description;
		return j.work_status;
	};
	return [...jobs]
		.sort((a, b) => {
			const ka = key(a);
			const kb = key(b);
			if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
			return (craft(a).id < craft(b).id ? -1 : 1) * sign;
		})
		.map((c) => craft(c).id);
}

export const byDefault = (jobs: Craft[]): string[] => expectedOrder(jobs, 'created_at', 'desc');

// -------------------------------------------------------------------------------------------------------------
