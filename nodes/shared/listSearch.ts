/**
 * The job picker's search for APIs without a text search: a search text is matched here against
 * what the picker shows (and more the provider names), and while a page has no match the next one
 * is read, up to MAX_SEARCH_PAGES, so that a search does not come back empty just because the
 * first page had no match. Each provider says only how to read one page and how to show a job.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { firstLineOrNull } from './commonJob';
import type { JobProvider } from './provider';
import { resolveBaseUrl } from './transport';

/** Pages read for one call while a search text finds nothing yet. */
export const MAX_SEARCH_PAGES = 10;

interface PickerEntry {
	/** What the list shows. */
	name: string;
	/** More text a search may match (customer, address, external ids…). */
	searchText?: unknown[];
	/** The job's page in the provider's web app. */
	url?: string;
}

interface PickerSource {
	provider: JobProvider;
	/** One page of jobs after `token` (undefined: the first), and the next page's token (undefined: the end). */
	readPage(ctx: ILoadOptionsFunctions, baseUrl: string, token: string | undefined, searching: boolean): Promise<{ jobs: IDataObject[]; next?: string }>;
	entry(job: IDataObject, id: string): PickerEntry;
}

/**
 * A picker label: number, status, then title, so that n8n's list, which cuts a long label at its
 * end, never hides the number or the status. The title is its first line, whitespace collapsed.
 */
export function jobLabel(number: unknown, title: unknown, status: unknown): string {
	const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
	const parts = [`#${text(number) || '?'}`, text(status) ? `(${text(status)})` : '', firstLineOrNull(title) ?? '(no title)'];
	return parts.filter(Boolean).join(' ');
}

/** Newest first by creation time (then by id, descending): for the jobs of one picker page. */
export function newestFirst(jobs: IDataObject[], createdAt: (job: IDataObject) => number | undefined, id: (job: IDataObject) => string | undefined): IDataObject[] {
	return [...jobs].sort(
		(a, b) => (createdAt(b) ?? 0) - (createdAt(a) ?? 0) || String(id(b) ?? '').localeCompare(String(id(a) ?? ''), undefined, { numeric: true }),
	);
}

export async function searchJobPages(
	this: ILoadOptionsFunctions,
	source: PickerSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const baseUrl = await resolveBaseUrl.call(this, source.provider.api);
	const results: INodeListSearchItems[] = [];
	let token = paginationToken || undefined;
	for (let read = 0; read < (needle ? MAX_SEARCH_PAGES : 1); read++) {
		const page = await source.readPage(this, baseUrl, token, needle !== '');
		for (const job of page.jobs) {
			const id = source.provider.jobId(job);
			if (id === undefined) continue;
			const entry = source.entry(job, id);
			const haystack = [entry.name, id, ...(entry.searchText ?? [])].join(' ').toLowerCase();
			if (!needle || haystack.includes(needle)) results.push({ name: entry.name, value: id, url: entry.url });
		}
		token = page.next;
		if (token === undefined || results.length > 0) break;
	}
	return { results, paginationToken: token };
}
