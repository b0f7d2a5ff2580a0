/** Planado job writes: create and update, with the fields' rules. */
import { parseJson } from '../kit/body';
import { header, type RecordedRequest } from '../server';
import { parsePlanadoDateTime, planadoLocal, uuidFrom } from './format';
import { copyJob } from './jobStore';
import { PlanadoReads } from './reads';
import type { PlanadoAssigneeRef, PlanadoClient, PlanadoJob, PlanadoJobStatus, PlanadoResolution, PlanadoSkill } from './types';
import { apiError, type ApiResult, CREATE_FIELDS, isRecord, LOCKED_WHEN_STARTED, STARTED_STATUSES, UPDATE_FIELDS, Validation } from './validation';

export abstract class PlanadoWrites extends PlanadoReads {
	// ----- jobs: create and update -------------------------------------------------------------------------

	protected jsonBody(req: RecordedRequest): { fields: Record<string, unknown> } | { error: ApiResult } {
		const parsed = parseJson(req.rawBody);
		return 'value' in parsed && isRecord(parsed.value) ? { fields: parsed.value } : { error: apiError(400, 'bad_request', 'The body must be a JSON object') };
	}

	protected notifyOf(req: RecordedRequest, method: 'POST' | 'PATCH', jobUuid: string): void {
		const raw = header(req, 'x-planado-notify-assignees');
		this.writes.push({ method, job_uuid: jobUuid, notifyAssignees: raw?.trim().toLowerCase() !== 'false', notifyHeader: raw });
	}

	/** Validates the writable fields present and returns the job with them applied. */
	protected applyFields(body: Record<string, unknown>, base: PlanadoJob, v: Validation, creating: boolean): PlanadoJob {
		const job = copyJob(base);
		const has = (field: string): boolean => Object.prototype.hasOwnProperty.call(body, field);
		const allowed = creating ? CREATE_FIELDS : UPDATE_FIELDS;
		for (const field of Object.keys(body)) if (!allowed.has(field)) v.add(field, creating ? 'is not a field of a job' : 'cannot be changed by an update');

		const ref = <T extends { uuid: string }>(field: string, value: unknown, list: readonly T[], byName?: (x: T) => string): T | undefined => {
			if (!isRecord(value)) {
				v.add(field, 'must be an object with a uuid');
				return undefined;
			}
			const found = typeof value.uuid === 'string'
				? list.find((x) => x.uuid === value.uuid)
				: byName && typeof value.name === 'string'
					? list.find((x) => byName(x) === value.name)
					: undefined;
			if (!found) v.add(field, typeof value.uuid === 'string' || typeof value.name === 'string' ? 'does not exist' : 'must have a uuid');
			return found;
		};
		const text = (field: string, max: number, nullable: boolean): string | null | undefined => {
			const value = body[field];
			if (value === null && nullable) return null;
			if (typeof value !== 'string') v.add(field, nullable ? 'must be a string or null' : 'must be a string');
			else if (value.length > max) v.add(field, `must be at most ${max} characters`);
			else return value;
			return undefined;
		};

		if (creating && has('template')) {
			const template = ref('template', body.template, this.templates, (t) => t.name);
			if (template) {
				job.template_uuid = template.uuid;
				job.type_uuid = template.type_uuid;
				job.description = template.description;
				job.scheduled_duration = template.scheduled_duration ? { ...template.scheduled_duration } : null;
				job.assignee = template.assignee ? { ...template.assignee } : null;
			}
		}
		if (creating && has('job_type')) {
			const value = body.job_type;
			const type = isRecord(value)
				? this.jobTypes.find((t) => (typeof value.uuid === 'string' && t.uuid === value.uuid) || (typeof value.code === 'string' && t.code === value.code))
				: undefined;
			if (!type) v.add('job_type', isRecord(value) ? 'does not exist' : 'must be an object with a uuid or code');
			else job.type_uuid = type.uuid;
		}
		if (creating && has('external_id')) {
			const value = text('external_id', 500, false);
			if (typeof value === 'string') {
				if ([...this.jobs.values()].some((j) => j.external_id === value)) v.add('external_id', 'has already been taken');
				else job.external_id = value;
			}
		}
		if (creating && has('external_order_id')) {
			const value = text('external_order_id', 500, false);
			if (typeof value === 'string') job.external_order_id = value;
		}
		if (has('description')) {
			const value = text('description', 15000, true);
			if (value !== undefined) job.description = value;
		}
		if (has('scheduled_at')) {
			const value = body.scheduled_at;
			if (value === null) job.scheduled_at = null;
			else {
				const ms = typeof value === 'string' ? parsePlanadoDateTime(value) : undefined;
				if (ms === undefined) v.add('scheduled_at', 'must be an ISO 8601 date-time or null');
				else job.scheduled_at = planadoLocal(ms);
			}
		}
		if (has('scheduled_duration')) {
			const value = body.scheduled_duration;
			if (value === null) job.scheduled_duration = null;
			else if (!isRecord(value) || typeof value.minutes !== 'number' || !Number.isInteger(value.minutes) || value.minutes < 0) {
				v.add('scheduled_duration', 'must be {"minutes": <non-negative integer>} or null');
			} else job.scheduled_duration = { minutes: value.minutes };
		}
		const assigneeOf = (field: string, value: unknown): PlanadoAssigneeRef | undefined => {
			if (isRecord(value) && isRecord(value.worker) && typeof value.worker.uuid === 'string' && !('team' in value)) {
				const uuid = value.worker.uuid;
				if (this.users.some((u) => u.uuid === uuid)) return { worker_uuid: uuid };
				v.add(field, 'worker does not exist');
				return undefined;
			}
			if (isRecord(value) && isRecord(value.team) && typeof value.team.uuid === 'string' && !('worker' in value)) {
				const uuid = value.team.uuid;
				if (this.teams.some((t) => t.uuid === uuid)) return { team_uuid: uuid };
				v.add(field, 'team does not exist');
				return undefined;
			}
			// A public script got 422 "either team or worker must present" for a flat worker_uuid.
			v.add(field, 'either team or worker must present');
			return undefined;
		};
		if (has('assignees')) {
			const list = body.assignees;
			if (!Array.isArray(list) || list.length === 0) v.add('assignees', 'must be a non-empty array');
			else {
				// UNDOCUMENTED: the element shape; the first one is taken as the assignee with edit access.
				const first = assigneeOf('assignees', list[0]);
				for (const other of list.slice(1)) assigneeOf('assignees', other);
				if (first) job.assignee = first;
			}
		} else if (has('assignee')) {
			if (body.assignee === null) job.assignee = null;
			else {
				const value = assigneeOf('assignee', body.assignee);
				if (value) job.assignee = value;
			}
		}
		if (has('possible_resolutions')) {
			const list = body.possible_resolutions;
			const found = Array.isArray(list) ? list.map((x) => ref('possible_resolutions', x, this.resolutions, (r) => r.name)) : undefined;
			if (!found) v.add('possible_resolutions', 'must be an array');
			else if (found.every((x): x is PlanadoResolution => x !== undefined)) {
				if (!found.some((r) => r.successful) || !found.some((r) => !r.successful)) {
					v.add('possible_resolutions', 'must contain at least one successful and one unsuccessful resolution');
				} else job.possible_resolution_uuids = found.map((r) => r.uuid);
			}
		}
		if (has('address')) {
			const value = body.address;
			if (!isRecord(value) || typeof value.formatted !== 'string') v.add('address', 'must be an object with a formatted string');
			else {
				const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
				const geo = isRecord(value.geolocation) && typeof value.geolocation.latitude === 'number' && typeof value.geolocation.longitude === 'number'
					? { latitude: value.geolocation.latitude, longitude: value.geolocation.longitude }
					: null;
				job.address = {
					formatted: value.formatted,
					entrance_no: str(value.entrance_no),
					apartment: str(value.apartment),
					floor: str(value.floor),
					description: str(value.description),
					geolocation: geo,
				};
			}
		}
		if (has('contacts')) {
			const list = body.contacts;
			const ok = Array.isArray(list) && list.every((c) => isRecord(c) && typeof c.value === 'string' && (c.type === 'phone' || c.type === 'email'));
			if (!ok) v.add('contacts', 'must be an array of {name, value, type: "phone" | "email"}');
			else job.contacts = (list as Array<Record<string, unknown>>).map((c) => ({ name: typeof c.name === 'string' ? c.name : '', value: c.value as string, type: c.type as 'phone' | 'email' }));
		}
		if (has('client')) {
			const value = body.client;
			if (value === null) job.client_uuid = null;
			else if (isRecord(value) && typeof value.organization === 'boolean' && value.uuid === undefined) {
				job.client_uuid = this.newClient(value, v);
			} else if (isRecord(value) && typeof value.external_id === 'string' && value.uuid === undefined) {
				const client = this.clients.find((c) => c.external_id === value.external_id);
				if (!client) v.add('client', 'does not exist');
				else job.client_uuid = client.uuid;
			} else {
				const client = ref('client', value, this.clients);
				if (client) job.client_uuid = client.uuid;
			}
		}
		if (has('site')) {
			const value = body.site;
			if (value === null) job.site_uuid = null;
			else if (isRecord(value) && typeof value.external_id === 'string' && value.uuid === undefined) {
				const site = this.sites.find((s) => s.external_id === value.external_id);
				if (!site) v.add('site', 'does not exist');
				else job.site_uuid = site.uuid;
			} else {
				const site = ref('site', value, this.sites);
				if (site) job.site_uuid = site.uuid;
			}
		}
		if (has('territory')) {
			if (body.territory === null) job.territory_uuid = null;
			else {
				const territory = ref('territory', body.territory, this.territories, (t) => t.name);
				if (territory) job.territory_uuid = territory.uuid;
			}
		}
		if (has('skills')) {
			const list = body.skills;
			if (!Array.isArray(list)) v.add('skills', 'must be an array');
			else {
				const found = list.map((x) => ref('skills', x, this.skills, (s) => s.name));
				if (found.every((x): x is PlanadoSkill => x !== undefined)) job.skill_uuids = found.map((s) => s.uuid);
			}
		}
		for (const field of ['custom_fields', 'report_fields'] as const) {
			if (!has(field)) continue;
			const list = body[field];
			if (!Array.isArray(list) || !list.every((x) => isRecord(x) && 'value' in x)) v.add(field, 'must be an array of {uuid or name, value}');
			else {
				job[field] = (list as Array<Record<string, unknown>>).map((x) => ({
					...(typeof x.uuid === 'string' ? { uuid: x.uuid } : {}),
					...(typeof x.name === 'string' ? { name: x.name } : {}),
					value: x.value,
				}));
			}
		}
		return job;
	}

	protected newClient(value: Record<string, unknown>, v: Validation): string | null {
		const org = value.organization === true;
		const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
		const name = org ? str(value.organization_name) : [str(value.first_name), str(value.middle_name), str(value.last_name)].filter(Boolean).join(' ');
		if (!name) {
			v.add('client', org ? 'organization_name is required' : 'needs at least one of first_name, last_name, middle_name');
			return null;
		}
		const nowStamp = this.stamp(this.now().getTime());
		const client: PlanadoClient = {
			uuid: uuidFrom(this.rand),
			external_id: str(value.external_id),
			name,
			organization: org,
			...(org ? { organization_name: name } : { first_name: str(value.first_name), last_name: str(value.last_name), middle_name: str(value.middle_name) }),
			site_address: null,
			contacts: [],
			version: 1,
			created_at: nowStamp,
			updated_at: nowStamp,
		};
		this.clients.unshift(client);
		return client.uuid;
	}

	/** Posted + time + assignee → scheduled; scheduled/published without either → posted. */
	protected deriveStatus(job: PlanadoJob): PlanadoJobStatus {
		const ready = job.scheduled_at !== null && job.assignee !== null;
		if (job.status === 'posted' && ready) return 'scheduled';
		if ((job.status === 'scheduled' || job.status === 'published') && !ready) return 'posted';
		return job.status;
	}

	protected createJob(req: RecordedRequest, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const nowStamp = this.stamp(nowMs);
		const blank: PlanadoJob = {
			uuid: uuidFrom(this.rand),
			external_id: null,
			external_order_id: null,
			serial_no: this.nextSerial,
			status: 'posted',
			scheduled_at: null,
			scheduled_duration: null,
			description: null,
			template_uuid: null,
			type_uuid: (this.jobTypes.find((t) => t.code === 'default') ?? this.jobTypes[0]).uuid,
			client_uuid: null,
			site_uuid: null,
			assignee: null,
			skill_uuids: [],
			territory_uuid: null,
			initial_job_uuid: null,
			completion_of_uuid: null,
			contacts: [],
			address: null,
			possible_resolution_uuids: this.defaultResolutions(),
			resolution: null,
			timestamps: { en_route_at: null, started_at: null, suspended_at: null, finished_at: null },
			custom_fields: [],
			report_fields: [],
			version: 1,
			created_at: nowStamp,
			updated_at: nowStamp,
		};
		const v = new Validation();
		const job = this.applyFields(fields, blank, v, true);
		if (v.any) return v.result();
		job.status = this.deriveStatus(job);
		this.nextSerial++;
		this.jobs.put(job);
		this.notifyOf(req, 'POST', job.uuid);
		return { status: 200, body: { job_uuid: job.uuid } };
	}

	protected defaultResolutions(): string[] {
		const ok = this.resolutions.find((r) => r.successful);
		const bad = this.resolutions.find((r) => !r.successful);
		return [ok, bad].filter((r): r is PlanadoResolution => r !== undefined).map((r) => r.uuid);
	}

	protected updateJob(req: RecordedRequest, current: PlanadoJob, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const v = new Validation();
		if ('version' in fields) {
			const version = fields.version;
			if (typeof version !== 'number' || !Number.isInteger(version)) v.add('version', 'must be an integer');
			if (v.any) return v.result();
		}
		const updated = this.applyFields(fields, current, v, false);
		if (v.any) return v.result();
		if (typeof fields.version === 'number' && fields.version !== current.version) {
			return apiError(409, 'conflict', `The job was changed by someone else: version ${fields.version} is stale, the current version is ${current.version}`, {
				version: String(current.version),
			});
		}
		const started = STARTED_STATUSES.has(current.status) || current.timestamps.started_at !== null;
		if (started) {
			const locked = LOCKED_WHEN_STARTED.filter((f) => f in fields);
			if (locked.length) {
				const details: Record<string, string> = {};
				for (const f of locked) details[f] = 'cannot be updated in a started job';
				return apiError(422, 'job_started', `${locked.join(', ')} cannot be updated in a started job`, details);
			}
		}
		updated.status = this.deriveStatus(updated);
		const changed = JSON.stringify({ ...updated, version: 0, updated_at: '' }) !== JSON.stringify({ ...current, version: 0, updated_at: '' });
		if (changed) {
			updated.version = current.version + 1;
			updated.updated_at = this.stamp(nowMs);
			this.jobs.put(updated);
		}
		this.notifyOf(req, 'PATCH', current.uuid);
		return { status: 200, body: { job_uuid: current.uuid } };
	}
}
