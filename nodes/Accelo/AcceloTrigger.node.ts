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
import { getJobTypes, getStaff, getStatuses } from './methods/loadOptions';
import { SIMPLIFY_FIELDS } from './simplify';
import { ALL_FIELDS, provider } from './provider';

/** Trigger filters: the Get Many filters without the date ranges, which the trigger sets itself. */
const DATE_FILTERS = /^(created|modified|due|completed)(After|Before)$/;

function buildTriggerQuery(filters: IDataObject, timeZone: string, simplify: boolean): IDataObject {
	// Every field, so that the output matches Get and the status and dates can be read; with
	// Simplify, also the linked names it maps, as Get asks for them.
	return { ...buildJobQuery(filters, {}, timeZone), _fields: simplify ? SIMPLIFY_FIELDS : ALL_FIELDS };
}

export class AcceloTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Accelo Trigger',
		name: 'acceloTrigger',
		icon: { light: 'file:accelo.svg', dark: 'file:accelo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a job is created or changes in Accelo, checked at the Poll Times (Accelo sends no webhooks for jobs)',
		defaults: { name: 'Accelo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'acceloOAuth2Api', required: true }],
		properties: triggerProperties({
			events: [
				{
					value: 'jobCreated',
					description: 'A new job. Found with date_created_after, oldest first: one request per poll when nothing is new.',
				},
				{
					value: 'jobUpdated',
					description: 'Any change to a job. Found with date_modified_after, oldest first: one request per poll when nothing is new.',
				},
				{
					value: 'jobStatusChanged',
					description:
						"A job's status changed; the output adds statusChange { from, to } (status IDs)",
				},
			],
			filters: jobFilters.filter((filter) => !DATE_FILTERS.test(filter.name)),
			windowEvents: ['jobStatusChanged'],
		}),
	};

	/** The filters' lists. */
	methods = { loadOptions: { getJobTypes, getStaff, getStatuses } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { simplify } = this.getNodeParameter('options', {}) as IDataObject;
		return await pollJobs.call(this, {
			provider,
			buildQuery: (filters, timeZone) => buildTriggerQuery(filters, timeZone, simplify === true),
		});
	}
}
