import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { jobLabel, newestFirst, searchJobPages } from '../../shared/listSearch';
import { MAX_PAGE_SIZE, provider, type FsmListResponse } from '../transport';

/**
 * Jobs for the picker, newest first. The list has `page` and `per_page` but no sort parameter
 * (https://fsmnavigator.com/docs/api/endpoints/, "List jobs") and pages it in creation order, the
 * oldest first, so the picker reads it from its last page backwards: the first call learns the
 * page count from a one-job page, then reads the last page (and the one before it when the last
 * is short) and sorts them by created_at; the token is the next page to read going back. The API
 * has no text search either: see searchJobPages.
 */
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
				const read = async (page: number, perPage: number) =>
					(await provider.request(ctx, { method: 'GET', path: '/jobs', qs: { page, per_page: perPage }, baseUrl })) as FsmListResponse;
				let page = Number(token);
				if (!token) {
					const total = Number((await read(1, 1)).pagination?.total ?? 0);
					page = Math.max(1, Math.ceil(total / MAX_PAGE_SIZE));
				}
				const jobs: IDataObject[] = [];
				while (page >= 1 && jobs.length < MAX_PAGE_SIZE / 2) {
					jobs.push(...((await read(page, MAX_PAGE_SIZE)).data ?? []));
					page -= 1;
				}
				return { jobs: newestFirst(jobs, provider.createdAt, provider.jobId), next: page >= 1 ? String(page) : undefined };
			},
			entry: (job, id) => ({
				name: jobLabel(id, job.job_title, job.job_status),
				searchText: [job.customer_name, job.customer_location_name],
			}),
		},
		filter,
		paginationToken,
	);
}
