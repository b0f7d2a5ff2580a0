/**
 * The pagination loop every provider uses, with one strategy per paging style:
 * page number + page size, offset + limit, page token, and "after" cursor.
 *
 * A strategy only says what the next request's query is and whether the API signalled the end.
 * The loop adds what must hold for all of them (nodes.md): never more than `limit` items, an empty
 * page ends, a query seen before ends (loop guard), a page that adds nothing new ends, a page cap,
 * and jobs seen twice across pages are returned once.
 */
import type { IDataObject } from 'n8n-workflow';

export interface Page {
	items: IDataObject[];
	/** The whole response body, for strategies that read totals or tokens from it. */
	body: unknown;
}

export interface PagingStrategy {
	/** Query parameters for the next page; `remaining` is how many items are still wanted. */
	nextQuery(remaining: number): IDataObject;
	/** Takes in the page just read; false when the API said it was the last one. */
	afterPage(page: Page, query: IDataObject): boolean;
}

export type StopReason = 'limit' | 'end' | 'emptyPage' | 'repeatedQuery' | 'noNewItems' | 'pageCap';

export interface PaginationResult {
	items: IDataObject[];
	pages: number;
	stopReason: StopReason;
}

export interface PaginateOptions {
	/** At most this many items; undefined reads everything. */
	limit?: number;
	/** Identity of an item for de-duplication; items without one are never dropped. */
	idOf: (item: IDataObject) => string | undefined;
	/** Upper bound on requests, against APIs that never say "end". */
	maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 5_000;

/** Reads pages until the limit or the end, through `fetchPage`. */
export async function paginate(
	fetchPage: (query: IDataObject) => Promise<Page>,
	strategy: PagingStrategy,
	options: PaginateOptions,
): Promise<PaginationResult> {
	const limit = options.limit ?? Number.POSITIVE_INFINITY;
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const items: IDataObject[] = [];
	const seenIds = new Set<string>();
	const seenQueries = new Set<string>();
	let pages = 0;
	while (true) {
		if (items.length >= limit) return { items, pages, stopReason: 'limit' };
		if (pages >= maxPages) return { items, pages, stopReason: 'pageCap' };
		const query = strategy.nextQuery(limit - items.length);
		const key = stableKey(query);
		if (seenQueries.has(key)) return { items, pages, stopReason: 'repeatedQuery' };
		seenQueries.add(key);
		const page = await fetchPage(query);
		pages++;
		if (page.items.length === 0) return { items, pages, stopReason: 'emptyPage' };
		let added = 0;
		for (const item of page.items) {
			const id = options.idOf(item);
			if (id !== undefined) {
				if (seenIds.has(id)) continue;
				seenIds.add(id);
			}
			added++;
			items.push(item);
			if (items.length >= limit) return { items, pages, stopReason: 'limit' };
		}
		if (added === 0) return { items, pages, stopReason: 'noNewItems' };
		if (!strategy.afterPage(page, query)) return { items, pages, stopReason: 'end' };
	}
}

function stableKey(query: IDataObject): string {
	return JSON.stringify(Object.keys(query).sort().map((key) => [key, query[key]]));
}

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
}): PagingStrategy {
	const size = pageSizeFor(options.limit, options.maxPageSize);
	let page = options.firstPage ?? 1;
	return {
		nextQuery: () => ({ [options.pageParam]: page, [options.sizeParam]: size }),
		afterPage(result) {
			const last = options.isLastPage?.(result.body, page) ?? false;
			page++;
			return !last;
		},
	};
}

/**
 * `_offset` + `_limit` style: each request asks for exactly what is still missing (up to the
 * maximum); a page shorter than asked for is the last. `fallbackPageSizes` lists smaller caps some
 * servers still apply (Accelo deployments once capped at 50): a short page of exactly such a size is
 * read as that cap, and reading goes on.
 */
export function offsetPaging(options: {
	offsetParam: string;
	limitParam: string;
	maxPageSize: number;
	fallbackPageSizes?: number[];
}): PagingStrategy {
	let offset = 0;
	let cap = options.maxPageSize;
	return {
		nextQuery: (remaining) => ({
			[options.offsetParam]: offset,
			[options.limitParam]: Math.min(remaining, cap),
		}),
		afterPage(result, query) {
			const asked = Number(query[options.limitParam]);
			const got = result.items.length;
			offset += got;
			if (got >= asked) return true;
			if (options.fallbackPageSizes?.includes(got) && got < cap) {
				cap = got;
				return true;
			}
			return false;
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
	};
}
