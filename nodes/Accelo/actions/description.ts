import type { INodeProperties } from 'n8n-workflow';

import { jobResourceAndOperations } from '../../shared/descriptions';
import * as job from './job';

export const descriptions: INodeProperties[] = [
	...jobResourceAndOperations({
		changeStatus: 'Move a job to a status, through its progression or directly',
		create: 'Create a job against a company or site',
		get: 'Get a job by ID',
		getAll: 'Get many jobs, filtered by standing, status, manager, type, client or dates',
		update: "Update a job's title, manager, client, dates or rate",
	}),
	...job.getAll.description,
	...job.get.description,
	...job.create.description,
	...job.update.description,
	...job.changeStatus.description,
];
