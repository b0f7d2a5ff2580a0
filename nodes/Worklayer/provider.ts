/**
 * Worklayer's wire details (https://docs.taxfyle.com/jobs/job-list, /jobs/job-resource): Bearer
 * token (in the credential), lists `{ data, next_page_token }` read with `page_size` / `page_token`
 * until the token is "" (or missing, as on other list pages), one `filter` expression, jobs by id
 * (`/jobs/{id}`) or short id (`/jobs/getByShortId:{short_id}`). Errors are named in the docs
 * (BadRequest, Unauthorized, Forbidden, NotFound); their body is read as `{ error, message }` when
 * it has that shape.
 */
import type { IDataObject } from 'n8n-workflow';

import { idString, isObject, objectsOf } from '../shared/json';
import { UUID, unanchored, type IdPattern } from '../shared/parameters';
import { pageTokenPaging } from '../shared/pagingStrategies';
import { defineJobProvider } from '../shared/provider';
import { simplifyJob } from './simplify';
import { trimBaseUrl, type ProviderApi } from '../shared/transport';
import { quote, wireQueries, withTerm, type WorklayerListQuery } from './filters';

/**
 * Page size. The docs give 50 as the default and no maximum; an API in this style (Google's AIP-158,
 * https://google.aip.dev/158) may clamp a larger size or refuse it. 50 is the largest size known to
 * be accepted, so no read is ever refused for its page size.
 */
export const MAX_PAGE_SIZE = 50;

/** A job's short id, as the docs show it (`7GRK4ERKFLL`). */
const SHORT_ID: IdPattern = { regex: /^[A-Za-z0-9]{4,32}$/, expected: 'a short ID such as 7GRK4ERKFLL' };

/** A job id (UUID) or short id. */
export const JOB_ID: IdPattern = {
	regex: new RegExp(`^(?:${unanchored(UUID)}|${unanchored(SHORT_ID)})$`),
	expected: 'a job ID (a UUID such as a9749189-c82b-488b-a448-8f74c3d254e0) or a short ID (such as 7GRK4ERKFLL)',
};

export interface WorklayerList {
	data?: IDataObject[];
	next_page_token?: string;
}

export interface WorklayerJob extends IDataObject {
	id: string;
	short_id?: string;
	name?: string | null;
	description?: string | null;
	status?: string;
	create_time?: string;
	update_time?: string;
}

interface WorklayerErrorBody {
	error?: string;
	message?: string;
	error_description?: string;
}

export const worklayerApi: ProviderApi = {
	name: 'Worklayer',
	credentialType: 'worklayerApi',
	baseUrl: (credentials) => trimBaseUrl(credentials.baseUrl, 'https://api.worklayer.com/v1.0'),
	errorMessage(body) {
		if (!isObject(body)) return typeof body === 'string' && body.trim() ? body.trim() : undefined;
		const { error, message, error_description: description } = body as WorklayerErrorBody;
		const text = message ?? description;
		if (text && error) return `${text} (${error})`;
		return text ?? error;
	},
	errorHints: {
		401: "Check the Worklayer credential's Client ID, Client Secret and Audience.",
		403: 'This API client (a machine member of the workspace) is not allowed to do this; Taxfyle customer success sets what it may do.',
	},
};

/** Epoch ms of a Worklayer time, rounded down: `update_time` carries microseconds, which Date cannot hold. */
export function timeMs(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(value.trim());
	if (!m) return undefined;
	const seconds = Date.parse(`${m[1]}${m[3].toUpperCase()}`);
	if (Number.isNaN(seconds)) return undefined;
	return seconds + Number((m[2] ?? '').padEnd(3, '0').slice(0, 3));
}

/** The job in a get or write answer: bare, or inside `data` (the docs do not show which). */
export function unwrapJob(body: unknown): IDataObject {
	if (isObject(body) && isObject(body.data)) return body.data;
	return isObject(body) ? body : {};
}

function listOf(body: unknown): IDataObject[] {
	return objectsOf(isObject(body) ? (body as WorklayerList).data : undefined);
}

function nextToken(body: unknown): string | undefined {
	const token = isObject(body) ? body.next_page_token : undefined;
	return typeof token === 'string' ? token : undefined;
}

/** Paging of every Worklayer list: `page_size` up to MAX_PAGE_SIZE, `page_token` ← `next_page_token`. */
function tokenPaging() {
	return pageTokenPaging({ tokenParam: 'page_token', sizeParam: 'page_size', maxPageSize: MAX_PAGE_SIZE, nextToken });
}

/** Path of "get one job": by id, or by short id through the docs' custom method. */
export function jobPath(jobId: string): string {
	return UUID.regex.test(jobId) ? `/jobs/${jobId}` : `/jobs/getByShortId:${encodeURIComponent(jobId)}`;
}

/** ISO 8601 of an epoch ms, always with milliseconds, so that a cursor keeps its whole millisecond. */
function isoMs(ms: number): string {
	return new Date(ms).toISOString();
}

export const provider = defineJobProvider({
	api: worklayerApi,
	simplify: simplifyJob,
	maxPageSize: MAX_PAGE_SIZE,
	jobId: (job) => idString(job.id),
	createdAt: (job) => timeMs(job.create_time),
	updatedAt: (job) => timeMs(job.update_time),
	status: (job) => idString(job.status),
	getRequest: (jobId) => ({ path: jobPath(jobId) }),
	unwrapJob,
	list: {
		path: '/jobs',
		paging: () => tokenPaging(),
		unwrap: listOf,
		// The filter has no OR of statuses: several statuses are one series each (see filters.ts).
		split: (query) => wireQueries(query as WorklayerListQuery),
	},
	// The list filters by `create_time` only: no update-time filter and no sort
	// (https://docs.taxfyle.com/jobs/job-list). `>=` on the cursor's millisecond includes every job
	// created within it, microseconds and all; the order of the list is not documented, so the
	// engine reads every page of a poll rather than stopping early.
	changes: {
		createdSince: (query, sinceMs) => ({
			query: withTerm(query as WorklayerListQuery, `create_time >= ${quote(isoMs(sinceMs), 'cursor')}`),
			oldestFirst: false,
		}),
	},
});
