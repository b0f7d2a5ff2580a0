import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { itemParameters, readJobId, readScope } from '../../../shared/parameters';
import { provider } from '../../provider';
import { JOB_REF, jobIdProperty } from './common';

const properties: INodeProperties[] = [jobIdProperty, optionsCollection()];

export const description = forJobOperation('get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	return await provider.getJob(this, readJobId(params, JOB_REF), readScope(params));
}
