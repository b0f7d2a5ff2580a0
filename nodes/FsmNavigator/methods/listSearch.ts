import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchJobPages } from '../../shared/listSearch';
import { MAX_PAGE_SIZE, provider, type FsmListResponse } from '../transport';

/** Jobs for the picker, in the list's order. The API has no text search: see searchJobPages. */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchJobPages.call(
		this,
		{
			provider,
			async readPage(ctx, baseUrl, token) {
				const page = Number(token) || 1;
				const body = (await provider.request(ctx, {
					method: 'GET',
					path: '/jobs',
					qs: { page, per_page: MAX_PAGE_SIZE },
					baseUrl,
				})) as FsmListResponse;
				const totalPages = Number(body.pagination?.total_pages ?? 0);
				return { jobs: body.data ?? [], next: page < totalPages ? String(page + 1) : undefined };
			},
			entry: (job, id) => ({
				name: `#${id} ${String(job.job_title ?? '')} (${String(job.job_status ?? '')})`,
				searchText: [job.customer_name, job.customer_location_name],
			}),
		},
		filter,
		paginationToken,
	);
}
