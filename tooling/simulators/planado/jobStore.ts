/** The Planado job store and the list order. */
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

/**
 * Jobs by uuid with a cached newest-first index. Writes replace the stored object (never mutate in place). The sort
 * key of every job ever stored is remembered, so an `after` cursor of a deleted job keeps its place.
 */
export class PlanadoJobStore {
	private readonly byUuid = new Map<string, PlanadoJob>();

	private readonly keys = new Map<string, SortKey>();

	private sorted: PlanadoJob[] | undefined;

	get size(): number {
		return this.byUuid.size;
	}

	get(uuid: string): PlanadoJob | undefined {
		return this.byUuid.get(uuid);
	}

	/** By uuid first, then by external_id (the docs: `:job_id` can be either). */
	find(id: string): PlanadoJob | undefined {
		const direct = this.byUuid.get(id);
		if (direct) return direct;
		for (const job of this.byUuid.values()) if (job.external_id !== null && job.external_id === id) return job;
		return undefined;
	}

	put(job: PlanadoJob): PlanadoJob {
		const key: SortKey = { ms: Date.parse(job.created_at), serial: job.serial_no };
		const old = this.keys.get(job.uuid);
		const replacing = this.byUuid.has(job.uuid);
		this.byUuid.set(job.uuid, job);
		this.keys.set(job.uuid, key);
		if (this.sorted && replacing && old && compareKeys(old, key) === 0) {
			const at = this.indexOfKey(key);
			if (at >= 0 && this.sorted[at].uuid === job.uuid) this.sorted[at] = job;
			else this.sorted = undefined;
		} else this.sorted = undefined;
		return job;
	}

	delete(uuid: string): boolean {
		this.sorted = undefined;
		return this.byUuid.delete(uuid);
	}

	values(): IterableIterator<PlanadoJob> {
		return this.byUuid.values();
	}

	/** Every job in the API's list order (newest first). */
	ordered(): readonly PlanadoJob[] {
		if (!this.sorted) {
			this.sorted = [...this.byUuid.values()].sort((a, b) => compareKeys(this.keys.get(a.uuid)!, this.keys.get(b.uuid)!));
		}
		return this.sorted;
	}

	/** The remembered sort key of a job uuid (also for deleted jobs). */
	keyOf(uuid: string): SortKey | undefined {
		return this.keys.get(uuid);
	}

	/** Index of the first job strictly after `key` in list order. */
	firstAfter(key: SortKey): number {
		const list = this.ordered();
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (compareKeys(this.keys.get(list[mid].uuid)!, key) <= 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	maxSerial(): number {
		let max = 0;
		for (const job of this.byUuid.values()) if (job.serial_no > max) max = job.serial_no;
		return max;
	}

	private indexOfKey(key: SortKey): number {
		const list = this.sorted ?? [];
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1;
			const c = compareKeys(this.keys.get(list[mid].uuid)!, key);
			if (c === 0) return mid;
			if (c < 0) lo = mid + 1;
			else hi = mid - 1;
		}
		return -1;
	}
}
