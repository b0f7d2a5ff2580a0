/**
 * The poll engine every `<provider>Trigger` uses. A provider supplies only its signals (the
 * `changes` queries of its JobProvider, and its Get Many filter encoder); the engine keeps the
 * cursor, drops what it has already emitted, remembers statuses, and drains a backlog across polls.
 *
 * State lives in `getWorkflowStaticData('node')`, which n8n saves after a successful poll only, so
 * it is changed here only once the whole fetch has succeeded.
 *
 * How n8n saves that state decides what a crash can do (n8n 2.41 `TriggerExecutionContextFactory`):
 * - the in-memory scheduler saves the workflow's static data when a poll emits, next to, not
 *   together with, the execution it starts, and not after a poll that emits nothing. A crash between
 *   the two saves would lose the batch, so the engine keeps where the batch began (`replay`) and the
 *   first poll of a later process reads it again: at least once, never lost;
 * - the durable scheduler with durable cursors (`N8N_POLLER_DURABLE_CURSORS_ENABLED`,
 *   https://docs.n8n.io/hosting/scaling/durable-scheduler/#durable-poll-cursors) commits the state
 *   in the same transaction as the execution, and commits it alone after a poll that emits nothing:
 *   exactly once, so nothing is kept for a replay. It does not keep what its activation poll
 *   writes to the node's state, only the workflow's global static data: the activation's start is
 *   kept there (`activationStarts`), so the first scheduled poll starts from the activation.
 */
import { randomUUID } from 'crypto';
import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { InvalidInputError, pollParameters, readCollection, readTimeout, type NodeParameters } from './parameters';
import type { ChangeQuery, JobProvider } from './provider';
import { StatusMemory } from './statusMemory';
import { asNodeError } from './transport';

const JOB_EVENTS = ['jobCreated', 'jobUpdated', 'jobStatusChanged'] as const;
export type JobEvent = (typeof JOB_EVENTS)[number];

/** Jobs handled in one poll; the rest wait for the next (a backlog is drained, not flooded). */
export const MAX_JOBS_PER_POLL = 500;
/** Statuses remembered for jobStatusChanged; the least recently seen are forgotten first. */
export const MAX_REMEMBERED_STATUSES = 20_000;
const DEFAULT_CREATED_WITHIN_DAYS = 90;
const DAY_MS = 86_400_000;

interface TriggerDefinition {
	provider: JobProvider;
	/** The trigger's Filters collection as list query parameters (the provider's Get Many encoder). */
	buildQuery(filters: IDataObject, timeZone: string): IDataObject;
}

interface PollState extends IDataObject {
	/** What the state was built for; a changed event starts afresh. */
	event?: string;
	/** Epoch ms: jobs whose event time is at or after it are new. */
	cursor?: number;
	/** `id@time` of jobs already handled at exactly the cursor time. */
	doneAtCursor?: string[];
	/** Last status seen per job id, least recently seen first. */
	statuses?: IDataObject;
	/** Epoch ms of the activation the state was built for (its entry in `activationStarts`). */
	since?: number;
	/** Where the last emitted batch began, kept while its execution may be unsaved (in-memory scheduler). */
	replay?: ReplayPoint;
	/** The n8n process that emitted that batch (`PROCESS_ID`). */
	writer?: string;
	/** The n8n process of the last poll (in-memory scheduler: tells state saved before a restart). */
	process?: string;
	/** Counts the polls that moved the state on (durable scheduler: tells a stale copy from the latest). */
	revision?: number;
}

interface ReplayPoint extends IDataObject {
	cursor: number;
	doneAtCursor: string[];
	/** The status each job of a jobStatusChanged batch had before it. */
	statuses: IDataObject;
}

interface StatusChange extends IDataObject {
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
					const common = simplify(raw);
					return statusChange === undefined ? common : { ...common, statusChange };
				})
			: jobs;
	return [ctx.helpers.returnJsonArray(shaped)];
}

/** This n8n process: a `replay` written by another one is from before a restart. */
const PROCESS_ID = randomUUID();
/** The global static data of each activation this process has polled (one object per activation in the in-memory scheduler). */
const polledActivations = new WeakSet<object>();
/** Activations a user started; n8n's other modes (`init` at startup, `update` when an active workflow is saved) resume. */
const USER_ACTIVATIONS = ['activate', 'create'];
/** n8n-core's PollContext budget when no durable scheduler runs the poll (n8n 2.41 `poll-context.js`). */
const IN_MEMORY_POLL_BUDGET_MS = 300_000;

/**
 * Whether n8n saves this poll's state together with the execution it starts: only the durable
 * scheduler gives a poll its own budget (`getPollBudgetMs`, about 36 s by default; n8n 1.x has none).
 * n8n says to run durable cursors with it; without them, it saves static data as the in-memory one does.
 */
function commitsWithExecution(ctx: IPollFunctions): boolean {
	return typeof ctx.getPollBudgetMs === 'function' && ctx.getPollBudgetMs() !== IN_MEMORY_POLL_BUDGET_MS;
}

const secondOf = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Polls running in this process now, by workflow and node. */
const runningPolls = new Set<string>();
/** The newest state revision each trigger's polls handed to n8n in this process (durable scheduler). */
const latestRevisions = new Map<string, { revision: number; at: number }>();
/** How long a newer revision stands for the saved one: a commit n8n rejected is never seen, so it must not block polls for good. */
const REVISION_TRUST_MS = 60_000;

/**
 * Whether this poll must hand over to another one: the durable scheduler can start several polls of
 * one trigger at once (after a restart it runs the occurrences it missed) and fences each only by
 * its own task, so two polls read the same cursor and both commit what they found. A poll that
 * starts while another of the same trigger runs in this process, or with a copy of the state older
 * than one this process handed over, emits nothing and changes nothing.
 */
function overlapsNewerPoll(ctx: IPollFunctions, key: string, state: PollState, now: number): boolean {
	if (runningPolls.has(key)) return true;
	const latest = latestRevisions.get(key);
	return (
		latest !== undefined &&
		commitsWithExecution(ctx) &&
		(state.revision ?? 0) < latest.revision &&
		now - latest.at < REVISION_TRUST_MS
	);
}

/**
 * The start of the activation this poll belongs to, kept in the workflow's global static data per
 * node: set by the first poll after a user activated the workflow (or by the first poll ever),
 * and read by every later poll, in this process or after a restart. `fresh`: set by this poll.
 */
function activationStart(ctx: IPollFunctions, state: PollState, now: number): { start: number; fresh: boolean } {
	const global = ctx.getWorkflowStaticData('global');
	const starts = { ...((global.activationStarts as IDataObject | undefined) ?? {}) };
	const key = ctx.getNode().id || ctx.getNode().name;
	const firstPoll = !polledActivations.has(global);
	polledActivations.add(global);
	const userActivated = firstPoll && USER_ACTIVATIONS.includes(ctx.getActivationMode());
	const known = starts[key];
	if (!userActivated && typeof known === 'number') return { start: known, fresh: false };
	let start = secondOf(now);
	let fresh = true;
	if (!userActivated && state.cursor !== undefined) {
		// State from before activation starts were kept: it goes on.
		start = state.since ?? state.cursor;
		state.since = start;
		fresh = false;
	}
	global.activationStarts = { ...starts, [key]: start };
	return { start, fresh };
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

/**
 * A batch emitted by an n8n process that has stopped since may have no saved execution (the
 * in-memory scheduler saves the two apart): read it again. One emitted by this process has one.
 */
function replayUnconfirmed(state: PollState): void {
	const replay = state.replay;
	if (replay && state.writer !== PROCESS_ID) {
		state.cursor = replay.cursor;
		state.doneAtCursor = replay.doneAtCursor;
		const statuses = new StatusMemory(state.statuses);
		for (const [id, status] of Object.entries(replay.statuses)) statuses.remember(id, typeof status === 'string' ? status : null);
		state.statuses = statuses.toStored(MAX_REMEMBERED_STATUSES);
	}
	delete state.replay;
	delete state.writer;
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
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id || ctx.getNode().name}`;
	if (overlapsNewerPoll(ctx, key, state, now)) return null;
	runningPolls.add(key);
	try {
		return await pollFrom(ctx, state, { provider, params, event, base, timeout, windowDays, plan, now, key });
	} finally {
		runningPolls.delete(key);
	}
}

async function pollFrom(
	ctx: IPollFunctions,
	state: PollState,
	args: {
		provider: JobProvider;
		params: NodeParameters;
		event: JobEvent;
		base: IDataObject;
		timeout: number | undefined;
		windowDays: number;
		plan: EventPlan;
		now: number;
		key: string;
	},
): Promise<INodeExecutionData[][] | null> {
	const { provider, params, event, base, timeout, windowDays, plan, now, key } = args;
	const activation = activationStart(ctx, state, now);
	const catchUp = readCollection(params, 'options').catchUp === true;
	if (state.cursor === undefined || state.event !== event || state.since !== activation.start) {
		if (catchUp && state.cursor !== undefined && state.event === event) {
			// Asked for: what changed while the workflow was inactive, a batch a poll.
			state.since = activation.start;
		} else {
			await startFresh(ctx, state, { provider, base, event, timeout, windowDays, start: activation.start });
			// Nothing can be newer than an activation made by this poll.
			if (activation.fresh) return null;
		}
	}
	// In-memory scheduler: statuses learnt by polls that emitted nothing are saved with the next
	// batch only; after a restart, those of jobs created since the saved cursor may be missing.
	const restored = !commitsWithExecution(ctx) && state.process !== PROCESS_ID;
	replayUnconfirmed(state);

	const cursor = state.cursor ?? activation.start;
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
		// has not changed as far as this trigger knows, unless a restart lost what it knew of a job
		// created and changed since the saved cursor: then from an unknown status.
		if (known ? previous !== status : restored && createdThenChanged(provider, job, cursor)) {
			emitted.push({ ...job, statusChange: { from: previous ?? null, to: status } });
		}
	}

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
