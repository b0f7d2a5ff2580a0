import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, checkId, checkOption, itemParameters, readCollection, readScope, requireText } from '../../../shared/parameters';
import { AGAINST_TYPES } from '../../filters';
import { provider, unwrapObject } from '../../transport';
import { againstTypeOptions, fieldsOption, fieldsQuery } from './common';
import { createFields, jobBody } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Website rebuild',
	},
	{
		displayName: 'Against Type',
		name: 'againstType',
		type: 'options',
		options: againstTypeOptions,
		default: 'company',
		required: true,
		description: 'What the job is for: a company or a site',
	},
	{
		displayName: 'Against ID',
		name: 'againstId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 39',
		description: 'ID of the company or site',
	},
	{
		displayName: 'Manager ID',
		name: 'managerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7',
		description: 'Staff ID of the job manager',
	},
	{
		displayName: 'Type Name or ID',
		name: 'typeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getJobTypes' },
		default: '',
		required: true,
		description:
			'The job type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	fieldsCollection('additionalFields', createFields),
	optionsCollection([fieldsOption]),
];

export const description = forJobOperation('create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const body: IDataObject = {
		title: requireText(params.get('title', ''), 'Title'),
		// Accelo's create takes the object as engagement_table / engagement_id, as its update does
		// (https://api.accelo.com/docs/#create-a-job), though jobs read back as against_type / against_id.
		engagement_table: checkOption(params.get('againstType', ''), 'Against Type', AGAINST_TYPES),
		engagement_id: checkId(params.get('againstId', ''), 'Against ID', INTEGER_ID),
		manager_id: checkId(params.get('managerId', ''), 'Manager ID', INTEGER_ID),
		type_id: checkId(params.get('typeId', ''), 'Type', INTEGER_ID),
		...jobBody(readCollection(params, 'additionalFields'), params.timeZone),
	};
	// Accelo answers a create with the job, in the fields asked for: no second request needed.
	const answer = await provider.request(this, {
		method: 'POST',
		path: '/jobs',
		qs: fieldsQuery(readCollection(params, 'options')),
		body,
		form: true,
		...readScope(params),
	});
	return unwrapObject(answer);
}
