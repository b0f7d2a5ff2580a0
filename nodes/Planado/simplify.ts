/**
 * A Planado job in the common job shape. Planado jobs have a number (serial_no) but no name of
 * their own: the title is the description's first line, else the template's name (Get), else the
 * job type's code (Get). There is no due date, no amount and no documented job page; the client is
 * named by uuid (and external_id) only, and a worker by uuid and email, in the list and in Get alike.
 * Field names: https://api-docs.planadoapp.com/docs/v2/resources/jobs/list.html and get.html.
 */
import type { IDataObject } from 'n8n-workflow';

import { firstLineOrNull, idOrNull, isoOrNull, placeOrNull, refOrNull, textOrNull, type CommonJob, type Ref } from '../shared/commonJob';
import { isObject } from '../shared/json';
import type { JobStatus } from './statuses';
import { STATUS_CATEGORY } from './statuses';

const objectOf = (value: unknown): IDataObject => (isObject(value) ? value : {});

/** The list gives `{ worker_uuid | team_uuid }`, Get `{ worker: { uuid, email } | team: { uuid, name } }`. */
function assigneesOf(value: unknown): Ref[] {
	const assignee = objectOf(value);
	const worker = objectOf(assignee.worker);
	const team = objectOf(assignee.team);
	const ref = refOrNull(assignee.worker_uuid ?? worker.uuid ?? assignee.team_uuid ?? team.uuid, team.name);
	return ref ? [ref] : [];
}

export function simplifyJob(job: IDataObject): CommonJob {
	const status = textOrNull(job.status);
	// The list writes scheduled_at without an offset and Get the same instant with Z: read as UTC.
	const scheduledStart = isoOrNull(job.scheduled_at);
	const minutes = Number(objectOf(job.scheduled_duration).minutes);
	const scheduledEnd =
		scheduledStart !== null && Number.isFinite(minutes) && minutes > 0
			? new Date(Date.parse(scheduledStart) + minutes * 60_000).toISOString().replace('.000Z', 'Z')
			: null;
	const address = objectOf(job.address);
	return {
		provider: 'planado',
		id: idOrNull(job.uuid) ?? '',
		number: idOrNull(job.serial_no),
		title: firstLineOrNull(job.description) ?? textOrNull(objectOf(job.template).name) ?? textOrNull(objectOf(job.type).code),
		description: textOrNull(job.description),
		status,
		statusCategory: status !== null ? (STATUS_CATEGORY[status as JobStatus] ?? null) : null,
		customer: refOrNull(job.client_uuid ?? objectOf(job.client).uuid, null),
		location: placeOrNull(job.site_uuid ?? objectOf(job.site).uuid, address.formatted),
		assignees: assigneesOf(job.assignee),
		scheduledStart,
		scheduledEnd,
		dueAt: null,
		createdAt: isoOrNull(job.created_at),
		updatedAt: isoOrNull(job.updated_at),
		// Get only: the list has no timestamps.
		completedAt: isoOrNull(objectOf(job.timestamps).finished_at),
		amount: null,
		url: null,
	};
}
