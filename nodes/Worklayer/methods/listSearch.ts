import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { jobLabel, newestFirst, searchJobPages } from '../../shared/listSearch';
import { personName, type RecordEntry, searchRecordPages } from '../../shared/recordLocator';
import { UUID } from '../../shared/parameters';
import { andTerms, quote } from '../filters';
import { MAX_PAGE_SIZE, provider } from '../provider';

/** Short IDs as the docs show them: eleven upper-case letters and digits. */
const SHORT_ID_SHAPE = /^[A-Z0-9]{11}$/;

function label(job: IDataObject): string {
	return jobLabel(job.short_id ?? job.id, job.name ?? job.description, job.status);
}

/** How far back a picker page looks, in days, widened until it has PAGE_FILL jobs; then no bound. */
const WINDOW_DAYS = [1, 7, 30, 90, 365, 3650];
const PAGE_FILL = 20;
/** Pages of one window read at most (50 jobs each). */
const MAX_WINDOW_PAGES = 20;
const DAY_MS = 86_400_000;

/**
 * One picker page, newest first. The list can be neither sorted nor ordered by time
 * (https://docs.taxfyle.com/jobs/job-list: `filter`, `page_size`, `page_token` only), but it filters
 * on `create_time`: the picker reads the jobs created in a window before `before` (now, then each
 * page's lower bound, which is the next page's token), widening the window until it holds
 * PAGE_FILL jobs, and sorts them by creation time.
 */
async function readNewestPage(ctx: ILoadOptionsFunctions, before: string | undefined): Promise<{ items: IDataObject[]; next?: string }> {
	const end = before ? Date.parse(before) : Date.now();
	for (let level = 0; level <= WINDOW_DAYS.length; level++) {
		const from = level < WINDOW_DAYS.length ? new Date(end - WINDOW_DAYS[level] * DAY_MS).toISOString() : undefined;
		const filter = andTerms(
			from ? `create_time >= ${quote(from, 'window')}` : undefined,
			before ? `create_time < ${quote(before, 'window')}` : undefined,
		);
		const jobs = await provider.listAll(ctx, { path: '/jobs', qs: filter ? { filter } : {}, limit: MAX_WINDOW_PAGES * MAX_PAGE_SIZE });
		if (jobs.length >= PAGE_FILL || from === undefined) {
			return { items: newestFirst(jobs, provider.createdAt, provider.jobId), next: from };
		}
	}
	return { items: [] };
}

/**
 * Jobs for the picker, newest first (see readNewestPage). The API has no text search, so a search
 * text is matched against the short ID, name, description, status and ID (see searchJobPages). A
 * text shaped like an ID or short ID is first looked up directly.
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
	return await searchJobPages(
		{ provider, readPage: async (token) => await readNewestPage(this, token), entry: (job) => ({ name: label(job) }) },
		filter,
		paginationToken,
	);
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
	return await searchRecordPages({ readPage: async (token) => await provider.listPage(this, { path: '/members', from: token }), entry: memberEntry }, filter, paginationToken);
}

/** Job templates (https://docs.taxfyle.com/job-templates/list-job-templates), by name. */
export async function searchJobTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchRecordPages(
		{
			readPage: async (token) => await provider.listPage(this, { path: '/job-templates', from: token }),
			entry: (template) => {
				const id = idString(template.id);
				return id === undefined ? undefined : { id, name: textOf(template.name) ?? id, searchText: [template.description] };
			},
		},
		filter,
		paginationToken,
	);
}
