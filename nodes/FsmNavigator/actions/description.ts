import type { INodeProperties } from 'n8n-workflow';

import * as job from './job';

export const descriptions: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Job', value: 'job' }],
		default: 'job',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Change Status',
				value: 'changeStatus',
				description: "Move a job to another status, checked against FSM Navigator's status table",
				action: 'Change the status of a job',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a job at a customer location',
				action: 'Create a job',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a job by ID, with its linked assets',
				action: 'Get a job',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many jobs, filtered by status, priority, technician, location or creation date',
				action: 'Get many jobs',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Update a job's fields or its linked assets",
				action: 'Update a job',
			},
		],
		default: 'getAll',
	},
	...job.getAll.description,
	...job.get.description,
	...job.create.description,
	...job.update.description,
	...job.changeStatus.description,
];
