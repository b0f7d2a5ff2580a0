import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllFields } from '../../../shared/descriptions';
import {
	INTEGER_ID,
	checkId,
	checkOption,
	getLimit,
	getTimeout,
	readIsoDate,
} from '../../../shared/parameters';
import { JOB_PRIORITIES, JOB_STATUSES } from '../../statuses';
import { listJobs } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection([
		{
			displayName: 'Assigned Technician ID',
			name: 'assignedTechnicianId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 45',
			description: 'Only jobs assigned to this technician',
		},
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only jobs created at or after this time',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Only jobs created at or before this time',
		},
		{
			displayName: 'Customer Location ID',
			name: 'customerLocationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 87',
			description: 'Only jobs at this customer location',
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'options',
			options: JOB_PRIORITIES.map((p) => ({ name: p, value: p })),
			default: 'High',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: JOB_STATUSES.map((s) => ({ name: s, value: s })),
			default: 'Pending',
		},
	]),
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getAll'] } }, properties);

/** The Filters collection as FSM Navigator's query parameters (providers.md §3, getAll filters). */
export function buildListQuery(filters: IDataObject, timeZone: string): IDataObject {
	const qs: IDataObject = {};
	if (filters.status !== undefined) qs.status = checkOption(filters.status, 'Status', JOB_STATUSES);
	if (filters.priority !== undefined) qs.priority = checkOption(filters.priority, 'Priority', JOB_PRIORITIES);
	if (filters.assignedTechnicianId !== undefined) {
		qs.assigned_technician_id = checkId(filters.assignedTechnicianId, 'Assigned Technician ID', INTEGER_ID);
	}
	if (filters.customerLocationId !== undefined) {
		qs.customer_location_id = checkId(filters.customerLocationId, 'Customer Location ID', INTEGER_ID);
	}
	if (filters.createdAfter) qs.created_after = readIsoDate(filters.createdAfter, 'Created After', timeZone);
	if (filters.createdBefore) qs.created_before = readIsoDate(filters.createdBefore, 'Created Before', timeZone);
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = buildListQuery(filters, this.getTimezone());
	const limit = getLimit.call(this, itemIndex);
	const timeout = getTimeout.call(this, itemIndex);
	const result = await listJobs.call(this, qs, { limit, itemIndex, timeout });
	return result.items;
}
