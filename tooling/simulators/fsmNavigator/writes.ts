/** FSM Navigator job writes: create, update and status changes. */
import { parseJson } from '../kit/body';
import { header, type RecordedRequest } from '../server';
import { fsmIso } from './catalog';
import { FsmReads } from './reads';
import { FSM_PRIORITIES, FSM_RELATIONSHIP_TYPES, FSM_STATUS_TRANSITIONS, FSM_STATUSES, type FsmAssetRelationshipType, type FsmJob, type FsmJobAsset, type FsmJobPriority, type FsmJobStatus } from './types';
import { type ApiResult, CREATE_FIELDS, isRecord, parseIso8601, ValidationErrors, validationFailed } from './validation';

export abstract class FsmWrites extends FsmReads {
	/** The JSON object body, or a 400. */
	protected jsonBody(req: RecordedRequest): { fields: Record<string, unknown> } | { error: ApiResult } {
		const contentType = header(req, 'content-type') ?? '';
		if (req.rawBody.trim() === '') return { error: validationFailed('body', 'must be a JSON object') };
		if (!/^application\/json\b/i.test(contentType.trim())) {
			return { error: validationFailed('body', 'must be sent as Content-Type: application/json') };
		}
		const parsed = parseJson(req.rawBody);
		if ('invalid' in parsed) return { error: validationFailed('body', 'is not valid JSON') };
		if (!isRecord(parsed.value)) return { error: validationFailed('body', 'must be a JSON object') };
		return { fields: parsed.value };
	}

	/**
	 * Validates the writable fields present in `body` and returns the changes to apply. `base` is the job being
	 * updated (PUT) or undefined (POST: required fields enforced).
	 */
	protected validateFields(
		body: Record<string, unknown>,
		base: FsmJob | undefined,
		errors: ValidationErrors,
	): Partial<Omit<FsmJob, 'assets'>> & { assetIds?: number[]; relationship?: FsmAssetRelationshipType } {
		const changes: Partial<Omit<FsmJob, 'assets'>> & { assetIds?: number[]; relationship?: FsmAssetRelationshipType } = {};
		const has = (field: string): boolean => Object.prototype.hasOwnProperty.call(body, field);

		for (const field of Object.keys(body)) {
			if (field === 'job_status') {
				errors.add('job_status', base ? 'cannot be changed with PUT; use PATCH to change job_status' : 'cannot be set on create; new jobs start as Pending');
			} else if (!CREATE_FIELDS.has(field)) {
				errors.add(field, 'is not a recognised field');
			}
		}

		if (has('job_title') || !base) {
			const title = body.job_title;
			if (title === undefined) errors.add('job_title', 'is required');
			else if (typeof title !== 'string' || title.trim() === '') errors.add('job_title', 'must be a non-empty string');
			else if (title.length > 255) errors.add('job_title', 'must be at most 255 characters');
			else changes.job_title = title;
		}
		if (has('job_description')) {
			if (typeof body.job_description !== 'string') errors.add('job_description', 'must be a string');
			else changes.job_description = body.job_description;
		}
		if (has('job_priority')) {
			const p = body.job_priority;
			if (typeof p !== 'string' || !(FSM_PRIORITIES as readonly string[]).includes(p)) errors.add('job_priority', `must be one of: ${FSM_PRIORITIES.join(', ')}`);
			else changes.job_priority = p as FsmJobPriority;
		}
		if (has('customer_location_id') || !base) {
			const id = body.customer_location_id;
			if (id === undefined) errors.add('customer_location_id', 'is required');
			else if (typeof id !== 'number' || !Number.isInteger(id)) errors.add('customer_location_id', 'must be an integer');
			else {
				const location = this.locations.get(id);
				const customer = location && this.customers.get(location.customer_id);
				if (!location || !customer) errors.add('customer_location_id', `${id} does not match a customer location`);
				else {
					changes.customer_location_id = id;
					changes.customer_location_name = location.customer_location_name;
					changes.customer_id = customer.customer_id;
					changes.customer_name = customer.customer_name;
				}
			}
		}
		if (has('assigned_technician_id')) {
			const id = body.assigned_technician_id;
			if (id === null) {
				changes.assigned_technician_id = null;
				changes.assigned_technician_name = null;
			} else if (typeof id !== 'number' || !Number.isInteger(id)) errors.add('assigned_technician_id', 'must be an integer or null');
			else {
				const technician = this.technicians.get(id);
				if (!technician) errors.add('assigned_technician_id', `${id} does not match a technician`);
				else {
					changes.assigned_technician_id = id;
					changes.assigned_technician_name = technician.technician_name;
				}
			}
		}
		const scheduled: Record<'scheduled_start' | 'scheduled_end', number | null | undefined> = { scheduled_start: undefined, scheduled_end: undefined };
		for (const field of ['scheduled_start', 'scheduled_end'] as const) {
			if (!has(field)) continue;
			const value = body[field];
			if (value === null) {
				changes[field] = null;
				scheduled[field] = null;
				continue;
			}
			const ms = typeof value === 'string' ? parseIso8601(value, true) : undefined;
			if (ms === undefined) errors.add(field, 'must be an ISO 8601 date-time (e.g. 2026-02-25T09:00:00Z) or null');
			else {
				changes[field] = fsmIso(ms);
				scheduled[field] = ms;
			}
		}
		const start = scheduled.scheduled_start !== undefined ? scheduled.scheduled_start : base?.scheduled_start ? Date.parse(base.scheduled_start) : null;
		const end = scheduled.scheduled_end !== undefined ? scheduled.scheduled_end : base?.scheduled_end ? Date.parse(base.scheduled_end) : null;
		if (start !== null && end !== null && end < start && !('scheduled_start' in errors.details) && !('scheduled_end' in errors.details)) {
			errors.add('scheduled_end', 'must not be before scheduled_start');
		}

		if (has('asset_ids')) {
			const ids = body.asset_ids;
			if (!Array.isArray(ids)) errors.add('asset_ids', 'must be an array of integers');
			else if (!ids.every((v): v is number => typeof v === 'number' && Number.isInteger(v))) errors.add('asset_ids', 'must contain only integers');
			else changes.assetIds = ids;
		}
		if (has('asset_relationship_type')) {
			const type = body.asset_relationship_type;
			if (typeof type !== 'string' || !(FSM_RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
				errors.add('asset_relationship_type', `must be one of: ${FSM_RELATIONSHIP_TYPES.join(', ')}`);
			} else if (!has('asset_ids')) {
				errors.add('asset_relationship_type', 'requires asset_ids'); // UNDOCUMENTED (strict)
			} else changes.relationship = type as FsmAssetRelationshipType;
		}
		return changes;
	}

	protected linkAssets(ids: number[], type: FsmAssetRelationshipType, linkedAt: string): FsmJobAsset[] {
		const links: FsmJobAsset[] = [];
		const seen = new Set<number>();
		for (const id of ids) {
			const asset = this.assets.get(id);
			if (!asset || asset.deleted || seen.has(id)) continue; // documented: silently skipped
			seen.add(id);
			links.push({
				asset_id: asset.asset_id,
				asset_tag: asset.asset_tag,
				asset_name: asset.asset_name,
				asset_status: asset.asset_status,
				relationship_type: type,
				relationship_notes: null,
				linked_at: linkedAt,
			});
		}
		return links;
	}

	protected create(req: RecordedRequest, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const errors = new ValidationErrors();
		const { assetIds, relationship, ...changes } = this.validateFields(fields, undefined, errors);
		if (errors.any) return errors.response();
		const now = fsmIso(nowMs);
		this.nextJobId = Math.max(this.nextJobId, this.jobs.maxId() + 1);
		const job: FsmJob = {
			job_id: this.nextJobId++,
			job_title: changes.job_title ?? '',
			job_description: changes.job_description ?? '',
			job_status: 'Pending',
			job_priority: changes.job_priority ?? 'Medium',
			assigned_technician_id: changes.assigned_technician_id ?? null,
			assigned_technician_name: changes.assigned_technician_name ?? null,
			customer_location_id: changes.customer_location_id ?? 0,
			customer_location_name: changes.customer_location_name ?? '',
			customer_id: changes.customer_id ?? 0,
			customer_name: changes.customer_name ?? '',
			scheduled_start: changes.scheduled_start ?? null,
			scheduled_end: changes.scheduled_end ?? null,
			actual_start: null,
			actual_end: null,
			created_at: now,
			updated_at: now,
			assets: this.linkAssets(assetIds ?? [], relationship ?? 'serviced', now),
		};
		this.jobs.put(job);
		return {
			status: 201,
			body: {
				success: true,
				message: 'Job created successfully',
				data: { job_id: job.job_id, job_title: job.job_title, job_status: job.job_status, created_at: job.created_at },
			},
		};
	}

	protected update(req: RecordedRequest, job: FsmJob, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		if (Object.keys(fields).length === 0) return validationFailed('body', 'must contain at least one field to update'); // UNDOCUMENTED (strict)
		const errors = new ValidationErrors();
		const { assetIds, relationship, ...changes } = this.validateFields(fields, job, errors);
		if (errors.any) return errors.response();
		const now = fsmIso(nowMs);
		const updated: FsmJob = { ...job, ...changes, updated_at: now };
		if (assetIds) updated.assets = this.linkAssets(assetIds, relationship ?? 'serviced', now);
		this.jobs.put(updated);
		return {
			status: 200,
			body: {
				success: true,
				message: 'Job updated successfully',
				data: { job_id: updated.job_id, job_title: updated.job_title, job_status: updated.job_status },
			},
		};
	}

	protected changeStatus(req: RecordedRequest, job: FsmJob, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const errors = new ValidationErrors();
		for (const field of Object.keys(fields)) {
			if (field !== 'job_status') errors.add(field, 'cannot be changed with PATCH; PATCH changes job_status only'); // UNDOCUMENTED (strict)
		}
		const target = fields.job_status;
		if (target === undefined) errors.add('job_status', 'is required');
		else if (typeof target !== 'string' || !(FSM_STATUSES as readonly string[]).includes(target)) {
			errors.add('job_status', `must be one of: ${FSM_STATUSES.join(', ')}`);
		}
		if (errors.any) return errors.response();
		const next = target as FsmJobStatus;
		const current = job.job_status;
		const allowed = (FSM_STATUS_TRANSITIONS as Record<string, readonly FsmJobStatus[] | undefined>)[current] ?? [];
		if (!allowed.includes(next)) {
			return {
				status: 400,
				body: {
					success: false,
					error: 'invalid_status_transition',
					message: `Cannot change status from ${current} to ${next}`,
					details: { current_status: current, allowed: [...allowed] },
				},
			};
		}
		const now = fsmIso(nowMs);
		const updated: FsmJob = { ...job, job_status: next, updated_at: now };
		if (next === 'In Progress' && !job.actual_start) updated.actual_start = now;
		if (next === 'Completed') updated.actual_end = now;
		this.jobs.put(updated);
		return {
			status: 200,
			body: {
				success: true,
				message: `Job status updated to ${next}`,
				data: { job_id: job.job_id, job_status: next, previous_status: current },
			},
		};
	}
}
