import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { checkId, checkOption, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { HCP_ID } from '../../filters';
import { JOB_ID, explainKeyRefusal, jobPath, provider } from '../../provider';
import { SCHEDULE_THROUGH, appointmentWrite, isKeyRefusal, scheduleThroughOption, unscheduleWrites } from './appointments';
import { jobIdProperty } from './common';
import { arrivalWindowField, scheduleBody, scheduledEndField, scheduledStartField } from './fields';
import { applySteps } from './steps';

export const TARGETS = ['scheduled', 'unscheduled', 'pipeline'] as const;

const scheduledOnly = { show: { status: ['scheduled'] } };

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Pipeline Stage',
				value: 'pipeline',
				description: "Moves the job to a stage of your pipeline (forward only); this does not change work_status",
			},
			{
				name: 'Scheduled',
				value: 'scheduled',
				description: "Schedules the job: sets its schedule, or creates or moves its appointment (see the option Schedule Through)",
			},
			{
				name: 'Unscheduled',
				value: 'unscheduled',
				description: "Erases the job's schedule, or deletes its appointments: the job needs scheduling again",
			},
		],
		default: 'scheduled',
		description:
			"What to change. Housecall Pro's API cannot set a job to started, on my way, completed or canceled: those moves happen only in the Housecall Pro app.",
	},
	{ ...scheduledStartField, required: true, displayOptions: scheduledOnly },
	{ ...scheduledEndField, displayOptions: scheduledOnly },
	{
		...arrivalWindowField,
		displayOptions: scheduledOnly,
		description: `${arrivalWindowField.description}. 0 keeps the window the job has.`,
	},
	{
		displayName: 'Pipeline Stage Name or ID',
		name: 'pipelineStatusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPipelineStatuses' },
		default: '',
		required: true,
		displayOptions: { show: { status: ['pipeline'] } },
		description:
			'The stage to move the job to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'From your job pipeline. Housecall Pro only moves forward (to a stage at or after the current one) and refuses a move back.',
	},
	optionsCollection([{ ...scheduleThroughOption, displayOptions: { show: { '/status': ['scheduled', 'unscheduled'] } } }]),
];

export const description = forJobOperation('changeStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_ID);
	const status = checkOption(params.get('status', ''), 'Status', TARGETS);
	const scope = readScope(params);
	let answer: unknown;
	if (status === 'pipeline') {
		const statusId = checkId(params.get('pipelineStatusId', ''), 'Pipeline Stage', HCP_ID);
		answer = await provider.request(this, {
			method: 'PUT',
			path: '/pipeline/statuses',
			body: { resource_type: 'job', resource_id: jobId, status_id: statusId },
			...scope,
		});
	} else {
		const through = checkOption(readCollection(params, 'options').scheduleThrough ?? 'automatic', 'Schedule Through', SCHEDULE_THROUGH);
		const body =
			status === 'scheduled'
				? scheduleBody(
						{
							scheduledStart: params.get('scheduledStart', ''),
							scheduledEnd: params.get('scheduledEnd', ''),
							// 0 (the default) leaves the job's current arrival window as it is.
							arrivalWindow: Number(params.get('arrivalWindow', 0)) > 0 ? params.get('arrivalWindow', 0) : undefined,
						} as IDataObject,
						params.timeZone,
					)
				: undefined;
		let refused = through === 'appointments';
		if (!refused) {
			try {
				answer = await provider.request(this, { method: status === 'scheduled' ? 'PUT' : 'DELETE', path: jobPath(jobId, '/schedule'), body, ...scope });
			} catch (error) {
				// A refused key has changed nothing: the appointments are safe to try.
				if (through === 'schedule' || !isKeyRefusal(error)) {
					throw explainKeyRefusal(this, error, status === 'scheduled' ? 'schedule the job' : 'unschedule the job', itemIndex);
				}
				refused = true;
			}
		}
		if (refused) {
			if (status === 'scheduled' && body) {
				const change = { start: String(body.start_time), end: body.end_time === undefined ? undefined : String(body.end_time), arrivalWindow: body.arrival_window_in_minutes === undefined ? undefined : Number(body.arrival_window_in_minutes) };
				await applySteps(this, jobId, [await appointmentWrite(this, jobId, change, scope)], scope);
			} else {
				const { job, steps } = await unscheduleWrites(this, jobId, scope);
				// Nothing to delete: the job as just read is the answer.
				if (!steps.length) return job;
				await applySteps(this, jobId, steps, scope);
			}
		}
	}
	const writeAnswer: IDataObject = typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as IDataObject) : {};
	return await provider.readBack(this, jobId, scope, { id: jobId, ...writeAnswer });
}
