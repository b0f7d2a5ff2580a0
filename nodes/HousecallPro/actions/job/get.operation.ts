import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { expandQuery } from '../../filters';
import { JOB_ID, provider } from '../../provider';
import { expandOption, jobIdProperty } from './common';

const properties: INodeProperties[] = [jobIdProperty, optionsCollection([expandOption])];

export const description = forJobOperation('get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_ID);
	return await provider.getJob(this, jobId, { ...readScope(params), query: expandQuery(readCollection(params, 'options')) });
}
