/**
 * The paging strategies: page number + page size, offset + limit, page token, and "after" cursor.
 * Each says only what the next request's query is and whether the API signalled the end; the loop
 * in pagination.ts does the rest.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PagingStrategy } from './pagination';

/**
 * Page size that reaches `limit` in the fewest requests and over-fetches least: 250 items at a
 * maximum of 100 → three pages of 84, not 100 + 100 + 100.
 */
export function pageSizeFor(limit: number | undefined, maxPageSize: number): number {
	if (limit === undefined || !Number.isFinite(limit)) return maxPageSize;
	const pagesNeeded = Math.ceil(limit / maxPageSize);
	return Math.ceil(limit / pagesNeeded);
}

/**
 * `page` + `per_page` style. The page size stays the same on every page (the page number depends on
 * it), chosen by `pageSizeFor`.
 */
export function pageNumberPaging(options: {
	pageParam: string;
	sizeParam: string;
	maxPageSize: number;
	limit?: number;
	firstPage?: number;
	/** The API's own end signal, read from the body (for example page >= total_pages). */
	isLastPage?: (body: unknown, pageNumber: number) => boolean;
	/** How many pages the API says there are (e.g. `total_pages`); enables parallel reads. */
	totalPages?: (body: unknown) => number | undefined;
	/** What each page repeats while the list is unchanged (e.g. the total count). */
	snapshot?: (body: unknown) => string | undefined;
}): PagingStrategy {
	const size = pageSizeFor(options.limit, options.maxPageSize);
	let page = options.firstPage ?? 1;
	const query = (pageNumber: number): IDataObject => ({ [options.pageParam]: pageNumber, [options.sizeParam]: size });
	let firstSnapshot: string | undefined;
	return {
		nextQuery: () => query(page),
		afterPage(result) {
			const last = options.isLastPage?.(result.body, page) ?? false;
			page++;
			return !last;
		},
		plannedQueries(first, remaining) {
			const total = options.totalPages?.(first.body);
			if (total === undefined || !Number.isFinite(total)) return undefined;
			// `page` is the next page; read up to the last one, or as few as the limit needs.
			const last = Math.min(total, page - 1 + Math.ceil(remaining / size));
			const queries: IDataObject[] = [];
			for (let next = page; next <= last; next++) queries.push(query(next));
			return queries;
		},
		position: () => String(page),
		resume(position) {
			const next = Number(position);
			if (Number.isInteger(next) && next >= 1) page = next;
		},
		checkPage(result) {
			if (!options.snapshot) return true;
			const snapshot = options.snapshot(result.body);
			firstSnapshot ??= snapshot;
			return snapshot === firstSnapshot;
		},
	};
}

/**
 * `_offset` + `_limit` style: each request asks for what is still missing (up to the maximum); a
 * page shorter than asked for is the last. `fallbackPageSizes` lists smaller caps some servers
 * still apply (Accelo deployments once capped at 50): a short page of exactly such a size is read
 * as that cap, and reading goes on.
 *
 * Pages after the first start `overlap` items early. A job deleted before the read position moves
 * every later job one place up, and a read that simply went on would skip one: the overlap reads
 * it again instead (the loop drops the repeats), and a page none of whose first `overlap` items
 * was read before shows that more jobs went than the overlap covers (`checkPage` is false).
 */
export function offsetPaging(options: {
	offsetParam: string;
	limitParam: string;
	maxPageSize: number;
	fallbackPageSizes?: number[];
	/** How many items the list holds, when a count was read first; enables parallel reads. */
	total?: number;
	/** Items each page after the first reads again. Default 0. */
	overlap?: number;
	/** The identity of an item, for the overlap's check. */
	idOf?: (item: IDataObject) => string | undefined;
}): PagingStrategy {
	const overlap = options.overlap ?? 0;
	/** Items read so far, counted from the start of the list. */
	let end = 0;
	let cap = options.maxPageSize;
	const seen = new Set<string>();
	/** A resumed read starts where the pages handed out ended: no overlap, or a picker lists jobs twice. */
	let resumed = false;
	const query = (from: number, wanted: number): IDataObject => {
		const start = resumed ? from : Math.max(0, from - overlap);
		return { [options.offsetParam]: start, [options.limitParam]: Math.min(cap, wanted + (from - start)) };
	};
	return {
		nextQuery: (remaining) => query(end, remaining),
		afterPage(result, sent) {
			const asked = Number(sent[options.limitParam]);
			const got = result.items.length;
			end = Number(sent[options.offsetParam]) + got;
			resumed = false;
			if (got >= asked) return true;
			if (options.fallbackPageSizes?.includes(got) && got < cap) {
				cap = got;
				return true;
			}
			return false;
		},
		position: () => String(end),
		resume(position) {
			const from = Number(position);
			if (Number.isInteger(from) && from >= 0) {
				end = from;
				resumed = true;
			}
		},
		plannedQueries(_first, remaining) {
			if (options.total === undefined) return undefined;
			const last = Math.min(options.total, end + remaining);
			const step = cap - overlap;
			if (step <= 0) return undefined;
			const queries: IDataObject[] = [];
			for (let from = end; from < last; from += step) queries.push(query(from, Math.min(step, last - from)));
			return queries;
		},
		checkPage(result) {
			const ids = result.items.map((item) => options.idOf?.(item));
			const head = ids.slice(0, overlap);
			const fits =
				!options.idOf || overlap === 0 || seen.size === 0 || head.length === 0 || head.some((id) => id !== undefined && seen.has(id));
			for (const id of ids) if (id !== undefined) seen.add(id);
			return fits;
		},
	};
}

/** `page_token` → `next_page_token` style; a missing or empty token is the end. */
export function pageTokenPaging(options: {
	tokenParam: string;
	sizeParam?: string;
	maxPageSize?: number;
	nextToken: (body: unknown) => string | undefined;
}): PagingStrategy {
	let token: string | undefined;
	return {
		nextQuery(remaining) {
			const query: IDataObject = {};
			if (options.sizeParam && options.maxPageSize) {
				query[options.sizeParam] = Math.min(remaining, options.maxPageSize);
			}
			if (token) query[options.tokenParam] = token;
			return query;
		},
		afterPage(result) {
			token = options.nextToken(result.body);
			return token !== undefined && token !== '';
		},
		position: () => token,
		resume(position) {
			token = position;
		},
	};
}

/**
 * `after=<id of the last item>` style with a page size fixed by the server: the end is an empty
 * page (handled by the loop); `limit` can only stop reading early.
 */
export function afterCursorPaging(options: {
	cursorParam: string;
	cursorOf: (item: IDataObject) => string | undefined;
}): PagingStrategy {
	let cursor: string | undefined;
	return {
		nextQuery: () => (cursor ? { [options.cursorParam]: cursor } : {}),
		afterPage(result) {
			const last = result.items[result.items.length - 1];
			cursor = last ? options.cursorOf(last) : undefined;
			return cursor !== undefined;
		},
		position: () => cursor,
		resume(position) {
			cursor = position;
		},
	};
}
