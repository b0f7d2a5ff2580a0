import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, forJobOperation, optionsCollection, returnAllFields } from '../../../shared/descriptions';
import { itemParameters, readCollection, readListOptions } from '../../../shared/parameters';
import { buildJobQuery } from '../../filters';
import { provider } from '../../provider';
import { jobFilters } from './filterFields';

const properties: INodeProperties[] = [
	...returnAllFields().map((field) =>
		field.name === 'limit'
			? {
					...field,
					description:
						'Max number of results to return. Planado sends pages of a size it chooses; reading stops as soon as this many jobs have arrived.',
				}
			: field,
	),
	filtersCollection(jobFilters),
	optionsCollection(),
];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const qs = buildJobQuery(readCollection(params, 'filters'), params.timeZone);
	return (await provider.listJobs(this, qs, readListOptions(params))).items;
}
