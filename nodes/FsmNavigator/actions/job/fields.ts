/** Job fields shared by Create and Update: the API's body field names and how each is written. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	INTEGER_ID,
	InvalidInputError,
	checkId,
	checkOption,
	checkOptions,
	parseIdList,
	readIsoDate,
	requireText,
} from '../../../shared/parameters';
import { recordLocator, recordValue, recordsField } from '../../../shared/recordLocator';
import { ASSET_RELATIONSHIP_TYPES, JOB_PRIORITIES } from '../../statuses';

const priorityOptions = JOB_PRIORITIES.map((p) => ({ name: p, value: p }));

const relationshipOptions = [
	{ name: 'Inspected', value: 'inspected' },
	{ name: 'Installed', value: 'installed' },
	{ name: 'Maintenance', value: 'maintenance' },
	{ name: 'Meter Threshold', value: 'meter_threshold' },
	{ name: 'Replaced', value: 'replaced' },
	{ name: 'Serviced', value: 'serviced' },
];

/** Fields FSM Navigator lets a client set back to null (https://fsmnavigator.com/docs/api/endpoints/). */
const CLEARABLE_FIELDS: Array<[label: string, wire: string, key: string]> = [
	['Assigned Technician', 'assigned_technician_id', 'assignedTechnicianId'],
	['Scheduled From', 'scheduled_start', 'scheduledStart'],
	['Scheduled To', 'scheduled_end', 'scheduledEnd'],
];

/** The technician picker (Additional Fields, Update Fields, the filters). */
export const technicianLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Assigned Technician',
		name: 'assignedTechnicianId',
		searchListMethod: 'searchTechnicians',
		recordName: 'technician',
		idPlaceholder: 'e.g. 45',
		idPattern: INTEGER_ID,
		description: `${description}. The list needs the technicians:read scope on the API key.`,
	});

/**
 * Customer Location ID stays an ID: FSM Navigator lists locations one customer at a time
 * (https://fsmnavigator.com/docs/api/customers/, `?id={id}&locations=1`) and documents no fields of
 * a location, so a list of all locations would cost a request per customer and guess the shape.
 */
export const customerLocationField: INodeProperties = {
	displayName: 'Customer Location ID',
	name: 'customerLocationId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 87',
	description:
		'The customer location of the job',
	hint: "The ID is in customer_location_id of the customer's jobs (Get Many), or in the customer's location list of FSM Navigator's API (Customers API, List customer locations).",
};

/** Optional job fields, for Create's Additional Fields and Update's Update Fields. */
export function jobFields(forUpdate: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			...recordsField('Asset Names or IDs', 'assetIds', 'getAssets', forUpdate ? 'Assets to link, replacing all links' : 'Assets to link'),
			hint: forUpdate ? 'None: unlink all. The assets of the Customer Location if one is set.' : 'The assets of the Customer Location if one is set.',
		},
		{
			displayName: 'Asset Relationship Type',
			name: 'assetRelationshipType',
			type: 'options',
			options: relationshipOptions,
			default: 'serviced',
			description: 'How the linked assets relate to the job',
		},
		technicianLocator('The technician to assign the job to'),
		{
			displayName: 'Job Description',
			name: 'jobDescription',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Detailed notes for the technician',
		},
		{
			displayName: 'Job Priority',
			name: 'jobPriority',
			type: 'options',
			options: priorityOptions,
			default: 'Medium',
		},
		// "From"/"To" rather than "Start"/"End": n8n lists a collection's fields alphabetically, and
		// the start should come first.
		{
			displayName: 'Scheduled From',
			name: 'scheduledStart',
			type: 'dateTime',
			default: '',
			description: 'When the work is scheduled to start (scheduled_start)',
		},
		{
			displayName: 'Scheduled To',
			name: 'scheduledEnd',
			type: 'dateTime',
			default: '',
			description: 'When the work is scheduled to end (scheduled_end); not before Scheduled From',
		},
	];
	if (forUpdate) {
		fields.push(
			{
				displayName: 'Clear Fields',
				name: 'clearFields',
				type: 'multiOptions',
				options: CLEARABLE_FIELDS.map(([name, value]) => ({ name, value })),
				default: [],
				description:
					'Fields to empty on the job (sent as null, as FSM Navigator allows for these). An empty field above leaves the value unchanged; this removes it.',
			},
			{ ...customerLocationField, description: 'Moves the job to this customer location' },
			{
				displayName: 'Job Title',
				name: 'jobTitle',
				type: 'string',
				default: '',
			},
		);
		fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
	}
	return fields;
}

/** Turns Additional Fields / Update Fields into the API's body. */
export function jobBody(fields: IDataObject, timeZone: string, forUpdate: boolean): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		switch (key) {
			case 'jobTitle':
				body.job_title = requireText(value, 'Job Title');
				break;
			case 'jobDescription':
				body.job_description = String(value);
				break;
			case 'jobPriority':
				body.job_priority = checkOption(value, 'Job Priority', JOB_PRIORITIES);
				break;
			case 'assignedTechnicianId':
				body.assigned_technician_id = Number(checkId(recordValue(value), 'Assigned Technician', INTEGER_ID));
				break;
			case 'customerLocationId':
				body.customer_location_id = Number(checkId(value, 'Customer Location ID', INTEGER_ID));
				break;
			case 'scheduledStart':
				body.scheduled_start = readIsoDate(value, 'Scheduled From', timeZone);
				break;
			case 'scheduledEnd':
				body.scheduled_end = readIsoDate(value, 'Scheduled To', timeZone);
				break;
			case 'assetIds': {
				const ids = parseIdList(value, 'Asset IDs', INTEGER_ID).map(Number);
				// On create an empty list means "no assets": leave it out. On update it clears all links.
				if (ids.length > 0 || forUpdate) body.asset_ids = ids;
				break;
			}
			case 'assetRelationshipType':
				body.asset_relationship_type = checkOption(value, 'Asset Relationship Type', ASSET_RELATIONSHIP_TYPES);
				break;
			case 'clearFields': {
				const wires = CLEARABLE_FIELDS.map(([, wire]) => wire);
				for (const wire of checkOptions(value, 'Clear Fields', wires)) {
					const [label, , fieldKey] = CLEARABLE_FIELDS.find(([, w]) => w === wire) ?? [];
					if (fieldKey && fields[fieldKey] !== undefined && fields[fieldKey] !== '') {
						throw new InvalidInputError(
							`'${label}' is both set and cleared`,
							`Remove it from 'Clear Fields' or leave the field itself out.`,
						);
					}
					body[wire] = null;
				}
				break;
			}
		}
	}
	return body;
}
