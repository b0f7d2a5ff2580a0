/**
 * Create's Additional Fields and Update's / Change Status's schedule fields, in Housecall Pro's
 * body shapes (https://docs.housecallpro.com/docs/housecall-public-api: "Create Job", "Update Job
 * Schedule", "Dispatch Job"). The arrival window has a different name on each endpoint:
 * `schedule.arrival_window` on create, `arrival_window_in_minutes` on the schedule endpoint.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidInputError, parseIdList, readInstant, requireText } from '../../../shared/parameters';
import { toIsoUtc } from '../../../shared/dates';
import { HCP_ID } from '../../filters';
import { employeesField } from './common';

export const LINE_ITEM_KINDS = ['labor', 'materials', 'fixed discount', 'percent discount', 'fixed gratuity'] as const;

export const arrivalWindowField: INodeProperties = {
	displayName: 'Arrival Window (Minutes)',
	name: 'arrivalWindow',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description: 'Length of the arrival window shown to the customer, in minutes, starting at the scheduled start',
};

export const scheduledStartField: INodeProperties = {
	displayName: 'Scheduled Start',
	name: 'scheduledStart',
	type: 'dateTime',
	default: '',
	description: 'When the job starts. Without a time zone it is read in the workflow time zone.',
};

export const scheduledEndField: INodeProperties = {
	displayName: 'Scheduled End',
	name: 'scheduledEnd',
	type: 'dateTime',
	default: '',
	description: 'When the job ends (after the start). Housecall Pro picks the end when it is left empty.',
};

export const createFields: INodeProperties[] = [
	arrivalWindowField,
	employeesField('Assigned Employee Names or IDs', 'assignedEmployeeIds', 'Employees (pros) to assign'),
	{
		displayName: 'Business Unit ID',
		name: 'businessUnitId',
		type: 'string',
		default: '',
		placeholder: 'e.g. bu_1a2b3c',
		description:
			'The business unit of the job (job_fields.business_unit_id)',
		hint: "The API lists no business units: the ID is on the business unit's page in Housecall Pro's settings, or in job_fields.business_unit of a job that has it (Get).",
	},
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 1 },
		description: 'Must be unique in the company; Housecall Pro numbers the job itself when this is left out',
	},
	{
		displayName: 'Job Type Name or ID',
		name: 'jobTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getJobTypes' },
		default: '',
		description:
			'The job type (job_fields.job_type_id). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Lead Source',
		name: 'leadSource',
		type: 'string',
		default: '',
		placeholder: 'e.g. Google',
	},
	{
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Line Item',
		options: [
			{
				displayName: 'Line Item',
				name: 'lineItem',
				values: [
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{
						displayName: 'Kind',
						name: 'kind',
						type: 'options',
						options: LINE_ITEM_KINDS.map((kind) => ({ name: kind[0].toUpperCase() + kind.slice(1), value: kind })),
						default: 'labor',
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, typeOptions: { numberPrecision: 2 } },
					{ displayName: 'Taxable', name: 'taxable', type: 'boolean', default: true, description: 'Whether tax applies to this item' },
					{
						displayName: 'Unit Cost (Cents)',
						name: 'unitCost',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0 },
						description: 'Your cost per unit in cents (Housecall Pro money fields are cents: 4500 is $45.00)',
					},
					{
						displayName: 'Unit Price (Cents)',
						name: 'unitPrice',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0 },
						description:
							'Price per unit in cents (12500 is $125.00). For a percent discount, the percentage.',
					},
				],
			},
		],
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'A first note on the job',
	},
	scheduledEndField,
	scheduledStartField,
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. Residential, VIP',
		description: 'Tag names, comma-separated; a name Housecall Pro does not know yet becomes a new tag',
	},
];

function minutes(value: unknown, label: string): number {
	const n = Number(value);
	if (value === '' || !Number.isInteger(n) || n < 0) throw new InvalidInputError(`'${label}' must be a whole number of minutes, 0 or more`);
	return n;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Start and end as ISO UTC, the end checked to come after the start. */
function scheduleTimes(fields: IDataObject, timeZone: string): { start?: string; end?: string } {
	const start = given(fields.scheduledStart) ? readInstant(fields.scheduledStart, 'Scheduled Start', timeZone) : undefined;
	const end = given(fields.scheduledEnd) ? readInstant(fields.scheduledEnd, 'Scheduled End', timeZone) : undefined;
	if (end !== undefined && start === undefined) {
		throw new InvalidInputError("'Scheduled End' needs 'Scheduled Start'", 'Housecall Pro schedules a job from its start time.');
	}
	if (start !== undefined && end !== undefined && end < start) {
		throw new InvalidInputError("'Scheduled End' is before 'Scheduled Start'");
	}
	return { start: start === undefined ? undefined : toIsoUtc(start), end: end === undefined ? undefined : toIsoUtc(end) };
}

function lineItems(value: unknown): IDataObject[] {
	const rows = (value as { lineItem?: IDataObject[] } | undefined)?.lineItem ?? [];
	return rows.map((row, i) => {
		const label = `Line Items ${i + 1}`;
		const item: IDataObject = { name: requireText(row.name, `${label}: Name`) };
		if (given(row.description)) item.description = String(row.description);
		if (given(row.kind)) {
			if (!(LINE_ITEM_KINDS as readonly string[]).includes(String(row.kind))) {
				throw new InvalidInputError(`'${label}: Kind' has an unsupported value: ${JSON.stringify(row.kind)}`, `Use one of: ${LINE_ITEM_KINDS.join(', ')}.`);
			}
			item.kind = row.kind;
		}
		for (const [key, wire] of [['unitPrice', 'unit_price'], ['unitCost', 'unit_cost'], ['quantity', 'quantity']] as const) {
			if (!given(row[key])) continue;
			const n = Number(row[key]);
			if (!Number.isFinite(n) || (key !== 'quantity' && n < 0)) throw new InvalidInputError(`'${label}: ${key === 'quantity' ? 'Quantity' : key === 'unitPrice' ? 'Unit Price (Cents)' : 'Unit Cost (Cents)'}' must be a number`);
			item[wire] = key === 'quantity' ? n : Math.round(n);
		}
		if (row.taxable !== undefined) item.taxable = row.taxable === true;
		return item;
	});
}

/** `POST /jobs` body: the two required ids and Additional Fields. */
export function createBody(customerId: string, addressId: string, fields: IDataObject, timeZone: string): IDataObject {
	const body: IDataObject = { customer_id: customerId, address_id: addressId };
	const { start, end } = scheduleTimes(fields, timeZone);
	if (given(fields.arrivalWindow) && start === undefined) {
		throw new InvalidInputError("'Arrival Window (Minutes)' needs 'Scheduled Start'");
	}
	if (start !== undefined) {
		const schedule: IDataObject = { scheduled_start: start };
		if (end !== undefined) schedule.scheduled_end = end;
		if (given(fields.arrivalWindow)) schedule.arrival_window = minutes(fields.arrivalWindow, 'Arrival Window (Minutes)');
		body.schedule = schedule;
	}
	const employees = parseIdList(fields.assignedEmployeeIds, 'Assigned Employee Names or IDs', HCP_ID);
	if (employees.length) body.assigned_employee_ids = employees;
	if (given(fields.tags)) {
		const tags = (Array.isArray(fields.tags) ? fields.tags : String(fields.tags).split(',')).map((t) => String(t).trim()).filter((t) => t !== '');
		if (tags.length) body.tags = tags;
	}
	if (given(fields.leadSource)) body.lead_source = String(fields.leadSource);
	if (given(fields.notes)) body.notes = String(fields.notes);
	if (given(fields.invoiceNumber)) {
		const n = Number(fields.invoiceNumber);
		if (!Number.isInteger(n) || n < 1) throw new InvalidInputError("'Invoice Number' must be a whole number of at least 1");
		body.invoice_number = n;
	}
	const jobFields: IDataObject = {};
	if (given(fields.jobTypeId)) jobFields.job_type_id = parseIdList(fields.jobTypeId, 'Job Type', HCP_ID)[0];
	if (given(fields.businessUnitId)) jobFields.business_unit_id = parseIdList(fields.businessUnitId, 'Business Unit ID', HCP_ID)[0];
	if (Object.keys(jobFields).length) body.job_fields = jobFields;
	const items = lineItems(fields.lineItems);
	if (items.length) body.line_items = items;
	return body;
}

/** `PUT /jobs/{id}/schedule` body; the start is required by the endpoint. */
export function scheduleBody(fields: IDataObject, timeZone: string): IDataObject {
	const { start, end } = scheduleTimes(fields, timeZone);
	if (start === undefined) {
		throw new InvalidInputError("'Scheduled Start' is required to schedule a job", "Housecall Pro's schedule endpoint needs the start time.");
	}
	const body: IDataObject = { start_time: start };
	if (end !== undefined) body.end_time = end;
	if (given(fields.arrivalWindow)) body.arrival_window_in_minutes = minutes(fields.arrivalWindow, 'Arrival Window (Minutes)');
	return body;
}

/** One Update group: what it is called in messages, and its requests in order. */
export interface UpdateStep {
	group: 'schedule' | 'dispatch' | 'appointment' | 'notes' | 'tags';
	label: string;
	method: 'PUT' | 'POST' | 'DELETE';
	path: string;
	body?: IDataObject;
	/** Needs an Application API Key. */
	applicationKey: boolean;
}

/**
 * Update Fields as the requests Housecall Pro needs, in a fixed order: schedule, dispatch, note,
 * then one request per tag. There is no general job update endpoint.
 */
export function updateSteps(jobPath: (sub: string) => string, fields: IDataObject, timeZone: string): UpdateStep[] {
	const steps: UpdateStep[] = [];
	if (given(fields.scheduledStart) || given(fields.scheduledEnd) || given(fields.arrivalWindow)) {
		steps.push({ group: 'schedule', label: 'the schedule', method: 'PUT', path: jobPath('/schedule'), body: scheduleBody(fields, timeZone), applicationKey: true });
	}
	if (fields.dispatchedEmployeeIds !== undefined) {
		const ids = parseIdList(fields.dispatchedEmployeeIds, 'Dispatched Employee Names or IDs', HCP_ID);
		if (!ids.length) throw new InvalidInputError("'Dispatched Employee Names or IDs' is empty", 'Give at least one employee ID, or remove the field.');
		steps.push({
			group: 'dispatch',
			label: 'the dispatched employees',
			method: 'PUT',
			path: jobPath('/dispatch'),
			body: { dispatched_employees: ids.map((employee_id) => ({ employee_id })) },
			applicationKey: true,
		});
	}
	if (fields.notes !== undefined) {
		steps.push({ group: 'notes', label: 'the note', method: 'POST', path: jobPath('/notes'), body: { content: requireText(fields.notes, 'Notes') }, applicationKey: false });
	}
	if (fields.tags !== undefined) {
		const tagIds = parseIdList(fields.tags, 'Tags', HCP_ID);
		if (!tagIds.length) throw new InvalidInputError("'Tags' is empty", 'Pick at least one tag, or remove the field.');
		for (const tagId of tagIds) {
			steps.push({ group: 'tags', label: `tag ${tagId}`, method: 'POST', path: jobPath('/tags'), body: { tag_id: tagId }, applicationKey: false });
		}
	}
	return steps;
}
