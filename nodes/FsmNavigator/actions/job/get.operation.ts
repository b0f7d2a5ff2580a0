import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, getJobId, getTimeout } from '../../../shared/parameters';
import { getJob } from '../../transport';
import { jobIdProperty } from './common';

const properties: INodeProperties[] = [
	jobIdProperty,
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const jobId = getJobId.call(this, itemIndex, INTEGER_ID);
	return await getJob.call(this, jobId, itemIndex, getTimeout.call(this, itemIndex));
}
