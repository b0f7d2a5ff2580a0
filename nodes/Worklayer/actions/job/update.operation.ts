import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { JOB_ID, provider } from '../../provider';
import { UUID, checkId, itemParameters, readCollection, readJobId, readScope } from '../../../shared/parameters';
import { draftJob, jobAfterWrite, jobIdProperty } from './common';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName:
			"Worklayer's API cannot change a job's name, description, deadline, owner, template or status by an update. It can only set the Pro the client asks for, and only while the job is Under Construction (before Submit).",
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Requested Provider ID',
				name: 'requestedProviderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f6c1d2e-8a4b-4c1d-9e2f-5a6b7c8d9e0f',
				description:
					'User ID of the Pro the client asks to work on this job (Worklayer requested-provider), only before the job is submitted',
				hint: "Worklayer's API lists no Pros: the ID is the Pro's user_id in the job's members (Get) on a job they worked on, or from Worklayer.",
			},
		],
	},
	optionsCollection(),
];

export const description = forJobOperation('update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_ID);
	const fields = readCollection(params, 'updateFields', 'Update Fields');
	const proId = checkId(fields.requestedProviderId, 'Requested Provider ID', UUID);
	const scope = readScope(params);
	const job = await draftJob.call(this, jobId, 'request a Pro', scope);
	const id = provider.jobId(job) ?? jobId;
	// https://docs.taxfyle.com/jobs/job-creation-flow: "This must be done prior to submitting the job".
	const answer = await provider.request(this, {
		method: 'POST',
		path: `/jobs/${encodeURIComponent(id)}/requested-provider`,
		body: { requested_provider_id: proId },
		...scope,
	});
	return await jobAfterWrite.call(this, id, answer, scope);
}
