/** The filters of Get Many, which the polling trigger offers too. */
import type { INodeProperties } from 'n8n-workflow';

import { dateFilter } from '../../../shared/descriptions';
import { UUID } from '../../../shared/parameters';
import { recordLocator } from '../../../shared/recordLocator';

/** The Filters collection's fields (the trigger offers the ones that are not creation dates). */
export const jobFilters: INodeProperties[] = [
	dateFilter('Created After', 'createdAfter', 'Only jobs created at or after this time (create_time >=)'),
	dateFilter('Created Before', 'createdBefore', 'Only jobs created at or before this time (create_time <=)'),
	dateFilter('Deadline After', 'deadlineAfter', 'Only jobs with a deadline at or after this time (deadline_time >=); jobs without a deadline never match'),
	dateFilter('Deadline Before', 'deadlineBefore', 'Only jobs with a deadline at or before this time (deadline_time <=); jobs without a deadline never match'),
	recordLocator({
		displayName: 'Member',
		name: 'memberUserId',
		searchListMethod: 'searchMembers',
		recordName: 'member',
		idPlaceholder: 'e.g. e2ce134d-76f2-5a77-9d6c-906665d3ee54',
		idPattern: UUID,
		description: "Only jobs this user is on (the client or the Pro; members.user_id). The list shows the workspace's members; a Pro who is not one is given by user ID.",
	}),
	{
		displayName: 'Raw Filter',
		name: 'rawFilter',
		type: 'string',
		default: '',
		placeholder: 'e.g. transmit_time != "2026-01-01T00:00:00Z"',
		description:
			'For experts: a Worklayer filter expression (field comparator value, joined by AND or OR), joined to the other filters with AND',
		hint: 'Fields: members.user_id (:), status (= !=), create_time, transmit_time, deadline_time (= != > >= < <=); values quoted, without " or \\. OR only alone (no other filter, no AND).',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: [
			{ name: 'Claimed', value: 'CLAIMED', description: 'A Pro has taken the job' },
			{ name: 'Closed', value: 'CLOSED' },
			{ name: 'Info Gathering', value: 'INFO_GATHERING', description: 'Submitted; the client is still providing information' },
			{ name: 'Unclaimed', value: 'UNCLAIMED', description: 'In the pool, waiting for a Pro' },
			{ name: 'Under Construction', value: 'UNDER_CONSTRUCTION', description: 'A draft the owner can still change' },
		],
		default: [],
		description:
			'Only jobs in these statuses',
		hint: 'Canceled is not listed (its spelling is not documented): filter it with Raw Filter. With other filters, each status is read on its own and the results merged.',
	},
	dateFilter('Transmitted After', 'transmittedAfter', 'Only jobs that entered the Pro pool at or after this time (transmit_time >=)'),
	dateFilter('Transmitted Before', 'transmittedBefore', 'Only jobs that entered the Pro pool at or before this time (transmit_time <=)'),
];
