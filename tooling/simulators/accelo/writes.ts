/** Accelo writes: create and update jobs, status changes, progressions and their history. */
import type { RecordedRequest } from '../server';
import { AcceloParams } from './params';
import { CREATE_FIELDS, UPDATE_FIELDS } from './store';
import type { AcceloAgainstType, AcceloJob, AcceloJobStatus, AcceloRate } from './types';
import { AcceloApiError, type FieldRequest, invalid, type Json, parseFieldList, renderObject } from './wire';

export abstract class AcceloWrites extends AcceloParams {
	// ----- writes -----

	/** Body fields of POST/PUT, with `_fields` split off (it may come in the query or the body). */
	protected writeParams(req: RecordedRequest, allowedFields: string[]): { fields: FieldRequest[]; hide: boolean; body: Map<string, string> } {
		const query = this.params(req, ['_fields'], false);
		let raw: Record<string, unknown> = {};
		if (req.rawBody.trim() !== '') {
			if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
				throw invalid('Could not parse the request body (send form-urlencoded or a JSON object)');
			}
			raw = req.body as Record<string, unknown>;
		}
		let fieldsSpec: FieldRequest[] = this.fieldsParam(query);
		const body = new Map<string, string>();
		for (const [key, value] of Object.entries(raw)) {
			if (key === '_fields') {
				if (query.values.has('_fields')) throw invalid(`The request includes the parameter '_fields' more than once`);
				if (typeof value !== 'string') throw invalid('_fields must be a string');
				fieldsSpec = parseFieldList(value);
				continue;
			}
			if (!allowedFields.includes(key)) {
				// UNDOCUMENTED (strict): unknown or non-updatable fields are rejected, not ignored.
				const hint =
					key === 'against_type' || key === 'against_id'
						? ' (to change what a job is against, update engagement_table / engagement_id)'
						: key === 'date_started'
							? ' (date_started cannot be updated)'
							: '';
				throw invalid(`Field '${key}' cannot be set by this request${hint}`);
			}
			let s: string;
			if (typeof value === 'string') s = value;
			else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
			else if (typeof value === 'boolean') s = value ? '1' : '0';
			else throw invalid(`Invalid value for '${key}': ${JSON.stringify(value)}`);
			body.set(key, s.trim());
		}
		return { fields: fieldsSpec, hide: this.hideDefaults(query), body };
	}

	protected idField(body: Map<string, string>, name: string): number | undefined {
		const v = body.get(name);
		if (v === undefined) return undefined;
		if (!/^\d+$/.test(v)) throw invalid(`Invalid value for '${name}': '${v}' is not an id`);
		return Number(v);
	}

	protected dateField(body: Map<string, string>, name: string): number | undefined {
		const v = body.get(name);
		if (v === undefined) return undefined;
		// Dates are unix seconds. UNDOCUMENTED (strict): anything else (ISO strings, milliseconds,
		// fractions) is rejected.
		if (!/^\d+$/.test(v)) throw invalid(`Invalid value for '${name}': '${v}' is not a unix timestamp`);
		const n = Number(v);
		if (n >= 1e11) throw invalid(`Invalid value for '${name}': '${v}' looks like milliseconds; send unix seconds`);
		return n;
	}

	protected rateChargedField(body: Map<string, string>): string | undefined {
		const v = body.get('rate_charged');
		if (v === undefined) return undefined;
		if (!/^\d+(\.\d+)?$/.test(v)) throw invalid(`Invalid value for 'rate_charged': '${v}' is not a decimal`);
		return Number(v).toFixed(2);
	}

	protected checkAgainst(type: string, id: number, typeField: string, idField: string): AcceloAgainstType {
		if (type !== 'company' && type !== 'site') {
			throw invalid(`Invalid value for '${typeField}': '${type}' (allowed: company, site)`);
		}
		const exists = type === 'company' ? this.data.companies.some((c) => c.id === id) : this.data.sites.some((s) => s.id === id);
		if (!exists) throw invalid(`Invalid value for '${idField}': no ${type} with id ${id}`);
		return type;
	}

	protected checkStaff(id: number, field: string): void {
		if (!this.data.staff.some((s) => s.id === id)) throw invalid(`Invalid value for '${field}': no staff with id ${id}`);
	}

	protected checkRate(id: number): AcceloRate {
		const rate = this.data.rates.find((r) => r.id === id);
		if (!rate) throw invalid(`Invalid value for 'rate_id': no rate with id ${id}`);
		return rate;
	}

	protected createJob(req: RecordedRequest): Json {
		const mode = this.createAgainstFields;
		const typeKey = mode === 'engagement' ? 'engagement_table' : 'against_type';
		const idKey = mode === 'engagement' ? 'engagement_id' : 'against_id';
		const allowed = CREATE_FIELDS.filter((f) =>
			mode === 'against' ? !f.startsWith('engagement_') : mode === 'engagement' ? !f.startsWith('against_') : true,
		);
		const { fields, hide, body } = this.writeParams(req, allowed);
		if (mode === 'both') {
			const usesAgainst = body.has('against_type') || body.has('against_id');
			const usesEngagement = body.has('engagement_table') || body.has('engagement_id');
			if (usesAgainst && usesEngagement) throw invalid('Send either against_type/against_id or engagement_table/engagement_id, not both');
			if (usesEngagement) {
				body.set('against_type', body.get('engagement_table') ?? '');
				if (body.has('engagement_id')) body.set('against_id', body.get('engagement_id')!);
				body.delete('engagement_table');
				body.delete('engagement_id');
				if (body.get('against_type') === '') body.delete('against_type');
			}
		} else if (mode === 'engagement') {
			if (body.has('engagement_table')) body.set('against_type', body.get('engagement_table')!);
			if (body.has('engagement_id')) body.set('against_id', body.get('engagement_id')!);
		}
		const missing = ['title', 'against_type', 'against_id', 'manager_id', 'type_id'].filter(
			(f) => !body.has(f) || body.get(f) === '',
		);
		if (missing.length > 0) {
			const names = missing.map((f) => (f === 'against_type' ? typeKey : f === 'against_id' ? idKey : f));
			throw invalid(`Missing required field(s): ${names.join(', ')}`);
		}
		const title = body.get('title')!;
		const againstId = this.idField(body, 'against_id')!;
		const againstType = this.checkAgainst(body.get('against_type')!, againstId, typeKey, idKey);
		const managerId = this.idField(body, 'manager_id')!;
		this.checkStaff(managerId, 'manager_id');
		const typeId = this.idField(body, 'type_id')!;
		const type = this.data.jobTypes.find((t) => t.id === typeId);
		if (!type) throw invalid(`Invalid value for 'type_id': no job type with id ${typeId}`);
		// UNDOCUMENTED (strict): an inactive job type cannot be used for new jobs.
		if (type.standing !== 'active') throw invalid(`Invalid value for 'type_id': job type ${typeId} is inactive`);
		let status = this.data.statuses.filter((s) => s.start === 'yes').sort((a, b) => a.ordering - b.ordering)[0];
		const statusId = this.idField(body, 'status_id');
		if (statusId !== undefined) {
			const s = this.getStatus(statusId);
			if (!s) throw invalid(`Invalid value for 'status_id': no job status with id ${statusId}`);
			if (s.start !== 'yes') throw invalid(`Invalid value for 'status_id': status '${s.title}' cannot be used when creating a job (start=no)`);
			status = s;
		}
		const rateId = this.idField(body, 'rate_id');
		const rate = rateId !== undefined ? this.checkRate(rateId) : undefined;
		const rateCharged = this.rateChargedField(body);
		const contractId = this.idField(body, 'contract_id');
		const affiliationId = this.idField(body, 'affiliation_id');
		const dateDue = this.dateField(body, 'date_due');
		const dateStarted = this.dateField(body, 'date_started');
		const dateCreated = this.dateField(body, 'date_created');
		let billable = true;
		const b = body.get('is_billable');
		if (b !== undefined) {
			const v = b.toLowerCase();
			if (!['1', '0', 'yes', 'no', 'true', 'false'].includes(v)) throw invalid(`Invalid value for 'is_billable': '${b}'`);
			billable = ['1', 'yes', 'true'].includes(v);
		}
		const now = this.now();
		const job = this.insertJob({
			title,
			against_type: againstType,
			against_id: againstId,
			manager_id: managerId,
			job_type_id: typeId,
			status_id: status.id,
			rate_id: rate ? rate.id : null,
			rate_charged: rateCharged ?? rate?.charged ?? '0.00',
			contract_id: contractId ?? null,
			affiliation_id: affiliationId ?? null,
			date_due: dateDue ?? null,
			date_started: dateStarted ?? null,
			date_created: dateCreated ?? now,
			date_modified: now,
			date_last_interacted: now,
			date_commenced: status.standing === 'active' ? now : null,
			custom_id: type.has_custom_id ? `WEB-${String(this.nextJobId()).padStart(5, '0')}` : null,
			modified_by: this.apiUserId,
			is_billable: billable,
		});
		return renderObject(this.defs.job, job, fields, hide);
	}

	protected updateJobFromRequest(req: RecordedRequest, job: AcceloJob): Json {
		const { fields, hide, body } = this.writeParams(req, UPDATE_FIELDS);
		// UNDOCUMENTED (strict): a PUT without any updatable field is invalid_request.
		if (body.size === 0) throw invalid(`No updatable fields supplied (allowed: ${UPDATE_FIELDS.join(', ')})`);
		const patch: Partial<AcceloJob> = {};
		if (body.has('title')) {
			const title = body.get('title')!;
			if (title === '') throw invalid(`Invalid value for 'title': it cannot be empty`);
			patch.title = title;
		}
		if (body.has('engagement_table') || body.has('engagement_id')) {
			const type = body.get('engagement_table') ?? job.against_type;
			const id = this.idField(body, 'engagement_id') ?? job.against_id;
			patch.against_type = this.checkAgainst(type, id, 'engagement_table', 'engagement_id');
			patch.against_id = id;
		}
		const managerId = this.idField(body, 'manager_id');
		if (managerId !== undefined) {
			this.checkStaff(managerId, 'manager_id');
			patch.manager_id = managerId;
		}
		let newStatus: AcceloJobStatus | undefined;
		const statusId = this.idField(body, 'status_id');
		if (statusId !== undefined) {
			newStatus = this.getStatus(statusId);
			if (!newStatus) throw invalid(`Invalid value for 'status_id': no job status with id ${statusId}`);
		}
		const contractId = this.idField(body, 'contract_id');
		if (contractId !== undefined) patch.contract_id = contractId;
		const affiliationId = this.idField(body, 'affiliation_id');
		if (affiliationId !== undefined) patch.affiliation_id = affiliationId;
		const rateId = this.idField(body, 'rate_id');
		if (rateId !== undefined) {
			const rate = this.checkRate(rateId);
			patch.rate_id = rate.id;
			if (!body.has('rate_charged')) patch.rate_charged = rate.charged;
		}
		const rateCharged = this.rateChargedField(body);
		if (rateCharged !== undefined) patch.rate_charged = rateCharged;
		const dateDue = this.dateField(body, 'date_due');
		if (dateDue !== undefined) patch.date_due = dateDue;
		const dateCreated = this.dateField(body, 'date_created');
		if (dateCreated !== undefined) patch.date_created = dateCreated;

		Object.assign(job, patch);
		const now = this.now();
		if (newStatus && newStatus.id !== job.status_id) {
			this.applyStatus(job, newStatus, now);
			if (this.historyOnDirectStatusChange) this.recordHistory(job, newStatus, now);
		}
		this.touch(job, now);
		return renderObject(this.defs.job, job, fields, hide);
	}

	protected applyStatus(job: AcceloJob, status: AcceloJobStatus, now: number): void {
		job.status_id = status.id;
		job.standing = status.standing;
		if (status.standing === 'active' && job.date_commenced === null) job.date_commenced = now;
		if (status.standing === 'complete' && job.date_completed === null) job.date_completed = now;
		if (status.standing === 'active') job.date_completed = null;
	}

	protected touch(job: AcceloJob, now: number): void {
		job.date_modified = now;
		job.date_last_interacted = now;
		job.modified_by = this.apiUserId;
	}

	protected recordHistory(job: AcceloJob, status: AcceloJobStatus, now: number): void {
		const list = this.data.progressionHistory;
		list.push({
			id: list.length === 0 ? 1 : list[list.length - 1].id + 1,
			to_id: status.id,
			to_title: status.title,
			against_type: 'job',
			against_id: job.id,
			modified_by: this.apiUserId,
			date_modified: now,
		});
	}

	protected runProgression(req: RecordedRequest, job: AcceloJob, progressionId: number): Json {
		const { fields, hide, body } = this.writeParams(req, []);
		void body;
		if (!this.progressionPermission) {
			throw new AcceloApiError(403, 'invalid_permission', 'The user needs the process permission or to manage this job to run progressions');
		}
		const progression = this.data.progressions.find((p) => p.id === progressionId);
		if (!progression || progression.from_status_id !== job.status_id) {
			const current = this.getStatus(job.status_id);
			const available = this.progressionsFrom(job.status_id)
				.map((p) => `${p.id} (${p.title})`)
				.join(', ');
			throw invalid(
				`Progression ${progressionId} is not available for job ${job.id} in status '${current?.title ?? job.status_id}' (available: ${available || 'none'})`,
			);
		}
		const to = this.getStatus(progression.to_status_id)!;
		const now = this.now();
		this.applyStatus(job, to, now);
		this.touch(job, now);
		this.recordHistory(job, to, now);
		return renderObject(this.defs.job, job, fields, hide);
	}
}
