/** Accelo stored records (numbers are kept as numbers here; the API renders every value as a string). */
export type AcceloStanding = 'pending' | 'active' | 'paused' | 'complete' | 'inactive';
export type AcceloAgainstType = 'company' | 'site';

export interface AcceloStaff {
	id: number;
	firstname: string;
	surname: string;
	email: string;
	username: string;
	/** Position title. */
	title: string;
	standing: 'active' | 'inactive';
}

export interface AcceloCompany {
	id: number;
	name: string;
	website: string | null;
	phone: string | null;
	standing: 'active' | 'inactive';
	date_created: number;
}

export interface AcceloSite {
	id: number;
	title: string;
	company_id: number;
}

export interface AcceloJobType {
	id: number;
	title: string;
	standing: 'active' | 'inactive';
	ordering: number;
	has_custom_id: boolean;
}

export interface AcceloJobStatus {
	id: number;
	title: string;
	color: string;
	standing: AcceloStanding;
	/** Whether the status may be used when a job is created. */
	start: 'yes' | 'no';
	ordering: number;
}

/** A move between two statuses (the deployment's business process). */
export interface AcceloProgression {
	id: number;
	title: string;
	from_status_id: number;
	to_status_id: number;
}

export interface AcceloRate {
	id: number;
	title: string;
	/** Decimal string, e.g. "125.00". */
	charged: string;
}

export interface AcceloJob {
	id: number;
	title: string;
	against_type: AcceloAgainstType;
	against_id: number;
	custom_id: string | null;
	/** Days paused. */
	paused: number;
	staff_bookmarked: boolean;
	date_created: number;
	date_modified: number;
	/** When the job moved into an active status. */
	date_commenced: number | null;
	/** Scheduled start. */
	date_started: number | null;
	date_due: number | null;
	date_completed: number | null;
	date_last_interacted: number | null;
	job_type_id: number;
	rate_id: number | null;
	/** Decimal string, e.g. "125.00". */
	rate_charged: string;
	status_id: number;
	/** Always the standing of `status_id`. */
	standing: AcceloStanding;
	manager_id: number;
	modified_by: number;
	affiliation_id: number | null;
	contract_id: number | null;
	is_billable: boolean;
}

export interface AcceloProgressionHistory {
	id: number;
	to_id: number;
	to_title: string;
	against_type: 'job';
	against_id: number;
	modified_by: number;
	date_modified: number;
}

export interface AcceloData {
	/** Unix seconds; every generated date lies before this, except scheduled starts and due dates. */
	referenceDate: number;
	staff: AcceloStaff[];
	companies: AcceloCompany[];
	sites: AcceloSite[];
	jobTypes: AcceloJobType[];
	statuses: AcceloJobStatus[];
	progressions: AcceloProgression[];
	rates: AcceloRate[];
	/** Sorted by ascending id. */
	jobs: AcceloJob[];
	progressionHistory: AcceloProgressionHistory[];
}

/** 2026-10-01T00:00:00Z. Generated data spreads over the ~90 days before it. */
export const ACCELO_REFERENCE_DATE = 1790812800;
