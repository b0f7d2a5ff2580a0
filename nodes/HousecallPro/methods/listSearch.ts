import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isObject, textOf } from '../../shared/json';
import { resolveBaseUrl } from '../../shared/transport';
import { MAX_PAGE_SIZE, housecallProApi, provider, type HcpListResponse } from '../transport';

/** Pages read for one call while a search text finds nothing yet. */
const MAX_SEARCH_PAGES = 10;

function customerName(job: IDataObject): string | undefined {
	const customer = isObject(job.customer) ? job.customer : {};
	const person = [textOf(customer.first_name), textOf(customer.last_name)].filter(Boolean).join(' ');
	return textOf(customer.company) ?? (person || undefined);
}

function label(job: IDataObject, id: string): string {
	const what = textOf(job.description) ?? textOf(job.name);
	const parts = [`#${textOf(job.invoice_number) ?? id}`, customerName(job), what].filter(Boolean);
	return `${parts.join(' · ')} (${textOf(job.work_status) ?? '?'})`;
}

/**
 * Jobs for the picker, most recently updated first. The API has no text search, so a search text is
 * matched here against the invoice number, ID, customer, address and description; while a page has
 * no match the next one is read, up to MAX_SEARCH_PAGES.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	const baseUrl = await resolveBaseUrl.call(this, housecallProApi);
	const results: INodeListSearchItems[] = [];
	let page = Number(paginationToken) || 1;
	let totalPages = page;
	for (let read = 0; read < (needle ? MAX_SEARCH_PAGES : 1) && page <= totalPages; read++) {
		const body = (await provider.request(this, {
			method: 'GET',
			path: '/jobs',
			qs: { page, page_size: needle ? MAX_PAGE_SIZE : 50, sort_by: 'updated_at', sort_direction: 'desc' },
			baseUrl,
		})) as HcpListResponse;
		totalPages = Number(body.total_pages ?? 0);
		for (const job of body.jobs ?? []) {
			const id = provider.jobId(job);
			if (id === undefined) continue;
			const name = label(job, id);
			const address = isObject(job.address) ? [job.address.street, job.address.city].join(' ') : '';
			const haystack = [name, id, address, job.name].join(' ').toLowerCase();
			if (!needle || haystack.includes(needle)) {
				results.push({ name, value: id, url: `https://pro.housecallpro.com/app/jobs/${encodeURIComponent(id)}` });
			}
		}
		page++;
		if (results.length > 0) break;
	}
	return { results, paginationToken: page <= totalPages ? String(page) : undefined };
}
