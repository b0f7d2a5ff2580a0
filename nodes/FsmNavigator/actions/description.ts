import type { INodeProperties } from 'n8n-workflow';

import { jobResourceAndOperations } from '../../shared/descriptions';
import * as job from './job';

export const descriptions: INodeProperties[] = [
	...jobResourceAndOperations({
		changeStatus: "Move a job to another status, checked against FSM Navigator's status table",
		create: 'Create a job at a customer location',
		get: 'Get a job by ID, with its linked assets',
		getAll: 'Get many jobs, filtered by status, priority, technician, location or creation date',
		update: "Update a job's fields or its linked assets",
	}),
	...job.getAll.description,
	...job.get.description,
	...job.create.description,
	...job.update.description,
	...job.changeStatus.description,
];
