/**
 * How the crash test (tooling/crash) changes jobs in one provider's simulator between polls, and
 * recognises them in a trigger's output: one module per provider next to this file.
 */
import type { RecordedRequest } from '../../simulators/server';

/** One change as the trigger's output shows it: the job and its updated time exactly as the API writes it. */
export interface MadeChange {
	id: string;
	updated: string;
}

export interface JobChanges {
	/** Provider key (tooling/providers). */
	readonly key: string;
	/** A new job, created and updated at `atMs`. */
	create(atMs: number): MadeChange;
	/** A change to something other than the status, at `atMs`. */
	touch(id: string, atMs: number): MadeChange;
	/** A status change at `atMs`. */
	changeStatus(id: string, atMs: number): MadeChange;
	/** The job id and updated time of one output item (the raw job). */
	read(json: Record<string, unknown>): MadeChange;
	/** Whether a request is a read of the job list (what a poll sends). */
	isListRequest(request: RecordedRequest): boolean;
}
