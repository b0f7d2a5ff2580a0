import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { provider, unwrapObject } from '../../provider';
import { fieldsOption, fieldsQuery, jobIdProperty } from './common';
import { jobBody, updateFields } from './fields';

const properties: INodeProperties[] = [
	jobIdProperty,
	fieldsCollection('updateFields', updateFields),
	optionsCollection([fieldsOption]),
];

export const description = forJobOperation('update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, INTEGER_ID);
	const body = jobBody(readCollection(params, 'updateFields', 'Update Fields'), params.timeZone);
	const answer = await provider.request(this, {
		method: 'PUT',
		path: `/jobs/${jobId}`,
		qs: fieldsQuery(readCollection(params, 'options')),
		body,
		form: true,
		...readScope(params),
	});
	return unwrapObject(answer);
}
