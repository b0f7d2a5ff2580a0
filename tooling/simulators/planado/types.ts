/** Planado records: the API's shapes (sources in index.ts). */
export const PLANADO_STATUSES = ['posted', 'scheduled', 'published', 'en_route', 'started', 'suspended', 'finished', 'canceled'] as const;
export type PlanadoJobStatus = (typeof PLANADO_STATUSES)[number];

export type PlanadoAssigneeRef = { worker_uuid: string } | { team_uuid: string };

export interface PlanadoGeolocation {
	latitude: number;
	longitude: number;
}

export interface PlanadoAddress {
	formatted: string;
	entrance_no: string | null;
	apartment: string | null;
	floor: string | null;
	description: string | null;
	geolocation: PlanadoGeolocation | null;
}

export interface PlanadoContact {
	name: string;
	value: string;
	type: 'phone' | 'email';
}

export interface PlanadoJobTimestamps {
	en_route_at: string | null;
	started_at: string | null;
	suspended_at: string | null;
	finished_at: string | null;
}

export interface PlanadoJobResolution {
	uuid: string;
	comment: string | null;
}

export interface PlanadoCustomFieldValue {
	uuid?: string;
	name?: string;
	value: unknown;
}

/** A stored job: every field of the list item plus what get adds, references kept as uuids. */
export interface PlanadoJob {
	uuid: string;
	external_id: string | null;
	external_order_id: string | null;
	serial_no: number;
	status: PlanadoJobStatus;
	/** `YYYY-MM-DDTHH:MM:SS`, no offset (account time zone; UTC in the simulator). */
	scheduled_at: string | null;
	scheduled_duration: { minutes: number } | null;
	description: string | null;
	template_uuid: string | null;
	type_uuid: string;
	client_uuid: string | null;
	site_uuid: string | null;
	assignee: PlanadoAssigneeRef | null;
	skill_uuids: string[];
	territory_uuid: string | null;
	initial_job_uuid: string | null;
	completion_of_uuid: string | null;
	contacts: PlanadoContact[];
	address: PlanadoAddress | null;
	possible_resolution_uuids: string[];
	/** Set on finished and canceled jobs. */
	resolution: PlanadoJobResolution | null;
	timestamps: PlanadoJobTimestamps;
	custom_fields: PlanadoCustomFieldValue[];
	report_fields: PlanadoCustomFieldValue[];
	version: number;
	/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` */
	created_at: string;
	updated_at: string;
}

/** One element of `GET /jobs` → `jobs[]` (fields of the list page's table). */
export interface PlanadoJobListItem {
	uuid: string;
	external_id: string | null;
	external_order_id: string | null;
	serial_no: number;
	status: PlanadoJobStatus;
	scheduled_at: string | null;
	scheduled_duration: { minutes: number } | null;
	description: string | null;
	assignee: PlanadoAssigneeRef | null;
	type_uuid: string;
	template_uuid: string | null;
	client_uuid: string | null;
	site_uuid: string | null;
	contacts: PlanadoContact[];
	territory_uuid: string | null;
	skill_uuids: string[];
	initial_job_uuid: string | null;
	completion_of_uuid: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoNamedRef {
	uuid: string;
	name: string;
}

/** `GET /jobs/{id}` → `job`. */
export interface PlanadoJobDetail {
	uuid: string;
	external_id: string | null;
	external_order_id: string | null;
	serial_no: number;
	status: PlanadoJobStatus;
	scheduled_at: string | null;
	scheduled_duration: { minutes: number } | null;
	template: PlanadoNamedRef | null;
	client: { uuid: string; external_id: string | null } | null;
	site: { uuid: string; external_id: string | null } | null;
	type: { uuid: string; code: string };
	timestamps: PlanadoJobTimestamps;
	assignee: { worker: { uuid: string; email: string } } | { team: { uuid: string; name: string } } | null;
	skills: PlanadoNamedRef[];
	territory: PlanadoNamedRef | null;
	description: string | null;
	address: PlanadoAddress | null;
	contacts: PlanadoContact[];
	possible_resolutions: PlanadoNamedRef[];
	custom_fields: PlanadoCustomFieldValue[];
	report_fields: PlanadoCustomFieldValue[];
	/** Only on finished and canceled jobs. */
	resolution?: { uuid: string; name: string; successful: boolean; comment: string | null };
	initial_job_uuid: string | null;
	completion_of_uuid: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoJobType {
	uuid: string;
	code: string;
}

export interface PlanadoTemplate {
	uuid: string;
	name: string;
	type_uuid: string;
	description: string | null;
	scheduled_duration: { minutes: number } | null;
	assignee: PlanadoAssigneeRef | null;
	created_at: string;
	updated_at: string;
}

export interface PlanadoTerritory {
	uuid: string;
	name: string;
}

export interface PlanadoUser {
	uuid: string;
	first_name: string;
	last_name: string;
	email: string;
	mobile_phone: string | null;
	territory: PlanadoTerritory | null;
}

export interface PlanadoTeam {
	uuid: string;
	name: string;
	territory: PlanadoTerritory | null;
	/** Not in the API answer; which workers the team holds. */
	worker_uuids: string[];
}

export interface PlanadoSkill {
	uuid: string;
	name: string;
}

export interface PlanadoResolution {
	uuid: string;
	name: string;
	successful: boolean;
	has_comment: boolean;
	comment_required: boolean;
}

export interface PlanadoClient {
	uuid: string;
	external_id: string | null;
	name: string;
	organization: boolean;
	organization_name?: string;
	first_name?: string | null;
	last_name?: string | null;
	middle_name?: string | null;
	site_address: PlanadoAddress | null;
	contacts: PlanadoContact[];
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoSite {
	uuid: string;
	external_id: string | null;
	name: string;
	client_uuid: string | null;
	address: PlanadoAddress | null;
	contacts: PlanadoContact[];
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoData {
	/** The "now" the data was generated against (ISO 8601). */
	referenceDate: string;
	jobTypes: PlanadoJobType[];
	templates: PlanadoTemplate[];
	territories: PlanadoTerritory[];
	users: PlanadoUser[];
	teams: PlanadoTeam[];
	skills: PlanadoSkill[];
	resolutions: PlanadoResolution[];
	clients: PlanadoClient[];
	sites: PlanadoSite[];
	/** In the API's list order: newest first. */
	jobs: PlanadoJob[];
}

export interface PlanadoErrorBody {
	error: string;
	message: string;
	details?: Record<string, string>;
}

/** One successful write, with the notification choice made by `X-Planado-Notify-Assignees`. */
export interface PlanadoWrite {
	method: 'POST' | 'PATCH';
	job_uuid: string;
	notifyAssignees: boolean;
	/** The header exactly as sent, or undefined. */
	notifyHeader: string | undefined;
}
