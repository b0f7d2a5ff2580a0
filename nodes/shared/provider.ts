/**
 * The contract every provider implements once, in its own folder (`nodes/<Provider>/provider.ts`):
 * how to reach its API, how to get one job, how to list jobs, and what a trigger needs to know of a
 * job (its id, created and updated times, status). Operations, list searches and triggers work
 * only through this object, so every provider names these things the same way.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { JobSimplifier } from './commonJob';
import { idString, isObject, objectsOf } from './json';
import { IncompleteListError, type PaginationResult, type PagingStrategy } from './pagination';
import {
	providerRequest,
	providerRequestAllItems,
	type ApiRequest,
	type ProviderApi,
	type RequestContext,
} from './transport';

/** Which input item a request is for (errors name it) and how long to wait for an answer. */
export interface RequestScope {
	itemIndex?: number;
	timeout?: number;
}

interface GetJobOptions extends RequestScope {
	/** Provider-specific query parameters of the get (Accelo `_fields`, Housecall Pro `expand[]`). */
	query?: IDataObject;
}

interface ListJobsOptions extends RequestScope {
	/** At most this many jobs; undefined reads every page. */
	limit?: number;
	/** Reading ends after a page for which this is true (a poll reading a newest-first list stops at old jobs). */
	stopAfterPage?: (items: IDataObject[]) => boolean;
	/** Page requests in flight at once (`options.parallelRequests`); default: the provider's. */
	parallelRequests?: number;
}

/**
 * Reading pages in parallel, where the API says how many there are. Numbered pages read at
 * different moments can miss a job that moves between them, so a provider allows it only for a
 * query whose order puts new jobs at the end, or whose pages carry a total that shows a change
 * (`PagingStrategy.snapshotOf`: the read is then done again, one page at a time).
 */
interface ParallelPaging {
	/** Requests in flight by default: a safe value for the API's rate limits. */
	defaultRequests: number;
	/** Whether this query may be read in parallel. */
	allowed(query: IDataObject): boolean;
	/** A count with the same filters, where the first page carries no total (one extra request). */
	count?: { path: string; query(query: IDataObject): IDataObject; read(body: unknown): number | undefined };
}

/** The declarative part a provider writes; `defineJobProvider` turns it into a `JobProvider`. */
interface JobProviderDefinition {
	readonly api: ProviderApi;
	/** The largest page the list endpoint serves. */
	readonly maxPageSize: number;
	/** The id of a job as a string (what Get takes). */
	jobId(job: IDataObject): string | undefined;
	/** When the job was created / last changed, in epoch ms (triggers' cursors). */
	createdAt(job: IDataObject): number | undefined;
	updatedAt(job: IDataObject): number | undefined;
	/** The job's status as the API writes it. */
	status(job: IDataObject): string | undefined;
	/** Path and query of "get one job". */
	getRequest(jobId: string, query: IDataObject | undefined): Pick<ApiRequest, 'path' | 'qs'>;
	/** The job in a get (or write) answer. */
	unwrapJob(body: unknown): IDataObject;
	/** The list endpoint: its path, a paging strategy for a limit, and the jobs in a page's body. */
	list: {
		path: string;
		/** The paging strategy for a limit; `total` is the count, where one was read first. */
		paging(limit: number | undefined, total?: number): PagingStrategy;
		unwrap(body: unknown): IDataObject[];
		parallel?: ParallelPaging;
		/**
		 * The wire queries one list query stands for, read in turn and merged without duplicates
		 * (Worklayer's filter cannot OR statuses: one series per status).
		 */
		split?(query: IDataObject): IDataObject[];
		/**
		 * How many jobs a page says the whole list holds, where pages repeat it (Housecall Pro's
		 * `total_items`): a full read with fewer distinct jobs missed one that moved, and is read again.
		 */
		totalOf?(body: unknown): number | undefined;
	};
	/** What a polling trigger asks the list for: the cheapest signal the API has. */
	readonly changes: ChangeQueries;
	/** The job in the common job shape (`options.simplify`), from `nodes/<Provider>/simplify.ts`. */
	readonly simplify?: JobSimplifier;
}

/**
 * List queries a trigger adds to the user's filters. `sinceMs` is inclusive: a provider whose API
 * compares strictly or in whole seconds asks from just before it (the engine drops jobs it has
 * already emitted).
 */
interface ChangeQueries {
	/** Jobs created at or after `sinceMs`. */
	createdSince(query: IDataObject, sinceMs: number): ChangeQuery;
	/** Jobs changed at or after `sinceMs`; absent where the API cannot filter or sort by change time. */
	updatedSince?(query: IDataObject, sinceMs: number): ChangeQuery;
	/** Most recently changed (or created) jobs first, for "Fetch Test Event"; absent: the list's own order. */
	newestFirst?(query: IDataObject): IDataObject;
}

export interface ChangeQuery {
	query: IDataObject;
	/** The API returns the jobs oldest first by that time, so a poll may stop reading early. */
	oldestFirst: boolean;
	/**
	 * The API can sort newest first by that time but not filter by it: a poll reads pages until one
	 * reaches jobs older than `sinceMs`.
	 */
	newestFirst?: boolean;
}

export interface JobProvider extends Omit<JobProviderDefinition, 'getRequest' | 'list'> {
	/** One request with the provider's credential, retries and error mapping; resolves to the body. */
	request(ctx: RequestContext, request: ApiRequest): Promise<unknown>;
	getJob(ctx: RequestContext, jobId: string, options?: GetJobOptions): Promise<IDataObject>;
	/**
	 * The job as it is after a write whose answer is partial. If that read fails the write has still
	 * happened, so the write's own answer is returned rather than an error that would invite sending
	 * the write again.
	 */
	readBack(ctx: RequestContext, jobId: string, scope: RequestScope, writeAnswer: IDataObject): Promise<IDataObject>;
	/**
	 * A whole reference list (statuses, tags, staff) read through the job list's paging; its records
	 * are under `key` in a page's body, or where the job list has its jobs.
	 */
	listAll(ctx: RequestContext, list: { path: string; qs?: IDataObject; key?: string; limit?: number }): Promise<IDataObject[]>;
	/**
	 * One page of a list for a picker, through the job list's paging: the jobs (or records at `path`,
	 * under `key`), at most `size` where the API takes a size (default: the largest page), from a
	 * position an earlier page handed out (`from`); `next` is where the page after it starts,
	 * undefined at the end.
	 */
	listPage(ctx: RequestContext, page: { path?: string; qs?: IDataObject; key?: string; size?: number; from?: string }): Promise<ListPage>;
	/** Reads the job list with `query` as filters, page by page, up to `options.limit`. */
	listJobs(ctx: RequestContext, query: IDataObject, options?: ListJobsOptions): Promise<PaginationResult>;
}

export interface ListPage {
	items: IDataObject[];
	/** The whole body, for what a page says of the list (a total). */
	body: unknown;
	/** Where the next page starts: a picker's pagination token. */
	next?: string;
}

export function defineJobProvider(definition: JobProviderDefinition): JobProvider {
	const { getRequest, list, ...rest } = definition;
	const provider: JobProvider = {
		...rest,
		async request(ctx, request) {
			return (await providerRequest.call(ctx, definition.api, request)).body;
		},
		async getJob(ctx, jobId, options = {}) {
			const body = (
				await providerRequest.call(ctx, definition.api, {
					method: 'GET',
					...getRequest(jobId, options.query),
					itemIndex: options.itemIndex,
					timeout: options.timeout,
				})
			).body;
			return definition.unwrapJob(body);
		},
		async readBack(ctx, jobId, scope, writeAnswer) {
			try {
				return await provider.getJob(ctx, jobId, scope);
			} catch {
				return writeAnswer;
			}
		},
		async listAll(ctx, { path, qs, key, limit }) {
			const recordId = (record: IDataObject) => idString(record.id ?? record.uuid);
			const { items } = await providerRequestAllItems.call(ctx, definition.api, { method: 'GET', path, qs }, list.paging(limit), unwrapAt(key), {
				idOf: recordId,
				limit,
			});
			return items;
		},
		async listPage(ctx, { path = list.path, qs, key, size = definition.maxPageSize, from }) {
			const paging = list.paging(size);
			if (from !== undefined && from !== '') paging.resume?.(from);
			const query = paging.nextQuery(size);
			const { body } = await providerRequest.call(ctx, definition.api, { method: 'GET', path, qs: { ...qs, ...query } });
			const items = unwrapAt(key)(body);
			const more = items.length > 0 && paging.afterPage({ items, body }, query);
			return { items, body, next: more ? paging.position?.() : undefined };
		},
		async listJobs(ctx, query, options = {}) {
			const queries = list.split?.(query) ?? [query];
			if (queries.length === 1) return await listOne(ctx, queries[0], options);
			return await listMerged(queries, options, definition.jobId, async (wire, limit) => await listOne(ctx, wire, { ...options, limit }));
		},
	};
	return provider;

	/** A page's records: under `key` in the body, or where the job list has its jobs. */
	function unwrapAt(key: string | undefined): (body: unknown) => IDataObject[] {
		return key === undefined ? list.unwrap : (body) => (isObject(body) ? objectsOf(body[key]) : []);
	}

	/** Reads one wire query: in parallel where allowed, again one page at a time if the list moved. */
	async function listOne(ctx: RequestContext, query: IDataObject, options: ListJobsOptions): Promise<PaginationResult> {
		const { limit, itemIndex, timeout } = options;
		const parallel = list.parallel;
		const requests = options.parallelRequests ?? parallel?.defaultRequests ?? 1;
		const read = async (inFlight: number, total?: number) => {
			let current = inFlight;
			const seen = { total: 0 };
			const result = await providerRequestAllItems.call(
				ctx,
				definition.api,
				{
					method: 'GET',
					path: list.path,
					qs: query,
					itemIndex,
					timeout,
					// A 429 during a parallel read: the rest of it goes one page at a time.
					onRateLimited: () => {
						current = 1;
					},
				},
				observeTotal(stopAfterPage(list.paging(limit, total), options.stopAfterPage), list.totalOf, seen),
				list.unwrap,
				{ limit, idOf: definition.jobId, concurrency: () => current },
			);
			return { result, total: seen.total };
		};
		const sequential =
			!parallel ||
			requests <= 1 ||
			options.stopAfterPage !== undefined ||
			!parallel.allowed(query) ||
			// One page is all a small limit needs: nothing to read in parallel.
			(limit !== undefined && limit <= definition.maxPageSize);
		let total: number | undefined;
		if (!sequential && parallel.count) {
			const count = parallel.count;
			const response = await providerRequest.call(ctx, definition.api, {
				method: 'GET',
				path: count.path,
				qs: count.query(query),
				itemIndex,
				timeout,
			});
			total = count.read(response.body);
		}
		// Only a full read promises every job (a limit or a poll's early stop does not), and only a
		// list that states its total shows a job missed without a page that disagrees.
		const complete = (read: { result: PaginationResult; total: number }) =>
			read.result.stopReason !== 'listChanged' &&
			(limit !== undefined || options.stopAfterPage !== undefined || read.result.items.length >= read.total);
		const first = await read(sequential ? 1 : requests, total);
		if (complete(first)) return first.result;
		// The list moved under the read (jobs deleted, created or moved between pages): read it again,
		// one page at a time; if it moves again, say so rather than return part of it.
		const again = await read(1);
		if (complete(again)) return { ...again.result, pages: first.result.pages + again.result.pages };
		if (again.result.stopReason === 'listChanged' && !list.totalOf) {
			throw new IncompleteListError(
				again.result.items.length,
				first.result.pages + again.result.pages,
				'the list changed while it was read, twice (jobs were created or deleted between pages)',
			);
		}
		throw new NodeOperationError(
			ctx.getNode(),
			`${definition.api.name}'s job list changed while it was read: ${again.result.items.length} of ${again.total} jobs could be read`,
			{
				itemIndex,
				description:
					'Jobs moved between pages during the read, twice (for example status changes under a status filter, or updates under a sort by update time). Run the node again, or narrow the filters.',
			},
		);
	}
}

/**
 * Reads `queries` in turn and merges their jobs without duplicates (a job that changes between two
 * reads is returned once). A limit applies to the merged result: reading stops once it is reached.
 */
async function listMerged(
	queries: IDataObject[],
	options: ListJobsOptions,
	jobId: (job: IDataObject) => string | undefined,
	readOne: (query: IDataObject, limit: number | undefined) => Promise<PaginationResult>,
): Promise<PaginationResult> {
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	let pages = 0;
	for (const wire of queries) {
		const remaining = options.limit === undefined ? undefined : options.limit - items.length;
		if (remaining !== undefined && remaining <= 0) return { items, pages, stopReason: 'limit' };
		const result = await readOne(wire, remaining);
		pages += result.pages;
		for (const job of result.items) {
			const id = jobId(job);
			if (id !== undefined) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			items.push(job);
		}
	}
	const full = options.limit !== undefined && items.length >= options.limit;
	return { items, pages, stopReason: full ? 'limit' : 'end' };
}

/** `strategy`, recording in `seen.total` the largest total its pages state. */
function observeTotal(strategy: PagingStrategy, totalOf: ((body: unknown) => number | undefined) | undefined, seen: { total: number }): PagingStrategy {
	if (!totalOf) return strategy;
	return {
		...strategy,
		checkPage(page) {
			const total = totalOf(page.body);
			if (total !== undefined && Number.isFinite(total)) seen.total = Math.max(seen.total, total);
			return strategy.checkPage?.(page) ?? true;
		},
	};
}

/** `strategy`, ending after a page for which `stop` is true. */
export function stopAfterPage(strategy: PagingStrategy, stop: ((items: IDataObject[]) => boolean) | undefined): PagingStrategy {
	if (!stop) return strategy;
	return {
		nextQuery: (remaining) => strategy.nextQuery(remaining),
		afterPage: (page, query) => strategy.afterPage(page, query) && !stop(page.items),
	};
}
