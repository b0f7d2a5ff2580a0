import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions';
import { pollJobs } from '../shared/poll';
import { jobFilters } from './actions/job/filterFields';
import { buildJobQuery } from './filters';
import { searchClients, searchJobs, searchSites, searchTeams } from './methods/listSearch';
import { getResolutions } from './methods/loadOptions';
import { provider } from './provider';

/**
 * Created Within (Days) only bounds the scan that learns the jobs' statuses on activation: Planado
 * filters by update time, so every later poll reads only what changed since the last one, not the
 * whole window (as the shared text says).
 */
function describeWindow(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) =>
		property.name !== 'options'
			? property
			: {
					...property,
					options: (property.options as INodeProperties[]).map((option) =>
						option.name !== 'createdWithinDays'
							? option
							: {
									...option,
									description:
										'On activation the trigger reads, once, the jobs created within this many days (0 = every job) to learn their statuses',
									hint: 'A status change of any of them is reported; an older job from its second status change on. Polls themselves read only the jobs changed since the last poll.',
								},
					),
				},
	);
}

export class PlanadoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planado Trigger',
		name: 'planadoTrigger',
		icon: { light: 'file:planado.svg', dark: 'file:planado.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a job is created or changes in Planado, checked at the Poll Times (no webhook needed)',
		defaults: { name: 'Planado Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'planadoApi', required: true }],
		properties: describeWindow(
			triggerProperties({
				events: [
					{
						value: 'jobCreated',
						description:
							'A new job, found among the jobs changed since the last poll (Planado cannot filter by creation time): one request when nothing changed',
					},
					{
						value: 'jobUpdated',
						description:
							'Any change to a job, including a status change made in the apps. Found with updated_at: one request per poll when nothing changed.',
					},
					{
						value: 'jobStatusChanged',
						description:
							"A job's status changed (also in the web or mobile app); the output adds statusChange { from, to }",
					},
				],
				filters: jobFilters.filter((filter) => !['updatedAfter', 'updatedBefore'].includes(filter.name)),
				windowEvents: ['jobStatusChanged'],
			}),
		),
	};

	/** The filters' pickers. */
	methods = { listSearch: { searchClients, searchJobs, searchSites, searchTeams }, loadOptions: { getResolutions } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs.call(this, { provider, buildQuery: buildJobQuery });
	}
}
