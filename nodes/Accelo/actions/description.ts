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
				description: "Move a job to a status, through its progression or directly",
				action: 'Change the status of a job',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a job against a company or site',
				action: 'Create a job',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a job by ID',
				action: 'Get a job',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many jobs, filtered by standing, status, manager, type, client or dates',
				action: 'Get many jobs',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Update a job's title, manager, client, dates or rate",
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
