/** Housecall Pro error bodies and the parsing of query values and times. */
import { isoMatchToMs } from '../kit/time';
import type { QueryValue } from '../server';

export interface ApiResult {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const UNAUTHORIZED: ApiResult = { status: 401, body: { message: 'Unauthorized' } };
/** Unknown route (UNDOCUMENTED shape). */
export const ROUTE_NOT_FOUND: ApiResult = { status: 404, body: { error: { message: 'Not Found' } } };

/** `{"error":{"message":"…"}}` (OpenAPI `ErrorResponse`). */
export function errorMessage(status: number, message: string): ApiResult {
	return { status, body: { error: { message } } };
}

/** `{"error":"…"}` (pipeline endpoints). */
export function errorString(status: number, message: string): ApiResult {
	return { status, body: { error: message } };
}

/** 422 `{"errors":{"field":["…"]}}`. */
export class FieldErrors {
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
export function badRequest(field: string, message: string): ApiResult {
	return { status: 400, body: { message: `${field} ${message}`, [field]: [message] } };
}

export const DIGITS_RE = /^[0-9]+$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 date or date-time → epoch ms (no offset → UTC); undefined when invalid. */
export function parseHcpTime(value: string): number | undefined {
	return isoMatchToMs(ISO_RE.exec(value.trim()));
}

export { isRecord } from '../kit/body';

/** A query value read as a Rails array param: array → strings, bare string → [it], hash → undefined (matches nothing). */
export function railsArray(value: QueryValue | undefined): string[] | null | undefined {
	if (value === undefined) return null;
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return undefined;
}

export function toMs(iso: string | null | undefined): number {
	if (!iso) return NaN;
	return Date.parse(iso);
}
