import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { jobIdField } from '../../../shared/descriptions';
import { InvalidInputError } from '../../../shared/parameters';
import type { RequestScope } from '../../../shared/provider';
import { JOB_ID, provider, unwrapJob } from '../../provider';
import { DRAFT_STATUS } from '../../statuses';

export const jobIdProperty = jobIdField({
	providerName: 'Worklayer',
	idPlaceholder: 'e.g. a9749189-c82b-488b-a448-8f74c3d254e0 or 7GRK4ERKFLL',
	idPattern: JOB_ID,
	description: 'The Worklayer job: pick it from the list, or give its ID (a UUID) or its short ID',
});

/** Reads the job and refuses, without a write, when it is no longer a draft. */
export async function draftJob(this: IExecuteFunctions, jobId: string, action: string, scope: RequestScope): Promise<IDataObject> {
	const job = await provider.getJob(this, jobId, scope);
	const status = provider.status(job);
	if (status !== DRAFT_STATUS) {
		throw new InvalidInputError(
			`Cannot ${action}: job ${String(job.short_id ?? jobId)} is ${status ?? 'in an unknown status'}, and Worklayer allows this only while a job is ${DRAFT_STATUS}`,
			'Once a job is submitted it belongs to the Taxfyle pool: claiming, closing and cancelling happen in Taxfyle, not through the API.',
		);
	}
	return job;
}

/**
 * The job after a write. The docs do not show what a write answers: a job in the answer is used
 * as it is, anything else is replaced by a read of the job (and if that read fails, the write has
 * still happened, so the write's answer is returned rather than an error that invites a resend).
 */
export async function jobAfterWrite(this: IExecuteFunctions, jobId: string, answer: unknown, scope: RequestScope): Promise<IDataObject> {
	const job = unwrapJob(answer);
	if (provider.jobId(job) !== undefined && typeof job.status === 'string') return job;
	return await provider.readBack(this, jobId, scope, job);
}
