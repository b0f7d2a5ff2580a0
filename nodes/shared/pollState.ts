/**
 * The poll engine's saved state and how n8n keeps it across polls, processes and schedulers.
 *
 * State lives in `getWorkflowStaticData('node')`, which n8n saves after a successful poll only, so
 * the engine changes it only once the whole fetch has succeeded.
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
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { StatusMemory } from './statusMemory';

/** Statuses remembered for jobStatusChanged; the least recently seen are forgotten first. */
export const MAX_REMEMBERED_STATUSES = 20_000;

export interface PollState extends IDataObject {
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

export interface StatusChange extends IDataObject {
	from: string | null;
	to: string | null;
}

/** This n8n process: a `replay` written by another one is from before a restart. */
export const PROCESS_ID = randomUUID();
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
export function commitsWithExecution(ctx: IPollFunctions): boolean {
	return typeof ctx.getPollBudgetMs === 'function' && ctx.getPollBudgetMs() !== IN_MEMORY_POLL_BUDGET_MS;
}

const secondOf = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Polls running in this process now, by workflow and node. */
export const runningPolls = new Set<string>();
/** The newest state revision each trigger's polls handed to n8n in this process (durable scheduler). */
export const latestRevisions = new Map<string, { revision: number; at: number }>();
/** How long a newer revision stands for the saved one: a commit n8n rejected is never seen, so it must not block polls for good. */
const REVISION_TRUST_MS = 60_000;

/**
 * Whether this poll must hand over to another one: the durable scheduler can start several polls of
 * one trigger at once (after a restart it runs the occurrences it missed) and fences each only by
 * its own task, so two polls read the same cursor and both commit what they found. A poll that
 * starts while another of the same trigger runs in this process, or with a copy of the state older
 * than one this process handed over, emits nothing and changes nothing.
 */
export function overlapsNewerPoll(ctx: IPollFunctions, key: string, state: PollState, now: number): boolean {
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
export function activationStart(ctx: IPollFunctions, state: PollState, now: number): { start: number; fresh: boolean } {
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
 * A batch emitted by an n8n process that has stopped since may have no saved execution (the
 * in-memory scheduler saves the two apart): read it again. One emitted by this process has one.
 */
export function replayUnconfirmed(state: PollState): void {
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
