/**
 * A Worklayer job in the common job shape. Worklayer jobs are tax engagements
 * (https://docs.taxfyle.com/jobs/job-resource): the client member is the customer, the Pro who
 * claimed the job (role CHAMPION) the assignee, `short_id` the number people quote, `deadline_time`
 * the due date and `total_amount` the price; a job without a `name` is titled by its description.
 * There is no place, no schedule, no completion time and no documented job page.
 */
import type { IDataObject } from 'n8n-workflow';

import { amountOrNull, idOrNull, isoOrNull, refOrNull, textOrNull, type CommonJob, type Ref } from '../shared/commonJob';
import { objectsOf, textOf } from '../shared/json';
import { STATUS_CATEGORY } from './statuses';

function memberRef(member: IDataObject): Ref | null {
	const name = [textOf(member.given_name), textOf(member.family_name)].filter(Boolean).join(' ');
	return refOrNull(member.user_id, name);
}

export function simplifyJob(job: IDataObject): CommonJob {
	const status = textOrNull(job.status);
	const members = objectsOf(job.members);
	const client = members.find((member) => member.role === 'CLIENT');
	return {
		provider: 'worklayer',
		id: idOrNull(job.id) ?? '',
		number: textOrNull(job.short_id),
		// `name` is often null (the docs' own sample); the description then names the return
		// ("Tony Stark | 2021 | 1040"), so it is the title too.
		title: textOrNull(job.name) ?? textOrNull(job.description),
		description: textOrNull(job.description),
		status,
		statusCategory: status !== null ? (STATUS_CATEGORY[status] ?? null) : null,
		customer: client ? memberRef(client) : null,
		location: null,
		assignees: members
			.filter((member) => member.role === 'CHAMPION')
			.map(memberRef)
			.filter((ref): ref is Ref => ref !== null),
		scheduledStart: null,
		scheduledEnd: null,
		dueAt: isoOrNull(job.deadline_time),
		createdAt: isoOrNull(job.create_time),
		updatedAt: isoOrNull(job.update_time),
		completedAt: null,
		amount: amountOrNull(job.total_amount, 'units'),
		url: null,
	};
}
