/**
 * The Filters collection as FSM Navigator's list query parameters
 * (https://fsmnavigator.com/docs/api/endpoints/, "List jobs"): plain `name=value` pairs, dates as
 * ISO 8601 UTC.
 */
import type { IDataObject } from 'n8n-workflow';

import { INTEGER_ID, checkId, checkOption, readIsoDate } from '../shared/parameters';
import { recordValues } from '../shared/recordLocator';
import { JOB_PRIORITIES, JOB_STATUSES } from './statuses';

export function buildListQuery(pickedFilters: IDataObject, timeZone: string): IDataObject {
	// The technician picker holds `{ __rl, mode, value }`; older workflows hold the plain ID.
	const filters = recordValues(pickedFilters);
	const qs: IDataObject = {};
	if (filters.status !== undefined) qs.status = checkOption(filters.status, 'Status', JOB_STATUSES);
	if (filters.priority !== undefined) qs.priority = checkOption(filters.priority, 'Priority', JOB_PRIORITIES);
	if (filters.assignedTechnicianId !== undefined) {
		qs.assigned_technician_id = checkId(filters.assignedTechnicianId, 'Assigned Technician', INTEGER_ID);
	}
	if (filters.customerLocationId !== undefined) {
		qs.customer_location_id = checkId(filters.customerLocationId, 'Customer Location ID', INTEGER_ID);
	}
	if (filters.createdAfter) qs.created_after = readIsoDate(filters.createdAfter, 'Created After', timeZone);
	if (filters.createdBefore) qs.created_before = readIsoDate(filters.createdBefore, 'Created Before', timeZone);
	return qs;
}
