/**
 * Housecall Pro's wire details (https://docs.housecallpro.com/docs/housecall-public-api): base URL
 * without a version prefix, `Authorization: Token <key>` and the optional `X-Company-Id` (both in the
 * credential), arrays in query strings as `name[]=` (a Rails backend: `name[0]=` is a hash to it and
 * a repeated bare key keeps only the last value), and `GET /jobs` paged by `page` / `page_size` with
 * `{ page, page_size, total_pages, total_items, jobs }`.
 */
import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { parseInstant } from '../shared/dates';
import { idString, isObject, objectsOf, textOf } from '../shared/json';
import { pageNumberPaging } from '../shared/pagingStrategies';
import { defineJobProvider } from '../shared/provider';
import { trimBaseUrl, type ProviderApi, type RequestContext } from '../shared/transport';
import { simplifyJob } from './simplify';

/** Neither the vendor's page nor its OpenAPI states a maximum; 200 is what clients observe. */
export const MAX_PAGE_SIZE = 200;

export const DEFAULT_BASE_URL = 'https://api.housecallpro.com';

interface HcpListResponse {
	page?: number | string;
	page_size?: number;
	total_pages?: number;
	total_items?: number;
	jobs?: IDataObject[];
}

/** The error shapes Housecall Pro answers with (its OpenAPI `ErrorResponse` and what clients see). */
interface HcpErrorBody {
	message?: unknown;
	error?: unknown;
	error_description?: unknown;
	errors?: unknown;
}

/** `{ field: ['text', …] }` as "field text; …" (Rails validation errors). */
function flattenFieldErrors(errors: unknown, skip: readonly string[] = []): string | undefined {
	if (typeof errors === 'string') return textOf(errors);
	if (Array.isArray(errors)) {
		const texts = errors.map((e) => textOf(e)).filter((e): e is string => e !== undefined);
		return texts.length ? texts.join('; ') : undefined;
	}
	if (!isObject(errors)) return undefined;
	const parts: string[] = [];
	for (const [field, value] of Object.entries(errors)) {
		if (skip.includes(field)) continue;
		const texts = (Array.isArray(value) ? value : [value]).map((v) => textOf(v)).filter((v): v is string => v !== undefined);
		if (texts.length) parts.push(`${field} ${texts.join(', ')}`);
	}
	return parts.length ? parts.join('; ') : undefined;
}

/**
 * The provider's message from any of its error shapes, first match wins: `{error:{message}}`,
 * `{error:"…", error_description}` (OAuth), `{error:"…"}`, `{message}` (401, 400), `{errors:{field:[…]}}`
 * (422), and attribute arrays beside nothing else.
 */
export function hcpErrorMessage(body: unknown): string | undefined {
	if (!isObject(body)) return typeof body === 'string' ? textOf(body) : undefined;
	const { error, message, error_description: errorDescription, errors } = body as HcpErrorBody;
	if (isObject(error)) {
		const nested = textOf(error.message) ?? flattenFieldErrors(error);
		if (nested) return nested;
	}
	if (typeof error === 'string' && textOf(error)) {
		const description = textOf(errorDescription);
		return description ? `${description} (${error})` : textOf(error);
	}
	const text = textOf(message);
	if (text) return text;
	const fieldErrors = flattenFieldErrors(errors);
	if (fieldErrors) return fieldErrors;
	return flattenFieldErrors(body);
}

const APPLICATION_KEY_HINT =
	"Housecall Pro accepts only an Application API Key (or OAuth) here, not a Company API Key: put an Application API Key in the credential, or set the option 'Schedule Through' to Automatic or Job's Appointment to schedule through the job's appointment.";

export const housecallProApi: ProviderApi = {
	name: 'Housecall Pro',
	credentialType: 'housecallProApi',
	baseUrl: (credentials) => trimBaseUrl(credentials.baseUrl, DEFAULT_BASE_URL),
	errorMessage: hcpErrorMessage,
	arrayFormat: 'brackets',
	errorHints: {
		401: "Check the API key in the Housecall Pro credential. A key of a single-company account is refused when 'Company ID' is filled in.",
		404: "Not found, or it belongs to another location than the credential's 'Company ID' selects.",
		429: 'Housecall Pro publishes no rate limit; bursts above a few requests a second get refused. Try again later or space the requests out.',
	},
};

/** A job id as the API writes it (`job_…`); only path-safe characters are accepted. */
export const JOB_ID = { regex: /^[A-Za-z0-9_-]{1,128}$/, expected: 'a Housecall Pro job ID, such as job_6f3c0d1e2a4b…' };

export function jobPath(jobId: string, sub = ''): string {
	return `/jobs/${encodeURIComponent(jobId)}${sub}`;
}

function unwrapJobs(body: unknown): IDataObject[] {
	return isObject(body) ? objectsOf((body as HcpListResponse).jobs) : [];
}

/** Page-number paging; the API's end signal is `page >= total_pages` (0 for an empty list). */
function paging(limit: number | undefined) {
	return pageNumberPaging({
		pageParam: 'page',
		sizeParam: 'page_size',
		maxPageSize: MAX_PAGE_SIZE,
		limit,
		isLastPage: (body, page) => {
			const list = isObject(body) ? (body as HcpListResponse) : {};
			const totalPages = Number(list.total_pages);
			return Number.isFinite(totalPages) && page >= totalPages;
		},
		totalPages: (body) => {
			const totalPages = Number(isObject(body) ? (body as HcpListResponse).total_pages : NaN);
			return Number.isFinite(totalPages) ? totalPages : undefined;
		},
		// Every page repeats total_items: pages of one parallel read that disagree saw the list change.
		snapshot: (body) => (isObject(body) ? String((body as HcpListResponse).total_items ?? '') : undefined),
	});
}

/**
 * Pages in flight at once by default. Housecall Pro publishes no limits; clients report 429s at
 * about 4 requests a second sustained, so 3 at once, and a 429 drops the rest of the read to one.
 */
export const DEFAULT_PARALLEL_REQUESTS = 3;

/** Oldest first by creation: jobs created during a read land after every page already read. */
function inCreationOrder(query: IDataObject): boolean {
	return query.sort_by === 'created_at' && query.sort_direction === 'asc';
}

/** A sort the trigger reads newest first, stopping at jobs older than its cursor. */
const newestFirstBy = (field: 'created_at' | 'updated_at') => (query: IDataObject) => ({
	query: { ...query, sort_by: field, sort_direction: 'desc' },
	oldestFirst: false,
	newestFirst: true,
});

export const provider = defineJobProvider({
	api: housecallProApi,
	maxPageSize: MAX_PAGE_SIZE,
	jobId: (job) => idString(job.id),
	createdAt: (job) => parseInstant(job.created_at),
	updatedAt: (job) => parseInstant(job.updated_at),
	status: (job) => textOf(job.work_status),
	getRequest: (jobId, query) => ({ path: jobPath(jobId), qs: query }),
	unwrapJob: (body) => (isObject(body) ? body : {}),
	simplify: simplifyJob,
	list: {
		path: '/jobs',
		paging: (limit) => paging(limit),
		unwrap: unwrapJobs,
		// Pages are read in parallel only where new jobs land at the end.
		parallel: { defaultRequests: DEFAULT_PARALLEL_REQUESTS, allowed: inCreationOrder },
		// With page numbers, a job that enters, leaves or moves in the list while pages are read
		// shifts later jobs by one place, and one shifted back across a page boundary is missed: such
		// a read holds fewer distinct jobs than the largest `total_items` it saw.
		totalOf: (body) => (isObject(body) ? Number((body as HcpListResponse).total_items) : undefined),
	},
	// GET /jobs has no created or updated range filter, only `sort_by` created_at / updated_at
	// (https://docs.housecallpro.com/docs/housecall-public-api, "Get Jobs"): a poll reads newest first
	// and stops at the first page that reaches jobs older than its cursor.
	changes: {
		createdSince: newestFirstBy('created_at'),
		updatedSince: newestFirstBy('updated_at'),
		newestFirst: (query) => ({ ...query, sort_by: 'updated_at', sort_direction: 'desc' }),
	},
});


/**
 * A write refused with 401/403 on an endpoint that does not accept a Company API Key: the error
 * names the key it needs (the API answers only "Unauthorized").
 */
export function explainKeyRefusal(ctx: RequestContext, error: unknown, what: string, itemIndex?: number): unknown {
	if (!(error instanceof NodeApiError) || (error.httpCode !== '401' && error.httpCode !== '403')) return error;
	const message = `Housecall Pro refused to ${what} (HTTP ${error.httpCode}): this needs an Application API Key, not a Company API Key`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: `${APPLICATION_KEY_HINT} If the credential already holds an Application API Key, check that it is correct. ${error.description ?? ''}`.trim(),
		httpCode: error.httpCode,
		itemIndex,
	});
}
