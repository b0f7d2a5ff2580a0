import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, getCollection, getJobId, getTimeout } from '../../../shared/parameters';
import { acceloRequest, unwrapObject } from '../../transport';
import { fieldsOption, fieldsQuery, jobIdProperty } from './common';
import { jobBody, updateFields } from './fields';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFields,
	},
	optionsCollection([fieldsOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const jobId = getJobId.call(this, itemIndex, INTEGER_ID);
	const body = jobBody(getCollection.call(this, 'updateFields', itemIndex, 'Update Fields'), this.getTimezone());
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const answer = await acceloRequest.call(this, {
		method: 'PUT',
		path: `/jobs/${jobId}`,
		qs: fieldsQuery(options),
		body,
		form: true,
		itemIndex,
		timeout: getTimeout.call(this, itemIndex),
	});
	return unwrapObject(answer);
}
