/**
 * The poll engine every `<provider>Trigger` uses. A provider supplies only its signals (the
 * `changes` queries of its JobProvider, and its Get Many filter encoder); the engine keeps the
 * cursor, drops what it has already emitted, remembers statuses, and drains a backlog across polls.
 *
 * State lives in `getWorkflowStaticData('node')`, which n8n saves after a successful poll only, so
 * it is changed here only once the whole fetch has succeeded.
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { InvalidInputError, pollParameters, readCollection, readTimeout, type NodeParameters } from './parameters';
import type { ChangeQuery, JobProvider } from './provider';
import { StatusMemory } from './statusMemory';
import { asNodeError } from './transport';

export const JOB_EVENTS = ['jobCreated', 'jobUpdated', 'jobStatusChanged'] as const;
export type JobEvent = (typeof JOB_EVENTS)[number];

/** Jobs handled in one poll; the rest wait for the next (a backlog is drained, not flooded). */
export const MAX_JOBS_PER_POLL = 500;
/** Statuses remembered for jobStatusChanged; the least recently seen are forgotten first. */
export const MAX_REMEMBERED_STATUSES = 20_000;
export const DEFAULT_CREATED_WITHIN_DAYS = 90;
const DAY_MS = 86_400_000;

export interface TriggerDefinition {
	provider: JobProvider;
	/** The trigger's Filters collection as list query parameters (the provider's Get Many encoder). */
	buildQuery(filters: IDataObject, timeZone: string): IDataObject;
}

export interface PollState extends IDataObject {
	/** What the state was built for; a changed event starts afresh. */
	event?: string;
	/** Epoch ms: jobs whose event time is at or after it are new. */
	cursor?: number;
	/** `id@time` of jobs already handled at exactly the cursor time. */
	doneAtCursor?: string[];
	/** Last status seen per job id, least recently seen first. */
	statuses?: IDataObject;
}

export interface StatusChange extends IDataObject {
	from: string | null;
	to: string | null;
}

/** How one event is read from this provider: which time orders it and which query finds it. */
interface EventPlan {
	timeOf(job: IDataObject): number | undefined;
	/** The list query for jobs at or after `sinceMs`. */
	query(base: IDataObject, sinceMs: number, nowMs: number): ChangeQuery;
}

function createdWithinDays(params: NodeParameters): number {
	const options = readCollection(params, 'options');
	const value = options.createdWithinDays ?? DEFAULT_CREATED_WITHIN_DAYS;
	const days = Number(value);
	if (!Number.isFinite(days) || days < 0) {
		throw new InvalidInputError(`'Created Within (Days)' must be a number of days, 0 or more`);
	}
	return days;
}

function planFor(provider: JobProvider, event: JobEvent, windowDays: number): EventPlan {
	const { changes } = provider;
	if (event === 'jobCreated') {
		return { timeOf: (job) => provider.createdAt(job), query: (base, since) => changes.createdSince(base, since) };
	}
	if (changes.updatedSince) {
		const updatedSince = changes.updatedSince;
		return { timeOf: (job) => provider.updatedAt(job), query: (base, since) => updatedSince(base, since) };
	}
	// No change-time filter: scan the jobs created within the window and compare change times here.
	return {
		timeOf: (job) => provider.updatedAt(job),
		query: (base, _since, now) =>
			windowDays > 0
				? { ...changes.createdSince(base, now - windowDays * DAY_MS), oldestFirst: false, newestFirst: false }
				: { query: base, oldestFirst: false },
	};
}

const keyOf = (id: string, time: number) => `${id}@${time}`;

/** For a newest-first list: true once a page reaches a job older than `sinceMs` (every later page is older). */
function reachesOlder(timeOf: (job: IDataObject) => number | undefined, sinceMs: number): (items: IDataObject[]) => boolean {
	return (items) =>
		items.some((job) => {
			const time = timeOf(job);
			return time !== undefined && time < sinceMs;
		});
}

function sortByTime(jobs: IDataObject[], timeOf: (job: IDataObject) => number | undefined): Array<{ job: IDataObject; time: number }> {
	return jobs
		.map((job) => ({ job, time: timeOf(job) }))
		.filter((entry): entry is { job: IDataObject; time: number } => entry.time !== undefined)
		.sort((a, b) => a.time - b.time);
}

function output(ctx: IPollFunctions, provider: JobProvider, jobs: IDataObject[]): INodeExecutionData[][] | null {
	if (!jobs.length) return null;
	const options = readCollection(pollParameters(ctx), 'options');
	const { simplify } = provider;
	const shaped =
		options.simplify === true && simplify
			? jobs.map((job) => {
					const { statusChange, ...raw } = job;
					const common = simplify(raw, {});
					return statusChange === undefined ? common : { ...common, statusChange };
				})
			: jobs;
	return [ctx.helpers.returnJsonArray(shaped)];
}

export async function pollJobs(this: IPollFunctions, trigger: TriggerDefinition): Promise<INodeExecutionData[][] | null> {
	try {
		return await pollOnce(this, trigger);
	} catch (error) {
		if (error instanceof InvalidInputError) {
			throw new NodeOperationError(this.getNode(), error.message, { description: error.hint });
		}
		throw asNodeError(this.getNode(), error);
	}
}

async function pollOnce(ctx: IPollFunctions, { provider, buildQuery }: TriggerDefinition): Promise<INodeExecutionData[][] | null> {
	const params = pollParameters(ctx);
	const event = params.get('event', 'jobCreated') as JobEvent;
	if (!JOB_EVENTS.includes(event)) throw new InvalidInputError(`'Event' has an unsupported value: ${JSON.stringify(event)}`);
	const base = buildQuery(readCollection(params, 'filters'), params.timeZone);
	const timeout = readTimeout(params);
	const windowDays = createdWithinDays(params);
	const plan = planFor(provider, event, windowDays);
	const now = Date.now();

	if (ctx.getMode() === 'manual') {
		// "Fetch Test Event": the newest matching job, and the saved state is left alone.
		const query = provider.changes.newestFirst
			? { query: provider.changes.newestFirst(base), limit: 20 }
			: { query: plan.query(base, now - Math.max(windowDays, 1) * DAY_MS, now).query, limit: MAX_JOBS_PER_POLL };
		const { items } = await provider.listJobs(ctx, query.query, { limit: query.limit, timeout });
		const newest = sortByTime(items, plan.timeOf).pop()?.job ?? items[0];
		if (!newest) return null;
		if (event !== 'jobStatusChanged') return output(ctx, provider, [newest]);
		const status = provider.status(newest) ?? null;
		return output(ctx, provider, [{ ...newest, statusChange: { from: null, to: status } }]);
	}

	const state = ctx.getWorkflowStaticData('node') as PollState;
	if (state.cursor === undefined || state.event !== event) {
		// First activation: start from now. jobStatusChanged first learns the current statuses, so
		// that the first change of an existing job can name the status it came from.
		const statuses = new StatusMemory();
		if (event === 'jobStatusChanged') {
			const since = now - windowDays * DAY_MS;
			const scan = windowDays > 0 ? provider.changes.createdSince(base, since) : { query: base, oldestFirst: false };
			const { items } = await provider.listJobs(ctx, scan.query, {
				timeout,
				stopAfterPage: scan.newestFirst ? reachesOlder((job) => provider.createdAt(job), since) : undefined,
			});
			for (const job of items) {
				const id = provider.jobId(job);
				if (id !== undefined) statuses.remember(id, provider.status(job));
			}
		}
		for (const key of Object.keys(state)) delete state[key];
		// From the start of this second: APIs that date jobs to the second (FSM Navigator, Accelo)
		// would date a job created later in this second before a millisecond cursor.
		Object.assign(state, {
			event,
			cursor: Math.floor(now / 1000) * 1000,
			doneAtCursor: [],
			statuses: statuses.toStored(MAX_REMEMBERED_STATUSES),
		} satisfies PollState);
		return null;
	}

	const cursor = state.cursor;
	const done = new Set(state.doneAtCursor ?? []);
	const change = plan.query(base, cursor, now);
	const { items } = await provider.listJobs(ctx, change.query, {
		timeout,
		// Oldest first: what this poll can handle is at the front, the rest is read next time.
		limit: change.oldestFirst ? MAX_JOBS_PER_POLL + done.size : undefined,
		stopAfterPage: change.newestFirst ? reachesOlder(plan.timeOf, cursor) : undefined,
	});

	const fresh = sortByTime(items, plan.timeOf).filter(({ job, time }) => {
		const id = provider.jobId(job);
		return time >= cursor && id !== undefined && !done.has(keyOf(id, time));
	});
	const handled = fresh.slice(0, MAX_JOBS_PER_POLL);
	const statuses = new StatusMemory(state.statuses);
	const emitted: IDataObject[] = [];
	for (const { job } of handled) {
		if (event !== 'jobStatusChanged') {
			emitted.push(job);
			continue;
		}
		const id = provider.jobId(job) as string;
		const status = provider.status(job) ?? null;
		const known = statuses.has(id);
		const previous = statuses.get(id);
		statuses.remember(id, status);
		// A job first seen now was created after activation (or outside the window): its status
		// has not changed as far as this trigger knows.
		if (known && previous !== status) emitted.push({ ...job, statusChange: { from: previous ?? null, to: status } });
	}

	// Only now, with the whole fetch done, does the state move on.
	if (handled.length) {
		const last = handled[handled.length - 1].time;
		const atLast = handled.filter((entry) => entry.time === last).map(({ job, time }) => keyOf(provider.jobId(job) as string, time));
		state.doneAtCursor = last === cursor ? [...done, ...atLast] : atLast;
		state.cursor = last;
	}
	if (event === 'jobStatusChanged') state.statuses = statuses.toStored(MAX_REMEMBERED_STATUSES);
	return output(ctx, provider, emitted);
}
