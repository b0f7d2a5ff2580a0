/**
 * Housecall Pro's wire details (https://docs.housecallpro.com/docs/housecall-public-api): base URL
 * without a version prefix, `Authorization: Token <key>` and the optional `X-Company-Id` (both in the
 * credential), arrays in query strings as `name[]=` (a Rails backend: `name[0]=` is a hash to it and
 * a repeated bare key keeps only the last value), and `GET /jobs` paged by `page` / `page_size` with
 * `{ page, page_size, total_pages, total_items, jobs }`.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { parseInstant } from '../../shared/dates';
import { idString, isObject, objectsOf, textOf } from '../../shared/json';
import { pageNumberPaging, type PaginationResult } from '../../shared/pagination';
import { defineJobProvider, stopAfterPage, type JobProvider, type ListJobsOptions } from '../../shared/provider';
import { providerRequestAllItems, trimBaseUrl, type ProviderApi, type RequestContext } from '../../shared/transport';
import { simplifyJob } from '../simplify';

/** Neither the vendor's page nor its OpenAPI states a maximum; 200 is what clients observe. */
export const MAX_PAGE_SIZE = 200;

export const DEFAULT_BASE_URL = 'https://api.housecallpro.com';

export interface HcpListResponse {
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

export const APPLICATION_KEY_HINT =
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

export function unwrapJobs(body: unknown): IDataObject[] {
	return isObject(body) ? objectsOf((body as HcpListResponse).jobs) : [];
}

/** Page-number paging; the API's end signal is `page >= total_pages` (0 for an empty list). */
function paging(limit: number | undefined, onTotal?: (total: number) => void) {
	return pageNumberPaging({
		pageParam: 'page',
		sizeParam: 'page_size',
		maxPageSize: MAX_PAGE_SIZE,
		limit,
		isLastPage: (body, page) => {
			const list = isObject(body) ? (body as HcpListResponse) : {};
			const total = Number(list.total_items);
			if (onTotal && Number.isFinite(total)) onTotal(total);
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

const base = defineJobProvider({
	api: housecallProApi,
	maxPageSize: MAX_PAGE_SIZE,
	jobId: (job) => idString(job.id),
	createdAt: (job) => parseInstant(job.created_at),
	updatedAt: (job) => parseInstant(job.updated_at),
	status: (job) => textOf(job.work_status),
	getRequest: (jobId, query) => ({ path: jobPath(jobId), qs: query }),
	unwrapJob: (body) => (isObject(body) ? body : {}),
	simplify: simplifyJob,
	list: { path: '/jobs', paging: (limit) => paging(limit), unwrap: unwrapJobs },
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
 * Reads the job list. With page numbers, a job that enters, leaves or moves in the list while pages
 * are read shifts later jobs by one place: a repeat is dropped by the loop, but a job shifted back
 * across a page boundary would be missed. Every such case leaves a full read with fewer distinct
 * jobs than the largest `total_items` it saw; the list is then read once more, and that second read
 * is returned if it is complete in itself. Otherwise the node fails rather than return part of it.
 */
async function listJobs(ctx: RequestContext, query: IDataObject, options: ListJobsOptions = {}): Promise<PaginationResult> {
	const read = async (inFlight: number): Promise<{ result: PaginationResult; total: number }> => {
		let total = 0;
		let current = inFlight;
		const result = await providerRequestAllItems.call(
			ctx,
			housecallProApi,
			{
				method: 'GET',
				path: '/jobs',
				qs: query,
				itemIndex: options.itemIndex,
				timeout: options.timeout,
				// A 429 during a parallel read: the rest of it goes one page at a time.
				onRateLimited: () => {
					current = 1;
				},
			},
			stopAfterPage(
				paging(options.limit, (pageTotal) => (total = Math.max(total, pageTotal))),
				options.stopAfterPage,
			),
			unwrapJobs,
			{ limit: options.limit, idOf: base.jobId, concurrency: () => current },
		);
		return { result, total };
	};
	const requests = options.parallelRequests ?? DEFAULT_PARALLEL_REQUESTS;
	// Pages are read in parallel only where new jobs land at the end and many pages are wanted.
	const parallel =
		requests > 1 &&
		!options.stopAfterPage &&
		inCreationOrder(query) &&
		(options.limit === undefined || options.limit > MAX_PAGE_SIZE);
	const first = await read(parallel ? requests : 1);
	const changed = first.result.stopReason === 'listChanged';
	// Only a full read promises every job; a limit or a poll's early stop does not.
	if (!changed && (options.limit !== undefined || options.stopAfterPage || first.result.items.length >= first.total)) {
		return first.result;
	}
	const second = await read(1);
	if (second.result.stopReason !== 'listChanged' && second.result.items.length >= second.total) {
		return { ...second.result, pages: first.result.pages + second.result.pages };
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`Housecall Pro's job list changed while it was read: ${second.result.items.length} of ${second.total} jobs could be read`,
		{
			itemIndex: options.itemIndex,
			description:
				'Jobs moved between pages during the read, twice (for example status changes under a Work Status filter, or updates under a sort by updated_at). Run the node again, or narrow the filters.',
		},
	);
}

export const provider: JobProvider = { ...base, listJobs };

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

/** A reference list of Housecall Pro (`GET /tags`, `/pipeline/statuses`, …): every page, items under `key`. */
export async function listAll(this: RequestContext, path: string, key: string, qs: IDataObject = {}): Promise<IDataObject[]> {
	const { items } = await providerRequestAllItems.call(
		this,
		housecallProApi,
		{ method: 'GET', path, qs },
		paging(undefined),
		(body) => (isObject(body) ? objectsOf(body[key]) : []),
		{ idOf: (item) => idString(item.id) },
	);
	return items;
}
