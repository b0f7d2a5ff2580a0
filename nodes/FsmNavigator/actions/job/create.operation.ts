import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { readBackAfterWrite } from '../../../shared/transport';
import { INTEGER_ID, checkId, getTimeout, requireText } from '../../../shared/parameters';
import { fsmRequest, getJob, jobIdOf, unwrapJob } from '../../transport';
import { jobBody, jobFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. AC unit repair',
		description: 'Short description of the work',
	},
	{
		displayName: 'Customer Location ID',
		name: 'customerLocationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 87',
		description: 'ID of the customer location where the work happens',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: jobFields(false),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		job_title: requireText(this.getNodeParameter('jobTitle', itemIndex, ''), 'Job Title'),
		customer_location_id: Number(
			checkId(this.getNodeParameter('customerLocationId', itemIndex, ''), 'Customer Location ID', INTEGER_ID),
		),
		...jobBody(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, this.getTimezone(), false),
	};
	const timeout = getTimeout.call(this, itemIndex);
	const created = unwrapJob(await fsmRequest.call(this, { method: 'POST', path: '/jobs', body, itemIndex, timeout }));
	const jobId = jobIdOf(created);
	if (jobId === undefined) return created;
	return await readBackAfterWrite(async () => await getJob.call(this, jobId, itemIndex, timeout), created);
}

