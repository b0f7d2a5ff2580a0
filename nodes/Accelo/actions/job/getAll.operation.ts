import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	forJobOperation,
	optionsCollection,
	parallelRequestsOption,
	returnAllFields,
} from '../../../shared/descriptions';
import { itemParameters, readCollection, readListOptions } from '../../../shared/parameters';
import { ORDER_FIELDS, buildJobQuery } from '../../filters';
import { DEFAULT_PARALLEL_REQUESTS, provider } from '../../provider';
import { fieldsOption, fieldsQuery } from './common';
import { jobFilters } from './filterFields';

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection(jobFilters),
	optionsCollection([
		fieldsOption,
		parallelRequestsOption(
			DEFAULT_PARALLEL_REQUESTS,
			"Accelo allows 5,000 requests an hour; 4 at once is a safe default. Costs one count request first; used only in Accelo's default order (no Order By).",
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
	return (await provider.listJobs(this, qs, readListOptions(params))).items;
}
