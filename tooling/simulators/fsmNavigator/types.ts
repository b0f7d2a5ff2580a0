/** FSM Navigator records: the API's shapes (sources in index.ts). */
export const FSM_STATUSES = [
	'Pending',
	'Assigned',
	'In Progress',
	'On Hold',
	'Completed',
	'Invoiced',
	'Paid',
	'Closed',
	'Cancelled',
] as const;
export type FsmJobStatus = (typeof FSM_STATUSES)[number];

export const FSM_PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;
export type FsmJobPriority = (typeof FSM_PRIORITIES)[number];

export const FSM_RELATIONSHIP_TYPES = [
	'serviced',
	'installed',
	'replaced',
	'inspected',
	'maintenance',
	'meter_threshold',
] as const;
export type FsmAssetRelationshipType = (typeof FSM_RELATIONSHIP_TYPES)[number];

export type FsmScope = 'jobs:read' | 'jobs:write' | 'technicians:read' | 'assets:read';

/** The seed's transition table, verbatim. */
export const FSM_STATUS_TRANSITIONS: Readonly<Record<FsmJobStatus, readonly FsmJobStatus[]>> = {
	Pending: ['Assigned', 'Cancelled'],
	Assigned: ['In Progress', 'Pending', 'Cancelled', 'On Hold'],
	'In Progress': ['Completed', 'Assigned', 'On Hold', 'Cancelled'],
	'On Hold': ['In Progress', 'Assigned', 'Cancelled'],
	Completed: ['Invoiced'],
	Invoiced: ['Paid'],
	Paid: ['Closed'],
	Cancelled: [],
	Closed: [],
};

/** One linked asset as it appears in `assets[]` of the get response. */
export interface FsmJobAsset {
	asset_id: number;
	asset_tag: string;
	asset_name: string;
	asset_status: string;
	relationship_type: FsmAssetRelationshipType;
	relationship_notes: string | null;
	linked_at: string;
}

export interface FsmJob {
	job_id: number;
	job_title: string;
	job_description: string;
	/** Typed to the nine documented statuses; tests may cast other strings in to test pass-through. */
	job_status: FsmJobStatus;
	job_priority: FsmJobPriority;
	assigned_technician_id: number | null;
	assigned_technician_name: string | null;
	customer_location_id: number;
	customer_location_name: string;
	customer_id: number;
	customer_name: string;
	scheduled_start: string | null;
	scheduled_end: string | null;
	actual_start: string | null;
	actual_end: string | null;
	created_at: string;
	updated_at: string;
	assets: FsmJobAsset[];
}

/** A job as it appears in the list response (no `assets`). */
export type FsmJobListItem = Omit<FsmJob, 'assets'>;

export interface FsmTechnician {
	technician_id: number;
	technician_name: string;
}

export interface FsmCustomer {
	customer_id: number;
	customer_name: string;
}

export interface FsmCustomerLocation {
	customer_location_id: number;
	customer_location_name: string;
	customer_id: number;
	address: string;
}

/** An asset of the company's inventory. Deleted assets are silently skipped when linked. */
export interface FsmAsset {
	asset_id: number;
	asset_tag: string;
	asset_name: string;
	asset_status: string;
	customer_location_id: number;
	deleted: boolean;
}

export interface FsmData {
	/** The fixed "now" the demo data was generated against (ISO 8601). */
	referenceDate: string;
	technicians: FsmTechnician[];
	customers: FsmCustomer[];
	locations: FsmCustomerLocation[];
	assets: FsmAsset[];
	/** Ascending `job_id`, ascending `created_at`. */
	jobs: FsmJob[];
}
