/**
 * An Accelo job in the common job shape. Accelo sends ids and unix-second dates as strings and
 * links other objects by id; their names come in the same request when `_fields` asks for the
 * linked object with sub-fields (https://api.accelo.com/docs/#configuring-responses), which the
 * node does with Simplify on (SIMPLIFY_FIELDS). The status category follows the status's standing
 * (https://api.accelo.com/docs/#statuses); the manager is the job's one assignee. A job against a
 * site names its company in `breadcrumbs`. Accelo documents no job total (rate_charged is an
 * hourly rate) and no address of the job's web page, so `amount` and `url` stay null.
 */
import type { IDataObject } from 'n8n-workflow';

import { idOrNull, isoFromUnixSeconds, placeOrNull, refOrNull, textOrNull, type CommonJob } from '../shared/commonJob';
import { isObject, objectsOf } from '../shared/json';
import { STANDING_CATEGORY } from './statuses';

/**
 * `_fields` with Simplify on: every field, plus the linked company's name, the manager's name and
 * the breadcrumbs (the site and its company), in the same request.
 */
export const SIMPLIFY_FIELDS = '_ALL,company(name),manager(firstname,surname),breadcrumbs';

/** A linked object: its id, and its name when `_fields` asked for one. */
function linked(value: unknown, nameOf: (object: IDataObject) => unknown): { id: unknown; name: unknown } {
	if (isObject(value)) return { id: value.id, name: nameOf(value) };
	return { id: value, name: undefined };
}

const personName = (person: IDataObject) =>
	[person.firstname, person.surname].filter((part) => typeof part === 'string' && part !== '').join(' ') || undefined;

/** The company a job is for: the linked `company` (company jobs) or the company in `breadcrumbs` (site jobs). */
function customerOf(job: IDataObject): CommonJob['customer'] {
	if (job.against_type === 'company') {
		const company = linked(job.company ?? job.against_id, (c) => c.name);
		return refOrNull(company.id ?? job.against_id, job.company_name ?? company.name ?? crumb(job, 'company')?.title);
	}
	const crumbCompany = crumb(job, 'company');
	return crumbCompany ? refOrNull(crumbCompany.id, crumbCompany.title) : null;
}

/** The breadcrumb of a table (`[{ id, table, title }]`, the job's place from the site up to the company). */
function crumb(job: IDataObject, table: string): IDataObject | undefined {
	return objectsOf(job.breadcrumbs).find((entry) => entry.table === table);
}

export function simplifyJob(job: IDataObject): CommonJob {
	const status = linked(job.status ?? job.status_id, (s) => s.title);
	const manager = linked(job.manager ?? job.manager_id, personName);
	const site = job.against_type === 'site' ? placeOrNull(job.against_id, null) : null;
	const managerRef = refOrNull(manager.id, manager.name);
	const standing = typeof job.standing === 'string' ? job.standing : undefined;
	return {
		provider: 'accelo',
		id: idOrNull(job.id) ?? '',
		number: textOrNull(job.custom_id),
		title: textOrNull(job.title),
		description: textOrNull(job.description),
		status: idOrNull(status.id),
		statusCategory: standing ? (STANDING_CATEGORY[standing] ?? null) : null,
		customer: customerOf(job),
		location: site,
		assignees: managerRef ? [managerRef] : [],
		scheduledStart: isoFromUnixSeconds(job.date_started),
		scheduledEnd: null,
		dueAt: isoFromUnixSeconds(job.date_due),
		createdAt: isoFromUnixSeconds(job.date_created),
		updatedAt: isoFromUnixSeconds(job.date_modified),
		completedAt: isoFromUnixSeconds(job.date_completed),
		amount: null,
		url: null,
	};
}
