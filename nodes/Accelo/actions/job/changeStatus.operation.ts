import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forJobOperation, optionsCollection } from '../../../shared/descriptions';
import {
	INTEGER_ID,
	InvalidInputError,
	checkId,
	itemParameters,
	readCollection,
	readJobId,
	readScope,
} from '../../../shared/parameters';
import { idOf, provider, unwrapList, unwrapObject } from '../../provider';
import { fieldsOption, fieldsQuery, jobIdProperty } from './common';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Status Name or ID',
		name: 'statusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses' },
		default: '',
		required: true,
		description:
			'The status to move the job to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Use Progressions',
		name: 'useProgressions',
		type: 'boolean',
		default: true,
		description:
			"Whether to run the job's progression that leads to this status, or to set the status directly",
		hint: 'It follows your Accelo business process; it fails and lists the reachable statuses when no progression leads there.',
	},
	optionsCollection([fieldsOption]),
];

export const description = forJobOperation('changeStatus', properties);

/** Status id → title, for messages. */
async function statusTitles(this: IExecuteFunctions): Promise<Map<string, string>> {
	const items = await provider.listAll(this, { path: '/jobs/statuses', qs: { _fields: 'title' } });
	return new Map(items.map((status) => [idOf(status) ?? '', String(status.title ?? '')]));
}

interface Progression extends IDataObject {
	id: string;
	title?: string;
	status?: { id?: string; title?: string };
}

function isProgression(value: IDataObject): value is Progression {
	return idOf(value) !== undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const params = itemParameters(this, itemIndex);
	const jobId = readJobId(params, INTEGER_ID);
	const statusId = checkId(params.get('statusId', ''), 'Status', INTEGER_ID);
	const useProgressions = params.get('useProgressions', true) as boolean;
	const scope = readScope(params);
	const fields = fieldsQuery(readCollection(params, 'options'));

	if (!useProgressions) {
		const answer = await provider.request(this, {
			method: 'PUT',
			path: `/jobs/${jobId}`,
			qs: fields,
			body: { status_id: statusId },
			form: true,
			...scope,
		});
		return unwrapObject(answer);
	}

	const progressions = unwrapList(
		await provider.request(this, { method: 'GET', path: `/jobs/${jobId}/progressions`, ...scope }),
	).filter(isProgression);
	const progression = progressions.find((p) => String(p.status?.id) === statusId);
	if (!progression) {
		// Nothing leads there. If the job is already in that status there is nothing to do.
		const job = await provider.getJob(this, jobId, { ...scope, query: fields });
		const current = job.status;
		const currentId = typeof current === 'object' && current !== null ? (current as IDataObject).id : current;
		if (currentId !== undefined && String(currentId) === statusId) return job;
		// Name the statuses as the user picked them, not by id (one more read, on this error path only).
		const titles = await statusTitles.call(this);
		const name = (id: unknown) => `'${titles.get(String(id)) ?? `status ${String(id)}`}'`;
		const reachable = progressions.map((p) => name(p.status?.id));
		const from = currentId !== undefined ? ` from its current status ${name(currentId)}` : '';
		throw new InvalidInputError(
			reachable.length
				? `Job ${jobId} cannot reach ${name(statusId)} by a progression${from}. Its progressions lead to: ${reachable.join(', ')}`
				: `Job ${jobId} cannot reach ${name(statusId)} by a progression: the job has no progression available to this user`,
			reachable.length
				? "Pick one of the reachable statuses, or turn off 'Use Progressions' to set the status directly."
				: "Accelo lists progressions only for users with process permission or the job's manager. Turn off 'Use Progressions' to set the status directly.",
		);
	}
	const answer = await provider.request(this, {
		method: 'POST',
		path: `/jobs/${jobId}/progressions/${encodeURIComponent(progression.id)}/auto`,
		qs: fields,
		...scope,
	});
	return unwrapObject(answer);
}
