/**
 * Job fields of Create (Additional Fields) and Update (Update Fields), named after the API's body
 * fields (https://api-docs.planadoapp.com/docs/v2/resources/jobs/create.html and update.html).
 * References (template, territory, skills, custom fields) are sent as `{ uuid }` when given a UUID,
 * else as `{ name }`, as the create page's examples do.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidInputError, UUID, checkId, checkOption, readIsoDate } from '../../../shared/parameters';
import { isObject } from '../../../shared/json';
import { recordLocator, recordValues, recordsField } from '../../../shared/recordLocator';

const uuidOrName = (value: string): IDataObject => (UUID.regex.test(value) ? { uuid: value } : { name: value });

function nonEmpty(value: unknown, label: string, max?: number): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InvalidInputError(`'${label}' is empty`, 'Remove the field, or give it a value.');
	if (max !== undefined && text.length > max) throw new InvalidInputError(`'${label}' is longer than ${max} characters`);
	return text;
}

function commaList(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

const CONTACT_TYPES = ['phone', 'email'] as const;

/** Where a worker's UUID is found: Planado documents no list of workers (users) to pick from. */
export const WORKER_ID_HINT = "Planado's API lists no workers: the UUID is in assignee.worker.uuid of a job assigned to them (Get).";

/** A picker of a Planado record, by UUID. */
export const planadoLocator = (options: { displayName: string; name: string; searchListMethod: string; recordName: string; description: string }): INodeProperties =>
	recordLocator({ ...options, idPlaceholder: 'e.g. 298b4eca-757a-5296-9078-a9991942704f', idPattern: UUID });

function sharedFields(forUpdate: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			default: '',
			placeholder: 'e.g. 12 Main Street, New York, NY',
			description: 'Where the work happens, as one line of text (address.formatted)',
		},
		{
			...planadoLocator({
				displayName: 'Assignee Team',
				name: 'assigneeTeamUuid',
				searchListMethod: 'searchTeams',
				recordName: 'team',
				description: forUpdate
					? 'The team to assign the job to (instead of a worker); Planado refuses the change once the job has started (started, suspended or finished)'
					: 'The team to assign the job to (instead of a worker)',
			}),
			hint: 'A posted job that also has a scheduled time becomes scheduled.',
		},
		{
			displayName: 'Assignee Worker UUID',
			name: 'assigneeWorkerUuid',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4132ed05-3b6d-456c-b3ef-ee1cc6af1e90',
			description: forUpdate
				? 'The worker to assign the job to; Planado refuses the change once the job has started (started, suspended or finished)'
				: 'The worker to assign the job to',
			hint: WORKER_ID_HINT + ' A posted job that also has a scheduled time becomes scheduled.',
		},
		planadoLocator({
			displayName: 'Client',
			name: 'clientUuid',
			searchListMethod: 'searchClients',
			recordName: 'client',
			description: 'An existing client of your Planado account',
		}),
		{
			displayName: 'Contacts',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Contact',
			description: forUpdate ? "The job's contacts: replaces the current list" : "The job's contacts",
			options: [
				{
					displayName: 'Contact',
					name: 'contact',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Who to reach' },
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Email', value: 'email' },
								{ name: 'Phone', value: 'phone' },
							],
							default: 'phone',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The phone number or email address' },
					],
				},
			],
		},
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Custom Field',
			description: 'Values of custom job fields, each named by its name or UUID',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name or UUID', name: 'field', type: 'string', default: '', description: 'The custom field, by its name or its UUID' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value, as text' },
					],
				},
			],
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'What is to be done (up to 15000 characters)',
		},
		{
			displayName: 'Scheduled At',
			name: 'scheduledAt',
			type: 'dateTime',
			default: '',
			description:
				"When the job is planned to start. A value without an offset is read in the workflow's time zone and sent in UTC.",
			hint: 'A posted job that also has an assignee becomes scheduled.',
		},
		{
			displayName: 'Scheduled Duration (Minutes)',
			name: 'scheduledDuration',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: 'How long the job is planned to take',
		},
		planadoLocator({
			displayName: 'Site',
			name: 'siteUuid',
			searchListMethod: 'searchSites',
			recordName: 'site',
			description: "An existing site of your Planado account. With a Client chosen, the list shows that client's sites.",
		}),
		{
			...recordsField('Skill Names or IDs', 'skills', 'getSkills', 'Skills the job needs'),
			...(forUpdate ? { hint: 'Replaces the current list.' } : {}),
		},
		planadoLocator({
			displayName: 'Territory',
			name: 'territory',
			searchListMethod: 'searchTerritories',
			recordName: 'territory',
			description: 'The territory of the job. An expression may also give its name.',
		}),
	];
}

/** Additional Fields of Create: every field of the create page the node offers. */
const createOnlyFields: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: "Your system's ID for the job (unique in Planado, up to 500 characters). Get and Update accept it in place of the UUID. Cannot be changed later.",
	},
	{
		displayName: 'External Order ID',
		name: 'externalOrderId',
		type: 'string',
		default: '',
		description: 'The order, deal or lead the job belongs to in your system (several jobs may share it, up to 500 characters). Cannot be changed later.',
	},
	planadoLocator({
		displayName: 'Job Type',
		name: 'jobType',
		searchListMethod: 'searchJobTypes',
		recordName: 'job type',
		description: "The job type; without it Planado uses the template's type, or the default. An expression may also give its code.",
	}),
	{
		...planadoLocator({
			displayName: 'Template',
			name: 'template',
			searchListMethod: 'searchTemplates',
			recordName: 'template',
			description: "The job template: its description, duration, assignee and type are the job's defaults",
		}),
		hint: "Cannot be changed later. An expression may also give the template's name.",
	},
];

export const createFields: INodeProperties[] = [...sharedFields(false), ...createOnlyFields].sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

/** Update Fields: the update page's fields (template, type and external IDs cannot change). */
export const updateFields: INodeProperties[] = sharedFields(true);

function contactsOf(value: unknown): IDataObject[] {
	const entries = isObject(value) && Array.isArray(value.contact) ? value.contact : [];
	return entries.filter(isObject).map((entry) => ({
		name: typeof entry.name === 'string' ? entry.name : '',
		value: nonEmpty(entry.value, 'Contacts: Value'),
		type: checkOption(entry.type ?? 'phone', 'Contacts: Type', CONTACT_TYPES),
	}));
}

function customFieldsOf(value: unknown): IDataObject[] {
	const entries = isObject(value) && Array.isArray(value.field) ? value.field : [];
	return entries.filter(isObject).map((entry) => ({
		...uuidOrName(nonEmpty(entry.field, 'Custom Fields: Name or UUID')),
		value: entry.value ?? '',
	}));
}

/** Additional Fields / Update Fields as the body of POST or PATCH /jobs. */
export function jobBody(pickedFields: IDataObject, timeZone: string): IDataObject {
	// Pickers hold `{ __rl, mode, value }`; older workflows hold the plain UUID or name.
	const fields = recordValues(pickedFields);
	const body: IDataObject = {};
	if (fields.assigneeWorkerUuid && fields.assigneeTeamUuid) {
		throw new InvalidInputError(
			"'Assignee Worker UUID' and 'Assignee Team' are both set",
			'A job has one assignee: a worker or a team.',
		);
	}
	for (const [key, value] of Object.entries(fields)) {
		switch (key) {
			case 'template':
				body.template = uuidOrName(nonEmpty(value, 'Template'));
				break;
			case 'jobType': {
				const type = nonEmpty(value, 'Job Type');
				body.job_type = UUID.regex.test(type) ? { uuid: type } : { code: type };
				break;
			}
			case 'externalId':
				body.external_id = nonEmpty(value, 'External ID', 500);
				break;
			case 'externalOrderId':
				body.external_order_id = nonEmpty(value, 'External Order ID', 500);
				break;
			case 'description':
				if (typeof value === 'string' && value.length > 15000) {
					throw new InvalidInputError("'Description' is longer than 15000 characters");
				}
				body.description = String(value);
				break;
			case 'scheduledAt':
				// Planado writes scheduled_at without an offset, in the account's zone; an explicit
				// UTC value cannot be misread.
				body.scheduled_at = readIsoDate(value, 'Scheduled At', timeZone);
				break;
			case 'scheduledDuration': {
				const minutes = Number(value);
				if (!Number.isInteger(minutes) || minutes < 0) {
					throw new InvalidInputError("'Scheduled Duration (Minutes)' must be a whole number of minutes, 0 or more");
				}
				body.scheduled_duration = { minutes };
				break;
			}
			case 'assigneeWorkerUuid':
				// `{ worker: { uuid } }`; a flat worker_uuid is refused with "either team or worker must present".
				body.assignee = { worker: { uuid: checkId(value, 'Assignee Worker UUID', UUID) } };
				break;
			case 'assigneeTeamUuid':
				body.assignee = { team: { uuid: checkId(value, 'Assignee Team', UUID) } };
				break;
			case 'clientUuid':
				body.client = { uuid: checkId(value, 'Client', UUID) };
				break;
			case 'siteUuid':
				body.site = { uuid: checkId(value, 'Site', UUID) };
				break;
			case 'address':
				body.address = { formatted: nonEmpty(value, 'Address') };
				break;
			case 'territory':
				body.territory = uuidOrName(nonEmpty(value, 'Territory'));
				break;
			case 'skills':
				body.skills = commaList(value).map(uuidOrName);
				break;
			case 'contacts':
				body.contacts = contactsOf(value);
				break;
			case 'customFields':
				body.custom_fields = customFieldsOf(value);
				break;
		}
	}
	return body;
}
