/** Planado error bodies, validation and the accepted fields and parameters. */
import type { PlanadoErrorBody, PlanadoJobStatus } from './types';

export interface ApiResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export function apiError(status: number, error: string, message: string, details?: Record<string, string>): ApiResult {
	const body: PlanadoErrorBody = details ? { error, message, details } : { error, message };
	return { status, body };
}

export const UNAUTHORIZED = (): ApiResult => apiError(401, 'unauthorized', 'Missing or invalid API key. Send Authorization: Bearer <api-key>.');
export const NOT_FOUND = (): ApiResult => apiError(404, 'not_found', 'Not found');

export class Validation {
	readonly details: Record<string, string> = {};

	add(field: string, reason: string): void {
		if (!(field in this.details)) this.details[field] = reason;
	}

	get any(): boolean {
		return Object.keys(this.details).length > 0;
	}

	result(): ApiResult {
		const [field, reason] = Object.entries(this.details)[0];
		return apiError(422, 'validation_failed', `${field} ${reason}`, this.details);
	}
}

export { isRecord } from '../kit/body';

export const STARTED_STATUSES: ReadonlySet<PlanadoJobStatus> = new Set(['started', 'suspended', 'finished']);

export const CREATE_FIELDS = new Set([
	'template',
	'job_type',
	'external_id',
	'external_order_id',
	'description',
	'scheduled_at',
	'scheduled_duration',
	'assignee',
	'assignees',
	'possible_resolutions',
	'address',
	'contacts',
	'client',
	'site',
	'territory',
	'skills',
	'custom_fields',
	'report_fields',
]);
/** The update page's table: no template, job_type, external_id or external_order_id; `version` for the lock. */
export const UPDATE_FIELDS = new Set([
	'description',
	'scheduled_at',
	'scheduled_duration',
	'assignee',
	'assignees',
	'possible_resolutions',
	'address',
	'contacts',
	'client',
	'site',
	'territory',
	'skills',
	'custom_fields',
	'report_fields',
	'version',
]);
export const LOCKED_WHEN_STARTED = ['assignee', 'assignees', 'possible_resolutions'];

export const LIST_PARAMS = new Set([
	'after',
	'status',
	'assignee',
	'client',
	'client_uuid',
	'site_uuid',
	'external_order_id',
	'initial_job_uuid',
	'completion_of_uuid',
	'scheduled_at',
	'updated_at',
	'resolution',
]);

export interface JobFilter {
	statuses: Set<PlanadoJobStatus> | undefined;
	finishedResolutions: Set<string> | undefined;
	canceledResolutions: Set<string> | undefined;
	workerUuid?: string;
	teamUuid?: string;
	clientUuid?: string;
	clientExternalId?: string;
	siteUuid?: string;
	externalOrderId?: string;
	initialJobUuid?: string;
	completionOfUuid?: string;
	scheduledAfter?: number;
	scheduledBefore?: number;
	updatedAfter?: number;
	updatedBefore?: number;
}
