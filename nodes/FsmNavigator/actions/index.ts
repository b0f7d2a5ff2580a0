import { jobActions } from '../../shared/router';
import { provider } from '../provider';
import * as changeStatus from './job/changeStatus.operation';
import * as create from './job/create.operation';
import * as get from './job/get.operation';
import * as getAll from './job/getAll.operation';
import * as update from './job/update.operation';

export const { descriptions, operations } = jobActions(
	{
		changeStatus: "Move a job to another status, checked against FSM Navigator's status table",
		create: 'Create a job at a customer location',
		get: 'Get a job by ID, with its linked assets',
		getAll: 'Get many jobs, filtered by status, priority, technician, location or creation date',
		update: "Update a job's fields or its linked assets",
	},
	{ changeStatus, create, get, getAll, update },
	provider.simplify,
);
