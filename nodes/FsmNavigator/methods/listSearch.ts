import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { resolveBaseUrl } from '../../shared/transport';
import { MAX_PAGE_SIZE, fsmNavigatorApi, provider, type FsmListResponse } from '../transport';

/** Pages read for one call while a search text finds nothing yet. */
const MAX_SEARCH_PAGES = 10;

/**
 * Jobs for the picker. The API has no text search, so a search text is matched against the title,
 * id, customer and location here; while a page has no match the next one is read, up to
 * MAX_SEARCH_PAGES, so that a search does not come back empty just because page 1 had no match.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	const baseUrl = await resolveBaseUrl.call(this, fsmNavigatorApi);
	const results: INodeListSearchItems[] = [];
	let page = Number(paginationToken) || 1;
	let totalPages = page;
	for (let read = 0; read < (needle ? MAX_SEARCH_PAGES : 1) && page <= totalPages; read++) {
		const body = (await provider.request(this, {
			method: 'GET',
			path: '/jobs',
			qs: { page, per_page: MAX_PAGE_SIZE },
			baseUrl,
		})) as FsmListResponse;
		totalPages = Number(body.pagination?.total_pages ?? 0);
		for (const job of body.data ?? []) {
			const id = provider.jobId(job);
			if (id === undefined) continue;
			const name = `#${id} ${String(job.job_title ?? '')} (${String(job.job_status ?? '')})`;
			const haystack = [name, job.customer_name, job.customer_location_name].join(' ').toLowerCase();
			if (!needle || haystack.includes(needle)) results.push({ name, value: id });
		}
		page++;
		if (results.length > 0) break;
	}
	return { results, paginationToken: page <= totalPages ? String(page) : undefined };
}
