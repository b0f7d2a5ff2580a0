/**
 * Accelo's `_filters` language: comma-separated terms `name(arg,arg)`, a comma meaning AND
 * (https://api.accelo.com/docs/#filters). A query-string argument cannot escape `(`, `)`
 * or `,`, so every value typed by a user is checked against what the term accepts (ids are digits,
 * standings and object types come from fixed lists, dates become whole unix seconds) and anything
 * else is refused: a value can never add or widen a term. Only `rawFilters` goes out unchecked.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	INTEGER_ID,
	InvalidInputError,
	checkOption,
	checkOptions,
	parseIdList,
	readUnixSeconds,
} from '../shared/parameters';
import { STANDINGS } from './statuses';

export const AGAINST_TYPES = ['company', 'site'] as const;

export const ORDER_FIELDS = [
	'custom_id',
	'date_commenced',
	'date_completed',
	'date_created',
	'date_due',
	'date_last_interacted',
	'date_modified',
	'date_started',
	'id',
	'standing',
	'status',
	'title',
] as const;

/** Filter keys whose dates map to `date_<type>_after` / `date_<type>_before` (strict comparisons). */
const DATE_FILTERS: Array<[key: string, label: string, term: string]> = [
	['createdAfter', 'Created After', 'date_created_after'],
	['createdBefore', 'Created Before', 'date_created_before'],
	['modifiedAfter', 'Modified After', 'date_modified_after'],
	['modifiedBefore', 'Modified Before', 'date_modified_before'],
	['dueAfter', 'Due After', 'date_due_after'],
	['dueBefore', 'Due Before', 'date_due_before'],
	['completedAfter', 'Completed After', 'date_completed_after'],
	['completedBefore', 'Completed Before', 'date_completed_before'],
];

function term(name: string, args: Array<string | number>): string {
	return `${name}(${args.join(',')})`;
}

function idTerm(name: string, value: unknown, label: string): string | undefined {
	const ids = parseIdList(value, label, INTEGER_ID);
	return ids.length ? term(name, ids) : undefined;
}

/** The Filters and Options collections as `_filters` and `_search` query parameters. */
export function buildJobQuery(filters: IDataObject, options: IDataObject, timeZone: string): IDataObject {
	const terms: string[] = [];
	const push = (value: string | undefined) => {
		if (value) terms.push(value);
	};
	if (filters.standing !== undefined) {
		const standings = checkOptions(filters.standing, 'Standing', STANDINGS);
		if (standings.length) push(term('standing', standings));
	}
	push(idTerm('status', filters.statusIds, 'Status Names or IDs'));
	push(idTerm('manager', filters.managerIds, 'Manager Names or IDs'));
	push(idTerm('type', filters.typeIds, 'Type Names or IDs'));

	const againstType =
		filters.againstType !== undefined && filters.againstType !== ''
			? checkOption(filters.againstType, 'Against Type', AGAINST_TYPES)
			: undefined;
	const againstIds = parseIdList(filters.againstIds, 'Against IDs', INTEGER_ID);
	if (againstType && againstIds.length) push(term('against', [term(againstType, againstIds)]));
	else if (againstType) push(term('against_type', [againstType]));
	else if (againstIds.length) push(term('against_id', againstIds));

	for (const [key, label, name] of DATE_FILTERS) {
		const value = filters[key];
		if (value !== undefined && value !== '') push(term(name, [readUnixSeconds(value, label, timeZone)]));
	}

	if (options.orderBy !== undefined && options.orderBy !== '') {
		const field = checkOption(options.orderBy, 'Order By', ORDER_FIELDS);
		const direction = options.orderDirection === undefined ? 'asc' : checkOption(options.orderDirection, 'Order Direction', ['asc', 'desc'] as const);
		push(term(`order_by_${direction}`, [field]));
	}

	if (typeof filters.rawFilters === 'string' && filters.rawFilters.trim() !== '') {
		push(filters.rawFilters.trim().replace(/^,+|,+$/g, ''));
	} else if (filters.rawFilters !== undefined && typeof filters.rawFilters !== 'string') {
		throw new InvalidInputError("'Raw Filters' must be text, such as standing_not(inactive)");
	}

	const qs: IDataObject = {};
	if (terms.length) qs._filters = terms.join(',');
	if (typeof filters.search === 'string' && filters.search.trim() !== '') qs._search = filters.search.trim();
	return qs;
}
