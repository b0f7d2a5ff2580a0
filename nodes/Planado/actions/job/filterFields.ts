/** The filters of Get Many, which the polling trigger offers too. */
import type { INodeProperties } from 'n8n-workflow';

import { dateFilter } from '../../../shared/descriptions';
import { recordsField } from '../../../shared/recordLocator';
import { JOB_STATUSES, STATUS_NAMES } from '../../statuses';
import { WORKER_ID_HINT, planadoLocator } from './fields';

const uuidFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 137eafeb-15d1-6480-022b-0ec4617ba21a',
	description,
});

const strictDateFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	...dateFilter(displayName, name, `${description} (strict: a job at exactly this time is not included)`),
	hint: "A value without an offset is in the workflow's time zone.",
});

/** The Filters collection's fields (the trigger offers all but the updated-at range, which it sets itself). */
export const jobFilters: INodeProperties[] = [
	planadoLocator({ displayName: 'Assignee Team', name: 'assigneeTeamUuid', searchListMethod: 'searchTeams', recordName: 'team', description: 'Only jobs assigned to this team' }),
	uuidFilter('Assignee Worker UUID', 'assigneeWorkerUuid', `Only jobs assigned to this worker. ${WORKER_ID_HINT}`),
	{
		displayName: 'Client External ID',
		name: 'clientExternalId',
		type: 'string',
		default: '',
		placeholder: 'e.g. company1',
		description: "Only jobs of the client with this external ID (your system's ID for the client)",
	},
	planadoLocator({ displayName: 'Client', name: 'clientUuid', searchListMethod: 'searchClients', recordName: 'client', description: 'Only jobs of this client' }),
	planadoLocator({
		displayName: 'Completion Of',
		name: 'completionOfUuid',
		searchListMethod: 'searchJobs',
		recordName: 'job',
		description: 'Only jobs that complete this job: linked jobs whose oldest ancestor made from the same template is this one',
	}),
	{
		displayName: 'External Order ID',
		name: 'externalOrderId',
		type: 'string',
		default: '',
		placeholder: 'e.g. crm-deal-678190454834217',
		description: 'Only jobs linked to this order, deal or lead of your system',
	},
	planadoLocator({
		displayName: 'Initial Job',
		name: 'initialJobUuid',
		searchListMethod: 'searchJobs',
		recordName: 'job',
		description: 'Only jobs linked to this job, the oldest among the linked jobs',
	}),
	{
		...recordsField(
			'Resolution (Canceled) Names or IDs',
			'resolutionCanceled',
			'getResolutions',
			'Canceled jobs with these resolutions',
		),
		hint: 'Implies the Canceled status; other statuses chosen under Status are still included.',
	},
	{
		...recordsField(
			'Resolution (Finished) Names or IDs',
			'resolutionFinished',
			'getResolutions',
			'Finished jobs with these resolutions',
		),
		hint: 'Implies the Finished status; other statuses chosen under Status are still included.',
	},
	strictDateFilter('Scheduled After', 'scheduledAfter', 'Only jobs scheduled to start after this time'),
	strictDateFilter('Scheduled Before', 'scheduledBefore', 'Only jobs scheduled to start before this time'),
	planadoLocator({
		displayName: 'Site',
		name: 'siteUuid',
		searchListMethod: 'searchSites',
		recordName: 'site',
		description: "Only jobs at this site. With a Client chosen, the list shows that client's sites.",
	}),
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: JOB_STATUSES.map((status) => ({ name: STATUS_NAMES[status], value: status })),
		default: [],
		description: 'Only jobs in one of these statuses',
	},
	strictDateFilter('Updated After', 'updatedAfter', 'Only jobs changed after this time'),
	strictDateFilter('Updated Before', 'updatedBefore', 'Only jobs changed before this time'),
];
