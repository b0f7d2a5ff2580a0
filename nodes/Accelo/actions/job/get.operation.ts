import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { provider } from '../../provider';
import { fieldsOption, fieldsQuery, jobIdProperty } from './common';

const properties: INodeProperties[] = [jobIdProperty, optionsCollection([fieldsOption])];

export const description = forJobOperation('get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, INTEGER_ID);
	return await provider.getJob(this, jobId, { ...readScope(params), query: fieldsQuery(readCollection(params, 'options')) });
}
