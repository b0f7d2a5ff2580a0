/** Field definitions that every provider's operations share. */
import type { INodeProperties } from 'n8n-workflow';

/** The `jobId` resource locator: a searchable list, an ID, and a URL where the provider has one. */
export function jobIdField(options: {
	providerName: string;
	idPlaceholder: string;
	idRegex?: string;
	url?: { placeholder: string; regex: string };
	description?: string;
}): INodeProperties {
	const idValidation: NonNullable<INodeProperties['modes']>[number]['validation'] = options.idRegex
		? [{ type: 'regex', properties: { regex: options.idRegex, errorMessage: 'Not a valid job ID' } }]
		: undefined;
	const property: INodeProperties = {
		displayName: 'Job',
		name: 'jobId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description ?? `The ${options.providerName} job to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a job...',
				typeOptions: { searchListMethod: 'searchJobs', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: idValidation,
			},
			...(options.url
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: options.url.placeholder,
							extractValue: { type: 'regex' as const, regex: options.url.regex },
						},
					]
				: []),
		],
	};
	return property;
}
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	default: 30000,
	typeOptions: { minValue: 1 },
	description: 'How long to wait for each answer from the API, in milliseconds, before giving up',
};

/** The `options` collection of an operation: Timeout plus what the operation adds. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, timeoutOption].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
