import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isObject, textOf } from '../../shared/json';
import { jobLabel, searchJobPages } from '../../shared/listSearch';
import { MAX_PAGE_SIZE, provider, type HcpListResponse } from '../transport';

function customerName(job: IDataObject): string | undefined {
	const customer = isObject(job.customer) ? job.customer : {};
	const person = [textOf(customer.first_name), textOf(customer.last_name)].filter(Boolean).join(' ');
	return textOf(customer.company) ?? (person || undefined);
}

function label(job: IDataObject, id: string): string {
	const what = textOf(job.description) ?? textOf(job.name);
	return jobLabel(textOf(job.invoice_number) ?? id, [customerName(job), what].filter(Boolean).join(' · '), textOf(job.work_status));
}

/**
 * Jobs for the picker, most recently updated first. The API has no text search: a search text is
 * matched against the invoice number, ID, customer, address and description (see searchJobPages).
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
			async readPage(ctx, baseUrl, token, searching) {
				const page = Number(token) || 1;
				const body = (await provider.request(ctx, {
					method: 'GET',
					path: '/jobs',
					qs: { page, page_size: searching ? MAX_PAGE_SIZE : 50, sort_by: 'updated_at', sort_direction: 'desc' },
					baseUrl,
				})) as HcpListResponse;
				const totalPages = Number(body.total_pages ?? 0);
				return { jobs: body.jobs ?? [], next: page < totalPages ? String(page + 1) : undefined };
			},
			entry: (job, id) => ({
				name: label(job, id),
				searchText: [isObject(job.address) ? [job.address.street, job.address.city].join(' ') : '', job.name],
				url: `https://pro.housecallpro.com/app/jobs/${encodeURIComponent(id)}`,
			}),
		},
		filter,
		paginationToken,
	);
}
