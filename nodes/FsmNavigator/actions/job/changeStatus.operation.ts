import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import { INTEGER_ID, InvalidInputError, checkOption, itemParameters, readJobId, readScope } from '../../../shared/parameters';
import { JOB_STATUSES, checkTransition } from '../../statuses';
import { provider, unwrapJob } from '../../provider';
import { jobIdProperty } from './common';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: JOB_STATUSES.map((s) => ({ name: s, value: s })),
		default: 'Assigned',
		required: true,
		description:
			"The job's new status; if the job already has it, nothing is changed",
		hint: 'Moves: Pending → Assigned/Cancelled; Assigned → In Progress/Pending/On Hold/Cancelled; In Progress → Completed/Assigned/On Hold/Cancelled; On Hold → In Progress/Assigned/Cancelled; Completed → Invoiced → Paid → Closed',
	},
	optionsCollection(),
];

export const description = forJobOperation('changeStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, INTEGER_ID);
	const target = checkOption(params.get('status', ''), 'Status', JOB_STATUSES);
	const scope = readScope(params);
	const job = await provider.getJob(this, jobId, scope);
	const check = checkTransition(job.job_status, target);
	if (!check.allowed) {
		throw new InvalidInputError(`Job ${jobId}: ${check.message}`, 'FSM Navigator only allows the moves in its status table.');
	}
	if (check.unchanged) return job;
	const answer = unwrapJob(
		await provider.request(this, {
			method: 'PATCH',
			path: '/jobs',
			qs: { id: jobId },
			body: { job_status: target },
			...scope,
		}),
	);
	return await provider.readBack(this, jobId, scope, {
		...job,
		...answer,
	});
}
