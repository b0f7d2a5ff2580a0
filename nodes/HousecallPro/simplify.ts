/**
 * A Housecall Pro job in the common job shape. Money is in cents in the API
 * (https://docs.housecallpro.com/docs/housecall-public-api, `total_amount`); the job page is the
 * `job_url` form the API itself hands out (https://pro.housecallpro.com/app/jobs/{id}). There is no
 * due date.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	addressLine,
	amountOrNull,
	idOrNull,
	isoOrNull,
	placeOrNull,
	refOrNull,
	textOrNull,
	type CommonJob,
	type Ref,
} from '../shared/commonJob';
import { isObject, objectsOf, textOf } from '../shared/json';
import { STATUS_CATEGORY } from './statuses';

function personName(record: IDataObject): string | undefined {
	const name = [textOf(record.first_name), textOf(record.last_name)].filter(Boolean).join(' ');
	return name || undefined;
}

export function simplifyJob(job: IDataObject): CommonJob {
	const status = textOrNull(job.work_status);
	const customer = isObject(job.customer) ? job.customer : undefined;
	const address = isObject(job.address) ? job.address : undefined;
	const schedule = isObject(job.schedule) ? job.schedule : {};
	const timestamps = isObject(job.work_timestamps) ? job.work_timestamps : {};
	const id = idOrNull(job.id) ?? '';
	return {
		provider: 'housecallPro',
		id,
		number: textOrNull(job.invoice_number),
		title: textOrNull(job.name),
		description: textOrNull(job.description),
		status,
		statusCategory: status !== null ? (STATUS_CATEGORY[status.replace(/_/g, ' ').toLowerCase()] ?? null) : null,
		customer: customer ? refOrNull(customer.id, textOf(customer.company) ?? personName(customer)) : null,
		location: address
			? placeOrNull(address.id, addressLine(address, ['street', 'street_line_2', 'city', 'state', 'zip', 'country']))
			: null,
		assignees: objectsOf(job.assigned_employees)
			.map((employee) => refOrNull(employee.id, personName(employee)))
			.filter((ref): ref is Ref => ref !== null),
		scheduledStart: isoOrNull(schedule.scheduled_start),
		scheduledEnd: isoOrNull(schedule.scheduled_end),
		dueAt: null,
		createdAt: isoOrNull(job.created_at),
		updatedAt: isoOrNull(job.updated_at),
		completedAt: isoOrNull(timestamps.completed_at),
		amount: amountOrNull(job.total_amount, 'cents'),
		url: id ? `https://pro.housecallpro.com/app/jobs/${encodeURIComponent(id)}` : null,
	};
}
