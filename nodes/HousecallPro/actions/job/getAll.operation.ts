import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateFilter, filtersCollection, forJobOperation, idsFilter, optionsCollection, parallelRequestsOption, returnAllFields } from '../../../shared/descriptions';
import { itemParameters, readCollection, readLimit, readParallelRequests, readScope } from '../../../shared/parameters';
import { RESPONSE_WORDS, SORT_FIELDS, WORK_STATUS_FILTERS, buildJobQuery } from '../../filters';
import { DEFAULT_PARALLEL_REQUESTS, provider } from '../../provider';
import { customerLocator, employeesField, expandOption } from './common';

const zonedDateFilter = (displayName: string, name: string, description: string): INodeProperties =>
	dateFilter(displayName, name, `${description} Without a time zone it is read in the workflow time zone`);

const STATUS_NAMES: Record<string, string> = {
	unscheduled: 'Unscheduled',
	scheduled: 'Scheduled',
	in_progress: 'In Progress',
	completed: 'Completed',
	canceled: 'Canceled',
};

/** The Filters collection's fields (the trigger offers the same). */
export const jobFilters: INodeProperties[] = [
	customerLocator('Only jobs of this customer'),
	employeesField('Employee Names or IDs', 'employeeIds', 'Only jobs assigned to any of these employees (pros)'),
	idsFilter(
		'Franchisee IDs',
		'franchiseeIds',
		"Only jobs of these franchisees, comma-separated IDs. In Housecall Pro's Get Jobs page but not in its newer API description, so it may be ignored. The API has no list of franchisees: a job's franchisee ID is in its franchisee_id (Get).",
		'e.g. fra_1a2b3c',
	),
	idsFilter(
		'Location IDs',
		'locationIds',
		"Only jobs of these locations (companies) of a multi-location account, comma-separated IDs. Ignored by Housecall Pro when the credential has a 'Company ID'. The API lists no locations: a job's location ID is in its company_id (Get).",
		'e.g. cmp_1a2b3c',
	),
	zonedDateFilter('Scheduled End Max', 'scheduledEndMax', 'Only jobs scheduled to end at or before this time.'),
	zonedDateFilter('Scheduled End Min', 'scheduledEndMin', 'Only jobs scheduled to end at or after this time.'),
	zonedDateFilter('Scheduled Start Max', 'scheduledStartMax', 'Only jobs scheduled to start at or before this time.'),
	zonedDateFilter('Scheduled Start Min', 'scheduledStartMin', 'Only jobs scheduled to start at or after this time.'),
	{
		displayName: 'Work Status',
		name: 'workStatus',
		type: 'multiOptions',
		options: WORK_STATUS_FILTERS.map((value) => ({
			name: STATUS_NAMES[value],
			value,
			description: `Jobs come back with work_status ${RESPONSE_WORDS[value].map((w) => `"${w}"`).join(' or ')}`,
		})),
		default: [],
		description:
			'Only jobs in any of these states. The filter uses these words; the jobs come back with different ones in work_status: unscheduled → "needs scheduling", in_progress → "in progress", completed → "complete unrated" / "complete rated", canceled → "user canceled" / "pro canceled".',
	},
];

export const sortOptions: INodeProperties[] = [
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: SORT_FIELDS.map((field) => ({ name: field, value: field })),
		default: 'created_at',
		description:
			'Field to sort by. Without a sort, Housecall Pro returns the newest jobs first; Return All then reads oldest first instead (created_at ascending), so that jobs created during the read are not missed.',
	},
	{
		displayName: 'Sort Direction',
		name: 'sortDirection',
		type: 'options',
		options: [
			{ name: 'Ascending', value: 'asc' },
			{ name: 'Descending', value: 'desc' },
		],
		default: 'desc',
	},
];

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection(jobFilters),
	optionsCollection([
		expandOption,
		...sortOptions,
		parallelRequestsOption(
			DEFAULT_PARALLEL_REQUESTS,
			'How many pages to request at once when reading many jobs (1: one page at a time). Housecall Pro publishes no rate limits and clients see 429s at about 4 requests a second, so 3 is the default; a 429 drops the rest of the read to one page at a time. Used only for Return All (or a limit over 200) in the default order, oldest first, where new jobs land at the end.',
		),
	]),
];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const limit = readLimit(params);
	const qs = buildJobQuery(readCollection(params, 'filters'), readCollection(params, 'options'), params.timeZone, limit === undefined);
	const result = await provider.listJobs(this, qs, {
		...readScope(params),
		limit,
		parallelRequests: readParallelRequests(params),
	});
	return result.items;
}
