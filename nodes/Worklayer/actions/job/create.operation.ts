import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { UUID, checkId, itemParameters, readScope } from '../../../shared/parameters';
import { recordLocator, recordValue } from '../../../shared/recordLocator';
import { provider, unwrapJob } from '../../provider';
import { jobAfterWrite } from './common';

const properties: INodeProperties[] = [
	recordLocator({
		displayName: 'Owner User',
		name: 'ownerUserId',
		searchListMethod: 'searchMembers',
		recordName: 'member',
		idPlaceholder: 'e.g. e2ce134d-76f2-5a77-9d6c-906665d3ee54',
		idPattern: UUID,
		required: true,
		description: 'The workspace member (the client) the job is for',
	}),
	recordLocator({
		displayName: 'Job Template',
		name: 'jobTemplateId',
		searchListMethod: 'searchJobTemplates',
		recordName: 'job template',
		idPlaceholder: 'e.g. 3f6c1d2e-8a4b-4c1d-9e2f-5a6b7c8d9e0f',
		idPattern: UUID,
		required: true,
		description: 'What kind of return the job is',
	}),
	{
		displayName:
			'The job starts as Under Construction. Request a Pro with Update, then send it to the pool with Change Status → Submit.',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection(),
];

export const description = forJobOperation('create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	// https://docs.taxfyle.com/jobs/job-create: these two fields are the whole body.
	const body: IDataObject = {
		owner_user_id: checkId(recordValue(params.get('ownerUserId', '')), 'Owner User', UUID),
		job_template_id: checkId(recordValue(params.get('jobTemplateId', '')), 'Job Template', UUID),
	};
	const scope = readScope(params);
	const answer = await provider.request(this, { method: 'POST', path: '/jobs', body, ...scope });
	const jobId = provider.jobId(unwrapJob(answer));
	return jobId === undefined ? unwrapJob(answer) : await jobAfterWrite.call(this, jobId, answer, scope);
}
