import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { readBackAfterWrite } from '../../../shared/transport';
import { INTEGER_ID, getCollection, getJobId, getTimeout } from '../../../shared/parameters';
import { fsmRequest, getJob, unwrapJob } from '../../transport';
import { jobIdProperty } from './common';
import { jobBody, jobFields } from './fields';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: jobFields(true),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const jobId = getJobId.call(this, itemIndex, INTEGER_ID);
	const fields = getCollection.call(this, 'updateFields', itemIndex, 'Update Fields');
	const body = jobBody(fields, this.getTimezone(), true);
	const timeout = getTimeout.call(this, itemIndex);
	const answer = unwrapJob(
		await fsmRequest.call(this, { method: 'PUT', path: '/jobs', qs: { id: jobId }, body, itemIndex, timeout }),
	);
	return await readBackAfterWrite(async () => await getJob.call(this, jobId, itemIndex, timeout), answer);
}
