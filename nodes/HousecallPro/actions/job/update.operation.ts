import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { checkOption, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { JOB_ID, explainKeyRefusal, jobPath, provider } from '../../provider';
import { SCHEDULE_THROUGH, isKeyRefusal, scheduleThroughOption } from './appointments';
import { employeesField, jobIdProperty } from './common';
import { arrivalWindowField, scheduledEndField, scheduledStartField, updateSteps, type UpdateStep } from './fields';
import { applySteps, throughAppointment } from './steps';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName:
			"Housecall Pro has no general job update: description, customer, address, lead source and job type cannot be changed after creation. Each group below goes to its own endpoint, in this order: schedule, dispatch, note, tags. Schedule and dispatch go to the job's schedule with an Application API Key, or to its appointment (one request for both) with a Company API Key: see the option Schedule Through.",
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...arrivalWindowField, description: `${arrivalWindowField.description}. Sent with the schedule, so it needs Scheduled Start.` },
			{
				...employeesField('Dispatched Employee Names or IDs', 'dispatchedEmployeeIds', 'Employees (pros) to dispatch'),
				hint: "Replaces the assigned employees (with appointments: the appointment's employees).",
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Adds a note to the job (existing notes stay)',
			},
			{ ...scheduledEndField, description: 'When the job ends. Sent with the schedule, so it needs Scheduled Start.' },
			{
				...scheduledStartField,
				description:
					'Reschedules the job: its schedule, or its appointment (see the option Schedule Through)',
				hint: 'A job needing scheduling becomes scheduled. Without a time zone it is read in the workflow time zone.',
			},
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTags' },
				default: [],
				description:
					'Adds these existing tags to the job. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				hint: 'One request per tag; tags the job has stay.',
			},
		],
	},
	optionsCollection([scheduleThroughOption]),
];

export const description = forJobOperation('update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_ID);
	const fields = readCollection(params, 'updateFields', 'Update Fields');
	// Every check runs before the first request.
	let steps = updateSteps((sub) => jobPath(jobId, sub), fields, params.timeZone);
	const through = checkOption(readCollection(params, 'options').scheduleThrough ?? 'automatic', 'Schedule Through', SCHEDULE_THROUGH);
	const scope = readScope(params);
	if (through === 'appointments') steps = await throughAppointment(this, jobId, steps, scope);
	const applied: UpdateStep[] = [];
	if (through === 'automatic' && steps[0]?.applicationKey) {
		// The schedule endpoints first; a refused key has changed nothing, so the appointment is safe to send.
		try {
			await provider.request(this, { method: steps[0].method, path: steps[0].path, body: steps[0].body, ...scope });
			applied.push(steps[0]);
			steps = steps.slice(1);
		} catch (error) {
			if (!isKeyRefusal(error)) throw explainKeyRefusal(this, error, `update ${steps[0].label}`, itemIndex);
			steps = await throughAppointment(this, jobId, steps, scope);
		}
	}
	await applySteps(this, jobId, steps, scope, applied);
	return await provider.readBack(this, jobId, scope, { id: jobId });
}
