import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, checkId, itemParameters, readCollection, readScope, requireText } from '../../../shared/parameters';
import { provider, unwrapJob } from '../../provider';
import { customerLocationField, jobBody, jobFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. AC unit repair',
		description: 'Short description of the work',
	},
	{
		...customerLocationField,
		required: true,
		description: 'The customer location where the work happens',
	},
	fieldsCollection('additionalFields', jobFields(false)),
	optionsCollection(),
];

export const description = forJobOperation('create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const body: IDataObject = {
		job_title: requireText(params.get('jobTitle', ''), 'Job Title'),
		customer_location_id: Number(checkId(params.get('customerLocationId', ''), 'Customer Location ID', INTEGER_ID)),
		...jobBody(readCollection(params, 'additionalFields'), params.timeZone, false),
	};
	const scope = readScope(params);
	const created = unwrapJob(await provider.request(this, { method: 'POST', path: '/jobs', body, ...scope }));
	const jobId = provider.jobId(created);
	if (jobId === undefined) return created;
	return await provider.readBack(this, jobId, scope, created);
}

