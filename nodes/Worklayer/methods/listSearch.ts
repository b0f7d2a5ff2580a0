import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { searchJobPages } from '../../shared/listSearch';
import { personName, searchRecordPages, type RecordEntry } from '../../shared/recordLocator';
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

/** One page of a Worklayer list (`page_size`, `page_token` → `next_page_token`, "" at the end). */
async function readListPage(ctx: ILoadOptionsFunctions, path: string, token: string | undefined): Promise<{ items: IDataObject[]; next?: string }> {
	const body = (await provider.request(ctx, { method: 'GET', path, qs: { page_size: MAX_PAGE_SIZE, ...(token ? { page_token: token } : {}) } })) as WorklayerList;
	const next = typeof body.next_page_token === 'string' && body.next_page_token !== '' ? body.next_page_token : undefined;
	return { items: listOf(body), next };
}

/** A member as a person knows them: the name where the workspace has one, and the email. */
function memberEntry(member: IDataObject): RecordEntry | undefined {
	const id = idString(member.user_id);
	// The API client itself is a MACHINE member: never the owner of a job.
	if (id === undefined || member.type === 'MACHINE') return undefined;
	const name = personName(member.given_name, member.family_name);
	const email = textOf(member.email);
	return { id, name: name && email ? `${name} (${email})` : (name ?? email ?? id), searchText: [member.type] };
}

/**
 * Workspace members (https://docs.taxfyle.com/member/list-members). The list's filter matches a
 * whole email only, so a search text is matched here against the name and email.
 */
export async function searchMembers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages({ readPage: async (token) => await readListPage(this, '/members', token), entry: memberEntry }, filter, paginationToken);
}

/** Job templates (https://docs.taxfyle.com/job-templates/list-job-templates), by name. */
export async function searchJobTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await readListPage(this, '/job-templates', token),
			entry: (template) => {
				const id = idString(template.id);
				return id === undefined ? undefined : { id, name: textOf(template.name) ?? id, searchText: [template.description] };
			},
		},
		filter,
		paginationToken,
	);
}
