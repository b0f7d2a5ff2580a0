/** FSM Navigator error bodies, validation and the parsing of times. */
import { isoMatchToMs } from '../kit/time';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO 8601 date or date-time to epoch ms; undefined when invalid. No offset → UTC. */
export function parseIso8601(value: string, requireTime = false): number | undefined {
	const m = ISO_RE.exec(value);
	if (!m || (requireTime && m[4] === undefined)) return undefined;
	return isoMatchToMs(m, true);
}

export class ValidationErrors {
	readonly details: Record<string, string> = {};

	private first: string | undefined;

	add(field: string, reason: string): void {
		if (field in this.details) return;
		this.details[field] = reason;
		this.first ??= `${field} ${reason}`;
	}

	get any(): boolean {
		return this.first !== undefined;
	}

	response(): ApiResult {
		return { status: 400, body: { success: false, error: 'validation_failed', message: this.first ?? 'Validation failed', details: this.details } };
	}
}

export function validationFailed(field: string, reason: string): ApiResult {
	const errors = new ValidationErrors();
	errors.add(field, reason);
	return errors.response();
}

export interface ApiResult {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const NOT_FOUND_ENDPOINT: ApiResult = { status: 404, body: { success: false, error: 'not_found', message: 'Endpoint not found' } };
export const JOB_NOT_FOUND: ApiResult = { status: 404, body: { success: false, error: 'not_found', message: 'Job not found' } };
export const UNAUTHORIZED: ApiResult = { status: 401, body: { success: false, error: 'unauthorized', message: 'Invalid or missing API key' } };

export const DIGITS_RE = /^[0-9]+$/;

export { isRecord } from '../kit/body';

export const CREATE_FIELDS = new Set([
	'job_title',
	'job_description',
	'job_priority',
	'customer_location_id',
	'assigned_technician_id',
	'scheduled_start',
	'scheduled_end',
	'asset_ids',
	'asset_relationship_type',
]);
