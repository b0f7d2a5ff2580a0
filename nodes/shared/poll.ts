/**
 * The poll engine every `<provider>Trigger` uses. A provider supplies only its signals (the
 * `changes` queries of its JobProvider, and its Get Many filter encoder); the engine keeps the
 * cursor, drops what it has already emitted, remembers statuses, and drains a backlog across polls.
 * A poll is one of three: a test event ("Fetch Test Event"), the start of an activation, or a read
 * of what changed since the cursor. How the state survives restarts: `pollState.ts`.
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { InvalidInputError, pollParameters, readCollection, readTimeout, type NodeParameters } from './parameters';
import type { ChangeQuery, JobProvider } from './provider';
import {
	MAX_REMEMBERED_STATUSES,
	PROCESS_ID,
	activationStart,
	commitsWithExecution,
	latestRevisions,
	overlapsNewerPoll,
	replayUnconfirmed,
	runningPolls,
	type PollState,
	type StatusChange,
} from './pollState';
import { StatusMemory } from './statusMemory';
import { asNodeError } from './transport';

const JOB_EVENTS = ['jobCreated', 'jobUpdated', 'jobStatusChanged'] as const;
export type JobEvent = (typeof JOB_EVENTS)[number];

/** Jobs handled in one poll; the rest wait for the next (a backlog is drained, not flooded). */
export const MAX_JOBS_PER_POLL = 500;
const DEFAULT_CREATED_WITHIN_DAYS = 90;
const DAY_MS = 86_400_000;

interface TriggerDefinition {
	provider: JobProvider;
	/** The trigger's Filters collection as list query parameters (the provider's Get Many encoder). */
	buildQuery(filters: IDataObject, timeZone: string): IDataObject;
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
					const common = simplify(raw);
					return statusChange === undefined ? common : { ...common, statusChange };
				})
			: jobs;
	return [ctx.helpers.returnJsonArray(shaped)];
}

/**
 * Starts the state at the activation: jobStatusChanged first learns the current statuses, so that
 * the first change of an existing job can name the status it came from.
 */
async function startFresh(
	ctx: IPollFunctions,
	state: PollState,
	args: { provider: JobProvider; base: IDataObject; event: JobEvent; timeout: number | undefined; windowDays: number; start: number },
): Promise<void> {
	const { provider, base, event, timeout, windowDays, start } = args;
	const statuses = new StatusMemory();
	if (event === 'jobStatusChanged') {
		const since = Date.now() - windowDays * DAY_MS;
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
	// From the start of the activation's second: APIs that date jobs to the second (FSM Navigator,
	// Accelo) would date a job created later in that second before a millisecond cursor.
	Object.assign(state, {
		event,
		cursor: start,
		doneAtCursor: [],
		statuses: statuses.toStored(MAX_REMEMBERED_STATUSES),
		since: start,
	} satisfies PollState);
}

/** A job created at or after `sinceMs` and updated after its creation. */
function createdThenChanged(provider: JobProvider, job: IDataObject, sinceMs: number): boolean {
	const created = provider.createdAt(job);
	const updated = provider.updatedAt(job);
	return created !== undefined && updated !== undefined && created >= sinceMs && updated > created;
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

/** What every kind of poll reads first: the trigger's parameters and the plan for its event. */
interface PollSetup {
	provider: JobProvider;
	params: NodeParameters;
	event: JobEvent;
	base: IDataObject;
	timeout: number | undefined;
	windowDays: number;
	plan: EventPlan;
	now: number;
}

function readSetup(ctx: IPollFunctions, { provider, buildQuery }: TriggerDefinition): PollSetup {
	const params = pollParameters(ctx);
	const event = params.get('event', 'jobCreated') as JobEvent;
	if (!JOB_EVENTS.includes(event)) throw new InvalidInputError(`'Event' has an unsupported value: ${JSON.stringify(event)}`);
	const windowDays = createdWithinDays(params);
	return {
		provider,
		params,
		event,
		base: buildQuery(readCollection(params, 'filters'), params.timeZone),
		timeout: readTimeout(params),
		windowDays,
		plan: planFor(provider, event, windowDays),
		now: Date.now(),
	};
}

async function pollOnce(ctx: IPollFunctions, trigger: TriggerDefinition): Promise<INodeExecutionData[][] | null> {
	const poll = readSetup(ctx, trigger);
	if (ctx.getMode() === 'manual') return await testEvent(ctx, poll);
	const state = ctx.getWorkflowStaticData('node') as PollState;
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id || ctx.getNode().name}`;
	if (overlapsNewerPoll(ctx, key, state, poll.now)) return null;
	runningPolls.add(key);
	try {
		const activation = await startOrResume(ctx, state, poll);
		// Nothing can be newer than an activation made by this poll.
		if (activation.fresh) return null;
		return await changesSince(ctx, state, poll, activation.start, key);
	} finally {
		runningPolls.delete(key);
	}
}

/** "Fetch Test Event": the newest matching job; the saved state is left alone. */
async function testEvent(ctx: IPollFunctions, { provider, event, base, timeout, windowDays, plan, now }: PollSetup): Promise<INodeExecutionData[][] | null> {
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

/**
 * The activation this poll belongs to; the state starts afresh at it when it was built for another
 * event or activation (unless Catch Up asks for what changed while the workflow was inactive).
 * `fresh`: this poll started the activation.
 */
async function startOrResume(ctx: IPollFunctions, state: PollState, poll: PollSetup): Promise<{ start: number; fresh: boolean }> {
	const { provider, params, event, base, timeout, windowDays, now } = poll;
	const activation = activationStart(ctx, state, now);
	if (state.cursor !== undefined && state.event === event && state.since === activation.start) return { start: activation.start, fresh: false };
	const catchUp = readCollection(params, 'options').catchUp === true;
	if (catchUp && state.cursor !== undefined && state.event === event) {
		// Asked for: what changed while the workflow was inactive, a batch a poll.
		state.since = activation.start;
		return { start: activation.start, fresh: false };
	}
	await startFresh(ctx, state, { provider, base, event, timeout, windowDays, start: activation.start });
	return activation;
}

/** The jobs whose event happened since the cursor, a batch at most; the state moves on past them. */
async function changesSince(ctx: IPollFunctions, state: PollState, poll: PollSetup, start: number, key: string): Promise<INodeExecutionData[][] | null> {
	const { provider, event, base, timeout, plan, now } = poll;
	// In-memory scheduler: statuses learnt by polls that emitted nothing are saved with the next
	// batch only; after a restart, those of jobs created since the saved cursor may be missing.
	const restored = !commitsWithExecution(ctx) && state.process !== PROCESS_ID;
	replayUnconfirmed(state);

	const cursor = state.cursor ?? start;
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
	const emitted = event === 'jobStatusChanged' ? statusChanges(provider, handled, statuses, restored, cursor) : handled.map(({ job }) => job);

	// Only now, with the whole fetch done, does the state move on.
	if (emitted.length && !commitsWithExecution(ctx)) {
		const changes = emitted.map((job) => job.statusChange as StatusChange | undefined);
		const before = Object.fromEntries(
			emitted.flatMap((job, i) => (changes[i] ? [[provider.jobId(job) as string, changes[i].from]] : [])),
		);
		state.replay = { cursor, doneAtCursor: [...done], statuses: before };
		state.writer = PROCESS_ID;
	}
	if (handled.length) {
		state.revision = (state.revision ?? 0) + 1;
		if (commitsWithExecution(ctx)) latestRevisions.set(key, { revision: state.revision, at: now });
		const last = handled[handled.length - 1].time;
		const atLast = handled.filter((entry) => entry.time === last).map(({ job, time }) => keyOf(provider.jobId(job) as string, time));
		state.doneAtCursor = last === cursor ? [...done, ...atLast] : atLast;
		state.cursor = last;
	}
	if (event === 'jobStatusChanged') state.statuses = statuses.toStored(MAX_REMEMBERED_STATUSES);
	state.process = PROCESS_ID;
	return output(ctx, provider, emitted);
}

/** The handled jobs whose status differs from the one remembered, with `statusChange`; `statuses` learns every one. */
function statusChanges(
	provider: JobProvider,
	handled: Array<{ job: IDataObject; time: number }>,
	statuses: StatusMemory,
	restored: boolean,
	cursor: number,
): IDataObject[] {
	const emitted: IDataObject[] = [];
	for (const { job } of handled) {
		const id = provider.jobId(job) as string;
		const status = provider.status(job) ?? null;
		const known = statuses.has(id);
		const previous = statuses.get(id);
		statuses.remember(id, status);
		// A job first seen now was created after activation (or outside the window): its status
		// has not changed as far as this trigger knows, unless a restart lost what it knew of a job
		// created and changed since the saved cursor: then from an unknown status.
		if (known ? previous !== status : restored && createdThenChanged(provider, job, cursor)) {
			emitted.push({ ...job, statusChange: { from: previous ?? null, to: status } });
		}
	}
	return emitted;
}
