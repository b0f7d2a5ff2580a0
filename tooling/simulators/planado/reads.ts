/** Planado job reads: the list, its filters, list items and the job detail. */
import type { Query, QueryValue, RecordedRequest } from '../server';
import { isUuid, parsePlanadoDateTime } from './format';
import type { SortKey } from './jobStore';
import { PlanadoStore } from './store';
import { PLANADO_STATUSES, type PlanadoJob, type PlanadoJobDetail, type PlanadoJobListItem, type PlanadoJobStatus, type PlanadoNamedRef, type PlanadoSite } from './types';
import { type ApiResult, isRecord, type JobFilter, LIST_PARAMS, Validation } from './validation';

export abstract class PlanadoReads extends PlanadoStore {
	// ----- jobs: list -------------------------------------------------------------------------------------

	protected async listJobsRoute(req: RecordedRequest): Promise<ApiResult> {
		const v = new Validation();
		const filter = this.parseFilter(req, v);
		const afterRaw = req.query.after;
		let afterKey: SortKey | undefined;
		let after: string | undefined;
		if (afterRaw !== undefined) {
			if (typeof afterRaw !== 'string' || !isUuid(afterRaw)) v.add('after', 'must be the uuid of the last job of the previous page');
			else {
				after = afterRaw;
				afterKey = this.jobs.keyOf(afterRaw);
				if (!afterKey) v.add('after', 'does not match a job');
			}
		}
		if (v.any) return v.result();

		const pageIndex = after === undefined ? 0 : (this.pageOfCursor.get(after) ?? -1);
		if (this.onList) await this.onList({ pageIndex, after, request: req });

		const list = this.jobs.ordered();
		let i = afterKey ? this.jobs.firstAfter(afterKey) : 0;
		const page: PlanadoJobListItem[] = [];
		for (; i < list.length && page.length < this.pageSize; i++) {
			if (this.matches(list[i], filter)) page.push(this.listItem(list[i]));
		}
		if (page.length > 0 && pageIndex >= 0) this.pageOfCursor.set(page[page.length - 1].uuid, pageIndex + 1);
		return { status: 200, body: { jobs: page } };
	}

	protected parseFilter(req: RecordedRequest, v: Validation): JobFilter {
		const q: Query = req.query;
		const filter: JobFilter = { statuses: undefined, finishedResolutions: undefined, canceledResolutions: undefined };
		const seen = new Set<string>();
		for (const [rawName] of req.queryPairs) {
			const base = rawName.replace(/\[.*$/, '');
			if (!LIST_PARAMS.has(base)) v.add(base, 'is not a supported filter');
			if (rawName === base) {
				if (seen.has(base)) v.add(base, 'must be given once');
				seen.add(base);
			}
		}
		const scalar = (name: string, value: QueryValue | undefined, check?: 'uuid'): string | undefined => {
			if (value === undefined) return undefined;
			if (typeof value !== 'string') {
				v.add(name, 'must be a single value');
				return undefined;
			}
			if (check === 'uuid' && !isUuid(value)) {
				v.add(name, 'must be a uuid');
				return undefined;
			}
			return value;
		};
		const object = (name: string, value: QueryValue | undefined, allowed: string[]): Record<string, QueryValue> | undefined => {
			if (value === undefined) return undefined;
			if (!isRecord(value)) {
				v.add(name, `must be given as ${allowed.map((k) => `${name}[${k}]`).join(' or ')}`);
				return undefined;
			}
			for (const key of Object.keys(value)) if (!allowed.includes(key)) v.add(`${name}[${key}]`, 'is not a supported filter');
			return value as Record<string, QueryValue>;
		};
		const uuidList = (name: string, value: QueryValue | undefined): Set<string> | undefined => {
			if (value === undefined) return undefined;
			if (!Array.isArray(value) || !value.every((x): x is string => typeof x === 'string')) {
				v.add(name, `must be an array (${name}[]=…)`);
				return undefined;
			}
			for (const x of value) if (!isUuid(x)) v.add(name, 'must contain uuids');
			return new Set(value);
		};
		const time = (name: string, value: QueryValue | undefined): number | undefined => {
			const raw = scalar(name, value);
			if (raw === undefined) return undefined;
			const ms = parsePlanadoDateTime(raw);
			if (ms === undefined) v.add(name, 'must be an ISO 8601 date-time');
			return ms;
		};

		if (q.status !== undefined) {
			const value = q.status;
			if (!Array.isArray(value) || !value.every((x): x is string => typeof x === 'string')) v.add('status', 'must be an array (status[]=…)');
			else {
				const bad = value.filter((s) => !(PLANADO_STATUSES as readonly string[]).includes(s));
				if (bad.length) v.add('status', `has unknown values: ${bad.join(', ')}; allowed: ${PLANADO_STATUSES.join(', ')}`);
				else filter.statuses = new Set(value as PlanadoJobStatus[]);
			}
		}
		const assignee = object('assignee', q.assignee, ['worker_uuid', 'team_uuid']);
		if (assignee) {
			filter.workerUuid = scalar('assignee[worker_uuid]', assignee.worker_uuid, 'uuid');
			filter.teamUuid = scalar('assignee[team_uuid]', assignee.team_uuid, 'uuid');
		}
		const client = object('client', q.client, ['uuid', 'external_id']);
		if (client) {
			filter.clientUuid = scalar('client[uuid]', client.uuid, 'uuid');
			filter.clientExternalId = scalar('client[external_id]', client.external_id);
		}
		const clientUuid = scalar('client_uuid', q.client_uuid, 'uuid');
		if (clientUuid !== undefined) {
			if (filter.clientUuid !== undefined && filter.clientUuid !== clientUuid) v.add('client_uuid', 'contradicts client[uuid]');
			filter.clientUuid = clientUuid;
		}
		filter.siteUuid = scalar('site_uuid', q.site_uuid, 'uuid');
		filter.externalOrderId = scalar('external_order_id', q.external_order_id);
		filter.initialJobUuid = scalar('initial_job_uuid', q.initial_job_uuid, 'uuid');
		filter.completionOfUuid = scalar('completion_of_uuid', q.completion_of_uuid, 'uuid');
		const scheduled = object('scheduled_at', q.scheduled_at, ['after', 'before']);
		if (scheduled) {
			filter.scheduledAfter = time('scheduled_at[after]', scheduled.after);
			filter.scheduledBefore = time('scheduled_at[before]', scheduled.before);
		}
		const updated = object('updated_at', q.updated_at, ['after', 'before']);
		if (updated) {
			filter.updatedAfter = time('updated_at[after]', updated.after);
			filter.updatedBefore = time('updated_at[before]', updated.before);
		}
		const resolution = object('resolution', q.resolution, ['finished', 'canceled']);
		if (resolution) {
			filter.finishedResolutions = uuidList('resolution[finished]', resolution.finished);
			filter.canceledResolutions = uuidList('resolution[canceled]', resolution.canceled);
		}
		// A resolution filter implies its status (documented), added to any status[] given.
		if (filter.finishedResolutions || filter.canceledResolutions) {
			filter.statuses = new Set(filter.statuses ?? []);
			if (filter.finishedResolutions) filter.statuses.add('finished');
			if (filter.canceledResolutions) filter.statuses.add('canceled');
		}
		return filter;
	}

	protected matches(job: PlanadoJob, f: JobFilter): boolean {
		if (f.statuses && !f.statuses.has(job.status)) return false;
		if (f.finishedResolutions && job.status === 'finished' && !(job.resolution && f.finishedResolutions.has(job.resolution.uuid))) return false;
		if (f.canceledResolutions && job.status === 'canceled' && !(job.resolution && f.canceledResolutions.has(job.resolution.uuid))) return false;
		if (f.workerUuid !== undefined && !(job.assignee && 'worker_uuid' in job.assignee && job.assignee.worker_uuid === f.workerUuid)) return false;
		if (f.teamUuid !== undefined && !(job.assignee && 'team_uuid' in job.assignee && job.assignee.team_uuid === f.teamUuid)) return false;
		if (f.clientUuid !== undefined && job.client_uuid !== f.clientUuid) return false;
		if (f.clientExternalId !== undefined) {
			const client = job.client_uuid ? this.clients.find((c) => c.uuid === job.client_uuid) : undefined;
			if (!client || client.external_id !== f.clientExternalId) return false;
		}
		if (f.siteUuid !== undefined && job.site_uuid !== f.siteUuid) return false;
		if (f.externalOrderId !== undefined && job.external_order_id !== f.externalOrderId) return false;
		if (f.initialJobUuid !== undefined && job.initial_job_uuid !== f.initialJobUuid) return false;
		if (f.completionOfUuid !== undefined && job.completion_of_uuid !== f.completionOfUuid) return false;
		if (f.scheduledAfter !== undefined || f.scheduledBefore !== undefined) {
			if (job.scheduled_at === null) return false;
			const at = parsePlanadoDateTime(job.scheduled_at) ?? NaN;
			if (f.scheduledAfter !== undefined && !(at > f.scheduledAfter)) return false;
			if (f.scheduledBefore !== undefined && !(at < f.scheduledBefore)) return false;
		}
		if (f.updatedAfter !== undefined || f.updatedBefore !== undefined) {
			const at = Date.parse(job.updated_at);
			if (f.updatedAfter !== undefined && !(at > f.updatedAfter)) return false;
			if (f.updatedBefore !== undefined && !(at < f.updatedBefore)) return false;
		}
		return true;
	}

	protected listItem(job: PlanadoJob): PlanadoJobListItem {
		return {
			uuid: job.uuid,
			external_id: job.external_id,
			external_order_id: job.external_order_id,
			serial_no: job.serial_no,
			status: job.status,
			scheduled_at: job.scheduled_at,
			scheduled_duration: job.scheduled_duration ? { ...job.scheduled_duration } : null,
			description: job.description,
			assignee: job.assignee ? { ...job.assignee } : null,
			type_uuid: job.type_uuid,
			template_uuid: job.template_uuid,
			client_uuid: job.client_uuid,
			site_uuid: job.site_uuid,
			contacts: job.contacts.map((c) => ({ ...c })),
			territory_uuid: job.territory_uuid,
			skill_uuids: [...job.skill_uuids],
			initial_job_uuid: job.initial_job_uuid,
			completion_of_uuid: job.completion_of_uuid,
			version: job.version,
			created_at: job.created_at,
			updated_at: job.updated_at,
		};
	}

	protected siteAnswer(site: PlanadoSite): unknown {
		const { client_uuid: clientUuid, ...rest } = site;
		const client = clientUuid ? this.clients.find((c) => c.uuid === clientUuid) : undefined;
		return { ...rest, client: clientUuid ? { uuid: clientUuid, external_id: client?.external_id ?? null } : null };
	}

	protected detail(job: PlanadoJob): PlanadoJobDetail {
		const template = job.template_uuid ? this.templates.find((t) => t.uuid === job.template_uuid) : undefined;
		const client = job.client_uuid ? this.clients.find((c) => c.uuid === job.client_uuid) : undefined;
		const site = job.site_uuid ? this.sites.find((s) => s.uuid === job.site_uuid) : undefined;
		const type = this.jobTypes.find((t) => t.uuid === job.type_uuid);
		const territory = job.territory_uuid ? this.territories.find((t) => t.uuid === job.territory_uuid) : undefined;
		let assignee: PlanadoJobDetail['assignee'] = null;
		if (job.assignee && 'worker_uuid' in job.assignee) {
			const uuid = job.assignee.worker_uuid;
			assignee = { worker: { uuid, email: this.users.find((u) => u.uuid === uuid)?.email ?? '' } };
		} else if (job.assignee) {
			const uuid = job.assignee.team_uuid;
			assignee = { team: { uuid, name: this.teams.find((t) => t.uuid === uuid)?.name ?? '' } };
		}
		const named = (uuid: string, list: ReadonlyArray<{ uuid: string; name: string }>): PlanadoNamedRef => ({ uuid, name: list.find((x) => x.uuid === uuid)?.name ?? '' });
		const detail: PlanadoJobDetail = {
			uuid: job.uuid,
			external_id: job.external_id,
			external_order_id: job.external_order_id,
			serial_no: job.serial_no,
			status: job.status,
			scheduled_at: job.scheduled_at === null ? null : `${job.scheduled_at}.000Z`,
			scheduled_duration: job.scheduled_duration ? { ...job.scheduled_duration } : null,
			template: template ? { uuid: template.uuid, name: template.name } : null,
			client: client ? { uuid: client.uuid, external_id: client.external_id } : null,
			site: site ? { uuid: site.uuid, external_id: site.external_id } : null,
			type: { uuid: job.type_uuid, code: type?.code ?? '' },
			timestamps: { ...job.timestamps },
			assignee,
			skills: job.skill_uuids.map((u) => named(u, this.skills)),
			territory: territory ? { uuid: territory.uuid, name: territory.name } : null,
			description: job.description,
			address: job.address ? { ...job.address, geolocation: job.address.geolocation ? { ...job.address.geolocation } : null } : null,
			contacts: job.contacts.map((c) => ({ ...c })),
			possible_resolutions: job.possible_resolution_uuids.map((u) => named(u, this.resolutions)),
			custom_fields: job.custom_fields.map((f) => ({ ...f })),
			report_fields: job.report_fields.map((f) => ({ ...f })),
			initial_job_uuid: job.initial_job_uuid,
			completion_of_uuid: job.completion_of_uuid,
			version: job.version,
			created_at: job.created_at,
			updated_at: job.updated_at,
		};
		if (job.resolution && (job.status === 'finished' || job.status === 'canceled')) {
			const res = this.resolutions.find((r) => r.uuid === job.resolution!.uuid);
			detail.resolution = { uuid: job.resolution.uuid, name: res?.name ?? '', successful: res?.successful ?? false, comment: job.resolution.comment };
		}
		return detail;
	}
}
