import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperations } from '../shared/router';
import { descriptions, operations } from './actions';
import { searchJobs, searchTechnicians } from './methods/listSearch';
import { getAssets } from './methods/loadOptions';

export class FsmNavigator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FSM Navigator',
		name: 'fsmNavigator',
		icon: { light: 'file:fsmNavigator.svg', dark: 'file:fsmNavigator.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update and move jobs through their statuses in FSM Navigator',
		defaults: { name: 'FSM Navigator' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fsmNavigatorApi', required: true }],
		properties: descriptions,
	};

	methods = { listSearch: { searchJobs, searchTechnicians }, loadOptions: { getAssets } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operations);
	}
}
