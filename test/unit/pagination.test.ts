import type { IDataObject } from 'n8n-workflow';

import { IncompleteListError, MAX_PAGES_WITHOUT_NEW_ITEMS, paginate, RequestSpacing, type Page } from '../../nodes/shared/pagination';
import { afterCursorPaging, offsetPaging, pageNumberPaging, pageSizeFor, pageTokenPaging } from '../../nodes/shared/pagingStrategies';

const jobs = (n: number): IDataObject[] => Array.from({ length: n }, (_, i) => ({ id: `j${i + 1}` }));
const idOf = (item: IDataObject) => item.id as string;

/** An in-memory list endpoint with page/per_page and totals, recording each query. */
function pageNumberServer(all: IDataObject[], maxPerPage = 100) {
	const queries: IDataObject[] = [];
	const fetchPage = async (query: IDataObject): Promise<Page> => {
		queries.push(query);
		const perPage = Math.min(Number(query.per_page), maxPerPage);
		const page = Number(query.page);
		const items = all.slice((page - 1) * perPage, page * perPage);
		return { items, body: { pagination: { page, total_pages: Math.ceil(all.length / perPage) } } };
	};
	return { queries, fetchPage };
}

const fsmLike = (limit?: number) =>
	pageNumberPaging({
		pageParam: 'page',
		sizeParam: 'per_page',
		maxPageSize: 100,
		limit,
		isLastPage: (body, page) => page >= (body as { pagination: { total_pages: number } }).pagination.total_pages,
	});

describe('paginate with page numbers', () => {
	it('reads 537 jobs in 6 requests of 100', async () => {
		const server = pageNumberServer(jobs(537));
		const result = await paginate(server.fetchPage, fsmLike(), { idOf });
		expect(result.items).toHaveLength(537);
		expect(server.queries).toHaveLength(6);
		expect(server.queries.map((q) => q.per_page)).toEqual([100, 100, 100, 100, 100, 100]);
		expect(result.stopReason).toBe('end');
	});

	it('asks for exactly 7 with limit 7, in one request', async () => {
		const server = pageNumberServer(jobs(537));
		const result = await paginate(server.fetchPage, fsmLike(7), { idOf, limit: 7 });
		expect(result.items.map(idOf)).toEqual(['j1', 'j2', 'j3', 'j4', 'j5', 'j6', 'j7']);
		expect(server.queries).toEqual([{ page: 1, per_page: 7 }]);
	});

	it('spreads a limit over the fewest pages', async () => {
		expect(pageSizeFor(250, 100)).toBe(84);
		expect(pageSizeFor(100, 100)).toBe(100);
		expect(pageSizeFor(101, 100)).toBe(51);
		const server = pageNumberServer(jobs(537));
		const result = await paginate(server.fetchPage, fsmLike(250), { idOf, limit: 250 });
		expect(result.items).toHaveLength(250);
		expect(server.queries).toHaveLength(3);
	});

	it('stops on an empty list in one request', async () => {
		const server = pageNumberServer([]);
		const result = await paginate(server.fetchPage, fsmLike(), { idOf });
		expect(result.items).toEqual([]);
		expect(server.queries).toHaveLength(1);
	});

	it('returns a job seen twice across pages once', async () => {
		// A job created between two requests shifts the list by one: the last of page 1 comes again.
		const pages = [jobs(3), [{ id: 'j3' }, { id: 'j4' }, { id: 'j5' }], [{ id: 'j6' }]];
		let call = 0;
		const result = await paginate(
			async () => ({ items: pages[call++] ?? [], body: {} }),
			pageNumberPaging({ pageParam: 'p', sizeParam: 's', maxPageSize: 3 }),
			{ idOf },
		);
		expect(result.items.map(idOf)).toEqual(['j1', 'j2', 'j3', 'j4', 'j5', 'j6']);
	});

	it('fails, saying how many jobs it read, when a server ignores the page number (nothing new on a page)', async () => {
		let calls = 0;
		const reading = paginate(
			async () => {
				calls++;
				return { items: jobs(3), body: {} };
			},
			pageNumberPaging({ pageParam: 'p', sizeParam: 's', maxPageSize: 3 }),
			{ idOf },
		);
		await expect(reading).rejects.toThrow(IncompleteListError);
		await expect(reading).rejects.toThrow(/after 4 pages \(3 jobs read\): 3 pages in a row held only jobs already read/);
		expect(calls).toBe(1 + MAX_PAGES_WITHOUT_NEW_ITEMS);
	});

	it('reads on past a page of repeats when the API says there is more', async () => {
		// Page 2 repeats page 1 (jobs moved during the read); page 3 is new and the last.
		const pagesServed = [jobs(3), jobs(3), [{ id: 'j4' }]];
		const result = await paginate(
			async (query) => ({ items: pagesServed[Number(query.p) - 1], body: { total: 3 } }),
			pageNumberPaging({ pageParam: 'p', sizeParam: 's', maxPageSize: 3, isLastPage: (_body, page) => page >= 3 }),
			{ idOf },
		);
		expect(result.items.map(idOf)).toEqual(['j1', 'j2', 'j3', 'j4']);
		expect(result.stopReason).toBe('end');
	});

	it('fails at the page cap instead of returning part of the list as if it were all', async () => {
		let n = 0;
		const reading = paginate(
			async () => ({ items: [{ id: `x${n++}` }], body: {} }),
			pageNumberPaging({ pageParam: 'p', sizeParam: 's', maxPageSize: 1 }),
			{ idOf, maxPages: 25 },
		);
		await expect(reading).rejects.toThrow(/after 25 pages \(25 jobs read\): the API had not signalled the end after 25 pages/);
	});
});

describe('offsetPaging', () => {
	function offsetServer(total: number, cap: number) {
		const queries: IDataObject[] = [];
		const all = jobs(total);
		return {
			queries,
			fetchPage: async (query: IDataObject): Promise<Page> => {
				queries.push(query);
				const offset = Number(query._offset);
				const limit = Math.min(Number(query._limit), cap);
				return { items: all.slice(offset, offset + limit), body: {} };
			},
		};
	}

	it('asks for exactly what is missing', async () => {
		const server = offsetServer(1000, 100);
		const result = await paginate(server.fetchPage, offsetPaging({ offsetParam: '_offset', limitParam: '_limit', maxPageSize: 100 }), {
			idOf,
			limit: 250,
		});
		expect(result.items).toHaveLength(250);
		expect(server.queries).toEqual([
			{ _offset: 0, _limit: 100 },
			{ _offset: 100, _limit: 100 },
			{ _offset: 200, _limit: 50 },
		]);
	});

	it('ends on a short page', async () => {
		const server = offsetServer(230, 100);
		const result = await paginate(server.fetchPage, offsetPaging({ offsetParam: '_offset', limitParam: '_limit', maxPageSize: 100 }), {
			idOf,
		});
		expect(result.items).toHaveLength(230);
		expect(server.queries).toHaveLength(3);
		expect(result.stopReason).toBe('end');
	});

	it('keeps going when the server caps pages at a known smaller size', async () => {
		const server = offsetServer(120, 50);
		const result = await paginate(
			server.fetchPage,
			offsetPaging({ offsetParam: '_offset', limitParam: '_limit', maxPageSize: 100, fallbackPageSizes: [50] }),
			{ idOf },
		);
		expect(result.items).toHaveLength(120);
		expect(server.queries.map((q) => q._offset)).toEqual([0, 50, 100]);
	});
});

describe('pageTokenPaging', () => {
	it('follows tokens until an empty one', async () => {
		const tokens: Array<string | undefined> = [];
		const pages: Record<string, { items: IDataObject[]; next: string }> = {
			'': { items: jobs(2), next: 'b' },
			b: { items: [{ id: 'j3' }, { id: 'j4' }], next: 'c' },
			c: { items: [{ id: 'j5' }], next: '' },
		};
		const result = await paginate(
			async (query) => {
				tokens.push(query.page_token as string | undefined);
				const page = pages[(query.page_token as string) ?? ''];
				return { items: page.items, body: { next_page_token: page.next } };
			},
			pageTokenPaging({
				tokenParam: 'page_token',
				sizeParam: 'page_size',
				maxPageSize: 2,
				nextToken: (body) => (body as { next_page_token?: string }).next_page_token,
			}),
			{ idOf },
		);
		expect(result.items).toHaveLength(5);
		expect(tokens).toEqual([undefined, 'b', 'c']);
	});

	it('fails when a token comes back that was already used (reading on would loop)', async () => {
		let calls = 0;
		const reading = paginate(
			async () => {
				calls++;
				return { items: [{ id: `k${calls}` }], body: { next: 'same' } };
			},
			pageTokenPaging({ tokenParam: 't', nextToken: (body) => (body as { next: string }).next }),
			{ idOf },
		);
		await expect(reading).rejects.toThrow(/after 2 pages \(2 jobs read\): the API sent the same page position twice/);
		expect(calls).toBe(2);
	});
});

describe('afterCursorPaging', () => {
	it('passes the last id on and stops on an empty page', async () => {
		const all = jobs(7);
		const afters: Array<string | undefined> = [];
		const result = await paginate(
			async (query) => {
				afters.push(query.after as string | undefined);
				const start = query.after ? all.findIndex((j) => j.id === query.after) + 1 : 0;
				return { items: all.slice(start, start + 3), body: {} };
			},
			afterCursorPaging({ cursorParam: 'after', cursorOf: (item) => item.id as string }),
			{ idOf },
		);
		expect(result.items).toHaveLength(7);
		expect(afters).toEqual([undefined, 'j3', 'j6', 'j7']);
		expect(result.stopReason).toBe('emptyPage');
	});

	it('stops reading as soon as the limit is reached', async () => {
		let calls = 0;
		const result = await paginate(
			async () => {
				calls++;
				return { items: jobs(25).slice((calls - 1) * 10, calls * 10), body: {} };
			},
			afterCursorPaging({ cursorParam: 'after', cursorOf: (item) => item.id as string }),
			{ idOf, limit: 12 },
		);
		expect(result.items).toHaveLength(12);
		expect(calls).toBe(2);
	});
});

describe('RequestSpacing', () => {
	it('never holds back a read of one page at a time', () => {
		const spacing = new RequestSpacing(100);
		spacing.started(1_000);
		expect(spacing.waitMs(1, 1_000)).toBe(0);
	});

	it('spaces starts by a request\'s duration divided by the requests in flight', () => {
		const spacing = new RequestSpacing(100);
		expect(spacing.waitMs(4, 1_000)).toBe(0);
		spacing.started(1_000);
		expect(spacing.waitMs(4, 1_000)).toBe(25);
		expect(spacing.waitMs(4, 1_010)).toBe(15);
		expect(spacing.waitMs(4, 1_025)).toBe(0);
		expect(spacing.waitMs(2, 1_000)).toBe(50);
	});

	it('follows the durations requests actually take', () => {
		const spacing = new RequestSpacing(100);
		spacing.started(1_000);
		for (let i = 0; i < 20; i++) spacing.finished(200);
		const wait = spacing.waitMs(4, 1_000);
		expect(wait).toBeGreaterThan(45);
		expect(wait).toBeLessThanOrEqual(50);
	});
});

describe('a picker resumes a strategy where an earlier page ended', () => {
	/** Reads one page with `strategy` and returns its query and the position it hands out. */
	const onePage = (strategy: ReturnType<typeof fsmLike>, items: IDataObject[], body: unknown = {}) => {
		const query = strategy.nextQuery(100);
		const more = strategy.afterPage({ items, body }, query);
		return { query, next: more ? strategy.position?.() : undefined };
	};

	it('page numbers: the next page number, and none after the last page', () => {
		const first = onePage(fsmLike(50), jobs(50), { pagination: { total_pages: 3 } });
		expect(first).toEqual({ query: { page: 1, per_page: 50 }, next: '2' });
		const resumed = fsmLike(50);
		resumed.resume?.(String(first.next));
		expect(onePage(resumed, jobs(50), { pagination: { total_pages: 2 } })).toEqual({ query: { page: 2, per_page: 50 }, next: undefined });
		const garbage = fsmLike(50);
		garbage.resume?.('x');
		expect(garbage.nextQuery(50)).toEqual({ page: 1, per_page: 50 });
	});

	it('offsets: the end of what was read, resumed without the overlap that a full read uses', () => {
		const strategy = () => offsetPaging({ offsetParam: '_offset', limitParam: '_limit', maxPageSize: 100, overlap: 3, idOf });
		const first = onePage(strategy(), jobs(100));
		expect(first).toEqual({ query: { _offset: 0, _limit: 100 }, next: '100' });
		const resumed = strategy();
		resumed.resume?.(String(first.next));
		expect(onePage(resumed, jobs(40))).toEqual({ query: { _offset: 100, _limit: 100 }, next: undefined });
		// A read that goes on (not resumed) starts three early, as before.
		const going = strategy();
		onePage(going, jobs(100));
		expect(going.nextQuery(100)).toEqual({ _offset: 97, _limit: 100 });
	});

	it('page tokens and cursors: the token or cursor the page gave', () => {
		const tokens = () => pageTokenPaging({ tokenParam: 'page_token', sizeParam: 'page_size', maxPageSize: 50, nextToken: (body) => (body as { next?: string }).next });
		expect(onePage(tokens(), jobs(50), { next: 'abc' }).next).toBe('abc');
		const resumedTokens = tokens();
		resumedTokens.resume?.('abc');
		expect(resumedTokens.nextQuery(50)).toEqual({ page_size: 50, page_token: 'abc' });
		const cursors = () => afterCursorPaging({ cursorParam: 'after', cursorOf: (item) => item.id as string });
		expect(onePage(cursors(), jobs(3)).next).toBe('j3');
		const resumedCursors = cursors();
		resumedCursors.resume?.('j3');
		expect(resumedCursors.nextQuery(50)).toEqual({ after: 'j3' });
	});
});
