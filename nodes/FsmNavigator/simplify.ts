/**
 * An FSM Navigator job in the common job shape. FSM Navigator has no separate job number, no due
 * date, no amount and no documented job page, so those are null.
 */
import type { IDataObject } from 'n8n-workflow';

import { idOrNull, isoOrNull, placeOrNull, refOrNull, textOrNull, type CommonJob } from '../shared/commonJob';
import type { JobStatus } from './statuses';
import { STATUS_CATEGORY } from './statuses';

export function simplifyJob(job: IDataObject): CommonJob {
	const status = textOrNull(job.job_status);
	const technician = refOrNull(job.assigned_technician_id, job.assigned_technician_name);
	return {
		provider: 'fsmNavigator',
		id: idOrNull(job.job_id ?? job.id) ?? '',
		number: null,
		title: textOrNull(job.job_title),
		description: textOrNull(job.job_description),
		status,
		statusCategory: status !== null ? (STATUS_CATEGORY[status as JobStatus] ?? null) : null,
		customer: refOrNull(job.customer_id, job.customer_name),
		// FSM Navigator names the place (customer_location_name); it sends no postal address.
		location: placeOrNull(job.customer_location_id, job.customer_location_name),
		assignees: technician ? [technician] : [],
		scheduledStart: isoOrNull(job.scheduled_start),
		scheduledEnd: isoOrNull(job.scheduled_end),
		dueAt: null,
		createdAt: isoOrNull(job.created_at),
		updatedAt: isoOrNull(job.updated_at),
		completedAt: isoOrNull(job.actual_end),
		amount: null,
		url: null,
	};
}
