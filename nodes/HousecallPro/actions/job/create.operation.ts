import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { checkId, itemParameters, readCollection, readScope } from '../../../shared/parameters';
import { HCP_ID } from '../../filters';
import { provider } from '../../transport';
import { createBody, createFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. cus_1a2b3c',
		description: 'The existing customer the job is for',
	},
	{
		displayName: 'Address ID',
		name: 'addressId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. adr_1a2b3c',
		description: "One of the customer's existing addresses, where the work is done",
	},
	fieldsCollection('additionalFields', createFields),
	optionsCollection(),
];

export const description = forJobOperation('create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const body = createBody(
		checkId(params.get('customerId', ''), 'Customer ID', HCP_ID),
		checkId(params.get('addressId', ''), 'Address ID', HCP_ID),
		readCollection(params, 'additionalFields'),
		params.timeZone,
	);
	// POST /jobs answers 201 with the whole job: no read-back needed.
	return provider.unwrapJob(await provider.request(this, { method: 'POST', path: '/jobs', body, ...readScope(params) }));
}
