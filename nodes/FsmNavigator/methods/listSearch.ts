import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { jobLabel, newestFirst, searchJobPages } from '../../shared/listSearch';
import { personName, searchRecordPages } from '../../shared/recordLocator';
import { MAX_PAGE_SIZE, provider, type FsmListResponse } from '../provider';

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
