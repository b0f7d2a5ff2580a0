/** The Planado job store and the list order. */
import { type JobOrder, OrderedJobStore } from '../kit/orderedJobStore';
import type { PlanadoJob } from './types';

export interface SortKey {
	ms: number;
	serial: number;
}

/** Newest first: created_at desc, then serial_no desc. */
function compareKeys(a: SortKey, b: SortKey): number {
	return b.ms - a.ms || b.serial - a.serial;
}

export function copyJob(job: PlanadoJob): PlanadoJob {
	return {
		...job,
		scheduled_duration: job.scheduled_duration ? { ...job.scheduled_duration } : null,
		assignee: job.assignee ? { ...job.assignee } : null,
		skill_uuids: [...job.skill_uuids],
		contacts: job.contacts.map((c) => ({ ...c })),
		address: job.address ? { ...job.address, geolocation: job.address.geolocation ? { ...job.address.geolocation } : null } : null,
		possible_resolution_uuids: [...job.possible_resolution_uuids],
		resolution: job.resolution ? { ...job.resolution } : null,
		timestamps: { ...job.timestamps },
		custom_fields: job.custom_fields.map((f) => ({ ...f })),
		report_fields: job.report_fields.map((f) => ({ ...f })),
	};
}

const ORDER: JobOrder<string, PlanadoJob, SortKey> = {
	idOf: (job) => job.uuid,
	sortKey: (job) => ({ ms: Date.parse(job.created_at), serial: job.serial_no }),
	compare: compareKeys,
};

/** Jobs by uuid in the list order (newest first); a deleted job's sort key stays for `after` cursors. */
export class PlanadoJobStore extends OrderedJobStore<string, PlanadoJob, SortKey> {
	constructor() {
		super(ORDER);
	}

	/** By uuid first, then by external_id (the docs: `:job_id` can be either). */
	find(id: string): PlanadoJob | undefined {
		const direct = this.get(id);
		if (direct) return direct;
		for (const job of this.values()) if (job.external_id !== null && job.external_id === id) return job;
		return undefined;
	}

	maxSerial(): number {
		let max = 0;
		for (const job of this.values()) if (job.serial_no > max) max = job.serial_no;
		return max;
	}
}
