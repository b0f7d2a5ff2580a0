import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions';
import { pollJobs } from '../shared/poll';
import { jobFilters } from './actions/job/filterFields';
import { buildListQuery } from './filters';
import { searchTechnicians } from './methods/listSearch';
import { provider } from './provider';

export class FsmNavigatorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FSM Navigator Trigger',
		name: 'fsmNavigatorTrigger',
		icon: { light: 'file:fsmNavigator.svg', dark: 'file:fsmNavigator.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a job is created or changes in FSM Navigator, checked at the Poll Times (FSM Navigator has no webhooks)',
		defaults: { name: 'FSM Navigator Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fsmNavigatorApi', required: true }],
		properties: triggerProperties({
			events: [
				{
					value: 'jobCreated',
					description: 'A new job. Found with the created-after filter: one request per poll when nothing is new.',
				},
				{
					value: 'jobUpdated',
					description:
						"A job's updated time moved on. Each poll reads every job created within 'Created Within (Days)' (one request per 100 jobs).",
				},
				{
					value: 'jobStatusChanged',
					description:
						"A job's status changed; the output adds statusChange { from, to }. Each poll reads the jobs created within 'Created Within (Days)'.",
				},
			],
			filters: jobFilters.filter((filter) => !['createdAfter', 'createdBefore'].includes(filter.name)),
			windowEvents: ['jobUpdated', 'jobStatusChanged'],
		}),
	};

	/** The filters' pickers. */
	methods = { listSearch: { searchTechnicians } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs.call(this, { provider, buildQuery: buildListQuery });
	}
}
