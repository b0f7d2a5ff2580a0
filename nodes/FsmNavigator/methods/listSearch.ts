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
	return await searchJobPages(
		{
			provider,
			readPage: async (token) => {
				let page = Number(token);
				if (!token) {
					const { body } = await provider.listPage(this, { size: 1 });
					page = Math.max(1, Math.ceil(Number((body as FsmListResponse).pagination?.total ?? 0) / MAX_PAGE_SIZE));
				}
				const jobs: IDataObject[] = [];
				while (page >= 1 && jobs.length < MAX_PAGE_SIZE / 2) {
					jobs.push(...(await provider.listPage(this, { from: String(page) })).items);
					page -= 1;
				}
				return { items: newestFirst(jobs, provider.createdAt, provider.jobId), next: page >= 1 ? String(page) : undefined };
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
			readPage: async (token) => await provider.listPage(this, { path: '/technicians', from: token }),
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
