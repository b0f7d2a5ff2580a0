import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { idString, isObject } from '../../../shared/json';
import { InvalidInputError, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { provider } from '../../provider';
import { JOB_REF, jobIdProperty, notifyAssigneesOption, writeHeaders } from './common';
import { jobBody, updateFields } from './fields';

const versionOption: INodeProperties = {
	displayName: 'Expected Version',
	name: 'version',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		"Safe update: the job's version when you read it (version field of a Get or Get Many output); 0 sends no version",
	hint: 'If the job was changed since, in the app or elsewhere, Planado refuses the update with a conflict instead of overwriting that change.',
};

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "Only the fields added here change. The template, job type and external IDs cannot be changed after creation.",
		options: updateFields,
	},
	optionsCollection([notifyAssigneesOption, versionOption]),
];

export const description = forJobOperation('update', properties);

function readVersion(options: IDataObject): number | undefined {
	if (options.version === undefined || options.version === '' || options.version === 0) return undefined;
	const version = Number(options.version);
	if (!Number.isInteger(version) || version < 0) {
		throw new InvalidInputError("'Expected Version' must be a whole number, such as the job's version from a Get");
	}
	return version;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_REF);
	const body = jobBody(readCollection(params, 'updateFields', 'Update Fields'), params.timeZone);
	const options = readCollection(params, 'options');
	const version = readVersion(options);
	if (version !== undefined) body.version = version;
	const scope = readScope(params);
	const answer = await provider.request(this, {
		method: 'PATCH',
		path: `/jobs/${encodeURIComponent(jobId)}`,
		body,
		headers: writeHeaders(options),
		...scope,
	});
	// The answer is `{ job_uuid }` only: read the job back.
	const written = isObject(answer) ? answer : {};
	const jobUuid = idString(written.job_uuid) ?? jobId;
	return await provider.readBack(this, jobUuid, scope, written);
}
