import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { UUID } from '../../shared/parameters';
import { resolveBaseUrl } from '../../shared/transport';
import { MAX_PAGE_SIZE, listOf, provider, worklayerApi, type WorklayerList } from '../transport';

/** Pages read for one call while a search text finds nothing yet. */
const MAX_SEARCH_PAGES = 10;

/** Short IDs as the docs show them: eleven upper-case letters and digits. */
const SHORT_ID_SHAPE = /^[A-Z0-9]{11}$/;

function label(job: IDataObject): string {
	const title = job.name ?? job.description ?? '';
	return `${String(job.short_id ?? job.id)} ${String(title)} (${String(job.status ?? '')})`;
}

/**
 * Jobs for the picker. The API has no text search, so a search text is matched against the short
 * ID, name, description, status and ID here, reading on while a page has no match (up to
 * MAX_SEARCH_PAGES). A text shaped like an ID or short ID is first looked up directly.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim() ?? '';
	const baseUrl = await resolveBaseUrl.call(this, worklayerApi);
	if (!paginationToken && (UUID.regex.test(needle) || SHORT_ID_SHAPE.test(needle))) {
		try {
			const job = await provider.getJob(this, needle);
			const id = provider.jobId(job);
			if (id !== undefined) return { results: [{ name: label(job), value: id }] };
		} catch {
			// Not found as an ID: search the list as text.
		}
	}
	const lower = needle.toLowerCase();
	const results: INodeListSearchItems[] = [];
	let token = paginationToken;
	for (let read = 0; read < (lower ? MAX_SEARCH_PAGES : 1); read++) {
		const body = (await provider.request(this, {
			method: 'GET',
			path: '/jobs',
			qs: { page_size: MAX_PAGE_SIZE, ...(token ? { page_token: token } : {}) },
			baseUrl,
		})) as WorklayerList;
		for (const job of listOf(body)) {
			const id = provider.jobId(job);
			if (id === undefined) continue;
			const name = label(job);
			if (!lower || `${name} ${id}`.toLowerCase().includes(lower)) results.push({ name, value: id });
		}
		token = typeof body.next_page_token === 'string' && body.next_page_token !== '' ? body.next_page_token : undefined;
		if (!token || results.length > 0) break;
	}
	return { results, paginationToken: token };
}
