/**
 * Worklayer's list `filter` language (https://docs.taxfyle.com/jobs/job-list, "Filtering"): terms
 * `field op value` joined by AND or OR. The docs do not say how AND and OR bind together, whether
 * parentheses group, or how a `"` or `\` is escaped inside a quoted value. So:
 *
 * - every value typed by a user goes out quoted, and a value holding `"`, `\` or a control character
 *   is refused before any request: it cannot change the expression's meaning;
 * - terms are joined with AND only; several statuses become one OR expression only when nothing
 *   else is filtered (the docs' own example), otherwise one query per status (see `wireQueries`);
 * - Raw Filter is read by the grammar's tokenizer (filterExpression.ts) and refused when it cannot be
 *   read, or when it holds OR and something is ANDed to it (a trigger always ANDs its time term).
 *
 * The node's list query is `{ filter?, statuses? }`: `filter` the AND-only expression of every other
 * term, `statuses` the chosen statuses, turned into wire queries at the last moment so that a
 * trigger can still AND its created-after term onto `filter`.
 */
import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError, UUID, checkId, checkOptions, hasControlCharacter, readIsoDate } from '../shared/parameters';
import { recordValues } from '../shared/recordLocator';
import { hasOr, parseFilterExpression } from './filterExpression';
import { JOB_STATUSES } from './statuses';

export { hasOr };

/** Filter keys whose dates become `<field> >= "…"` / `<field> <= "…"` (inclusive). */
export const DATE_FILTERS: ReadonlyArray<[key: string, label: string, field: string, op: '>=' | '<=']> = [
	['createdAfter', 'Created After', 'create_time', '>='],
	['createdBefore', 'Created Before', 'create_time', '<='],
	['transmittedAfter', 'Transmitted After', 'transmit_time', '>='],
	['transmittedBefore', 'Transmitted Before', 'transmit_time', '<='],
	['deadlineAfter', 'Deadline After', 'deadline_time', '>='],
	['deadlineBefore', 'Deadline Before', 'deadline_time', '<='],
];

/** `value` as a quoted filter value; refused when the quoting could not carry it unchanged. */
export function quote(value: string, label: string): string {
	if (/["\\]/.test(value) || hasControlCharacter(value)) {
		throw new InvalidInputError(
			`'${label}' contains a double quote ("), a backslash (\\) or a control character, which cannot be sent safely inside a Worklayer filter value`,
			'Worklayer does not document how to escape these characters in its filter language, so the node refuses them rather than risk changing what the filter means. Worklayer IDs and times never contain them.',
		);
	}
	return `"${value}"`;
}

function statusTerm(status: string): string {
	return `status = ${quote(status, 'Status')}`;
}

function mixedAndOr(): InvalidInputError {
	return new InvalidInputError(
		"'Raw Filter' uses OR, and other conditions would be joined to it with AND (the other filters, the statuses, or a trigger's own time condition)",
		'Worklayer does not document how AND and OR combine (or whether parentheses group), so an OR could take the other conditions out of the filter. Use Raw Filter with OR only on its own in Get Many, or pick statuses in the Status filter instead of writing OR.',
	);
}

/** Terms joined with AND; refused when one of them uses OR, since AND/OR precedence is not documented. */
export function andTerms(...terms: Array<string | undefined>): string | undefined {
	const parts = terms.map((t) => t?.trim()).filter((t): t is string => !!t);
	if (parts.length > 1 && parts.some(hasOr)) throw mixedAndOr();
	return parts.length ? parts.join(' AND ') : undefined;
}

/** The node's list query: `filter` (AND-only) and the chosen statuses. */
export interface WorklayerListQuery extends IDataObject {
	filter?: string;
	statuses?: string[];
}

/** The Filters collection as the node's list query. Every check runs here, before any request. */
export function buildJobQuery(pickedFilters: IDataObject, timeZone: string): WorklayerListQuery {
	// The member picker holds `{ __rl, mode, value }`; older workflows hold the plain user ID.
	const filters = recordValues(pickedFilters);
	const terms: string[] = [];
	const statuses = filters.status === undefined ? [] : checkOptions(filters.status, 'Status', JOB_STATUSES);

	if (filters.memberUserId !== undefined && filters.memberUserId !== '') {
		const raw = typeof filters.memberUserId === 'string' ? filters.memberUserId.trim() : filters.memberUserId;
		// The quoting check first, so that the message names what is wrong with the value.
		if (typeof raw === 'string') quote(raw, 'Member');
		terms.push(`members.user_id:${quote(checkId(raw, 'Member', UUID), 'Member')}`);
	}

	for (const [key, label, field, op] of DATE_FILTERS) {
		const value = filters[key];
		if (value === undefined || value === '' || value === null) continue;
		terms.push(`${field} ${op} ${quote(readIsoDate(value, label, timeZone), label)}`);
	}

	let raw: string | undefined;
	if (typeof filters.rawFilter === 'string') {
		const typed = filters.rawFilter.trim();
		raw = typed ? parseFilterExpression(typed, 'Raw Filter').text : undefined;
	} else if (filters.rawFilter !== undefined && filters.rawFilter !== null) {
		throw new InvalidInputError(`'Raw Filter' must be text, such as transmit_time != "2026-01-01T00:00:00Z"`);
	}

	// Statuses are ANDed to the rest later (one query each), so they count as other conditions here.
	if (statuses.length && raw && hasOr(raw)) throw mixedAndOr();
	const query: WorklayerListQuery = {};
	const filter = andTerms(...terms, raw);
	if (filter) query.filter = filter;
	// Lifecycle order, each once: the order results come in when statuses are read one by one.
	const chosen = JOB_STATUSES.filter((s) => statuses.includes(s));
	if (chosen.length) query.statuses = chosen;
	return query;
}

/** `query` with one more AND term (what a trigger adds). */
export function withTerm(query: WorklayerListQuery, term: string): WorklayerListQuery {
	return { ...query, filter: andTerms(query.filter, term) };
}

/**
 * The requests' query strings for a list query: statuses alone are one OR expression (the docs'
 * example); statuses together with other terms are one query per status, since the docs leave
 * open how `A OR B AND C` is read.
 */
export function wireQueries(query: WorklayerListQuery): IDataObject[] {
	const statuses = query.statuses ?? [];
	const filter = query.filter?.trim() || undefined;
	if (statuses.length === 0) return [filter ? { filter } : {}];
	if (!filter) return [{ filter: statuses.map(statusTerm).join(' OR ') }];
	return statuses.map((status) => ({ filter: andTerms(statusTerm(status), filter) as string }));
}
