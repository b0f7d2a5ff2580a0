/**
 * The pagination loop every provider uses, with one strategy per paging style:
 * page number + page size, offset + limit, page token, and "after" cursor (pagingStrategies.ts).
 *
 * A strategy only says what the next request's query is and whether the API signalled the end.
 * The loop adds what must hold for all of them: never more than `limit` items, an empty page ends,
 * jobs seen twice across pages are returned once, and reading never stops short silently: a query
 * seen before (loop guard), pages that add nothing new, or the page cap raise IncompleteListError.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

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
	/**
	 * After the first page: the queries of every page still needed, in order, when the API has said
	 * how many there are (a total), so that they can be read in parallel. Undefined: one at a time.
	 */
	plannedQueries?(first: Page, remaining: number): IDataObject[] | undefined;
	/**
	 * Whether a page, taken in order, fits the pages before it; false when the list changed under
	 * the read so that a job may have moved between pages read at different moments (pages that
	 * disagree on the list's total; an offset page that does not start among jobs already read).
	 */
	checkPage?(page: Page): boolean;
	/**
	 * Where the next page starts (a page number, offset, token or cursor), as text a picker hands
	 * n8n as its pagination token; read after `afterPage`.
	 */
	position?(): string | undefined;
	/** Starts reading at a `position()` handed out by an earlier read of the same list. */
	resume?(position: string): void;
}


/** `listChanged`: a parallel read saw the list change under it; its items are not to be trusted. */
type StopReason = 'limit' | 'end' | 'emptyPage' | 'listChanged';

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
	/**
	 * How many page requests may be in flight at once, asked before each request so that it can
	 * drop during a read (after a 429). Default: one.
	 */
	concurrency?: () => number;
}

const DEFAULT_MAX_PAGES = 5_000;

/** The items read so far: de-duplicated, never more than the limit. */
class Collector {
	readonly items: IDataObject[] = [];

	private readonly seenIds = new Set<string>();

	constructor(
		readonly limit: number,
		private readonly idOf: (item: IDataObject) => string | undefined,
	) {}

	get full(): boolean {
		return this.items.length >= this.limit;
	}

	/** Adds a page's new items up to the limit; returns how many were new. */
	add(page: Page): number {
		let added = 0;
		for (const item of page.items) {
			if (this.full) break;
			const id = this.idOf(item);
			if (id !== undefined) {
				if (this.seenIds.has(id)) continue;
				this.seenIds.add(id);
			}
			added++;
			this.items.push(item);
		}
		return added;
	}
}

/** Reads pages until the limit or the end, through `fetchPage`. */
export async function paginate(
	fetchPage: (query: IDataObject) => Promise<Page>,
	strategy: PagingStrategy,
	options: PaginateOptions,
): Promise<PaginationResult> {
	const collector = new Collector(options.limit ?? Number.POSITIVE_INFINITY, options.idOf);
	const { items } = collector;
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const concurrency = options.concurrency ?? (() => 1);
	const seenQueries = new Set<string>();
	let pages = 0;
	let pagesWithoutNew = 0;
	while (true) {
		if (collector.full) return { items, pages, stopReason: 'limit' };
		if (pages >= maxPages) {
			throw new IncompleteListError(items.length, pages, `the API had not signalled the end after ${maxPages} pages`);
		}
		const query = strategy.nextQuery(collector.limit - items.length);
		const key = stableKey(query);
		if (seenQueries.has(key)) {
			throw new IncompleteListError(items.length, pages, 'the API sent the same page position twice, so reading on would loop');
		}
		seenQueries.add(key);
		const requestedAt = Date.now();
		const page = await fetchPage(query);
		const firstPageMs = Date.now() - requestedAt;
		pages++;
		if (strategy.checkPage && !strategy.checkPage(page)) return { items, pages, stopReason: 'listChanged' };
		if (page.items.length === 0) return { items, pages, stopReason: 'emptyPage' };
		const added = collector.add(page);
		if (collector.full) return { items, pages, stopReason: 'limit' };
		const more = strategy.afterPage(page, query);
		if (!more) return { items, pages, stopReason: 'end' };
		if (pages === 1 && concurrency() > 1) {
			const planned = strategy.plannedQueries?.(page, collector.limit - items.length);
			if (planned && planned.length > 0) {
				if (pages + planned.length > maxPages) {
					throw new IncompleteListError(items.length, pages, `the API lists ${pages + planned.length} pages, more than ${maxPages}`);
				}
				const read = await readPlanned(fetchPage, strategy, planned, collector, concurrency, new RequestSpacing(firstPageMs));
				pages += read.pages;
				return { items, pages, stopReason: read.changed ? 'listChanged' : collector.full ? 'limit' : 'end' };
			}
		}
		// A page of repeats can happen when jobs move between pages during the read; page after page
		// of them means the server ignores the paging parameters.
		pagesWithoutNew = added === 0 ? pagesWithoutNew + 1 : 0;
		if (pagesWithoutNew >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
			throw new IncompleteListError(items.length, pages, `${pagesWithoutNew} pages in a row held only jobs already read`);
		}
	}
}

/**
 * Spaces the starts of parallel requests by a request's duration ÷ the requests in flight. n8n reads
 * and parses answers on one thread: requests started together come back together, are parsed one
 * after another, and the next ones start only after all of them, so every round pays the parsing of
 * all its pages on top of the latency. Spaced out, each answer is parsed while the others are still
 * on their way (and the API sees an even rate instead of bursts).
 */
export class RequestSpacing {
	private lastStart = Number.NEGATIVE_INFINITY;

	/** `durationMs`: how long a request took so far (the first page's), kept as a moving average. */
	constructor(private durationMs: number) {}

	/** Milliseconds to wait before the next start, with `inFlight` requests allowed at once. */
	waitMs(inFlight: number, now: number): number {
		if (inFlight <= 1) return 0;
		return Math.max(0, Math.ceil(this.lastStart + this.durationMs / inFlight - now));
	}

	started(now: number): void {
		this.lastStart = now;
	}

	finished(durationMs: number): void {
		this.durationMs = 0.7 * this.durationMs + 0.3 * durationMs;
	}
}

/**
 * Reads the planned pages with up to `concurrency()` requests in flight, their starts spaced by
 * `spacing`, and takes them in, in order, as they arrive. No request starts once the limit is
 * reached, and the first failure fails the read (after the requests in flight have settled).
 * `changed`: a page did not fit the pages before it (`PagingStrategy.checkPage`), so jobs may have
 * moved between pages.
 */
async function readPlanned(
	fetchPage: (query: IDataObject) => Promise<Page>,
	strategy: PagingStrategy,
	planned: IDataObject[],
	collector: Collector,
	concurrency: () => number,
	spacing: RequestSpacing,
): Promise<{ pages: number; changed: boolean }> {
	const arrived: Array<Page | undefined> = new Array<Page | undefined>(planned.length);
	const inFlight = new Map<number, Promise<void>>();
	let started = 0;
	let taken = 0;
	let failure: { error: unknown } | undefined;
	let ended = false;
	while (taken < planned.length && !ended) {
		let pauseMs = 0;
		while (!failure && !collector.full && started < planned.length && inFlight.size < Math.max(1, concurrency())) {
			const startedAt = Date.now();
			pauseMs = spacing.waitMs(Math.max(1, concurrency()), startedAt);
			if (pauseMs > 0) break;
			spacing.started(startedAt);
			const index = started++;
			const request = fetchPage(planned[index]).then(
				(page) => {
					spacing.finished(Date.now() - startedAt);
					arrived[index] = page;
				},
				(error: unknown) => {
					failure ??= { error };
				},
			);
			inFlight.set(
				index,
				request.finally(() => inFlight.delete(index)),
			);
		}
		if (inFlight.size === 0 && pauseMs === 0) break;
		await Promise.race(pauseMs > 0 ? [...inFlight.values(), sleep(pauseMs)] : inFlight.values());
		if (failure) {
			await Promise.allSettled(inFlight.values());
			throw failure.error;
		}
		for (let page = arrived[taken]; page !== undefined && !ended; page = arrived[taken]) {
			arrived[taken] = undefined;
			taken++;
			if (strategy.checkPage && !strategy.checkPage(page)) {
				await Promise.allSettled(inFlight.values());
				return { pages: taken, changed: true };
			}
			collector.add(page);
			// A short or empty page before the planned end: the list shrank; what follows is empty too.
			if (page.items.length === 0 || collector.full) ended = true;
		}
	}
	await Promise.allSettled(inFlight.values());
	return { pages: taken, changed: false };
}

function stableKey(query: IDataObject): string {
	return JSON.stringify(Object.keys(query).sort().map((key) => [key, query[key]]));
}
