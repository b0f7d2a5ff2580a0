import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE, fsmRequest, jobIdOf } from '../transport';

interface FsmListResponse {
	data?: IDataObject[];
	pagination?: { page?: number; total_pages?: number };
}

/**
 * Jobs for the picker, one API page per call. The API has no text search, so the filter matches
 * the title, id, customer and location within each page.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const body = (await fsmRequest.call(this, {
		method: 'GET',
		path: '/jobs',
		qs: { page, per_page: MAX_PAGE_SIZE },
	})) as FsmListResponse;
	const needle = filter?.trim().toLowerCase();
	const results = (body.data ?? [])
		.map((job) => {
			const id = jobIdOf(job) ?? '';
			const name = `#${id} ${String(job.job_title ?? '')} (${String(job.job_status ?? '')})`;
			const haystack = [name, job.customer_name, job.customer_location_name].join(' ').toLowerCase();
			return { name, value: id, haystack };
		})
		.filter((job) => job.value !== '' && (!needle || job.haystack.includes(needle)))
		.map(({ name, value }) => ({ name, value }));
	const totalPages = Number(body.pagination?.total_pages ?? 0);
	return { results, paginationToken: page < totalPages ? String(page + 1) : undefined };
}
