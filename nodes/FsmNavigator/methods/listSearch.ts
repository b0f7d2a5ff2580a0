import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { searchJobPages } from '../../shared/listSearch';
import { personName, searchRecordPages } from '../../shared/recordLocator';
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

/**
 * Technicians (https://fsmnavigator.com/docs/api/technicians/, scope technicians:read), with their
 * status and availability. The list has no name search: a search text is matched here.
 */
export async function searchTechnicians(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => {
				const page = Number(token) || 1;
				const body = (await provider.request(this, { method: 'GET', path: '/technicians', qs: { page, per_page: MAX_PAGE_SIZE } })) as FsmListResponse;
				const totalPages = Number(body.pagination?.total_pages ?? 0);
				return { items: body.data ?? [], next: page < totalPages ? String(page + 1) : undefined };
			},
			entry: (technician) => {
				const id = idString(technician.technician_id);
				if (id === undefined) return undefined;
				const state = [textOf(technician.status), textOf(technician.availability_status)].filter(Boolean).join(', ');
				const name = personName(technician.first_name, technician.last_name) ?? id;
				return { id, name: state ? `${name} (${state})` : name };
			},
		},
		filter,
		paginationToken,
	);
}
