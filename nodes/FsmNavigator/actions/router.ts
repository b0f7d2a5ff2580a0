import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { jobOperationMap, routeOperations } from '../../shared/router';
import * as job from './job';

const operations = jobOperationMap(job);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations.call(this, operations);
}
