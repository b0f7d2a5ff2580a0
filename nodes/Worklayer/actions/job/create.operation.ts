import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { UUID, checkId, itemParameters, readScope } from '../../../shared/parameters';
import { provider, unwrapJob } from '../../transport';
import { jobAfterWrite } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Owner User Name or ID',
		name: 'ownerUserId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMembers' },
		default: '',
		required: true,
		description:
			'The workspace member (the client) the job is for. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Job Template Name or ID',
		name: 'jobTemplateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getJobTemplates' },
		default: '',
		required: true,
		description:
			'What kind of return the job is. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
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
		owner_user_id: checkId(params.get('ownerUserId', ''), 'Owner User', UUID),
		job_template_id: checkId(params.get('jobTemplateId', ''), 'Job Template', UUID),
	};
	const scope = readScope(params);
	const answer = await provider.request(this, { method: 'POST', path: '/jobs', body, ...scope });
	const jobId = provider.jobId(unwrapJob(answer));
	return jobId === undefined ? unwrapJob(answer) : await jobAfterWrite.call(this, jobId, answer, scope);
}
