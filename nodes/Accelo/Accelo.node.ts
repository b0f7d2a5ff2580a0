import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperations } from '../shared/router';
import { descriptions, operations } from './actions';
import { searchAffiliations, searchCompanies, searchContracts, searchJobs, searchRates, searchStaff } from './methods/listSearch';
import { getJobTypes, getStaff, getStatuses } from './methods/loadOptions';

export class Accelo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Accelo',
		name: 'accelo',
		icon: { light: 'file:accelo.svg', dark: 'file:accelo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update and progress jobs in Accelo',
		defaults: { name: 'Accelo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'acceloOAuth2Api', required: true }],
		properties: descriptions,
	};

	methods = {
		listSearch: { searchAffiliations, searchCompanies, searchContracts, searchJobs, searchRates, searchStaff },
		loadOptions: { getJobTypes, getStaff, getStatuses },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operations);
	}
}
