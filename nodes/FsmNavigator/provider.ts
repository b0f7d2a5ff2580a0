/**
 * FSM Navigator's wire details: `X-API-Key` auth (in the credential), `{ data, pagination }` list
 * envelope, job id in the query string (`/jobs?id=`), errors `{ success: false, error, message }`.
 * Source: https://fsmnavigator.com/docs/api/endpoints/
 */
import type { IDataObject } from 'n8n-workflow';

import { parseInstant } from '../shared/dates';
import { isObject, idString } from '../shared/json';
import { pageNumberPaging } from '../shared/pagingStrategies';
import { defineJobProvider } from '../shared/provider';
import { simplifyJob } from './simplify';
import { trimBaseUrl, type ProviderApi } from '../shared/transport';

export const MAX_PAGE_SIZE = 100;

export interface FsmListResponse {
	data?: IDataObject[];
	pagination?: { page?: number; per_page?: number; total?: number; total_pages?: number };
}

interface FsmSingleResponse {
	data?: IDataObject;
	/** The vendor's best-practices page shows `job` instead of `data`; accepted as a precaution. */
	job?: IDataObject;
}

interface FsmErrorBody {
	success?: boolean;
	error?: string;
	message?: string;
}

export const fsmNavigatorApi: ProviderApi = {
	name: 'FSM Navigator',
	credentialType: 'fsmNavigatorApi',
	baseUrl: (credentials) => trimBaseUrl(credentials.baseUrl, 'https://fsmnavigator.com/api/v1'),
	errorMessage(body, request) {
		if (!isObject(body)) return typeof body === 'string' && body.trim() ? body.trim() : undefined;
		const { error, message } = body as FsmErrorBody;
		const text = message && error ? `${message} (${error})` : (message ?? error);
		// The job's ID travels in the query string (`/jobs?id=`), so the path does not show it: name it.
		const jobId = request?.qs?.id;
		return text && error === 'not_found' && (typeof jobId === 'string' || typeof jobId === 'number') ? `${text}: job ID ${jobId}` : text;
	},
	errorHints: {
		401: 'Check the API key in the FSM Navigator credential.',
		403: 'The API key lacks a scope: reads need jobs:read, writes need jobs:write.',
	},
};

/** The job in a single-record answer (`data`, or `job` as one vendor page shows). */
export function unwrapJob(body: unknown): IDataObject {
	const wrapped = body as FsmSingleResponse;
	const job = (isObject(wrapped) && (wrapped.data ?? wrapped.job)) || undefined;
	if (!isObject(job)) return isObject(body) ? body : {};
	return job;
}

export const DEFAULT_PARALLEL_REQUESTS = 4;

function totalPagesOf(body: unknown): number | undefined {
	const totalPages = Number((body as FsmListResponse).pagination?.total_pages);
	return Number.isFinite(totalPages) ? totalPages : undefined;
}

export const provider = defineJobProvider({
	simplify: simplifyJob,
	api: fsmNavigatorApi,
	maxPageSize: MAX_PAGE_SIZE,
	jobId: (job) => idString(job.job_id ?? job.id),
	createdAt: (job) => parseInstant(job.created_at),
	updatedAt: (job) => parseInstant(job.updated_at),
	status: (job) => idString(job.job_status),
	getRequest: (jobId) => ({ path: '/jobs', qs: { id: jobId } }),
	unwrapJob,
	list: {
		path: '/jobs',
		paging: (limit) =>
			pageNumberPaging({
				pageParam: 'page',
				sizeParam: 'per_page',
				maxPageSize: MAX_PAGE_SIZE,
				limit,
				isLastPage: (body, page) => {
					const totalPages = totalPagesOf(body);
					return totalPages !== undefined && page >= totalPages;
				},
				totalPages: totalPagesOf,
				snapshot: (body) => String((body as FsmListResponse).pagination?.total ?? ''),
			}),
		unwrap: (body) => (body as FsmListResponse).data ?? [],
		// The list has no sort parameter, so its order is the API's own; every page repeats the total,
		// and a read whose pages disagree on it is read again one page at a time. No rate-limit
		// figures are published: four requests in flight is the default.
		parallel: { defaultRequests: DEFAULT_PARALLEL_REQUESTS, allowed: () => true },
	},
	// The list has `created_after` (inclusive) but no change-time filter and no sort
	// (https://fsmnavigator.com/docs/api/endpoints/): updates are found by a scan.
	changes: {
		createdSince: (query, sinceMs) => ({
			query: { ...query, created_after: new Date(sinceMs).toISOString() },
			oldestFirst: false,
		}),
	},
});
