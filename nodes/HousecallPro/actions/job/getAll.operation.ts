import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	forJobOperation,
	optionsCollection,
	parallelRequestsOption,
	returnAllFields,
} from '../../../shared/descriptions';
import { itemParameters, readCollection, readListOptions } from '../../../shared/parameters';
import { SORT_FIELDS, buildJobQuery } from '../../filters';
import { DEFAULT_PARALLEL_REQUESTS, provider } from '../../provider';
import { expandOption } from './common';
import { jobFilters } from './filterFields';

export const sortOptions: INodeProperties[] = [
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: SORT_FIELDS.map((field) => ({ name: field, value: field })),
		default: 'created_at',
		description:
			'Field to sort by. Without a sort, Housecall Pro returns the newest jobs first.',
		hint: 'Without a sort, Return All reads oldest first instead (created_at ascending), so that jobs created during the read are not missed.',
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
			'Clients see 429s at about 4 requests a second, so 3 is the default; a 429 drops the rest of the read to one page at a time. Only for Return All or a limit over 200.',
		),
	]),
];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const list = readListOptions(params);
	const qs = buildJobQuery(readCollection(params, 'filters'), readCollection(params, 'options'), params.timeZone, list.limit === undefined);
	return (await provider.listJobs(this, qs, list)).items;
}
