import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, getJobId, getTimeout } from '../../../shared/parameters';
import { getJob } from '../../transport';
import { fieldsOption, fieldsQuery, jobIdProperty } from './common';

const properties: INodeProperties[] = [jobIdProperty, optionsCollection([fieldsOption])];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const jobId = getJobId.call(this, itemIndex, INTEGER_ID);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await getJob.call(this, jobId, {
		fields: fieldsQuery(options)._fields as string,
		itemIndex,
		timeout: getTimeout.call(this, itemIndex),
	});
}
