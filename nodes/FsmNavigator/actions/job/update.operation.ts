import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { provider, unwrapJob } from '../../provider';
import { jobIdProperty } from './common';
import { jobBody, jobFields } from './fields';

const properties: INodeProperties[] = [
	jobIdProperty,
	fieldsCollection('updateFields', jobFields(true)),
	optionsCollection(),
];

export const description = forJobOperation('update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, INTEGER_ID);
	const body = jobBody(readCollection(params, 'updateFields', 'Update Fields'), params.timeZone, true);
	const scope = readScope(params);
	const answer = unwrapJob(
		await provider.request(this, { method: 'PUT', path: '/jobs', qs: { id: jobId }, body, ...scope }),
	);
	return await provider.readBack(this, jobId, scope, answer);
}
