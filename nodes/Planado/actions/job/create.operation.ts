import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { idString, isObject } from '../../../shared/json';
import { itemParameters, readCollection, readScope } from '../../../shared/parameters';
import { provider } from '../../provider';
import { notifyAssigneesOption, writeHeaders } from './common';
import { createFields, jobBody } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Every field is optional in Planado: a job without any is an unscheduled, unassigned (posted) job',
		options: createFields,
	},
	optionsCollection([notifyAssigneesOption]),
];

export const description = forJobOperation('create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const body = jobBody(readCollection(params, 'additionalFields'), params.timeZone);
	// n8n's HTTP client drops an empty object and would send no body at all; a null description
	// (nullable on the create page) is the same empty job, sent as JSON.
	if (Object.keys(body).length === 0) body.description = null;
	const scope = readScope(params);
	const answer = await provider.request(this, {
		method: 'POST',
		path: '/jobs',
		body,
		headers: writeHeaders(readCollection(params, 'options')),
		...scope,
	});
	// Planado answers a create with `{ job_uuid }` only: read the job back.
	const written = isObject(answer) ? answer : {};
	const jobUuid = idString(written.job_uuid);
	if (jobUuid === undefined) return written;
	return await provider.readBack(this, jobUuid, scope, written);
}
