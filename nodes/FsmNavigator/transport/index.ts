/**
 * FSM Navigator's wire details: `X-API-Key` auth (in the credential), `{ data, pagination }` list
 * envelope, job id in the query string (`/jobs?id=`), errors `{ success: false, error, message }`.
 * Source: the vendor's Jobs API page (shared/seeds/002) and providers.md §3.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	pageNumberPaging,
	type PaginationResult,
} from '../../shared/pagination';
import {
	providerRequest,
	providerRequestAllItems,
	trimBaseUrl,
	type ApiRequest,
	type ProviderApi,
	type RequestContext,
} from '../../shared/transport';

export const MAX_PAGE_SIZE = 100;

export interface FsmJob extends IDataObject {
	job_id: number;
	job_title: string;
	job_status: string;
}

interface FsmListResponse {
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

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const fsmNavigatorApi: ProviderApi = {
	name: 'FSM Navigator',
	credentialType: 'fsmNavigatorApi',
	baseUrl: (credentials) => trimBaseUrl(credentials.baseUrl, 'https://fsmnavigator.com/api/v1'),
	errorMessage(body) {
		if (!isObject(body)) return typeof body === 'string' && body.trim() ? body.trim() : undefined;
		const { error, message } = body as FsmErrorBody;
		if (message && error) return `${message} (${error})`;
		return message ?? error;
	},
	errorHints: {
		401: 'Check the API key in the FSM Navigator credential.',
		403: 'The API key lacks a scope: reads need jobs:read, writes need jobs:write.',
	},
};

export async function fsmRequest(this: RequestContext, request: ApiRequest): Promise<unknown> {
	const response = await providerRequest.call(this, fsmNavigatorApi, request);
	return response.body;
}

/** The job in a single-record answer (`data`, or `job` as one vendor page shows). */
export function unwrapJob(body: unknown): IDataObject {
	const wrapped = body as FsmSingleResponse;
	const job = (isObject(wrapped) && (wrapped.data ?? wrapped.job)) || undefined;
	if (!isObject(job)) return isObject(body) ? body : {};
	return job;
}

export function jobIdOf(job: IDataObject): string | undefined {
	const id = job.job_id ?? job.id;
	return id === undefined || id === null ? undefined : String(id);
}

export async function getJob(this: RequestContext, jobId: string, itemIndex?: number, timeout?: number): Promise<IDataObject> {
	const body = await fsmRequest.call(this, { method: 'GET', path: '/jobs', qs: { id: jobId }, itemIndex, timeout });
	return unwrapJob(body);
}

/** Lists jobs with `qs` as filters; `limit` undefined reads every page (100 a page). */
export async function listJobs(
	this: RequestContext,
	qs: IDataObject,
	options: { limit?: number; itemIndex?: number; timeout?: number; firstPage?: number },
): Promise<PaginationResult> {
	return await providerRequestAllItems.call(
		this,
		fsmNavigatorApi,
		{ method: 'GET', path: '/jobs', qs, itemIndex: options.itemIndex, timeout: options.timeout },
		pageNumberPaging({
			pageParam: 'page',
			sizeParam: 'per_page',
			maxPageSize: MAX_PAGE_SIZE,
			limit: options.limit,
			firstPage: options.firstPage,
			isLastPage: (body, page) => {
				const pagination = (body as FsmListResponse).pagination;
				const totalPages = Number(pagination?.total_pages);
				return Number.isFinite(totalPages) && page >= totalPages;
			},
		}),
		(body) => (body as FsmListResponse).data ?? [],
		{ limit: options.limit, idOf: jobIdOf },
	);
}
