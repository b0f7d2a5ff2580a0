/** Worklayer records (the API's shapes) and constants (sources in index.ts). */
export const WORKLAYER_STATUSES = ['UNDER_CONSTRUCTION', 'INFO_GATHERING', 'UNCLAIMED', 'CLAIMED', 'CLOSED', 'CANCELED'] as const;
export type WorklayerJobStatus = (typeof WORKLAYER_STATUSES)[number];

/** A person on a job. The docs show `role` (e.g. CHAMPION), `type` (e.g. CLIENT), `user_id` and names. */
export interface WorklayerJobMember {
	user_id: string;
	given_name: string;
	family_name: string;
	/** CLIENT for the person the work is for, CHAMPION for the Pro who claimed the job. */
	role: 'CLIENT' | 'CHAMPION';
	/** CLIENT for workspace users, PROVIDER for Taxfyle Pros (UNDOCUMENTED spelling). */
	type: 'CLIENT' | 'PROVIDER';
}

export interface WorklayerJob {
	id: string;
	short_id: string;
	name: string | null;
	description: string;
	/** A string, e.g. "91" (docs' sample). */
	workspace_id: string;
	status: WorklayerJobStatus;
	create_time: string;
	update_time: string;
	transmit_time: string | null;
	deadline_time: string | null;
	total_amount: number;
	members: WorklayerJobMember[];
}

/** A member of the workspace (`GET /v1.0/members`). The API client itself is a MACHINE member. */
export interface WorklayerMember {
	user_id: string;
	workspace_id: string;
	given_name: string;
	family_name: string;
	email: string | null;
	type: 'CLIENT' | 'ADMIN' | 'MACHINE';
	create_time: string;
}

/** A Taxfyle Pro (not a workspace member; appears on claimed jobs and as a requested provider). */
export interface WorklayerPro {
	user_id: string;
	given_name: string;
	family_name: string;
}

export type WorklayerQuestionType = 'BOOL' | 'NUMERIC' | 'TEXT' | 'DATE_TIME' | 'SINGLE_SELECT' | 'MULTI_SELECT';

export interface WorklayerQuestion {
	id: string;
	type: WorklayerQuestionType;
	question_text: string;
	options: Array<{ id: string; text: string }>;
}

/** https://docs.taxfyle.com/service-packages/service-package-resource */
export interface WorklayerServicePackage {
	id: string;
	name: string;
	type: 'PERSONAL' | 'BUSINESS' | 'ADD_ON';
	description: string;
	create_time: string;
	modified_time: string;
	required_questions: WorklayerQuestion[];
}

/** `GET /v1.0/job-templates` (job-creation-flow): what a new job is created from. */
export interface WorklayerJobTemplate {
	id: string;
	name: string;
	description: string;
	/** The tax form, used in job descriptions ("Tony Stark | 2021 | 1040"). */
	form: string;
	/** Price of a job created from it (`total_amount`). */
	price: number;
	supported_service_packages: string[];
	create_time: string;
	update_time: string;
}

/** https://docs.taxfyle.com/documents/document-resource */
export interface WorklayerDocument {
	id: string;
	title: string;
	description: string;
	create_time: string;
	update_time: string;
	document_type: { id: string; name: string } | null;
}

export interface WorklayerData {
	referenceDate: string;
	workspaceId: string;
	members: WorklayerMember[];
	pros: WorklayerPro[];
	servicePackages: WorklayerServicePackage[];
	templates: WorklayerJobTemplate[];
	/** Ascending `create_time`, then `id`. */
	jobs: WorklayerJob[];
	/** Job id → documents (Maps: plain objects with 50,000 UUID keys are slow). */
	documents: Map<string, WorklayerDocument[]>;
	/** Job id → the job template it was created from (not part of the job resource). */
	jobTemplates: Map<string, string>;
}

export interface WorklayerErrorBody {
	error: 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'TooManyRequests';
	message: string;
}

export interface WorklayerList<T> {
	data: T[];
	next_page_token?: string;
}
export const WORKLAYER_REFERENCE_DATE = '2026-03-01T00:00:00Z';
export const WORKLAYER_API_PREFIX = '/v1.0';
export const WORKLAYER_TOKEN_PATH = '/oauth/token';
/** "Only https://api.worklayer.com/public/ is supported" (https://docs.taxfyle.com/concepts/authentication). */
export const WORKLAYER_AUDIENCE = 'https://api.worklayer.com/public/';
export const WORKLAYER_DEFAULT_CLIENT_ID = 'worklayer-test-client';
export const WORKLAYER_DEFAULT_CLIENT_SECRET = 'worklayer-test-secret';
export const WORKLAYER_DEFAULT_WORKSPACE_ID = '91';
export const WORKLAYER_DEFAULT_PAGE_SIZE = 50;
export const WORKLAYER_DEFAULT_MAX_PAGE_SIZE = 100;
export const WORKLAYER_TOKEN_SCOPE = 'api:access';

/** Fields the list `filter` understands and their comparators (docs' filtering table). */
export const WORKLAYER_FILTER_FIELDS: Readonly<Record<string, readonly string[]>> = {
	'members.user_id': [':'],
	status: ['=', '!='],
	create_time: ['=', '!=', '>', '>=', '<', '<='],
	transmit_time: ['=', '!=', '>', '>=', '<', '<='],
	deadline_time: ['=', '!=', '>', '>=', '<', '<='],
};
