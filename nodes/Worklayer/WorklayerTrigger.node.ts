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
import { buildJobQuery } from './filters';
import { searchMembers } from './methods/listSearch';
import { provider } from './provider';

export class WorklayerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worklayer Trigger',
		name: 'worklayerTrigger',
		icon: { light: 'file:worklayer.svg', dark: 'file:worklayer.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a job is created or changes in Worklayer by Taxfyle, checked at the Poll Times (no webhook needed)',
		defaults: { name: 'Worklayer Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'worklayerApi', required: true }],
		properties: triggerProperties({
			events: [
				{
					value: 'jobCreated',
					description:
						'A new job. Found with a create_time filter: one request per poll when nothing is new.',
				},
				{
					value: 'jobUpdated',
					description:
						"A job's update time moved on. Each poll reads every job created within 'Created Within (Days)'; a change to an older job is not seen.",
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
	methods = { listSearch: { searchMembers } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs.call(this, { provider, buildQuery: buildJobQuery });
	}
}
