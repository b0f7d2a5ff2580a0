import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, forJobOperation, optionsCollection, parallelRequestsOption, returnAllFields } from '../../../shared/descriptions';
import { itemParameters, readCollection, readLimit, readParallelRequests, readScope } from '../../../shared/parameters';
import { buildListQuery } from '../../filters';
import { JOB_PRIORITIES, JOB_STATUSES } from '../../statuses';
import { DEFAULT_PARALLEL_REQUESTS, provider } from '../../provider';
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
	{ ...customerLocationField, description: `Only jobs at this customer location. ${customerLocationField.description}` },
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

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection(jobFilters),
	optionsCollection([
		parallelRequestsOption(
			DEFAULT_PARALLEL_REQUESTS,
			'How many pages to request at once when reading many jobs (1: one page at a time). FSM Navigator publishes no rate-limit figures; 4 is a safe default. If the list changes during a parallel read (its total moves), it is read again one page at a time.',
		),
	]),
];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const qs = buildListQuery(readCollection(params, 'filters'), params.timeZone);
	const result = await provider.listJobs(this, qs, {
		...readScope(params),
		limit: readLimit(params),
		parallelRequests: readParallelRequests(params),
	});
	return result.items;
}
