import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateFilter, filtersCollection, forJobOperation, idsFilter, optionsCollection, parallelRequestsOption, returnAllFields } from '../../../shared/descriptions';
import { recordsField } from '../../../shared/recordLocator';
import { itemParameters, readCollection, readLimit, readParallelRequests, readScope } from '../../../shared/parameters';
import { ORDER_FIELDS, STANDINGS, buildJobQuery } from '../../filters';
import { DEFAULT_PARALLEL_REQUESTS, provider } from '../../provider';
import { againstTypeOptions, fieldsOption, fieldsQuery } from './common';

/** The Filters collection's fields (the trigger offers the ones that are not dates). */
export const jobFilters: INodeProperties[] = [
	idsFilter(
		'Against IDs',
		'againstIds',
		"Only jobs against these companies or sites (comma-separated IDs); combine with Against Type. The IDs are in against_id of the jobs (Get Many), or pick the company in Create's Against list to see its ID.",
	),
	{
		displayName: 'Against Type',
		name: 'againstType',
		type: 'options',
		options: againstTypeOptions,
		default: 'company',
		description: 'Only jobs against this kind of object',
	},
	dateFilter('Completed After', 'completedAfter', 'Only jobs completed strictly after this time'),
	dateFilter('Completed Before', 'completedBefore', 'Only jobs completed strictly before this time'),
	dateFilter('Created After', 'createdAfter', 'Only jobs created strictly after this time'),
	dateFilter('Created Before', 'createdBefore', 'Only jobs created strictly before this time'),
	dateFilter('Due After', 'dueAfter', 'Only jobs due strictly after this time'),
	dateFilter('Due Before', 'dueBefore', 'Only jobs due strictly before this time'),
	recordsField('Manager Names or IDs', 'managerIds', 'getStaff', 'Only jobs managed by these staff'),
	dateFilter('Modified After', 'modifiedAfter', 'Only jobs modified strictly after this time'),
	dateFilter('Modified Before', 'modifiedBefore', 'Only jobs modified strictly before this time'),
	{
		displayName: 'Raw Filters',
		name: 'rawFilters',
		type: 'string',
		default: '',
		placeholder: 'e.g. standing_not(inactive),job_type(3)',
		description:
			'For experts: more _filters terms, appended as typed after the others. A term given twice counts only the last time.',
	},
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Text to look for in job titles',
	},
	{
		displayName: 'Standing',
		name: 'standing',
		type: 'multiOptions',
		options: STANDINGS.map((s) => ({ name: s[0].toUpperCase() + s.slice(1), value: s })),
		default: [],
		description: "Only jobs in these broad states (a status's standing)",
	},
	recordsField('Status Names or IDs', 'statusIds', 'getStatuses', 'Only jobs with these statuses'),
	recordsField('Type Names or IDs', 'typeIds', 'getJobTypes', 'Only jobs of these job types (the list shows the active ones)'),
];

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection(jobFilters),
	optionsCollection([
		fieldsOption,
		parallelRequestsOption(
			DEFAULT_PARALLEL_REQUESTS,
			'How many pages to request at once when reading many jobs (1: one page at a time). Accelo allows 5,000 requests an hour; 4 at once is a safe default. Reading in parallel costs one count request first, and is used only in Accelo\'s default order (no Order By).',
		),
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'options',
			options: ORDER_FIELDS.map((f) => ({ name: f, value: f })),
			default: 'id',
		},
		{
			displayName: 'Order Direction',
			name: 'orderDirection',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			default: 'asc',
		},
	]),
];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const options = readCollection(params, 'options');
	const qs = { ...buildJobQuery(readCollection(params, 'filters'), options, params.timeZone), ...fieldsQuery(options) };
	const result = await provider.listJobs(this, qs, {
		...readScope(params),
		limit: readLimit(params),
		parallelRequests: readParallelRequests(params),
	});
	return result.items;
}
