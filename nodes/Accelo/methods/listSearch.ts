import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { jobLabel } from '../../shared/listSearch';
import { MAX_PAGE_SIZE, idOf, provider, unwrapList } from '../transport';

/** Jobs for the picker, searched by title on Accelo's side (`_search`), one page per call. */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken) || 0;
	const qs: Record<string, string | number> = {
		_fields: 'title,standing',
		_limit: MAX_PAGE_SIZE,
		_offset: offset,
		_filters: 'order_by_desc(date_modified)',
	};
	if (filter?.trim()) qs._search = filter.trim();
	const jobs = unwrapList(await provider.request(this, { method: 'GET', path: '/jobs', qs }));
	return {
		results: jobs.map((job) => ({
			name: jobLabel(idOf(job), job.title, job.standing),
			value: idOf(job) ?? '',
		})),
		paginationToken: jobs.length === MAX_PAGE_SIZE ? String(offset + jobs.length) : undefined,
	};
}
