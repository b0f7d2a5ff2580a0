/**
 * How the crash test (tooling/crash) changes jobs in one provider's simulator between polls, and
 * recognises them in a trigger's output: one module per provider next to this file, on the
 * provider's kit (tooling/providers/<provider>/kit.ts), which the trigger suite's edits use too.
 */
import type { RecordedRequest } from '../../simulators/server';
import type { MadeChange, ProviderKit, SuiteSimulator } from '../../providers/shared/kit';
import { isListRequest } from '../../providers/shared/kit';

export type { MadeChange } from '../../providers/shared/kit';

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

/** The crash test's changes on a kit: the provider gives only how it creates a job. */
export function kitChanges<S extends SuiteSimulator>(kit: ProviderKit<S>, sim: S, create: (atMs: number) => MadeChange): JobChanges {
	const made = ({ id, updated }: MadeChange): MadeChange => ({ id, updated });
	return {
		key: kit.key,
		create,
		touch: (id, atMs) => made(kit.touch(sim, id, atMs)),
		changeStatus: (id, atMs) => made(kit.changeStatus(sim, id, atMs)),
		read: (json) => ({ id: String(json[kit.idField]), updated: String(json[kit.updatedField]) }),
		isListRequest: (request) => isListRequest(kit, request),
	};
}
