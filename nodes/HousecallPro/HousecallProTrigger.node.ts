import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { triggerProperties } from '../shared/descriptions';
import { pollJobs } from '../shared/poll';
import { jobFilters } from './actions/job/filterFields';
import { buildJobQuery } from './filters';
import { searchCustomers } from './methods/listSearch';
import { getEmployees } from './methods/loadOptions';
import { provider } from './provider';

function buildTriggerQuery(filters: IDataObject, timeZone: string): IDataObject {
	return buildJobQuery(filters, {}, timeZone);
}

export class HousecallProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Housecall Pro Trigger',
		name: 'housecallProTrigger',
		icon: { light: 'file:housecallPro.svg', dark: 'file:housecallPro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a job is created or changes in Housecall Pro, checked at the Poll Times (no webhook needed)',
		defaults: { name: 'Housecall Pro Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'housecallProApi', required: true }],
		properties: triggerProperties({
			events: [
				{
					value: 'jobCreated',
					description:
						'A new job. Found newest first (created_at), up to the first page of older jobs: one request per poll when nothing is new',
				},
				{
					value: 'jobUpdated',
					description:
						'Any change to a job. Read newest first by updated_at, stopping at the first page reaching older changes: one request per poll when nothing changed.',
				},
				{
					value: 'jobStatusChanged',
					description:
						"A job's work_status changed (e.g. scheduled → in progress); the output adds statusChange { from, to } in the response words",
				},
			],
			filters: jobFilters,
			windowEvents: ['jobStatusChanged'],
		}),
	};

	/** The filters' pickers. */
	methods = { listSearch: { searchCustomers }, loadOptions: { getEmployees } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs.call(this, { provider, buildQuery: buildTriggerQuery });
	}
}
