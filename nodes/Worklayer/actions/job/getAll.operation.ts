import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, forJobOperation, optionsCollection, returnAllFields } from '../../../shared/descriptions';
import { itemParameters, readCollection, readListOptions } from '../../../shared/parameters';
import { buildJobQuery } from '../../filters';
import { provider } from '../../provider';
import { jobFilters } from './filterFields';

const properties: INodeProperties[] = [...returnAllFields(), filtersCollection(jobFilters), optionsCollection()];

export const description = forJobOperation('getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const params = itemParameters(this, itemIndex);
	const query = buildJobQuery(readCollection(params, 'filters'), params.timeZone);
	return (await provider.listJobs(this, query, readListOptions(params))).items;
}
