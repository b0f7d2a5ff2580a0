import { jobActions } from '../../shared/router';
import { provider } from '../provider';
import * as changeStatus from './job/changeStatus.operation';
import * as create from './job/create.operation';
import * as get from './job/get.operation';
import * as getAll from './job/getAll.operation';
import * as update from './job/update.operation';

export const { descriptions, operations } = jobActions(
	{
		changeStatus: 'Submit a draft job to the Taxfyle pool (the only status change the API offers)',
		create: 'Create a draft job for a client from a job template',
		get: 'Get a job by ID or short ID',
		getAll: 'Get many jobs, filtered by status, member or creation, pool-entry and deadline times',
		update: 'Request a Pro for a draft job (the only change the API allows)',
	},
	{ changeStatus, create, get, getAll, update },
	provider.simplify,
);
