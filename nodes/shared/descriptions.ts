/** Field definitions that every provider's operations share. */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { MAX_PARALLEL_REQUESTS, MAX_TIMEOUT_MS, editorIdRegex, type IdPattern } from './parameters';

type ModeValidation = NonNullable<INodeProperties['modes']>[number]['validation'];

/** The editor's check of a By ID field, from the pattern the node checks again before any request. */
export function idValidation(pattern: IdPattern, errorMessage: string): ModeValidation {
	const regex = editorIdRegex(pattern);
	return regex === undefined ? undefined : [{ type: 'regex', properties: { regex, errorMessage } }];
}

/** The `jobId` resource locator: a searchable list, an ID, and a URL where the provider has one. */
export function jobIdField(options: {
	providerName: string;
	idPlaceholder: string;
	/** What a job ID looks like: the editor checks the ID mode with it (as the node does before any request). */
	idPattern: IdPattern;
	/** What a job ID looks like in the editor's message ("a number, such as 42"); default: the pattern's. */
	idLooksLike?: string;
	url?: { placeholder: string; regex: string };
	description?: string;
}): INodeProperties {
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
				validation: idValidation(options.idPattern, `Not a valid ${options.providerName} job ID: it is ${options.idLooksLike ?? options.idPattern.expected}`),
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
	typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS },
	description: `How long to wait for each answer from the API, in milliseconds, before giving up: 1 to ${MAX_TIMEOUT_MS} (10 minutes)`,
};

/**
 * `options.parallelRequests` of Get Many, where the API lets pages be read in parallel; the
 * hint says why the default is safe and when it stays sequential.
 */
export function parallelRequestsOption(defaultRequests: number, hint: string): INodeProperties {
	return {
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		default: defaultRequests,
		typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
		description: 'How many pages to request at once when reading many jobs (1: one page at a time)',
		hint,
	};
}

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a simplified version of the response instead of the raw data',
	hint: 'Each job in the common job shape, with the same keys for every field-service provider (see the README)',
};

/** The `options` collection of an operation: Simplify and Timeout plus what the operation adds. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, simplifyOption, timeoutOption].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** What each job operation does, in this provider's words (shown under the operation's name). */
export interface JobOperationTexts {
	changeStatus: string;
	create: string;
	get: string;
	getAll: string;
	update: string;
}

/** The Resource and Operation selectors every node starts with. */
export function jobResourceAndOperations(texts: JobOperationTexts): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'Job', value: 'job' }],
			default: 'job',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['job'] } },
			options: [
				{ name: 'Change Status', value: 'changeStatus', description: texts.changeStatus, action: 'Change the status of a job' },
				{ name: 'Create', value: 'create', description: texts.create, action: 'Create a job' },
				{ name: 'Get', value: 'get', description: texts.get, action: 'Get a job' },
				{ name: 'Get Many', value: 'getAll', description: texts.getAll, action: 'Get many jobs' },
				{ name: 'Update', value: 'update', description: texts.update, action: 'Update a job' },
			],
			default: 'getAll',
		},
	];
}

/** `properties` shown only for one job operation. */
export function forJobOperation(operation: keyof JobOperationTexts, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['job'], operation: [operation] } }, properties);
}

/** Create's optional fields (`additionalFields`) or Update's fields (`updateFields`), as a collection. */
export function fieldsCollection(name: 'additionalFields' | 'updateFields', options: INodeProperties[]): INodeProperties {
	return {
		displayName: name === 'additionalFields' ? 'Additional Fields' : 'Update Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** A date filter (n8n's date picker writes wall-clock time, read in the workflow's time zone). */
export function dateFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description };
}

/** A filter taking IDs as a comma-separated list. */
export function idsFilter(displayName: string, name: string, description: string, placeholder = 'e.g. 10, 11'): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, description };
}

/** The `filters` collection of Get Many, its options in alphabetical order. */
export function filtersCollection(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...filters].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** One event a trigger offers, with how it is detected and what a poll costs, in the provider's terms. */
interface TriggerEventOption {
	value: 'jobCreated' | 'jobUpdated' | 'jobStatusChanged';
	description: string;
}

const EVENT_NAMES: Record<TriggerEventOption['value'], string> = {
	jobCreated: 'Job Created',
	jobUpdated: 'Job Updated',
	jobStatusChanged: 'Job Status Changed',
};

/**
 * A polling trigger's fields: Event, the Filters that apply to it, and Options. `windowEvents` are
 * the events found by scanning recently created jobs; Created Within (Days) bounds that scan.
 */
export function triggerProperties(options: {
	events: TriggerEventOption[];
	filters: INodeProperties[];
	windowEvents: Array<TriggerEventOption['value']>;
}): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			noDataExpression: true,
			options: options.events.map((event) => ({
				name: EVENT_NAMES[event.value],
				value: event.value,
				description: event.description,
			})),
			// Every provider can see new jobs.
			default: 'jobCreated',
			required: true,
		},
	];
	if (options.filters.length) properties.push(filtersCollection(options.filters));
	const extra: INodeProperties[] = [
		{
			displayName: 'Catch Up After Deactivation',
			name: 'catchUp',
			type: 'boolean',
			default: false,
			description:
				'Whether to emit, on reactivation, the jobs created or changed while the workflow was inactive (500 per poll)',
			hint: 'Off, it starts from the activation, as the first time. A restart of n8n or saving the active workflow never skips anything.',
		},
	];
	if (options.windowEvents.length) {
		extra.push({
			displayName: 'Created Within (Days)',
			name: 'createdWithinDays',
			type: 'number',
			default: 90,
			typeOptions: { minValue: 0 },
			displayOptions: { show: { '/event': options.windowEvents } },
			description:
				'Only jobs created within this many days are watched for changes (0 = every job)',
			hint: 'Each poll reads all of them, so a smaller window costs fewer requests; a change to an older job is not seen.',
		});
	}
	properties.push(optionsCollection(extra));
	return properties;
}
