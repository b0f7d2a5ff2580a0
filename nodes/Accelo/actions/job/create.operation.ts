import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, checkId, checkOption, itemParameters, readCollection, readScope, requireText } from '../../../shared/parameters';
import { recordValue } from '../../../shared/recordLocator';
import { AGAINST_TYPES } from '../../filters';
import { provider, unwrapObject } from '../../provider';
import { againstLocator, againstTypeOptions, fieldsOption, fieldsQuery, managerLocator } from './common';
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
	againstLocator('againstId', 'The company or site the job is for', true),
	managerLocator(true),
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
		engagement_id: checkId(recordValue(params.get('againstId', '')), 'Against', INTEGER_ID),
		manager_id: checkId(recordValue(params.get('managerId', '')), 'Manager', INTEGER_ID),
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
