import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { checkOption, itemParameters, readJobId, readScope } from '../../../shared/parameters';
import { JOB_ID, provider } from '../../provider';
import { draftJob, jobAfterWrite, jobIdProperty } from './common';

/** The status changes the API documents: only submit (https://docs.taxfyle.com/jobs/job-submit). */
const CHANGES = ['submit'] as const;

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Submit (Under Construction → Unclaimed)',
				value: 'submit',
				description: 'Sends a draft job to the Taxfyle pool, where a Pro can claim it',
			},
		],
		default: 'submit',
		required: true,
		description:
			"The change to make: Submit is the only status change Worklayer's API offers",
		hint: 'Claiming, closing and cancelling happen in Taxfyle. A job that is not Under Construction is refused without a change.',
	},
	optionsCollection(),
];

export const description = forJobOperation('changeStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, JOB_ID);
	checkOption(params.get('status', 'submit'), 'Status', CHANGES);
	const scope = readScope(params);
	const job = await draftJob.call(this, jobId, 'submit the job', scope);
	const id = provider.jobId(job) ?? jobId;
	const answer = await provider.request(this, { method: 'POST', path: `/jobs/${encodeURIComponent(id)}/submit`, ...scope });
	return await jobAfterWrite.call(this, id, answer, scope);
}
