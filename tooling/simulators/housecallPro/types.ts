/** Housecall Pro records: the API's shapes (sources in index.ts). */
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
