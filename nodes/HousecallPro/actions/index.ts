import { jobActions } from '../../shared/router';
import { provider } from '../provider';
import * as changeStatus from './job/changeStatus.operation';
import * as create from './job/create.operation';
import * as get from './job/get.operation';
import * as getAll from './job/getAll.operation';
import * as update from './job/update.operation';

export const { descriptions, operations } = jobActions(
	{
		changeStatus: 'Schedule or unschedule a job, or move it to a later pipeline stage (the API cannot start, complete or cancel jobs)',
		create: 'Create a job for an existing customer and address',
		get: 'Get a job by ID',
		getAll: 'Get many jobs, filtered by customer, employees, locations, schedule or work status',
		update: "Reschedule, dispatch, add a note or add tags to a job (the API has no general job update)",
	},
	{ changeStatus, create, get, getAll, update },
	provider.simplify,
);
