import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { readBackAfterWrite } from '../../../shared/transport';
import { JOB_ID, explainKeyRefusal, jobPath, provider } from '../../transport';
import { jobIdProperty } from './common';
import { arrivalWindowField, scheduledEndField, scheduledStartField, updateSteps, type UpdateStep } from './fields';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName:
			"Housecall Pro has no general job update: description, customer, address, lead source and job type cannot be changed after creation. Each group below goes to its own endpoint, in this order: schedule, dispatch, note, tags. Schedule and dispatch need an Application API Key.",
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
				displayName: 'Dispatched Employee IDs',
				name: 'dispatchedEmployeeIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. pro_1a2b3c, pro_4d5e6f',
				description: 'Employees (pros) to dispatch, comma-separated IDs. Replaces the assigned employees. Needs an Application API Key.',
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
					'Reschedules the job (PUT schedule; a job needing scheduling becomes scheduled). Needs an Application API Key. Without a time zone it is read in the workflow time zone.',
			},
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTags' },
				default: [],
				description:
					'Adds these existing tags to the job (one request per tag; tags it has stay). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	optionsCollection(),
];

export const description = forJobOperation('update', properties);

function describeSteps(steps: UpdateStep[]): string {
	return steps.length ? steps.map((step) => step.label).join(', ') : 'nothing';
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_ID);
	const fields = readCollection(params, 'updateFields', 'Update Fields');
	// Every check runs before the first request.
	const steps = updateSteps((sub) => jobPath(jobId, sub), fields, params.timeZone);
	const scope = readScope(params);
	const applied: UpdateStep[] = [];
	for (const step of steps) {
		try {
			await provider.request(this, { method: step.method, path: step.path, body: step.body, ...scope });
		} catch (caught) {
			const error = step.applicationKey ? explainKeyRefusal(this, caught, `update ${step.label}`, itemIndex) : caught;
			if (!applied.length) throw error;
			// Some groups are already in Housecall Pro: say which, so nothing is sent twice by a blind re-run.
			const notApplied = steps.slice(applied.length);
			const base = error instanceof Error ? error.message : String(error);
			const message = `${base}. Already applied to job ${jobId}: ${describeSteps(applied)}. Not applied: ${describeSteps(notApplied)}.`;
			const description = `${error instanceof NodeApiError || error instanceof NodeOperationError ? (error.description ?? '') : ''} Re-run only the parts that were not applied.`.trim();
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), { message } as JsonObject, { message, description, httpCode: error.httpCode ?? undefined, itemIndex });
			}
			throw new NodeOperationError(this.getNode(), message, { description, itemIndex });
		}
		applied.push(step);
	}
	return await readBackAfterWrite(async () => await provider.getJob(this, jobId, scope), { id: jobId });
}
