/**
 * What the shared trigger suite (triggers.test.ts) needs from one provider: its trigger run through
 * the harness against its simulator, and ways to create and change jobs in that simulator between
 * polls at chosen times.
 */
import type { JobEvent } from '../../../nodes/shared/poll';
import type { Harness } from '../../harness/engine';
import type { RecordedRequest } from '../../../tooling/simulators/server';

export interface TriggerFixture {
	/** Provider name, for test titles. */
	name: string;
	/** Full node type of the trigger. */
	type: string;
	/** The events the trigger offers. */
	events: JobEvent[];
	/** Whether updates are found by a scan of recently created jobs (no change-time filter). */
	scansForChanges: boolean;
	/** Smallest step between two distinct timestamps of the API (1000 for whole seconds). */
	resolutionMs: number;
	start(): Promise<void>;
	stop(): Promise<void>;
	harness(): Harness;
	/** Requests to the job list endpoint since the log was cleared. */
	listRequests(): RecordedRequest[];
	clearLog(): void;
	/** Makes the next `times` job-list requests fail with HTTP 500. */
	failListRequests(times: number): void;
	/** Creates a job whose creation (and update) time is `atMs`; resolves to its id as the node outputs it. */
	createJob(atMs: number): string;
	/** Changes a job's status at `atMs`; returns the old and new status as the trigger reports them. */
	changeStatus(id: string, atMs: number): { from: string; to: string };
	/** Changes something other than the status at `atMs`. */
	touchJob(id: string, atMs: number): void;
	/** The id of an output item. */
	idOf(json: Record<string, unknown>): string;
}
