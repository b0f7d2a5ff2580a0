/** Accelo object definitions (fields and links) and filter specs of each resource. */
import type { BasicFilter, FilterSpec } from './filters';
import { AcceloStore, STANDINGS } from './store';
import type { AcceloCompany, AcceloJob, AcceloJobStatus, AcceloJobType, AcceloProgressionHistory, AcceloRate, AcceloStaff } from './types';
import { type FieldRequest, type Json, type ObjectDef, renderObject, str } from './wire';

export abstract class AcceloDefs extends AcceloStore {
	protected buildObjectDefs(): AcceloStore['defs'] {
		const d = this.data;
		const status: ObjectDef<AcceloJobStatus> = {
			name: 'job status',
			defaults: ['id', 'title'],
			plain: {
				id: (s) => String(s.id),
				title: (s) => s.title,
				color: (s) => s.color,
				standing: (s) => s.standing,
				start: (s) => s.start,
				ordering: (s) => String(s.ordering),
			},
			linked: {},
		};
		const type: ObjectDef<AcceloJobType> = {
			name: 'job type',
			defaults: ['id', 'title'],
			plain: {
				id: (t) => String(t.id),
				title: (t) => t.title,
				standing: (t) => t.standing,
				ordering: (t) => String(t.ordering),
				has_custom_id: (t) => (t.has_custom_id ? '1' : '0'),
			},
			linked: {},
		};
		const staff: ObjectDef<AcceloStaff> = {
			name: 'staff',
			defaults: ['id', 'firstname', 'surname'],
			plain: {
				id: (s) => String(s.id),
				firstname: (s) => s.firstname,
				surname: (s) => s.surname,
				email: (s) => s.email,
				username: (s) => s.username,
				title: (s) => s.title,
				standing: (s) => s.standing,
			},
			linked: {},
		};
		const company: ObjectDef<AcceloCompany> = {
			name: 'company',
			defaults: ['id', 'name'],
			plain: {
				id: (c) => String(c.id),
				name: (c) => c.name,
				website: (c) => c.website,
				phone: (c) => c.phone,
				standing: (c) => c.standing,
				date_created: (c) => String(c.date_created),
			},
			linked: {},
		};
		const rate: ObjectDef<AcceloRate> = {
			name: 'rate',
			defaults: ['id', 'title'],
			plain: { id: (r) => String(r.id), title: (r) => r.title, charged: (r) => r.charged },
			linked: {},
		};
		const idOnly: ObjectDef<{ id: number }> = { name: 'object', defaults: ['id'], plain: { id: (o) => String(o.id) }, linked: {} };
		const history: ObjectDef<AcceloProgressionHistory> = {
			name: 'progression history',
			defaults: ['id', 'to_id', 'to_title'],
			plain: {
				id: (h) => String(h.id),
				to_id: (h) => String(h.to_id),
				to_title: (h) => h.to_title,
				against_type: (h) => h.against_type,
				against_id: (h) => String(h.against_id),
				modified_by: (h) => String(h.modified_by),
				date_modified: (h) => String(h.date_modified),
			},
			linked: {},
		};
		const byId = <T extends { id: number }>(items: T[], def: ObjectDef<T>) =>
			(id: number, sub: FieldRequest[]): Json => {
				const found = items.find((x) => x.id === id);
				return found ? renderObject(def, found, sub) : null;
			};
		const renderStaff = byId(d.staff, staff);
		const renderType = byId(d.jobTypes, type);
		const breadcrumbs = (j: AcceloJob): Json => {
			if (j.against_type === 'company') {
				const c = d.companies.find((x) => x.id === j.against_id);
				return c ? [{ id: String(c.id), table: 'company', title: c.name }] : [];
			}
			const s = d.sites.find((x) => x.id === j.against_id);
			if (!s) return [];
			const c = d.companies.find((x) => x.id === s.company_id);
			const crumbs: Json[] = [{ id: String(s.id), table: 'site', title: s.title }];
			if (c) crumbs.push({ id: String(c.id), table: 'company', title: c.name });
			return crumbs;
		};
		const job: ObjectDef<AcceloJob> = {
			name: 'job',
			defaults: ['id', 'title'],
			plain: {
				id: (j) => String(j.id),
				title: (j) => j.title,
				against_type: (j) => j.against_type,
				against_id: (j) => String(j.against_id),
				against: (j) => `${j.against_type === 'company' ? 'companies' : 'sites'}/${j.against_id}`,
				custom_id: (j) => j.custom_id,
				paused: (j) => String(j.paused),
				staff_bookmarked: (j) => (j.staff_bookmarked ? '1' : '0'),
				date_created: (j) => str(j.date_created),
				date_modified: (j) => str(j.date_modified),
				date_commenced: (j) => str(j.date_commenced),
				date_started: (j) => str(j.date_started),
				date_due: (j) => str(j.date_due),
				date_completed: (j) => str(j.date_completed),
				date_last_interacted: (j) => str(j.date_last_interacted),
				rate_charged: (j) => j.rate_charged,
				standing: (j) => j.standing,
				breadcrumbs,
			},
			explicitOnly: ['breadcrumbs'],
			linked: {
				status: { id: (j) => j.status_id, render: byId(d.statuses, status) },
				job_type: { id: (j) => j.job_type_id, render: renderType },
				// Deprecated alias of job_type (still documented).
				type: { id: (j) => j.job_type_id, render: renderType },
				rate: { id: (j) => j.rate_id, render: byId(d.rates, rate) },
				manager: { id: (j) => j.manager_id, render: renderStaff },
				modified_by: { id: (j) => j.modified_by, render: renderStaff },
				company: {
					id: (j) => (j.against_type === 'company' ? j.against_id : null),
					render: byId(d.companies, company),
				},
				affiliation: { id: (j) => j.affiliation_id, render: (id, sub) => renderObject(idOnly, { id }, sub) },
				job_contract: { id: (j) => j.contract_id, render: (id, sub) => renderObject(idOnly, { id }, sub) },
				// Not modelled: always null.
				job_object_budget: { id: () => null, render: () => null },
				job_object_schedule: { id: () => null, render: () => null },
			},
		};
		return { job, status, type, staff, company, rate, history };
	}

	protected buildFilterSpecs(): AcceloStore['filters'] {
		const idBasic = <T>(get: (r: T) => number | null): BasicFilter<T> => ({ get, kind: 'id' });
		const job: FilterSpec<AcceloJob> = {
			resource: 'jobs',
			idOf: (j) => j.id,
			basic: {
				id: idBasic((j) => j.id),
				standing: { get: (j) => j.standing, kind: 'enum', values: STANDINGS },
				against_id: idBasic((j) => j.against_id),
				against_type: { get: (j) => j.against_type, kind: 'enum', values: ['company', 'site'] },
				paused: idBasic((j) => j.paused),
				type: idBasic((j) => j.job_type_id),
				job_type: idBasic((j) => j.job_type_id),
				manager: idBasic((j) => j.manager_id),
				modified_by: idBasic((j) => j.modified_by),
				status: idBasic((j) => j.status_id),
				rate: idBasic((j) => j.rate_id),
				affiliation: idBasic((j) => j.affiliation_id),
			},
			// `dated_created` (a typo in the vendor's jobs page) is deliberately NOT accepted.
			date: {
				date_created: (j) => j.date_created,
				date_modified: (j) => j.date_modified,
				date_started: (j) => j.date_started,
				date_commenced: (j) => j.date_commenced,
				date_due: (j) => j.date_due,
				date_completed: (j) => j.date_completed,
			},
			range: {
				id: (j) => j.id,
				against_id: (j) => j.against_id,
				type: (j) => j.job_type_id,
				job_type: (j) => j.job_type_id,
				manager: (j) => j.manager_id,
				affiliation: (j) => j.affiliation_id,
				modified_by: (j) => j.modified_by,
				status: (j) => j.status_id,
				rate: (j) => j.rate_id,
				rate_charged: (j) => Number(j.rate_charged),
				contract: (j) => j.contract_id,
				plan_modified_by: () => null,
			},
			order: {
				id: (j) => j.id,
				title: (j) => j.title.toLowerCase(),
				standing: (j) => j.standing,
				status: (j) => j.status_id,
				custom_id: (j) => j.custom_id,
				date_created: (j) => j.date_created,
				date_started: (j) => j.date_started,
				date_commenced: (j) => j.date_commenced,
				date_due: (j) => j.date_due,
				date_completed: (j) => j.date_completed,
				date_modified: (j) => j.date_modified,
				date_last_interacted: (j) => j.date_last_interacted,
			},
			object: {
				against: { types: ['company', 'site'], typeOf: (j) => j.against_type, idOf: (j) => j.against_id },
			},
			search: (j) => j.title,
		};
		const status: FilterSpec<AcceloJobStatus> = {
			resource: 'job statuses',
			idOf: (s) => s.id,
			basic: {
				id: idBasic((s) => s.id),
				title: { get: (s) => s.title, kind: 'text' },
				standing: { get: (s) => s.standing, kind: 'enum', values: STANDINGS },
				color: { get: (s) => s.color, kind: 'text' },
			},
			date: {},
			range: {},
			order: {
				id: (s) => s.id,
				title: (s) => s.title.toLowerCase(),
				standing: (s) => s.standing,
				color: (s) => s.color,
				ordering: (s) => s.ordering,
			},
			object: {},
			search: (s) => s.title,
		};
		const type: FilterSpec<AcceloJobType> = {
			resource: 'job types',
			idOf: (t) => t.id,
			basic: {
				id: idBasic((t) => t.id),
				standing: { get: (t) => t.standing, kind: 'enum', values: ['active', 'inactive'] },
			},
			date: {},
			range: { id: (t) => t.id },
			order: { id: (t) => t.id, title: (t) => t.title.toLowerCase(), standing: (t) => t.standing },
			object: {},
			search: (t) => t.title,
		};
		const staff: FilterSpec<AcceloStaff> = {
			resource: 'staff',
			idOf: (s) => s.id,
			basic: {
				id: idBasic((s) => s.id),
				standing: { get: (s) => s.standing, kind: 'enum', values: ['active', 'inactive'] },
			},
			date: {},
			range: { id: (s) => s.id },
			order: { id: (s) => s.id, firstname: (s) => s.firstname.toLowerCase(), surname: (s) => s.surname.toLowerCase() },
			object: {},
			search: (s) => `${s.firstname} ${s.surname} ${s.email}`,
		};
		const company: FilterSpec<AcceloCompany> = {
			resource: 'companies',
			idOf: (c) => c.id,
			basic: {
				id: idBasic((c) => c.id),
				standing: { get: (c) => c.standing, kind: 'enum', values: ['active', 'inactive'] },
			},
			date: { date_created: (c) => c.date_created },
			range: { id: (c) => c.id },
			order: { id: (c) => c.id, name: (c) => c.name.toLowerCase(), date_created: (c) => c.date_created },
			object: {},
			search: (c) => c.name,
		};
		const history: FilterSpec<AcceloProgressionHistory> = {
			resource: 'progression history',
			idOf: (h) => h.id,
			basic: {
				id: idBasic((h) => h.id),
				against_type: { get: (h) => h.against_type, kind: 'enum', values: ['job'] },
				against_id: idBasic((h) => h.against_id),
				modified_by: idBasic((h) => h.modified_by),
			},
			date: { date_modified: (h) => h.date_modified },
			range: { id: (h) => h.id },
			order: { id: (h) => h.id, date_modified: (h) => h.date_modified },
			object: { against: { types: ['job'], typeOf: (h) => h.against_type, idOf: (h) => h.against_id } },
			search: null,
		};
		return { job, status, type, staff, company, history };
	}
}
