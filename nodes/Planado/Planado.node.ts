import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { routeOperations } from '../shared/router';
import { descriptions, operations } from './actions';
import {
	searchClients,
	searchJobTypes,
	searchJobs,
	searchSites,
	searchTeams,
	searchTemplates,
	searchTerritories,
} from './methods/listSearch';
import { getResolutions, getSkills } from './methods/loadOptions';

export class Planado implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planado',
		name: 'planado',
		icon: { light: 'file:planado.svg', dark: 'file:planado.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update and schedule field-service jobs in Planado',
		defaults: { name: 'Planado' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'planadoApi', required: true }],
		properties: descriptions,
	};

	methods = {
		listSearch: { searchClients, searchJobTypes, searchJobs, searchSites, searchTeams, searchTemplates, searchTerritories },
		loadOptions: { getResolutions, getSkills },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operations);
	}
}
