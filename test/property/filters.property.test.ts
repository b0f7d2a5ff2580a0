/**
 * Every filter encoder on generated filter values: it refuses with an InvalidInputError or writes a
 * query whose meaning no value can change. Checked with readers independent of the encoders:
 * - Accelo `_filters`: read back term by term; only known terms, each once, with digits or fixed words;
 * - bracketed query keys (Housecall Pro, Planado): the query string n8n writes (`qs`, arrayFormat
 *   brackets) read back the way Rails/Rack does (the simulators' parser) gives the same keys and
 *   values, and only the documented keys;
 * - Worklayer `filter`: read by the Worklayer simulator's own parser under both guesses of AND/OR
 *   precedence: a trigger's time term stays a condition of the whole filter.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { buildJobQuery as acceloQuery } from '../../nodes/Accelo/filters';
import { buildListQuery as fsmQuery } from '../../nodes/FsmNavigator/filters';
import { buildJobQuery as hcpQuery } from '../../nodes/HousecallPro/filters';
import { buildJobQuery as planadoQuery } from '../../nodes/Planado/filters';
import { buildJobQuery as worklayerQuery, wireQueries, withTerm } from '../../nodes/Worklayer/filters';
import { JOB_STATUSES as WORKLAYER_STATUSES } from '../../nodes/Worklayer/statuses';
import { parseQuery } from '../../tooling/simulators/server';
import { WorklayerFilterError, parseWorklayerFilter, type WorklayerFilterNode } from '../../tooling/simulators/worklayer';
import { TIME_ZONES, anyValue, assertProperty, collectionOf, isoLike, refusedOrRead, specialString } from './arbitraries';

// 10,000 inputs per property: minutes on a loaded machine, seconds otherwise.
jest.setTimeout(300_000);

// The query-string writer n8n uses for `arrayFormat` (its HTTP client calls `qs.stringify`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stringify } = require('qs') as { stringify(value: unknown, options: { arrayFormat: 'brackets' }): string };

const UUID_VALUE = '137eafeb-15d1-6480-022b-0ec4617ba21a';
/** Values that pass the checks, next to any value: both sides of every check get exercised. */
const plausible = fc.oneof(
	anyValue,
	isoLike,
	fc.constantFrom(UUID_VALUE, '42', '7, 8', 'pro_1a2b', 'active', 'company', 'site', 'scheduled', 'in_progress', 'date_created', 'desc', 'CLAIMED'),
	fc.array(fc.constantFrom('1', '22', UUID_VALUE, 'active', 'paused', 'posted', 'finished', 'completed', 'attachments'), { maxLength: 3 }),
);

/** Leaves as strings, as a query string carries them. */
function asQueryStrings(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(asQueryStrings);
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asQueryStrings(v)]));
	return String(value);
}

/** The query as a Rails/Rack server reads what n8n sends: same keys, same values. */
function expectBracketsRoundTrip(qs: IDataObject, allowed: Record<string, readonly string[] | true>): void {
	const { query } = parseQuery(stringify(qs, { arrayFormat: 'brackets' }));
	expect(query).toEqual(asQueryStrings(qs));
	for (const [key, value] of Object.entries(query)) {
		const nested = allowed[key];
		expect(nested).toBeDefined();
		if (nested !== true && typeof value === 'object' && !Array.isArray(value)) {
			for (const inner of Object.keys(value)) expect(nested).toContain(inner);
		}
	}
}

interface AcceloTerm {
	name: string;
	args: Array<string | AcceloTerm>;
}

/** Reads `name(arg,…),…` strictly; nested terms only as arguments. Throws on anything else. */
function acceloTerms(text: string): AcceloTerm[] {
	let at = 0;
	const word = (): string => {
		const match = /^[A-Za-z0-9_-]+/.exec(text.slice(at));
		if (!match) throw new Error(`no word at ${at} in ${text}`);
		at += match[0].length;
		return match[0];
	};
	const expect_ = (ch: string) => {
		if (text[at] !== ch) throw new Error(`expected ${ch} at ${at} in ${text}`);
		at++;
	};
	const term = (): AcceloTerm => {
		const name = word();
		expect_('(');
		const args: Array<string | AcceloTerm> = [];
		do {
			if (args.length) at++;
			const arg = word();
			if (text[at] === '(') {
				at -= arg.length;
				args.push(term());
			} else args.push(arg);
		} while (text[at] === ',');
		expect_(')');
		return { name, args };
	};
	const terms = [term()];
	while (at < text.length) {
		expect_(',');
		terms.push(term());
	}
	return terms;
}

const ACCELO_TERMS = new Set([
	'standing', 'status', 'manager', 'type', 'against', 'against_type', 'against_id',
	...['created', 'modified', 'due', 'completed'].flatMap((d) => [`date_${d}_after`, `date_${d}_before`]),
	'order_by_asc', 'order_by_desc',
]);

describe('Accelo _filters', () => {
	const FILTER_KEYS = ['standing', 'statusIds', 'managerIds', 'typeIds', 'againstType', 'againstIds', 'createdAfter', 'createdBefore', 'modifiedAfter', 'modifiedBefore', 'dueAfter', 'dueBefore', 'completedAfter', 'completedBefore', 'search'];

	it('no filter value adds, widens or repeats a term', () => {
		assertProperty(
			fc.property(collectionOf(FILTER_KEYS, plausible), collectionOf(['orderBy', 'orderDirection'], plausible), fc.constantFrom(...TIME_ZONES), (filters, options, timeZone) => {
				const qs = refusedOrRead(() => acceloQuery(filters, options, timeZone));
				if (!qs) return;
				expect(Object.keys(qs).every((key) => key === '_filters' || key === '_search')).toBe(true);
				if (qs._filters === undefined) return;
				const terms = acceloTerms(qs._filters as string);
				expect(new Set(terms.map((t) => t.name)).size).toBe(terms.length);
				for (const { name, args } of terms) {
					expect(ACCELO_TERMS.has(name)).toBe(true);
					for (const arg of args) {
						if (typeof arg === 'string') expect(arg).toMatch(/^(-?\d+|[a-z_]+)$/);
						else expect(name === 'against' && ['company', 'site'].includes(arg.name) && arg.args.every((a) => typeof a === 'string' && /^\d+$/.test(a))).toBe(true);
					}
				}
			}),
		);
	});
});

describe('bracketed query keys', () => {
	it('Housecall Pro: every value stays inside its own documented key', () => {
		const FILTERS = ['customerId', 'employeeIds', 'franchiseeIds', 'locationIds', 'scheduledStartMin', 'scheduledStartMax', 'scheduledEndMin', 'scheduledEndMax', 'workStatus'];
		const WIRE = ['customer_id', 'employee_ids', 'franchisee_ids', 'location_ids', 'scheduled_start_min', 'scheduled_start_max', 'scheduled_end_min', 'scheduled_end_max', 'work_status', 'expand', 'sort_by', 'sort_direction'];
		assertProperty(
			fc.property(collectionOf(FILTERS, plausible), collectionOf(['expand', 'sortBy', 'sortDirection'], plausible), fc.constantFrom(...TIME_ZONES), fc.boolean(), (filters, options, timeZone, stable) => {
				const qs = refusedOrRead(() => hcpQuery(filters, options, timeZone, stable));
				if (qs) expectBracketsRoundTrip(qs, Object.fromEntries(WIRE.map((key) => [key, true])));
			}),
		);
	});

	it('Planado: every value, free text included, stays inside its own documented key', () => {
		const FILTERS = ['status', 'assigneeWorkerUuid', 'assigneeTeamUuid', 'clientUuid', 'clientExternalId', 'siteUuid', 'externalOrderId', 'initialJobUuid', 'completionOfUuid', 'scheduledAfter', 'scheduledBefore', 'updatedAfter', 'updatedBefore', 'resolutionFinished', 'resolutionCanceled'];
		const WIRE: Record<string, readonly string[] | true> = {
			status: true,
			assignee: ['worker_uuid', 'team_uuid'],
			client: ['uuid', 'external_id'],
			site_uuid: true,
			external_order_id: true,
			initial_job_uuid: true,
			completion_of_uuid: true,
			scheduled_at: ['after', 'before'],
			updated_at: ['after', 'before'],
			resolution: ['finished', 'canceled'],
		};
		assertProperty(
			fc.property(collectionOf(FILTERS, fc.oneof(plausible, specialString)), fc.constantFrom(...TIME_ZONES), (filters, timeZone) => {
				const qs = refusedOrRead(() => planadoQuery(filters, timeZone));
				if (qs) expectBracketsRoundTrip(qs, WIRE);
			}),
		);
	});

	it('FSM Navigator: only its documented keys, each a checked value', () => {
		const FILTERS = ['status', 'priority', 'assignedTechnicianId', 'customerLocationId', 'createdAfter', 'createdBefore'];
		const WIRE = ['status', 'priority', 'assigned_technician_id', 'customer_location_id', 'created_after', 'created_before'];
		assertProperty(
			fc.property(collectionOf(FILTERS, fc.oneof(plausible, fc.constantFrom('Scheduled', 'High'))), fc.constantFrom(...TIME_ZONES), (filters, timeZone) => {
				const qs = refusedOrRead(() => fsmQuery(filters, timeZone));
				if (!qs) return;
				for (const [key, value] of Object.entries(qs)) {
					expect(WIRE).toContain(key);
					expect(typeof value).toBe('string');
					expect(value as string).toMatch(/^[A-Za-z0-9 :._-]+$/);
				}
			}),
		);
	});
});

describe('Worklayer filter', () => {
	const TRIGGER_TERM = 'create_time >= "2026-01-01T00:00:00.000Z"';
	/** Raw Filter text: documented terms with any structure around them, and stray characters. */
	const rawFilter = fc
		.array(
			fc.oneof(
				fc.constantFrom('status = CLAIMED', 'status="CLOSED"', 'status != "UNCLAIMED"', 'create_time >= "2026-01-01T00:00:00Z"', 'deadline_time<"2026-02-01T17:00:00Z"', `members.user_id:"${UUID_VALUE}"`),
				specialString.map((junk) => `members.user_id:"${junk}"`),
				fc.constantFrom(' AND ', ' OR ', 'OR', 'AND', ' or ', ' || ', '&&', '(', ')', ' ', '"', '\\', 'NOT ', '-', ','),
				specialString,
			),
			{ minLength: 1, maxLength: 8 },
		)
		.map((parts) => parts.join(''));
	const FILTERS = ['memberUserId', 'createdAfter', 'createdBefore', 'transmittedAfter', 'transmittedBefore', 'deadlineAfter', 'deadlineBefore', 'status'];
	const filters = fc.tuple(collectionOf(FILTERS, fc.oneof(plausible, fc.constantFrom(WORKLAYER_STATUSES), specialString)), fc.option(rawFilter, { nil: undefined }));

	/**
	 * The simulator's reading of a filter; undefined when it refuses a value only (a status or a
	 * timestamp it does not know, which the node leaves to Worklayer), never for the structure.
	 */
	function simulatorReading(filter: string, mixedAndOr: 'orBindsTighter' | 'andBindsTighter'): WorklayerFilterNode | undefined {
		try {
			return parseWorklayerFilter(filter, { mixedAndOr, parentheses: true });
		} catch (error) {
			if (error instanceof WorklayerFilterError && /invalid status|invalid timestamp|must be a quoted timestamp/.test(error.message)) return undefined;
			throw error;
		}
	}

	/** Whether `term` is one of the conditions every job must meet, under a precedence guess. */
	function isTopLevelCondition(root: WorklayerFilterNode, term: { field: string; op: string; value: string }): boolean {
		const conditions = root.kind === 'and' ? root.children : [root];
		return conditions.some((c) => c.kind === 'term' && c.field === term.field && c.op === term.op && c.value === term.value);
	}

	it("no Raw Filter or value takes a trigger's time term out of the filter, whichever of AND and OR binds tighter", () => {
		assertProperty(
			fc.property(filters, fc.constantFrom(...TIME_ZONES), ([given, raw], timeZone) => {
				const query = refusedOrRead(() => worklayerQuery(raw === undefined ? given : { ...given, rawFilter: raw }, timeZone));
				if (!query) return;
				const polled = refusedOrRead(() => withTerm(query, TRIGGER_TERM));
				for (const wire of [...wireQueries(query), ...(polled ? wireQueries(polled) : [])]) {
					if (wire.filter === undefined) continue;
					for (const mixedAndOr of ['orBindsTighter', 'andBindsTighter'] as const) {
						const root = simulatorReading(wire.filter as string, mixedAndOr);
						if (!root) continue;
						if (polled && wireQueries(polled).includes(wire)) {
							expect(isTopLevelCondition(root, { field: 'create_time', op: '>=', value: '2026-01-01T00:00:00.000Z' })).toBe(true);
						}
					}
				}
			}),
		);
	});
});
