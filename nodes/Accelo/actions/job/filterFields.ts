/** The filters of Get Many, which the polling trigger offers too. */
import type { INodeProperties } from 'n8n-workflow';

import { dateFilter, idsFilter } from '../../../shared/descriptions';
import { recordsField } from '../../../shared/recordLocator';
import { STANDINGS } from '../../statuses';
import { againstTypeOptions } from './common';

/** The Filters collection's fields (the trigger offers the ones that are not dates). */
export const jobFilters: INodeProperties[] = [
	{
		...idsFilter(
			'Against IDs',
			'againstIds',
		'Only jobs against these companies or sites (comma-separated IDs); combine with Against Type',
		),
		hint: "The IDs are in against_id of the jobs (Get Many), or pick the company in Create's Against list to see its ID.",
	},
	{
		displayName: 'Against Type',
		name: 'againstType',
		type: 'options',
		options: againstTypeOptions,
		default: 'company',
		description: 'Only jobs against this kind of object',
	},
	dateFilter('Completed After', 'completedAfter', 'Only jobs completed strictly after this time'),
	dateFilter('Completed Before', 'completedBefore', 'Only jobs completed strictly before this time'),
	dateFilter('Created After', 'createdAfter', 'Only jobs created strictly after this time'),
	dateFilter('Created Before', 'createdBefore', 'Only jobs created strictly before this time'),
	dateFilter('Due After', 'dueAfter', 'Only jobs due strictly after this time'),
	dateFilter('Due Before', 'dueBefore', 'Only jobs due strictly before this time'),
	recordsField('Manager Names or IDs', 'managerIds', 'getStaff', 'Only jobs managed by these staff'),
	dateFilter('Modified After', 'modifiedAfter', 'Only jobs modified strictly after this time'),
	dateFilter('Modified Before', 'modifiedBefore', 'Only jobs modified strictly before this time'),
	{
		displayName: 'Raw Filters',
		name: 'rawFilters',
		type: 'string',
		default: '',
		placeholder: 'e.g. standing_not(inactive),job_type(3)',
		description:
			'For experts: more _filters terms, appended as typed after the others. A term given twice counts only the last time.',
	},
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Text to look for in job titles',
	},
	{
		displayName: 'Standing',
		name: 'standing',
		type: 'multiOptions',
		options: STANDINGS.map((s) => ({ name: s[0].toUpperCase() + s.slice(1), value: s })),
		default: [],
		description: "Only jobs in these broad states (a status's standing)",
	},
	recordsField('Status Names or IDs', 'statusIds', 'getStatuses', 'Only jobs with these statuses'),
	{ ...recordsField('Type Names or IDs', 'typeIds', 'getJobTypes', 'Only jobs of these job types'), hint: 'The list shows the active job types.' },
];
