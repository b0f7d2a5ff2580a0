import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/router';
import * as job from './job';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations.call(this, {
		job: {
			getAll: job.getAll.execute,
			get: job.get.execute,
			create: job.create.execute,
			update: job.update.execute,
			changeStatus: job.changeStatus.execute,
		},
	});
}
