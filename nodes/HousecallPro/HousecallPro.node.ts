import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperations } from '../shared/router';
import { descriptions, operations } from './actions';
import { searchCustomerAddresses, searchCustomers, searchJobs } from './methods/listSearch';
import { getEmployees, getJobTypes, getPipelineStatuses, getTags } from './methods/loadOptions';

export class HousecallPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Housecall Pro',
		name: 'housecallPro',
		icon: { light: 'file:housecallPro.svg', dark: 'file:housecallPro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, schedule and tag jobs in Housecall Pro',
		defaults: { name: 'Housecall Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'housecallProApi', required: true }],
		properties: descriptions,
	};

	methods = {
		listSearch: { searchCustomerAddresses, searchCustomers, searchJobs },
		loadOptions: { getEmployees, getJobTypes, getPipelineStatuses, getTags },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operations);
	}
}
