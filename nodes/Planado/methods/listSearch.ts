import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { resolveBaseUrl } from '../../shared/transport';
import { STATUS_NAMES } from '../filters';
import { planadoApi, provider, unwrapJobs } from '../transport';

/** Pages read for one call while a search text finds nothing yet. */
const MAX_SEARCH_PAGES = 10;

function shorten(text: unknown, max: number): string {
	const value = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
	return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/**
 * Jobs for the picker, newest first. Planado's list has no text search, so a search text is matched
 * here against the number, external IDs, description and status; while a page has no match the next
 * one is read, up to MAX_SEARCH_PAGES. The next page's token is the last job's uuid (`after`).
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	const baseUrl = await resolveBaseUrl.call(this, planadoApi);
	const results: INodeListSearchItems[] = [];
	let after = paginationToken || undefined;
	let more = true;
	for (let read = 0; read < (needle ? MAX_SEARCH_PAGES : 1) && more; read++) {
		const jobs = unwrapJobs(
			await provider.request(this, { method: 'GET', path: '/jobs', qs: after ? { after } : {}, baseUrl }),
		);
		for (const job of jobs) {
			const id = provider.jobId(job);
			if (id === undefined) continue;
			const status = (STATUS_NAMES as Record<string, string>)[String(job.status)] ?? String(job.status ?? '');
			const name = `#${String(job.serial_no ?? '?')} ${shorten(job.description, 60) || '(no description)'} (${status})`;
			const haystack = [name, job.external_id, job.external_order_id, id].join(' ').toLowerCase();
			if (!needle || haystack.includes(needle)) results.push({ name, value: id });
		}
		more = jobs.length > 0;
		after = more ? provider.jobId(jobs[jobs.length - 1]) : undefined;
		if (results.length > 0) break;
	}
	return { results, paginationToken: more ? after : undefined };
}
