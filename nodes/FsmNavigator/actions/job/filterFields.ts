/** The filters of Get Many, which the polling trigger offers too. */
import type { INodeProperties } from 'n8n-workflow';

import { JOB_PRIORITIES, JOB_STATUSES } from '../../statuses';
import { customerLocationField, technicianLocator } from './fields';

/** The Filters collection's fields (the trigger offers the ones that are not creation dates). */
export const jobFilters: INodeProperties[] = [
	technicianLocator('Only jobs assigned to this technician'),
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only jobs created at or after this time',
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: 'Only jobs created at or before this time',
	},
	{ ...customerLocationField, description: 'Only jobs at this customer location' },
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: JOB_PRIORITIES.map((p) => ({ name: p, value: p })),
		default: 'High',
		description: 'Only jobs with this priority',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: JOB_STATUSES.map((s) => ({ name: s, value: s })),
		default: 'Pending',
		description: 'Only jobs in this status',
	},
];
