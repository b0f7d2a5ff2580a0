/** FSM Navigator job reads: one job, the list and its filters. */
import { copyJob, FsmStore } from './store';
import { FSM_PRIORITIES, FSM_STATUSES, type FsmJob } from './types';
import { type ApiResult, DIGITS_RE, JOB_NOT_FOUND, parseIso8601, ValidationErrors, validationFailed } from './validation';

export abstract class FsmReads extends FsmStore {
	protected parseId(query: Record<string, string>, onlyId: boolean): { id: number } | ApiResult {
		if (!('id' in query)) return validationFailed('id', 'query parameter is required');
		if (onlyId) {
			const extra = Object.keys(query).find((k) => k !== 'id');
			if (extra !== undefined) return validationFailed(extra, 'is not a valid query parameter here');
		}
		const raw = query.id;
		if (!DIGITS_RE.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) return validationFailed('id', 'must be a positive integer');
		return { id: Number(raw) };
	}

	protected getOne(query: Record<string, string>): ApiResult {
		const idResult = this.parseId(query, true);
		if ('status' in idResult) return idResult;
		const job = this.jobs.get(idResult.id);
		if (!job) return JOB_NOT_FOUND;
		return { status: 200, body: { data: copyJob(job) } };
	}

	protected createdMs(job: FsmJob): number {
		const cached = this.createdMsCache.get(job);
		if (cached && cached.iso === job.created_at) return cached.ms;
		const ms = Date.parse(job.created_at);
		this.createdMsCache.set(job, { iso: job.created_at, ms });
		return ms;
	}

	protected list(query: Record<string, string>): ApiResult {
		const errors = new ValidationErrors();
		const allowed = new Set(['status', 'priority', 'assigned_technician_id', 'customer_location_id', 'created_after', 'created_before', 'page', 'per_page']);
		for (const name of Object.keys(query)) if (!allowed.has(name)) errors.add(name, 'is not a supported query parameter'); // UNDOCUMENTED (strict)

		const intParam = (name: string, min: number, max: number, fallback: number | undefined): number | undefined => {
			const raw = query[name];
			if (raw === undefined) return fallback;
			const n = Number(raw);
			if (!DIGITS_RE.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
				errors.add(name, max === Number.MAX_SAFE_INTEGER ? `must be an integer of at least ${min}` : `must be an integer between ${min} and ${max}`);
				return fallback;
			}
			return n;
		};
		const page = intParam('page', 1, Number.MAX_SAFE_INTEGER, 1) ?? 1;
		const perPage = intParam('per_page', 1, 100, 50) ?? 50;
		const technicianId = intParam('assigned_technician_id', 1, Number.MAX_SAFE_INTEGER, undefined);
		const locationId = intParam('customer_location_id', 1, Number.MAX_SAFE_INTEGER, undefined);

		const status = query.status;
		if (status !== undefined && !(FSM_STATUSES as readonly string[]).includes(status)) errors.add('status', `must be one of: ${FSM_STATUSES.join(', ')}`);
		const priority = query.priority;
		if (priority !== undefined && !(FSM_PRIORITIES as readonly string[]).includes(priority)) errors.add('priority', `must be one of: ${FSM_PRIORITIES.join(', ')}`);

		const dateParam = (name: string): number | undefined => {
			const raw = query[name];
			if (raw === undefined) return undefined;
			const ms = parseIso8601(raw);
			if (ms === undefined) errors.add(name, 'must be an ISO 8601 date or date-time');
			return ms;
		};
		const after = dateParam('created_after');
		const before = dateParam('created_before');
		if (errors.any) return errors.response();

		const hasDate = after !== undefined || before !== undefined;
		const unfiltered = !hasDate && status === undefined && priority === undefined && technicianId === undefined && locationId === undefined;
		const matches: readonly FsmJob[] = unfiltered ? this.jobs.ascending() : this.filter(status, priority, technicianId, locationId, after, before);
		const total = matches.length;
		const data = matches.slice((page - 1) * perPage, page * perPage).map((job) => {
			const { assets: _assets, ...item } = job;
			return item;
		});
		return {
			status: 200,
			body: { data, pagination: { page, per_page: perPage, total, total_pages: Math.ceil(total / perPage) } },
		};
	}

	protected filter(
		status: string | undefined,
		priority: string | undefined,
		technicianId: number | undefined,
		locationId: number | undefined,
		after: number | undefined,
		before: number | undefined,
	): FsmJob[] {
		const hasDate = after !== undefined || before !== undefined;
		const matches: FsmJob[] = [];
		for (const job of this.jobs.ascending()) {
			if (status !== undefined && job.job_status !== status) continue;
			if (priority !== undefined && job.job_priority !== priority) continue;
			if (technicianId !== undefined && job.assigned_technician_id !== technicianId) continue;
			if (locationId !== undefined && job.customer_location_id !== locationId) continue;
			if (hasDate) {
				const created = this.createdMs(job);
				if (after !== undefined && !(created >= after)) continue;
				if (before !== undefined && !(created <= before)) continue;
			}
			matches.push(job);
		}
		return matches;
	}
}
