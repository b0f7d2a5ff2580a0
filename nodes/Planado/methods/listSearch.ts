import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { jobLabel, searchJobPages } from '../../shared/listSearch';
import { STATUS_NAMES } from '../filters';
import { provider, unwrapJobs } from '../transport';

/**
 * Jobs for the picker, newest first. Planado's list has no text search: a search text is matched
 * against the number, external IDs, description and status (see searchJobPages). The next page's
 * token is the last job's uuid (`after`).
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
				const jobs = unwrapJobs(
					await provider.request(ctx, { method: 'GET', path: '/jobs', qs: token ? { after: token } : {}, baseUrl }),
				);
				return { jobs, next: jobs.length > 0 ? provider.jobId(jobs[jobs.length - 1]) : undefined };
			},
			entry(job) {
				const status = (STATUS_NAMES as Record<string, string>)[String(job.status)] ?? String(job.status ?? '');
				return {
					name: jobLabel(job.serial_no, job.description, status),
					searchText: [job.external_id, job.external_order_id],
				};
			},
		},
		filter,
		paginationToken,
	);
}
