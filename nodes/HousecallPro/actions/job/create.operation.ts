import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { checkId, itemParameters, readCollection, readScope } from '../../../shared/parameters';
import { recordLocator, recordValue } from '../../../shared/recordLocator';
import { HCP_ID } from '../../filters';
import { customerLocator } from './common';
import { provider } from '../../provider';
import { createBody, createFields } from './fields';

const properties: INodeProperties[] = [
	customerLocator('The existing customer the job is for', true),
	recordLocator({
		displayName: 'Address',
		name: 'addressId',
		searchListMethod: 'searchCustomerAddresses',
		recordName: 'address',
		idPlaceholder: 'e.g. adr_1a2b3c',
		idPattern: HCP_ID,
		required: true,
		description: "One of the customer's existing addresses, where the work is done: the list shows the chosen customer's addresses",
	}),
	fieldsCollection('additionalFields', createFields),
	optionsCollection(),
];

export const description = forJobOperation('create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const body = createBody(
		checkId(recordValue(params.get('customerId', '')), 'Customer', HCP_ID),
		checkId(recordValue(params.get('addressId', '')), 'Address', HCP_ID),
		readCollection(params, 'additionalFields'),
		params.timeZone,
	);
	// POST /jobs answers 201 with the whole job: no read-back needed.
	return provider.unwrapJob(await provider.request(this, { method: 'POST', path: '/jobs', body, ...readScope(params) }));
}
