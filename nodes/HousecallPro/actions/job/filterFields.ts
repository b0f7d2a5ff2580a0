/** The filters of Get Many, which the polling trigger offers too. */
import type { INodeProperties } from 'n8n-workflow';

import { dateFilter, idsFilter } from '../../../shared/descriptions';
import { RESPONSE_WORDS } from '../../filters';
import { WORK_STATUS_FILTERS } from '../../statuses';
import { customerLocator, employeesField } from './common';

const zonedDateFilter = (displayName: string, name: string, description: string): INodeProperties =>
	dateFilter(displayName, name, `${description} Without a time zone it is read in the workflow time zone`);

const STATUS_NAMES: Record<string, string> = {
	unscheduled: 'Unscheduled',
	scheduled: 'Scheduled',
	in_progress: 'In Progress',
	completed: 'Completed',
	canceled: 'Canceled',
};

/** The Filters collection's fields (the trigger offers the same). */
export const jobFilters: INodeProperties[] = [
	customerLocator('Only jobs of this customer'),
	{ ...employeesField('Employee Names or IDs', 'employeeIds', 'Only jobs assigned to these employees'), hint: 'A job assigned to any of these employees (pros) matches.' },
	{
		...idsFilter('Franchisee IDs', 'franchiseeIds', 'Only jobs of these franchisees, comma-separated IDs (Housecall Pro may ignore this filter)', 'e.g. fra_1a2b3c'),
		hint: "In Housecall Pro's Get Jobs page but not in its newer API description. The API lists no franchisees: a job's franchisee ID is in its franchisee_id (Get).",
	},
	{
		...idsFilter('Location IDs', 'locationIds', 'Only jobs of these locations (companies) of a multi-location account, comma-separated IDs', 'e.g. cmp_1a2b3c'),
		hint: "Ignored by Housecall Pro when the credential has a 'Company ID'. The API lists no locations: a job's location ID is in its company_id (Get).",
	},
	zonedDateFilter('Scheduled End Max', 'scheduledEndMax', 'Only jobs scheduled to end at or before this time.'),
	zonedDateFilter('Scheduled End Min', 'scheduledEndMin', 'Only jobs scheduled to end at or after this time.'),
	zonedDateFilter('Scheduled Start Max', 'scheduledStartMax', 'Only jobs scheduled to start at or before this time.'),
	zonedDateFilter('Scheduled Start Min', 'scheduledStartMin', 'Only jobs scheduled to start at or after this time.'),
	{
		displayName: 'Work Status',
		name: 'workStatus',
		type: 'multiOptions',
		options: WORK_STATUS_FILTERS.map((value) => ({
			name: STATUS_NAMES[value],
			value,
			description: `Jobs come back with work_status ${RESPONSE_WORDS[value].map((w) => `"${w}"`).join(' or ')}`,
		})),
		default: [],
		description:
			'Only jobs in any of these states (the filter uses other words than the work_status of the jobs returned)',
		hint: 'Jobs come back with: unscheduled → "needs scheduling", in_progress → "in progress", completed → "complete unrated" / "complete rated", canceled → "user canceled" / "pro canceled".',
	},
];
