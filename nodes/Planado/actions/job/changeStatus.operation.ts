/**
 * Planado documents no status endpoint: a job's status follows from its fields, or is set in the
 * web app and by the worker's mobile app (https://api-docs.planadoapp.com/docs/v2/resources/jobs/update.html
 * lists fields only). What the API can do is the field change that moves a job between posted and
 * scheduled: a posted job with both a scheduled time and an assignee is scheduled; a scheduled job
 * that loses them is posted again. Those two moves are offered, named by what they change.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { idString, isObject } from '../../../shared/json';
import {
	InvalidInputError,
	UUID,
	checkId,
	checkOption,
	itemParameters,
	readCollection,
	readIsoDate,
	readJobId,
	readScope,
} from '../../../shared/parameters';
import { STATUS_NAMES, type JobStatus } from '../../statuses';
import { provider } from '../../provider';
import { JOB_REF, jobIdProperty, notifyAssigneesOption, writeHeaders } from './common';

export const STATUS_MOVES = ['scheduled', 'posted'] as const;
export type StatusMove = (typeof STATUS_MOVES)[number];

/** Statuses a move may start from: the ones it can actually change. */
export const MOVES_FROM: Record<StatusMove, readonly JobStatus[]> = {
	scheduled: ['posted', 'scheduled'],
	posted: ['scheduled', 'published', 'posted'],
};

const APP_ONLY = 'Published, En Route, Started, Suspended, Finished and Canceled are set in Planado\'s web app or by the worker\'s mobile app: the API has no way to set them.';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Scheduled: Set Time and Assignee',
				value: 'scheduled',
				description: 'Sets the scheduled time and the assignee (worker or team) of a posted job, which makes it scheduled',
			},
			{
				name: 'Posted: Clear Time and Assignee',
				value: 'posted',
				description: 'Removes the scheduled time and the assignee of a scheduled or published job, which makes it posted (unscheduled) again',
			},
		],
		default: 'scheduled',
		required: true,
		description: "The status to move the job to, through the only fields Planado's API has for it",
		hint: APP_ONLY,
	},
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { status: ['scheduled'] } },
		description: "When the job is planned to start. A value without an offset is read in the workflow's time zone.",
	},
	{
		displayName: 'Assign To',
		name: 'assigneeType',
		type: 'options',
		options: [
			{ name: 'Worker', value: 'worker' },
			{ name: 'Team', value: 'team' },
		],
		default: 'worker',
		displayOptions: { show: { status: ['scheduled'] } },
	},
	{
		displayName: 'Assignee UUID',
		name: 'assigneeUuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 4132ed05-3b6d-456c-b3ef-ee1cc6af1e90',
		displayOptions: { show: { status: ['scheduled'] } },
		description: 'UUID of the worker or team who does the job',
	},
	{
		displayName: 'Scheduled Duration (Minutes)',
		name: 'scheduledDuration',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { status: ['scheduled'] } },
		description: "How long the job is planned to take; 0 keeps the job's current duration",
	},
	optionsCollection([notifyAssigneesOption]),
];

export const description = forJobOperation('changeStatus', properties);

/** The PATCH body of a move. */
export function moveBody(move: StatusMove, fields: { scheduledAt?: unknown; assigneeType?: unknown; assigneeUuid?: unknown; scheduledDuration?: unknown }, timeZone: string): IDataObject {
	if (move === 'posted') return { scheduled_at: null, assignee: null };
	const kind = checkOption(fields.assigneeType ?? 'worker', 'Assign To', ['worker', 'team'] as const);
	const body: IDataObject = {
		scheduled_at: readIsoDate(fields.scheduledAt, 'Scheduled At', timeZone),
		assignee: { [kind]: { uuid: checkId(fields.assigneeUuid, 'Assignee UUID', UUID) } },
	};
	const minutes = Number(fields.scheduledDuration ?? 0);
	if (!Number.isInteger(minutes) || minutes < 0) {
		throw new InvalidInputError("'Scheduled Duration (Minutes)' must be a whole number of minutes, 0 or more");
	}
	if (minutes > 0) body.scheduled_duration = { minutes };
	return body;
}

function statusName(status: string): string {
	return (STATUS_NAMES as Record<string, string>)[status] ?? status;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_REF);
	const move = checkOption(params.get('status', ''), 'Status', STATUS_MOVES);
	const body =
		move === 'scheduled'
			? moveBody(
					move,
					{
						scheduledAt: params.get('scheduledAt', ''),
						assigneeType: params.get('assigneeType', 'worker'),
						assigneeUuid: params.get('assigneeUuid', ''),
						scheduledDuration: params.get('scheduledDuration', 0),
					},
					params.timeZone,
				)
			: moveBody(move, {}, params.timeZone);
	const options = readCollection(params, 'options');
	const scope = readScope(params);

	// Read first: a job that has gone on (en route, started, finished, canceled) cannot be moved
	// by these fields, and saying so beats a write that the API refuses or ignores.
	const job = await provider.getJob(this, jobId, scope);
	const current = idString(job.status) ?? '';
	if (move === 'posted' && current === 'posted') return job;
	if (!(MOVES_FROM[move] as readonly string[]).includes(current)) {
		throw new InvalidInputError(
			`The job is '${statusName(current)}': it cannot be moved to '${statusName(move)}' through the API`,
			`Only ${MOVES_FROM[move].filter((s) => s !== move).map((s) => `'${statusName(s)}'`).join(' or ')} jobs can be moved to '${statusName(move)}'. ${APP_ONLY}`,
		);
	}
	const jobUuid = idString(job.uuid) ?? jobId;
	const answer = await provider.request(this, {
		method: 'PATCH',
		path: `/jobs/${encodeURIComponent(jobUuid)}`,
		body,
		headers: writeHeaders(options),
		...scope,
	});
	return await provider.readBack(this, jobUuid, scope, {
		...job,
		...(isObject(answer) ? answer : {}),
	});
}
