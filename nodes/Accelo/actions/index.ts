import { jobActions } from '../../shared/router';
import { provider } from '../provider';
import * as changeStatus from './job/changeStatus.operation';
import * as create from './job/create.operation';
import * as get from './job/get.operation';
import * as getAll from './job/getAll.operation';
import * as update from './job/update.operation';

export const { descriptions, operations } = jobActions(
	{
		changeStatus: 'Move a job to a status, through its progression or directly',
		create: 'Create a job against a company or site',
		get: 'Get a job by ID',
		getAll: 'Get many jobs, filtered by standing, status, manager, type, client or dates',
		update: "Update a job's title, manager, client, dates or rate",
	},
	{ changeStatus, create, get, getAll, update },
	provider.simplify,
);
