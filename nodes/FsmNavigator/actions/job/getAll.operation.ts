import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	forJobOperation,
	optionsCollection,
	parallelRequestsOption,
	returnAllFields,
} from '../../../shared/descriptions';
import { itemParameters, readCollection, readListOptions } from '../../../shared/parameters';
import { buildListQuery } from '../../filters';
import { DEFAULT_PARALLEL_REQUESTS, provider } from '../../provider';
import { jobFilters } from './filterFields';

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection(jobFilters),
	optionsCollection([
		parallelRequestsOption(
			DEFAULT_PARALLEL_REQUESTS,
			'FSM Navigator publishes no rate-limit figures; 4 is a safe default. If the list changes during a parallel read, it is read again one page at a time.',
		),
	]),
];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const qs = buildListQuery(readCollection(params, 'filters'), params.timeZone);
	return (await provider.listJobs(this, qs, readListOptions(params))).items;
}
