/**
 * The job pickers: how a job is labelled and ordered, and their list search, which is the record
 * pickers' (searchRecordPages) with the provider's job id as the value.
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { firstLineOrNull } from './commonJob';
import type { JobProvider } from './provider';
import { searchRecordPages, type RecordEntry, type RecordSource } from './recordLocator';

interface JobPickerSource extends Omit<RecordSource, 'entry'> {
	provider: JobProvider;
	/** How the list shows a job whose id is `id`. */
	entry(job: IDataObject, id: string): Omit<RecordEntry, 'id'>;
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

/** One call of a job picker: see searchRecordPages for how a search text is matched and pages are read. */
export async function searchJobPages(source: JobPickerSource, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { provider, entry, ...pages } = source;
	return await searchRecordPages(
		{
			...pages,
			entry(job) {
				const id = provider.jobId(job);
				return id === undefined ? undefined : { ...entry(job, id), id };
			},
		},
		filter,
		paginationToken,
	);
}
