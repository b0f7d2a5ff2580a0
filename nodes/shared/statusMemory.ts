/**
 * The last status the trigger saw per job, for Job Status Changed. Stored in the workflow's static
 * data as `{ [jobId]: status }`; while a poll runs it is a Map, whose order is the order the jobs
 * were last seen (an object orders integer-like keys numerically, whatever their insertion order),
 * so that remembering a job and forgetting the least recently seen ones cost constant time each.
 * Trimming to the limit happens once, when the memory is stored: a poll of n jobs is O(n).
 */
import type { IDataObject } from 'n8n-workflow';

export class StatusMemory {
	private readonly statuses = new Map<string, string | null>();

	/** The memory as stored by an earlier poll (absent on first activation). */
	constructor(stored?: IDataObject) {
		if (!stored) return;
		for (const [id, status] of Object.entries(stored)) this.statuses.set(id, typeof status === 'string' ? status : null);
	}

	has(id: string): boolean {
		return this.statuses.has(id);
	}

	/** The remembered status (null when the job had none), or undefined when the job is unknown. */
	get(id: string): string | null | undefined {
		return this.statuses.get(id);
	}

	/** Remembers `status` as the job's latest; the job becomes the most recently seen. */
	remember(id: string, status: string | null | undefined): void {
		this.statuses.delete(id);
		this.statuses.set(id, status ?? null);
	}

	/** The `limit` most recently seen jobs, least recently seen first, for the static data. */
	toStored(limit: number): IDataObject {
		const stored: IDataObject = {};
		let skip = this.statuses.size - limit;
		for (const [id, status] of this.statuses) {
			if (skip-- > 0) continue;
			stored[id] = status;
		}
		return stored;
	}
}
