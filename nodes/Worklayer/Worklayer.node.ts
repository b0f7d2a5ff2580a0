import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperations } from '../shared/router';
import { descriptions, operations } from './actions';
import { searchJobTemplates, searchJobs, searchMembers } from './methods/listSearch';

export class Worklayer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worklayer',
		name: 'worklayer',
		icon: { light: 'file:worklayer.svg', dark: 'file:worklayer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read and submit tax-preparation jobs in Worklayer by Taxfyle',
		defaults: { name: 'Worklayer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'worklayerApi', required: true }],
		properties: descriptions,
	};

	methods = { listSearch: { searchJobTemplates, searchJobs, searchMembers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operations);
	}
}
