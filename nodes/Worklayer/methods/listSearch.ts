import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchJobPages } from '../../shared/listSearch';
import { UUID } from '../../shared/parameters';
import { MAX_PAGE_SIZE, listOf, provider, type WorklayerList } from '../transport';

/** Short IDs as the docs show them: eleven upper-case letters and digits. */
const SHORT_ID_SHAPE = /^[A-Z0-9]{11}$/;

function label(job: IDataObject): string {
	const title = job.name ?? job.description ?? '';
	return `${String(job.short_id ?? job.id)} ${String(title)} (${String(job.status ?? '')})`;
}

/**
 * Jobs for the picker. The API has no text search, so a search text is matched against the short
 * ID, name, description, status and ID (see searchJobPages). A text shaped like an ID or short ID
 * is first looked up directly.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim() ?? '';
	if (!paginationToken && (UUID.regex.test(needle) || SHORT_ID_SHAPE.test(needle))) {
		try {
			const job = await provider.getJob(this, needle);
			const id = provider.jobId(job);
			if (id !== undefined) return { results: [{ name: label(job), value: id }] };
		} catch {
			// Not found as an ID: search the list as text.
		}
	}
	return await searchJobPages.call(
		this,
		{
			provider,
			async readPage(ctx, baseUrl, token) {
				const body = (await provider.request(ctx, {
					method: 'GET',
					path: '/jobs',
					qs: { page_size: MAX_PAGE_SIZE, ...(token ? { page_token: token } : {}) },
					baseUrl,
				})) as WorklayerList;
				const next = typeof body.next_page_token === 'string' && body.next_page_token !== '' ? body.next_page_token : undefined;
				return { jobs: listOf(body), next };
			},
			entry: (job) => ({ name: label(job) }),
		},
		filter,
		paginationToken,
	);
}
