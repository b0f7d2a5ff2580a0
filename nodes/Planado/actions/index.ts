import { jobActions } from '../../shared/router';
import { provider } from '../provider';
import * as changeStatus from './job/changeStatus.operation';
import * as create from './job/create.operation';
import * as get from './job/get.operation';
import * as getAll from './job/getAll.operation';
import * as update from './job/update.operation';

export const { descriptions, operations } = jobActions(
	{
		changeStatus: 'Schedule a posted job (set its time and assignee) or unschedule it; other statuses come from the Planado apps',
		create: 'Create a job; every field is optional',
		get: 'Get a job by UUID or external ID',
		getAll: 'Get many jobs, filtered by status, assignee, client, site, order, linked job, dates or resolution',
		update: "Update a job's description, schedule, assignee, client, site, address, contacts, skills or custom fields",
	},
	{ changeStatus, create, get, getAll, update },
	provider.simplify,
);
