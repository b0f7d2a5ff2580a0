/**
 * An Accelo job in the common job shape. Accelo sends ids and unix-second dates as strings and
 * links other objects by id (their names need `_fields` with sub-fields, e.g. `manager(firstname)`),
 * so names are filled only when the answer carries them. The status category follows the status's
 * standing (https://api.accelo.com/docs/#statuses); the manager is the job's one assignee.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	idOrNull,
	isoFromUnixSeconds,
	placeOrNull,
	refOrNull,
	textOrNull,
	type CommonJob,
	type StatusCategory,
} from '../shared/commonJob';
import { isObject } from '../shared/json';

/** Standings in the common categories (the README has this table). */
export const STANDING_CATEGORY: Record<string, StatusCategory> = {
	pending: 'new',
	active: 'inProgress',
	paused: 'onHold',
	complete: 'completed',
	inactive: 'closed',
};

/** A linked object: its id, and its name when `_fields` asked for one. */
function linked(value: unknown, nameOf: (object: IDataObject) => unknown): { id: unknown; name: unknown } {
	if (isObject(value)) return { id: value.id, name: nameOf(value) };
	return { id: value, name: undefined };
}

const personName = (person: IDataObject) =>
	[person.firstname, person.surname].filter((part) => typeof part === 'string' && part !== '').join(' ') || undefined;

export function simplifyJob(job: IDataObject): CommonJob {
	const status = linked(job.status ?? job.status_id, (s) => s.title);
	const manager = linked(job.manager ?? job.manager_id, personName);
	const against = linked(job.against_id, (a) => a.name);
	const company = job.against_type === 'company' ? refOrNull(against.id, job.company_name ?? against.name) : null;
	const site = job.against_type === 'site' ? placeOrNull(against.id, null) : null;
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
		customer: company,
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
