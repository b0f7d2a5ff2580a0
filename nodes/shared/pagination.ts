/**
 * The pagination loop every provider uses, with one strategy per paging style:
 * page number + page size, offset + limit, page token, and "after" cursor.
 *
 * A strategy only says what the next request's query is and whether the API signalled the end.
 * The loop adds what must hold for all of them: never more than `limit` items, an empty page ends,
 * jobs seen twice across pages are returned once, and reading never stops short silently: a query
 * seen before (loop guard), pages that add nothing new, or the page cap raise IncompleteListError.
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

export type StopReason = 'limit' | 'end' | 'emptyPage';

/**
 * Reading stopped before the API said it was done (a page cap, a cursor the API handed out twice,
 * pages that only repeat jobs already read). Returning what was read as if it were everything would
 * hide jobs from the user, so this is an error that says how far reading got and why it stopped.
 */
export class IncompleteListError extends Error {
	constructor(
		readonly itemsRead: number,
		readonly pagesRead: number,
		reason: string,
	) {
		super(
			`Stopped reading the job list after ${pagesRead} page${pagesRead === 1 ? '' : 's'} (${itemsRead} job${itemsRead === 1 ? '' : 's'} read): ${reason}. Narrow the filters or set a limit.`,
		);
		this.name = 'IncompleteListError';
	}
}

/** Pages in a row that add no new job before reading is given up (a server ignoring the page). */
export const MAX_PAGES_WITHOUT_NEW_ITEMS = 3;

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
	let pagesWithoutNew = 0;
	while (true) {
		if (items.length >= limit) return { items, pages, stopReason: 'limit' };
		if (pages >= maxPages) {
			throw new IncompleteListError(items.length, pages, `the API had not signalled the end after ${maxPages} pages`);
		}
		const query = strategy.nextQuery(limit - items.length);
		const key = stableKey(query);
		if (seenQueries.has(key)) {
			throw new IncompleteListError(items.length, pages, 'the API sent the same page position twice, so reading on would loop');
		}
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
		const more = strategy.afterPage(page, query);
		if (!more) return { items, pages, stopReason: 'end' };
		// A page of repeats can happen when jobs move between pages during the read; page after page
		// of them means the server ignores the paging parameters.
		pagesWithoutNew = added === 0 ? pagesWithoutNew + 1 : 0;
		if (pagesWithoutNew >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
			throw new IncompleteListError(items.length, pages, `${pagesWithoutNew} pages in a row held only jobs already read`);
		}
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
