/**
 * Get Many's Filters and Options as the query of `GET /jobs`
 * (https://docs.housecallpro.com/docs/housecall-public-api, "Get Jobs"). Arrays go out as `name[]=`
 * (the transport sets n8n's `arrayFormat: 'brackets'`), dates as ISO 8601 in UTC with `Z` (the docs'
 * examples carry no offset, so the node never relies on how the server reads one).
 */
import type { IDataObject } from 'n8n-workflow';

import { recordValue } from '../shared/recordLocator';
import { InvalidInputError, checkOption, checkOptions, parseIdList, readIsoDate, type IdPattern } from '../shared/parameters';
import { WORK_STATUS_FILTERS } from './statuses';

type WorkStatusFilter = (typeof WORK_STATUS_FILTERS)[number];

/** What each filter word selects, in the words of `job.work_status`. */
export const RESPONSE_WORDS: Record<WorkStatusFilter, string[]> = {
	unscheduled: ['needs scheduling'],
	scheduled: ['scheduled'],
	in_progress: ['in progress'],
	completed: ['complete unrated', 'complete rated'],
	canceled: ['user canceled', 'pro canceled'],
};

export const SORT_FIELDS = ['created_at', 'updated_at', 'invoice_number', 'id', 'description', 'work_status'] as const;
const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export const EXPAND_VALUES = ['attachments', 'appointments'] as const;

/** Ids of customers, employees, franchisees, locations: prefixed tokens such as `cus_…`, `pro_…`. */
export const HCP_ID: IdPattern = { regex: /^[A-Za-z0-9_-]{1,128}$/, expected: 'a Housecall Pro ID such as pro_1a2b3c (letters, digits, _ and -)' };

const ID_LIST_FILTERS: Array<[key: string, label: string, wire: string]> = [
	['employeeIds', 'Employee Names or IDs', 'employee_ids'],
	['franchiseeIds', 'Franchisee IDs', 'franchisee_ids'],
	['locationIds', 'Location IDs', 'location_ids'],
];

const DATE_FILTERS: Array<[key: string, label: string, wire: string]> = [
	['scheduledStartMin', 'Scheduled Start Min', 'scheduled_start_min'],
	['scheduledStartMax', 'Scheduled Start Max', 'scheduled_start_max'],
	['scheduledEndMin', 'Scheduled End Min', 'scheduled_end_min'],
	['scheduledEndMax', 'Scheduled End Max', 'scheduled_end_max'],
];

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** `expand[]` values of Get and Get Many (the API refuses a bare string, so always an array). */
export function expandQuery(options: IDataObject): IDataObject {
	const expand = checkOptions(options.expand, 'Expand', EXPAND_VALUES);
	return expand.length ? { expand } : {};
}

/**
 * Filters and Options as query parameters. `stableOrder`: with no sort chosen, sort by creation time
 * oldest first, so that jobs created during a long read land after the pages already read.
 */
export function buildJobQuery(filters: IDataObject, options: IDataObject, timeZone: string, stableOrder = false): IDataObject {
	const qs: IDataObject = {};
	// A picker's value, or the plain text that workflows saved before the filter was a picker.
	const customer = recordValue(filters.customerId);
	if (given(customer)) {
		const ids = parseIdList(customer, 'Customer', HCP_ID);
		if (ids.length > 1) throw new InvalidInputError("'Customer' takes one ID: Housecall Pro filters by a single customer");
		if (ids.length) qs.customer_id = ids[0];
	}
	for (const [key, label, wire] of ID_LIST_FILTERS) {
		const ids = parseIdList(filters[key], label, HCP_ID);
		if (ids.length) qs[wire] = ids;
	}
	for (const [key, label, wire] of DATE_FILTERS) {
		if (given(filters[key])) qs[wire] = readIsoDate(filters[key], label, timeZone);
	}
	const statuses = checkOptions(filters.workStatus, 'Work Status', WORK_STATUS_FILTERS);
	if (statuses.length) qs.work_status = statuses;

	Object.assign(qs, expandQuery(options));
	const sortBy = given(options.sortBy) ? checkOption(options.sortBy, 'Sort By', SORT_FIELDS) : undefined;
	const direction = given(options.sortDirection) ? checkOption(options.sortDirection, 'Sort Direction', SORT_DIRECTIONS) : undefined;
	if (sortBy) qs.sort_by = sortBy;
	if (direction) qs.sort_direction = direction;
	if (stableOrder && !sortBy && !direction) {
		qs.sort_by = 'created_at';
		qs.sort_direction = 'asc';
	}
	return qs;
}
