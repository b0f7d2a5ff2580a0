/**
 * Accelo API simulator (jobs, statuses, types, progressions, OAuth2 client credentials) over real
 * loopback HTTP, built on `SimulatorServer`.
 *
 * Sources: Accelo's API documentation, https://api.accelo.com/docs/ (introduction, authentication,
 * configuring responses, status codes, jobs, progressions, statuses) and its older "GET /jobs" wiki
 * page. Where the docs are silent the simulator
 * picks the STRICT behaviour so that a client bug shows up; every such choice is marked
 * `UNDOCUMENTED:` in a comment.
 *
 * Layout: `{base}/api/v0/...` is the API, `{base}/oauth2/v0/token` the token endpoint, where `{base}` is
 * what `start()` resolves to (for example `http://127.0.0.1:41234`).
 */
import { randomBytes } from 'node:crypto';

import { mulberry32 } from './random';
import { header, SimulatorServer, type RecordedRequest, type SimResponse } from './server';

// ---------------------------------------------------------------------------------------------------
// Stored records (numbers are kept as numbers here; the API renders every value as a string)
// ---------------------------------------------------------------------------------------------------

export type AcceloStanding = 'pending' | 'active' | 'paused' | 'complete' | 'inactive';
export type AcceloAgainstType = 'company' | 'site';

export interface AcceloStaff {
	id: number;
	firstname: string;
	surname: string;
	email: string;
	username: string;
	/** Position title. */
	title: string;
	standing: 'active' | 'inactive';
}

export interface AcceloCompany {
	id: number;
	name: string;
	website: string | null;
	phone: string | null;
	standing: 'active' | 'inactive';
	date_created: number;
}

export interface AcceloSite {
	id: number;
	title: string;
	company_id: number;
}

export interface AcceloJobType {
	id: number;
	title: string;
	standing: 'active' | 'inactive';
	ordering: number;
	has_custom_id: boolean;
}

export interface AcceloJobStatus {
	id: number;
	title: string;
	color: string;
	standing: AcceloStanding;
	/** Whether the status may be used when a job is created. */
	start: 'yes' | 'no';
	ordering: number;
}

/** A move between two statuses (the deployment's business process). */
export interface AcceloProgression {
	id: number;
	title: string;
	from_status_id: number;
	to_status_id: number;
}

export interface AcceloRate {
	id: number;
	title: string;
	/** Decimal string, e.g. "125.00". */
	charged: string;
}

export interface AcceloJob {
	id: number;
	title: string;
	against_type: AcceloAgainstType;
	against_id: number;
	custom_id: string | null;
	/** Days paused. */
	paused: number;
	staff_bookmarked: boolean;
	date_created: number;
	date_modified: number;
	/** When the job moved into an active status. */
	date_commenced: number | null;
	/** Scheduled start. */
	date_started: number | null;
	date_due: number | null;
	date_completed: number | null;
	date_last_interacted: number | null;
	job_type_id: number;
	rate_id: number | null;
	/** Decimal string, e.g. "125.00". */
	rate_charged: string;
	status_id: number;
	/** Always the standing of `status_id`. */
	standing: AcceloStanding;
	manager_id: number;
	modified_by: number;
	affiliation_id: number | null;
	contract_id: number | null;
	is_billable: boolean;
}

export interface AcceloProgressionHistory {
	id: number;
	to_id: number;
	to_title: string;
	against_type: 'job';
	against_id: number;
	modified_by: number;
	date_modified: number;
}

export interface AcceloData {
	/** Unix seconds; every generated date lies before this, except scheduled starts and due dates. */
	referenceDate: number;
	staff: AcceloStaff[];
	companies: AcceloCompany[];
	sites: AcceloSite[];
	jobTypes: AcceloJobType[];
	statuses: AcceloJobStatus[];
	progressions: AcceloProgression[];
	rates: AcceloRate[];
	/** Sorted by ascending id. */
	jobs: AcceloJob[];
	progressionHistory: AcceloProgressionHistory[];
}

/** 2026-10-01T00:00:00Z. Generated data spreads over the ~90 days before it. */
export const ACCELO_REFERENCE_DATE = 1790812800;

const DAY = 86400;

// ---------------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------------

const STAFF: ReadonlyArray<Omit<AcceloStaff, 'email' | 'username' | 'standing'>> = [
	// Non-contiguous ids on purpose: a client that confuses list positions with ids fails.
	{ id: 7, firstname: 'Hubert', surname: 'Farnsworth', title: 'Owner' },
	{ id: 10, firstname: 'Turanga', surname: 'Leela', title: 'Operations Manager' },
	{ id: 11, firstname: 'Philip', surname: 'Fry', title: 'Field Technician' },
	{ id: 13, firstname: 'Amy', surname: 'Wong', title: 'Project Manager' },
	{ id: 14, firstname: 'Hermes', surname: 'Conrad', title: 'Accounts Manager' },
	{ id: 15, firstname: 'Bender', surname: 'Rodríguez', title: 'Installer' },
];

const COMPANY_NAMES = [
	"Mom's Friendly Robot Company",
	'Slurm Corp',
	'Acme HVAC Supply',
	"O'Brien & Sons Plumbing",
	'Café Müller',
	'Big Apple Dental',
	'Harbor Logistics',
	'Greenleaf Property Management',
	'Northwind Traders',
	'Contoso Clinics',
	'Blue Ridge Schools',
	'Riverside Apartments',
	'Summit Legal LLP',
	'Pioneer Foods',
	'Applied Cryogenics',
];

/** Job types; 6 is inactive. Type 1 uses custom ids. */
const JOB_TYPES: readonly AcceloJobType[] = [
	{ id: 1, title: 'Website Build', standing: 'active', ordering: 1, has_custom_id: true },
	{ id: 2, title: 'Managed Services', standing: 'active', ordering: 2, has_custom_id: false },
	{ id: 3, title: 'HVAC Install', standing: 'active', ordering: 3, has_custom_id: false },
	{ id: 4, title: 'Plumbing Repair', standing: 'active', ordering: 4, has_custom_id: false },
	{ id: 5, title: 'Electrical Inspection', standing: 'active', ordering: 5, has_custom_id: false },
	{ id: 6, title: 'Legacy Retainer', standing: 'inactive', ordering: 6, has_custom_id: false },
];

const TITLE_TEMPLATES: Record<number, readonly string[]> = {
	1: ['Website Redesign', 'Landing Page Build', 'E-commerce Store Build', 'Brand Microsite'],
	2: ['Monthly IT Support', 'Server Patching', 'Backup Monitoring', 'Helpdesk Retainer'],
	3: ['HVAC Install - Rooftop Unit', 'Heat Pump Installation', 'Ductwork Replacement', 'HVAC Install - Split System'],
	4: ['Leak Repair', 'Water Heater Replacement', 'Drain Unblocking'],
	5: ['Annual Electrical Inspection', 'Switchboard Upgrade', 'Emergency Lighting Test'],
	6: ['Legacy Support Retainer'],
};

const STATUSES: readonly AcceloJobStatus[] = [
	{ id: 1, title: 'Pending', color: 'grey', standing: 'pending', start: 'yes', ordering: 1 },
	{ id: 2, title: 'In Progress', color: 'green', standing: 'active', start: 'yes', ordering: 2 },
	{ id: 3, title: 'On Hold', color: 'orange', standing: 'paused', start: 'no', ordering: 3 },
	{ id: 4, title: 'Complete', color: 'blue', standing: 'complete', start: 'no', ordering: 4 },
	{ id: 5, title: 'Closed', color: 'black', standing: 'inactive', start: 'no', ordering: 5 },
	{ id: 6, title: 'Cancelled', color: 'red', standing: 'inactive', start: 'no', ordering: 6 },
];

const PROGRESSIONS: readonly AcceloProgression[] = [
	{ id: 1, title: 'Start Job', from_status_id: 1, to_status_id: 2 },
	{ id: 2, title: 'Pause', from_status_id: 2, to_status_id: 3 },
	{ id: 3, title: 'Resume', from_status_id: 3, to_status_id: 2 },
	{ id: 4, title: 'Complete Job', from_status_id: 2, to_status_id: 4 },
	{ id: 5, title: 'Close', from_status_id: 4, to_status_id: 5 },
	{ id: 6, title: 'Cancel', from_status_id: 1, to_status_id: 6 },
	{ id: 7, title: 'Cancel', from_status_id: 3, to_status_id: 6 },
	{ id: 8, title: 'Reopen', from_status_id: 4, to_status_id: 2 },
];

const RATES: readonly AcceloRate[] = [
	{ id: 1, title: 'Standard', charged: '125.00' },
	{ id: 2, title: 'After Hours', charged: '187.50' },
	{ id: 3, title: 'Maintenance Contract', charged: '95.00' },
];

/** Status ids with their share of the generated jobs. */
const STATUS_WEIGHTS: ReadonlyArray<[number, number]> = [
	[1, 0.15],
	[2, 0.3],
	[3, 0.08],
	[4, 0.2],
	[5, 0.2],
	[6, 0.07],
];

/**
 * Deterministic demo deployment: 6 staff, 15 companies, 5 sites (some site ids equal company ids, so
 * `against_id(…)` and `against(company(…))` differ), 6 job types, 6 statuses, 8 progressions, 3 rates
 * and `jobCount` jobs created over the 90 days before `referenceDate`. Job ids ascend with creation
 * time, with a few gaps (deleted jobs), some jobs created in the same second as the previous one and a
 * few back-dated imports. Fast: 50,000 jobs take well under a second.
 */
export function generateAcceloData(
	jobCount: number,
	seed = 1,
	referenceDate: number = ACCELO_REFERENCE_DATE,
): AcceloData {
	const rnd = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
	const ref = referenceDate;

	const staff: AcceloStaff[] = STAFF.map((s) => ({
		...s,
		email: `${s.firstname.toLowerCase()}.${s.surname.toLowerCase().replace(/[^a-z]/g, '')}@planetexpress.example`,
		username: s.firstname.toLowerCase(),
		standing: 'active',
	}));
	const companies: AcceloCompany[] = COMPANY_NAMES.map((name, i) => ({
		id: 31 + i * 2,
		name,
		website: i % 4 === 3 ? null : `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
		phone: i % 5 === 4 ? null : `+1 555 01${String(10 + i).padStart(2, '0')}`,
		standing: i === 14 ? 'inactive' : 'active',
		date_created: ref - (400 + i * 17) * DAY,
	}));
	const sites: AcceloSite[] = [
		{ id: 4, title: 'Slurm Bottling Plant', company_id: 33 },
		{ id: 5, title: 'Harbor Logistics - Pier 9 Warehouse', company_id: 43 },
		{ id: 12, title: 'Riverside Apartments - Block C', company_id: 53 },
		{ id: 31, title: 'Contoso Clinics - Eastside', company_id: 49 },
		{ id: 33, title: 'Blue Ridge Elementary', company_id: 51 },
	];
	const jobTypes = JOB_TYPES.map((t) => ({ ...t }));
	const statuses = STATUSES.map((s) => ({ ...s }));
	const progressions = PROGRESSIONS.map((p) => ({ ...p }));
	const rates = RATES.map((r) => ({ ...r }));
	const statusById = new Map(statuses.map((s) => [s.id, s]));
	const activeTypes = jobTypes.filter((t) => t.standing === 'active');

	const span = 90 * DAY;
	const start = ref - span;
	const created = new Array<number>(jobCount);
	for (let i = 0; i < jobCount; i++) created[i] = start + Math.floor(rnd() * span);
	created.sort((a, b) => a - b);
	// Batch-created jobs share their creation second with the previous job (keeps the order).
	for (let i = 1; i < jobCount; i++) if (rnd() < 0.05) created[i] = created[i - 1];

	const jobs: AcceloJob[] = new Array<AcceloJob>(jobCount);
	const history: Array<Omit<AcceloProgressionHistory, 'id'>> = [];
	let id = 0;
	for (let i = 0; i < jobCount; i++) {
		id += rnd() < 0.04 ? 2 : 1; // gaps: deleted jobs
		let dateCreated = created[i];
		if (rnd() < 0.03) dateCreated -= int(1, 30) * DAY; // back-dated import
		let r = rnd();
		let statusId = 1;
		for (const [sid, weight] of STATUS_WEIGHTS) {
			statusId = sid;
			if (r < weight) break;
			r -= weight;
		}
		const status = statusById.get(statusId)!;
		const type = rnd() < 0.03 ? jobTypes[5] : pick(activeTypes);
		const onSite = rnd() < 0.15;
		const site = onSite ? pick(sites) : undefined;
		const company = onSite ? undefined : pick(companies);
		const againstName = site ? site.title : company!.name;
		const age = ref - dateCreated;

		let dateStarted: number | null = dateCreated + int(0, 7) * DAY + int(0, 8 * 3600);
		if (statusId === 1 && rnd() < 0.3) dateStarted = null;
		const dateDue: number | null = rnd() < 0.1 ? null : (dateStarted ?? dateCreated) + int(3, 45) * DAY;
		const commenced =
			statusId >= 2 && statusId <= 5 ? dateCreated + Math.floor(rnd() * Math.min(14 * DAY, age)) : null;
		const completed =
			(statusId === 4 || statusId === 5) && commenced !== null
				? commenced + Math.floor(rnd() * (ref - commenced))
				: null;
		const base = Math.max(dateCreated, commenced ?? 0, completed ?? 0);
		// A fifth of pending jobs were never touched after creation (date_modified == date_created).
		const dateModified =
			statusId === 1 && rnd() < 0.2 ? dateCreated : base + Math.floor(rnd() * (ref - base) * 0.6);
		const lastInteracted = dateModified + Math.floor(rnd() * (ref - dateModified));
		const rate = rnd() < 0.1 ? null : pick(rates);
		const managerId = pick(staff).id;

		jobs[i] = {
			id,
			title: `${pick(TITLE_TEMPLATES[type.id])} - ${againstName}`,
			against_type: site ? 'site' : 'company',
			against_id: site ? site.id : company!.id,
			custom_id: type.has_custom_id ? `WEB-${String(id).padStart(5, '0')}` : null,
			paused: statusId === 3 ? int(1, 30) : rnd() < 0.1 ? int(1, 5) : 0,
			staff_bookmarked: rnd() < 0.1,
			date_created: dateCreated,
			date_modified: dateModified,
			date_commenced: commenced,
			date_started: dateStarted,
			date_due: dateDue,
			date_completed: completed,
			date_last_interacted: lastInteracted,
			job_type_id: type.id,
			rate_id: rate ? rate.id : null,
			rate_charged: rate ? rate.charged : '0.00',
			status_id: status.id,
			standing: status.standing,
			manager_id: managerId,
			modified_by: rnd() < 0.6 ? managerId : pick(staff).id,
			affiliation_id: rnd() < 0.3 ? int(70, 99) : null,
			contract_id: type.id === 2 ? int(1, 5) : null,
			is_billable: rnd() < 0.8,
		};

		// Progression history consistent with the final status.
		const push = (toId: number, at: number): void => {
			history.push({
				to_id: toId,
				to_title: statusById.get(toId)!.title,
				against_type: 'job',
				against_id: id,
				modified_by: managerId,
				date_modified: at,
			});
		};
		if (commenced !== null) push(2, commenced);
		if (statusId === 3) push(3, dateModified);
		if (completed !== null) push(4, completed);
		if (statusId === 5) push(5, dateModified);
		if (statusId === 6) push(6, dateModified);
	}
	history.sort((a, b) => a.date_modified - b.date_modified || a.against_id - b.against_id);
	const progressionHistory = history.map((h, i) => ({ id: i + 1, ...h }));

	return {
		referenceDate: ref,
		staff,
		companies,
		sites,
		jobTypes,
		statuses,
		progressions,
		rates,
		jobs,
		progressionHistory,
	};
}

// ---------------------------------------------------------------------------------------------------
// Errors and envelopes
// ---------------------------------------------------------------------------------------------------

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const STATUS_MESSAGES: Record<string, string> = {
	ok: 'Everything executed as expected.',
	invalid_request:
		'The request could not be interpreted. This can be caused by missing or invalid data. Please ensure that the resource you are requesting actually exists.',
};

function moreInfo(status: string): string {
	return `https://affinitylive.jira.com/wiki/display/APIS/Status+Codes#${status}`;
}

export class AcceloApiError extends Error {
	constructor(
		readonly httpStatus: number,
		readonly metaStatus: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

const invalid = (message: string): AcceloApiError => new AcceloApiError(400, 'invalid_request', message);

// ---------------------------------------------------------------------------------------------------
// `_filters` language
// ---------------------------------------------------------------------------------------------------

export interface FilterTerm {
	name: string;
	args: FilterArg[];
}
export type FilterArg = { kind: 'atom'; value: string } | { kind: 'term'; term: FilterTerm };

/**
 * Parses `_filters`: comma-separated terms `name(arg,…)`, where an argument is either a nested term
 * (`against(company(1,4),site(4,5))`, `_OR(standing(active),manager(7))`) or a bare value. Throws an
 * `invalid_request` error naming the position on anything else (unbalanced parentheses, a bare word
 * at the top level, an empty term, …).
 */
export function parseFilterString(input: string): FilterTerm[] {
	let pos = 0;
	const fail = (what: string): never => {
		throw invalid(`Could not parse _filters: ${what} at position ${pos} in '${input}'`);
	};
	const skipSpace = (): void => {
		while (pos < input.length && /\s/.test(input[pos])) pos++;
	};
	const readName = (): string | null => {
		const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(pos));
		if (!m) return null;
		return m[0];
	};
	const parseTerm = (): FilterTerm => {
		skipSpace();
		const name = readName();
		if (!name) return fail('expected a filter name');
		pos += name.length;
		skipSpace();
		if (input[pos] !== '(') return fail(`expected '(' after '${name}'`);
		pos++;
		const args: FilterArg[] = [];
		skipSpace();
		if (input[pos] === ')') {
			pos++;
			return { name, args };
		}
		for (;;) {
			skipSpace();
			const save = pos;
			const maybe = readName();
			let isTerm = false;
			if (maybe) {
				let p = pos + maybe.length;
				while (p < input.length && /\s/.test(input[p])) p++;
				isTerm = input[p] === '(';
			}
			if (isTerm) {
				args.push({ kind: 'term', term: parseTerm() });
			} else {
				pos = save;
				let value = '';
				while (pos < input.length && input[pos] !== ',' && input[pos] !== ')') {
					if (input[pos] === '(') fail(`unexpected '(' in a value of '${name}'`);
					value += input[pos];
					pos++;
				}
				args.push({ kind: 'atom', value: value.trim() });
			}
			skipSpace();
			if (input[pos] === ',') {
				pos++;
				continue;
			}
			if (input[pos] === ')') {
				pos++;
				return { name, args };
			}
			return fail(`unterminated '${name}(' (missing ')')`);
		}
	};
	const terms: FilterTerm[] = [];
	skipSpace();
	if (pos >= input.length) return terms;
	for (;;) {
		terms.push(parseTerm());
		skipSpace();
		if (pos >= input.length) return terms;
		if (input[pos] !== ',') fail(`expected ',' between filters, found '${input[pos]}'`);
		pos++;
	}
}

/** The JSON body form of `_filters` (`{"id":[12,13],"against":[{"company":[312]}]}`). */
function filtersFromJson(value: unknown): FilterTerm[] {
	if (typeof value === 'string') return parseFilterString(value);
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw invalid('_filters must be a string or an object');
	}
	const toArgs = (v: unknown): FilterArg[] => {
		const list = Array.isArray(v) ? v : [v];
		const args: FilterArg[] = [];
		for (const item of list) {
			if (typeof item === 'string' || typeof item === 'number') args.push({ kind: 'atom', value: String(item) });
			else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
				for (const [k, inner] of Object.entries(item as Record<string, unknown>)) {
					args.push({ kind: 'term', term: { name: k, args: toArgs(inner) } });
				}
			} else throw invalid(`Invalid value in JSON _filters: ${JSON.stringify(item)}`);
		}
		return args;
	};
	return Object.entries(value as Record<string, unknown>).map(([name, v]) => ({ name, args: toArgs(v) }));
}

interface BasicFilter<T> {
	get: (r: T) => string | number | null;
	kind: 'id' | 'enum' | 'text';
	values?: readonly string[];
}
interface ObjectFilter<T> {
	types: readonly string[];
	typeOf: (r: T) => string;
	idOf: (r: T) => number;
}
interface FilterSpec<T> {
	resource: string;
	basic: Record<string, BasicFilter<T>>;
	date: Record<string, (r: T) => number | null>;
	range: Record<string, (r: T) => number | null>;
	order: Record<string, (r: T) => number | string | null>;
	object: Record<string, ObjectFilter<T>>;
	search: ((r: T) => string) | null;
	idOf: (r: T) => number;
}
type Pred<T> = (r: T) => boolean;
interface OrderBy<T> {
	field: string;
	key: (r: T) => number | string | null;
	dir: 1 | -1;
}
interface CompiledFilters<T> {
	pred: Pred<T> | null;
	order: OrderBy<T> | null;
}

const RANGE_RE = /^(.+?)_(greater_than_or_equal|less_than_or_equal|greater_than|less_than)$/;
const DATE_RE = /^(.+)_(before|after)$/;

function atoms(term: FilterTerm): string[] {
	return term.args.map((a) => {
		if (a.kind !== 'atom') throw invalid(`Filter '${term.name}' does not take nested filters`);
		return a.value;
	});
}

function single(term: FilterTerm): string {
	const values = atoms(term);
	if (values.length !== 1 || values[0] === '') {
		throw invalid(`Filter '${term.name}' takes exactly one value, got ${values.length}`);
	}
	return values[0];
}

function unsigned(term: FilterTerm, value: string): number {
	if (!/^\d+$/.test(value)) {
		throw invalid(`Invalid value '${value}' for filter '${term.name}': expected an unsigned integer`);
	}
	return Number(value);
}

function searchWords(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[\s,]+/)
		.filter((w) => w !== '');
}

function compileFilters<T>(spec: FilterSpec<T>, terms: FilterTerm[]): CompiledFilters<T> {
	const state = { ands: 0 };
	const group = compileGroup(spec, terms, 'top', state);
	return {
		pred: group.preds.length === 0 ? null : (r) => group.preds.every((p) => p(r)),
		order: group.order,
	};
}

function compileGroup<T>(
	spec: FilterSpec<T>,
	terms: FilterTerm[],
	level: 'top' | 'or' | 'and',
	state: { ands: number },
): { preds: Array<Pred<T>>; order: OrderBy<T> | null } {
	// Documented: "If the same filter is used more than once in a combination only the final
	// instance of the filter will be used". UNDOCUMENTED: `x` and `x_not` count as different filters;
	// `order_by_asc` and `order_by_desc` share one slot (the last order term wins).
	const slot = (name: string): string => (name === 'order_by_asc' || name === 'order_by_desc' ? 'order_by' : name);
	const last = new Map<string, number>();
	terms.forEach((t, i) => last.set(slot(t.name), i));
	const preds: Array<Pred<T>> = [];
	let order: OrderBy<T> | null = null;
	for (let i = 0; i < terms.length; i++) {
		const term = terms[i];
		if (last.get(slot(term.name)) !== i) continue;
		const compiled = compileTerm(spec, term, level, state);
		if ('order' in compiled) order = compiled.order;
		else preds.push(compiled.pred);
	}
	return { preds, order };
}

function nestedTerms(term: FilterTerm): FilterTerm[] {
	return term.args.map((a) => {
		if (a.kind !== 'term') throw invalid(`'${term.name}' takes filters as arguments, not '${a.value}'`);
		return a.term;
	});
}

function compileTerm<T>(
	spec: FilterSpec<T>,
	term: FilterTerm,
	level: 'top' | 'or' | 'and',
	state: { ands: number },
): { pred: Pred<T> } | { order: OrderBy<T> } {
	const { name } = term;
	if (name === '_OR') {
		if (level !== 'top') throw invalid('Nested _OR filters are not supported');
		const sub = compileGroup(spec, nestedTerms(term), 'or', state);
		if (sub.order) throw invalid('Order filters cannot be used inside _OR');
		if (sub.preds.length === 0) throw invalid('_OR needs at least one filter');
		return { pred: (r) => sub.preds.some((p) => p(r)) };
	}
	if (name === '_AND') {
		if (level === 'and') throw invalid('_AND cannot be nested inside _AND');
		state.ands++;
		if (state.ands > 1) throw invalid('Only a single _AND can be defined inside _filters');
		const sub = compileGroup(spec, nestedTerms(term), 'and', state);
		if (sub.order) throw invalid('Order filters cannot be used inside _AND');
		return { pred: (r) => sub.preds.every((p) => p(r)) };
	}
	if (name === 'order_by_asc' || name === 'order_by_desc') {
		// UNDOCUMENTED: order terms only at the top level, with exactly one field.
		if (level !== 'top') throw invalid(`'${name}' cannot be used inside _OR/_AND`);
		const field = single(term);
		const key = spec.order[field];
		if (!key) {
			throw invalid(`Cannot order ${spec.resource} by '${field}' (allowed: ${Object.keys(spec.order).join(', ')})`);
		}
		return { order: { field, key, dir: name === 'order_by_asc' ? 1 : -1 } };
	}
	if (name === 'min_id' || name === 'max_id') {
		const bound = unsigned(term, single(term));
		return name === 'min_id'
			? { pred: (r) => spec.idOf(r) >= bound }
			: { pred: (r) => spec.idOf(r) <= bound };
	}
	if (name === 'search' && spec.search) {
		const words = searchWords(atoms(term).join(' '));
		const text = spec.search;
		return { pred: (r) => words.every((w) => text(r).toLowerCase().includes(w)) };
	}
	const negate = name.endsWith('_not');
	const base = negate ? name.slice(0, -4) : name;
	const basic = spec.basic[base];
	if (basic) {
		const values = atoms(term);
		if (values.length === 0) throw invalid(`Filter '${name}' needs at least one value`);
		for (const v of values) {
			if (basic.kind === 'id') unsigned(term, v);
			if (basic.kind === 'enum' && !basic.values!.includes(v)) {
				// UNDOCUMENTED: an unknown enum value is an error rather than an empty result.
				throw invalid(`Invalid value '${v}' for filter '${name}' (allowed: ${basic.values!.join(', ')})`);
			}
		}
		const set = new Set(basic.kind === 'id' ? values.map((v) => String(Number(v))) : values);
		const get = basic.get;
		// UNDOCUMENTED: SQL semantics; a record whose value is null matches neither `x(…)` nor `x_not(…)`.
		return {
			pred: (r) => {
				const v = get(r);
				if (v === null) return false;
				return set.has(String(v)) !== negate;
			},
		};
	}
	const object = spec.object[base];
	if (object) {
		const wanted = nestedTerms(term).map((t) => {
			if (!object.types.includes(t.name)) {
				throw invalid(`Invalid object type '${t.name}' in '${name}' (allowed: ${object.types.join(', ')})`);
			}
			const ids = atoms(t);
			if (ids.length === 0) throw invalid(`'${t.name}' in '${name}' needs at least one id`);
			return { type: t.name, ids: new Set(ids.map((v) => unsigned(t, v))) };
		});
		if (wanted.length === 0) throw invalid(`Filter '${name}' needs at least one object`);
		return {
			pred: (r) => {
				const type = object.typeOf(r);
				const id = object.idOf(r);
				return wanted.some((w) => w.type === type && w.ids.has(id)) !== negate;
			},
		};
	}
	if (!negate) {
		const d = DATE_RE.exec(name);
		if (d && spec.date[d[1]]) {
			const get = spec.date[d[1]];
			const at = unsigned(term, single(term));
			// Documented as "less than" / "greater than": STRICT comparisons. Unset dates never match.
			return d[2] === 'after'
				? {
						pred: (r) => {
							const v = get(r);
							return v !== null && v > at;
						},
					}
				: {
						pred: (r) => {
							const v = get(r);
							return v !== null && v < at;
						},
					};
		}
		const g = RANGE_RE.exec(name);
		if (g && spec.range[g[1]]) {
			const get = spec.range[g[1]];
			const raw = single(term);
			if (!/^-?\d+(\.\d+)?$/.test(raw)) throw invalid(`Invalid value '${raw}' for filter '${name}': expected a number`);
			const bound = Number(raw);
			const cmp: (v: number) => boolean =
				g[2] === 'greater_than'
					? (v) => v > bound
					: g[2] === 'less_than'
						? (v) => v < bound
						: g[2] === 'greater_than_or_equal'
							? (v) => v >= bound
							: (v) => v <= bound;
			return {
				pred: (r) => {
					const v = get(r);
					return v !== null && cmp(v);
				},
			};
		}
	}
	throw invalid(`Unknown filter '${name}' for ${spec.resource}`);
}

// ---------------------------------------------------------------------------------------------------
// `_fields`
// ---------------------------------------------------------------------------------------------------

export interface FieldRequest {
	name: string;
	/** null: plain (`status`); array: object form (`status()`, `status(title,standing)`). */
	sub: FieldRequest[] | null;
}

export function parseFieldList(input: string): FieldRequest[] {
	let pos = 0;
	const fail = (what: string): never => {
		throw invalid(`Could not parse _fields: ${what} at position ${pos} in '${input}'`);
	};
	const skip = (): void => {
		while (pos < input.length && /\s/.test(input[pos])) pos++;
	};
	const parseList = (closing: boolean): FieldRequest[] => {
		const out: FieldRequest[] = [];
		skip();
		if (closing && input[pos] === ')') return out;
		if (!closing && pos >= input.length) return out;
		for (;;) {
			skip();
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(pos));
			if (!m) return fail('expected a field name');
			pos += m[0].length;
			skip();
			let sub: FieldRequest[] | null = null;
			if (input[pos] === '(') {
				pos++;
				sub = parseList(true);
				if (input[pos] !== ')') return fail(`missing ')' after '${m[0]}('`);
				pos++;
			}
			out.push({ name: m[0], sub });
			skip();
			if (input[pos] === ',') {
				pos++;
				continue;
			}
			if (closing ? input[pos] === ')' : pos >= input.length) return out;
			return fail(`unexpected '${input[pos] ?? 'end'}'`);
		}
	};
	return parseList(false);
}

interface LinkDef<T> {
	id: (r: T) => number | null;
	render: (id: number, sub: FieldRequest[]) => Json;
}
interface ObjectDef<T> {
	name: string;
	defaults: readonly string[];
	plain: Record<string, (r: T) => Json>;
	linked: Record<string, LinkDef<T>>;
	/** Fields only returned when asked for by name (not by `_ALL`). */
	explicitOnly?: readonly string[];
}

const str = (v: number | string | null): string | null => (v === null ? null : String(v));

function renderObject<T>(def: ObjectDef<T>, record: T, fields: FieldRequest[], hideDefaults = false): { [k: string]: Json } {
	const out: { [k: string]: Json } = {};
	if (!hideDefaults) for (const d of def.defaults) out[d] = def.plain[d](record);
	for (const f of fields) {
		if (f.name === '_ALL') {
			if (f.sub !== null) throw invalid(`_ALL does not take parentheses`);
			for (const [k, get] of Object.entries(def.plain)) if (!def.explicitOnly?.includes(k)) out[k] = get(record);
			for (const [k, link] of Object.entries(def.linked)) out[k] = str(link.id(record));
			continue;
		}
		const link = def.linked[f.name];
		if (link) {
			const id = link.id(record);
			out[f.name] = f.sub === null ? str(id) : id === null ? null : link.render(id, f.sub);
			continue;
		}
		const get = def.plain[f.name];
		// UNDOCUMENTED: an unknown field (or parentheses on a plain field) is an error, not ignored.
		if (!get) throw invalid(`Unknown field '${f.name}' for ${def.name}`);
		if (f.sub !== null) throw invalid(`Field '${f.name}' of ${def.name} is not a linked object`);
		out[f.name] = get(record);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------
// OAuth scopes and tokens
// ---------------------------------------------------------------------------------------------------

export interface AcceloScope {
	read: string[];
	write: string[];
}

/**
 * Parses `read(all),write(companies,contacts)`. The docs separate scopes with commas; whether a space
 * works is undocumented. UNDOCUMENTED: both separators are accepted, because
 * n8n joins the credential's scopes with a space. Returns null when malformed.
 */
export function parseScope(input: string): AcceloScope | null {
	const scope: AcceloScope = { read: [], write: [] };
	const s = input.trim();
	if (s === '') return { read: ['all'], write: [] };
	const re = /(read|write)\(([^()]*)\)/y;
	let pos = 0;
	let first = true;
	while (pos < s.length) {
		if (!first) {
			const sep = /[\s,]+/y;
			sep.lastIndex = pos;
			const m = sep.exec(s);
			if (!m) return null;
			pos = sep.lastIndex;
		}
		first = false;
		re.lastIndex = pos;
		const m = re.exec(s);
		if (!m) return null;
		pos = re.lastIndex;
		const resources = m[2].split(',').map((x) => x.trim());
		if (resources.some((x) => !/^[a-z_]+$/.test(x))) return null;
		scope[m[1] as 'read' | 'write'].push(...resources);
	}
	return scope;
}

export interface AcceloIssuedToken {
	accessToken: string;
	clientId: string;
	/** The scope string as sent ('' when none was sent). */
	scopeString: string;
	scope: AcceloScope;
	/** ms since epoch. */
	issuedAt: number;
	/** ms since epoch. */
	expiresAt: number;
	revoked: boolean;
}

// ---------------------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------------------

export interface AcceloSimulatorOptions {
	/** Default 'planet-express'. */
	deployment?: string;
	/** Default 'accelo-client'. */
	clientId?: string;
	/** Default 'accelo-secret'. */
	clientSecret?: string;
	/** Jobs to generate when `data` is not given (default 120). */
	jobCount?: number;
	/** Seed for generated data (default 1). */
	seed?: number;
	/** Use this data store (it is mutated in place by writes). */
	data?: AcceloData;
	/** 100 (current docs; a larger `_limit` is an error) or 50 (an old deployment that silently clamps). */
	limitCap?: 100 | 50;
	/** Default: the documented 5000 requests per hour. */
	rateLimit?: { limit: number; windowMs: number };
	/** Token lifetime when the token request has no `expires_in` (default 2592000 = 30 days). */
	tokenTtlSeconds?: number;
	/** Whether the API user may run progressions (default true). False: empty lists, 403 on run. */
	progressionPermission?: boolean;
	/** Clock for dates written by the API, in unix seconds (default: real time). */
	now?: () => number;
	/**
	 * Field names `POST /jobs` takes for what the job is against. Older research said `against_type` /
	 * `against_id` (default); the current vendor table for "Create a Job" lists `engagement_table` /
	 * `engagement_id`. 'both' accepts either pair (never both at once).
	 */
	createAgainstFields?: 'against' | 'engagement' | 'both';
	/** UNDOCUMENTED in the docs: whether `PUT /jobs/{id}` with `status_id` writes a history row (default false). */
	historyOnDirectStatusChange?: boolean;
}

/** Input of `insertJob`; anything omitted gets a plausible default. */
export type AcceloJobInput = Partial<AcceloJob> & { title: string };

interface ParamSource {
	/** Parameter name → value (strings from the query, anything from a JSON body). */
	values: Map<string, unknown>;
}

const GLOBAL_PARAMS = ['_bearer_token', '_method', '_suppress_http_status', '_suppress_message', '_suppress_meta', '_hide_defaults'];
const LIST_PARAMS = ['_fields', '_filters', '_search', '_limit', '_offset', '_page'];
const COUNT_PARAMS = ['_filters', '_search'];

const CREATE_FIELDS = [
	'title',
	'against_type',
	'against_id',
	'engagement_table',
	'engagement_id',
	'manager_id',
	'type_id',
	'status_id',
	'rate_id',
	'contract_id',
	'affiliation_id',
	'rate_charged',
	'date_due',
	'date_started',
	'date_created',
	'is_billable',
];
const UPDATE_FIELDS = [
	'title',
	'engagement_table',
	'engagement_id',
	'manager_id',
	'status_id',
	'contract_id',
	'affiliation_id',
	'rate_id',
	'rate_charged',
	'date_due',
	'date_created',
];
const STANDINGS: readonly AcceloStanding[] = ['pending', 'active', 'paused', 'complete', 'inactive'];

export class AcceloSimulator {
	readonly server: SimulatorServer;

	/** The live data store (mutated by POST/PUT/progressions). */
	readonly data: AcceloData;

	/** Every token issued, in order (count them to check token caching). */
	readonly issuedTokens: AcceloIssuedToken[] = [];

	readonly deployment: string;

	readonly clientId: string;

	readonly clientSecret: string;

	/** The staff member the service application acts as (modified_by of API writes). */
	readonly apiUserId: number;

	limitCap: 100 | 50;

	progressionPermission: boolean;

	rateLimit: { limit: number; windowMs: number };

	tokenTtlSeconds: number;

	baseUrl: string | undefined;

	private readonly jobIndex = new Map<number, AcceloJob>();

	private readonly clock: () => number;

	private readonly createAgainstFields: 'against' | 'engagement' | 'both';

	private readonly historyOnDirectStatusChange: boolean;

	private window = { start: 0, count: 0 };

	private failedLogins: number[] = [];

	private tokenCounter = 0;

	private readonly defs: {
		job: ObjectDef<AcceloJob>;
		status: ObjectDef<AcceloJobStatus>;
		type: ObjectDef<AcceloJobType>;
		staff: ObjectDef<AcceloStaff>;
		company: ObjectDef<AcceloCompany>;
		rate: ObjectDef<AcceloRate>;
		history: ObjectDef<AcceloProgressionHistory>;
	};

	private readonly filters: {
		job: FilterSpec<AcceloJob>;
		status: FilterSpec<AcceloJobStatus>;
		type: FilterSpec<AcceloJobType>;
		staff: FilterSpec<AcceloStaff>;
		company: FilterSpec<AcceloCompany>;
		history: FilterSpec<AcceloProgressionHistory>;
	};

	constructor(options: AcceloSimulatorOptions = {}) {
		this.deployment = options.deployment ?? 'planet-express';
		this.clientId = options.clientId ?? 'accelo-client';
		this.clientSecret = options.clientSecret ?? 'accelo-secret';
		this.data = options.data ?? generateAcceloData(options.jobCount ?? 120, options.seed ?? 1);
		this.limitCap = options.limitCap ?? 100;
		this.progressionPermission = options.progressionPermission ?? true;
		this.rateLimit = options.rateLimit ?? { limit: 5000, windowMs: 3600_000 };
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 2592000;
		this.clock = options.now ?? (() => Math.floor(Date.now() / 1000));
		this.createAgainstFields = options.createAgainstFields ?? 'engagement';
		this.historyOnDirectStatusChange = options.historyOnDirectStatusChange ?? false;
		this.apiUserId = this.data.staff[0].id;
		for (const job of this.data.jobs) this.jobIndex.set(job.id, job);
		this.defs = this.buildObjectDefs();
		this.filters = this.buildFilterSpecs();
		this.server = new SimulatorServer((req) => this.handle(req));
	}

	/** Starts on loopback; resolves to the base URL without `/api/v0`. */
	async start(port?: number): Promise<string> {
		this.baseUrl = await this.server.start(port);
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Requests to the API (not the token endpoint). */
	get apiRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path.startsWith('/api/'));
	}

	/** Requests to the token endpoint. */
	get tokenRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path === '/oauth2/v0/token');
	}

	now(): number {
		return this.clock();
	}

	// ----- data helpers -----

	getJob(id: number | string): AcceloJob | undefined {
		return this.jobIndex.get(Number(id));
	}

	get jobs(): readonly AcceloJob[] {
		return this.data.jobs;
	}

	getStatus(id: number | string): AcceloJobStatus | undefined {
		return this.data.statuses.find((s) => s.id === Number(id));
	}

	/** Progressions available from a status, ascending id. */
	progressionsFrom(statusId: number): AcceloProgression[] {
		return this.data.progressions.filter((p) => p.from_status_id === statusId).sort((a, b) => a.id - b.id);
	}

	/** Inserts a job directly into the store (no request is logged). Returns the stored record. */
	insertJob(input: AcceloJobInput): AcceloJob {
		const now = this.now();
		const id = input.id ?? this.nextJobId();
		if (this.jobIndex.has(id)) throw new Error(`job ${id} exists`);
		const status = this.getStatus(input.status_id ?? 1);
		if (!status) throw new Error(`unknown status ${String(input.status_id)}`);
		const job: AcceloJob = {
			id,
			title: input.title,
			against_type: input.against_type ?? 'company',
			against_id: input.against_id ?? this.data.companies[0].id,
			custom_id: input.custom_id ?? null,
			paused: input.paused ?? 0,
			staff_bookmarked: input.staff_bookmarked ?? false,
			date_created: input.date_created ?? now,
			date_modified: input.date_modified ?? input.date_created ?? now,
			date_commenced: input.date_commenced ?? (status.standing === 'active' ? now : null),
			date_started: input.date_started ?? null,
			date_due: input.date_due ?? null,
			date_completed: input.date_completed ?? null,
			date_last_interacted: input.date_last_interacted ?? null,
			job_type_id: input.job_type_id ?? this.data.jobTypes[0].id,
			rate_id: input.rate_id ?? null,
			rate_charged: input.rate_charged ?? '0.00',
			status_id: status.id,
			standing: status.standing,
			manager_id: input.manager_id ?? this.apiUserId,
			modified_by: input.modified_by ?? this.apiUserId,
			affiliation_id: input.affiliation_id ?? null,
			contract_id: input.contract_id ?? null,
			is_billable: input.is_billable ?? true,
		};
		const jobs = this.data.jobs;
		if (jobs.length === 0 || jobs[jobs.length - 1].id < id) jobs.push(job);
		else {
			const at = jobs.findIndex((j) => j.id > id);
			jobs.splice(at, 0, job);
		}
		this.jobIndex.set(id, job);
		return job;
	}

	/** Changes a stored job directly (no request is logged). `status_id` also sets `standing`. */
	updateJob(id: number | string, patch: Partial<Omit<AcceloJob, 'id' | 'standing'>>): AcceloJob {
		const job = this.getJob(id);
		if (!job) throw new Error(`no job ${String(id)}`);
		Object.assign(job, patch);
		if (patch.status_id !== undefined) {
			const status = this.getStatus(patch.status_id);
			if (!status) throw new Error(`unknown status ${patch.status_id}`);
			job.standing = status.standing;
		}
		return job;
	}

	// ----- token helpers -----

	/** Makes every issued token expired (the next API call with one gets 401). */
	expireAllTokens(): void {
		const past = Date.now() - 1000;
		for (const t of this.issuedTokens) t.expiresAt = Math.min(t.expiresAt, past);
	}

	/** Revokes every issued token. */
	revokeAllTokens(): void {
		for (const t of this.issuedTokens) t.revoked = true;
	}

	/** Starts a fresh rate-limit window. */
	resetRateLimit(): void {
		this.window = { start: 0, count: 0 };
	}

	// -----------------------------------------------------------------------------------------------

	private nextJobId(): number {
		const jobs = this.data.jobs;
		return jobs.length === 0 ? 1 : jobs[jobs.length - 1].id + 1;
	}

	private buildObjectDefs(): AcceloSimulator['defs'] {
		const d = this.data;
		const status: ObjectDef<AcceloJobStatus> = {
			name: 'job status',
			defaults: ['id', 'title'],
			plain: {
				id: (s) => String(s.id),
				title: (s) => s.title,
				color: (s) => s.color,
				standing: (s) => s.standing,
				start: (s) => s.start,
				ordering: (s) => String(s.ordering),
			},
			linked: {},
		};
		const type: ObjectDef<AcceloJobType> = {
			name: 'job type',
			defaults: ['id', 'title'],
			plain: {
				id: (t) => String(t.id),
				title: (t) => t.title,
				standing: (t) => t.standing,
				ordering: (t) => String(t.ordering),
				has_custom_id: (t) => (t.has_custom_id ? '1' : '0'),
			},
			linked: {},
		};
		const staff: ObjectDef<AcceloStaff> = {
			name: 'staff',
			defaults: ['id', 'firstname', 'surname'],
			plain: {
				id: (s) => String(s.id),
				firstname: (s) => s.firstname,
				surname: (s) => s.surname,
				email: (s) => s.email,
				username: (s) => s.username,
				title: (s) => s.title,
				standing: (s) => s.standing,
			},
			linked: {},
		};
		const company: ObjectDef<AcceloCompany> = {
			name: 'company',
			defaults: ['id', 'name'],
			plain: {
				id: (c) => String(c.id),
				name: (c) => c.name,
				website: (c) => c.website,
				phone: (c) => c.phone,
				standing: (c) => c.standing,
				date_created: (c) => String(c.date_created),
			},
			linked: {},
		};
		const rate: ObjectDef<AcceloRate> = {
			name: 'rate',
			defaults: ['id', 'title'],
			plain: { id: (r) => String(r.id), title: (r) => r.title, charged: (r) => r.charged },
			linked: {},
		};
		const idOnly: ObjectDef<{ id: number }> = { name: 'object', defaults: ['id'], plain: { id: (o) => String(o.id) }, linked: {} };
		const history: ObjectDef<AcceloProgressionHistory> = {
			name: 'progression history',
			defaults: ['id', 'to_id', 'to_title'],
			plain: {
				id: (h) => String(h.id),
				to_id: (h) => String(h.to_id),
				to_title: (h) => h.to_title,
				against_type: (h) => h.against_type,
				against_id: (h) => String(h.against_id),
				modified_by: (h) => String(h.modified_by),
				date_modified: (h) => String(h.date_modified),
			},
			linked: {},
		};
		const byId = <T extends { id: number }>(items: T[], def: ObjectDef<T>) =>
			(id: number, sub: FieldRequest[]): Json => {
				const found = items.find((x) => x.id === id);
				return found ? renderObject(def, found, sub) : null;
			};
		const renderStaff = byId(d.staff, staff);
		const renderType = byId(d.jobTypes, type);
		const breadcrumbs = (j: AcceloJob): Json => {
			if (j.against_type === 'company') {
				const c = d.companies.find((x) => x.id === j.against_id);
				return c ? [{ id: String(c.id), table: 'company', title: c.name }] : [];
			}
			const s = d.sites.find((x) => x.id === j.against_id);
			if (!s) return [];
			const c = d.companies.find((x) => x.id === s.company_id);
			const crumbs: Json[] = [{ id: String(s.id), table: 'site', title: s.title }];
			if (c) crumbs.push({ id: String(c.id), table: 'company', title: c.name });
			return crumbs;
		};
		const job: ObjectDef<AcceloJob> = {
			name: 'job',
			defaults: ['id', 'title'],
			plain: {
				id: (j) => String(j.id),
				title: (j) => j.title,
				against_type: (j) => j.against_type,
				against_id: (j) => String(j.against_id),
				against: (j) => `${j.against_type === 'company' ? 'companies' : 'sites'}/${j.against_id}`,
				custom_id: (j) => j.custom_id,
				paused: (j) => String(j.paused),
				staff_bookmarked: (j) => (j.staff_bookmarked ? '1' : '0'),
				date_created: (j) => str(j.date_created),
				date_modified: (j) => str(j.date_modified),
				date_commenced: (j) => str(j.date_commenced),
				date_started: (j) => str(j.date_started),
				date_due: (j) => str(j.date_due),
				date_completed: (j) => str(j.date_completed),
				date_last_interacted: (j) => str(j.date_last_interacted),
				rate_charged: (j) => j.rate_charged,
				standing: (j) => j.standing,
				breadcrumbs,
			},
			explicitOnly: ['breadcrumbs'],
			linked: {
				status: { id: (j) => j.status_id, render: byId(d.statuses, status) },
				job_type: { id: (j) => j.job_type_id, render: renderType },
				// Deprecated alias of job_type (still documented).
				type: { id: (j) => j.job_type_id, render: renderType },
				rate: { id: (j) => j.rate_id, render: byId(d.rates, rate) },
				manager: { id: (j) => j.manager_id, render: renderStaff },
				modified_by: { id: (j) => j.modified_by, render: renderStaff },
				company: {
					id: (j) => (j.against_type === 'company' ? j.against_id : null),
					render: byId(d.companies, company),
				},
				affiliation: { id: (j) => j.affiliation_id, render: (id, sub) => renderObject(idOnly, { id }, sub) },
				job_contract: { id: (j) => j.contract_id, render: (id, sub) => renderObject(idOnly, { id }, sub) },
				// Not modelled: always null.
				job_object_budget: { id: () => null, render: () => null },
				job_object_schedule: { id: () => null, render: () => null },
			},
		};
		return { job, status, type, staff, company, rate, history };
	}

	private buildFilterSpecs(): AcceloSimulator['filters'] {
		const idBasic = <T>(get: (r: T) => number | null): BasicFilter<T> => ({ get, kind: 'id' });
		const job: FilterSpec<AcceloJob> = {
			resource: 'jobs',
			idOf: (j) => j.id,
			basic: {
				id: idBasic((j) => j.id),
				standing: { get: (j) => j.standing, kind: 'enum', values: STANDINGS },
				against_id: idBasic((j) => j.against_id),
				against_type: { get: (j) => j.against_type, kind: 'enum', values: ['company', 'site'] },
				paused: idBasic((j) => j.paused),
				type: idBasic((j) => j.job_type_id),
				job_type: idBasic((j) => j.job_type_id),
				manager: idBasic((j) => j.manager_id),
				modified_by: idBasic((j) => j.modified_by),
				status: idBasic((j) => j.status_id),
				rate: idBasic((j) => j.rate_id),
				affiliation: idBasic((j) => j.affiliation_id),
			},
			// `dated_created` (a typo in the vendor's jobs page) is deliberately NOT accepted.
			date: {
				date_created: (j) => j.date_created,
				date_modified: (j) => j.date_modified,
				date_started: (j) => j.date_started,
				date_commenced: (j) => j.date_commenced,
				date_due: (j) => j.date_due,
				date_completed: (j) => j.date_completed,
			},
			range: {
				id: (j) => j.id,
				against_id: (j) => j.against_id,
				type: (j) => j.job_type_id,
				job_type: (j) => j.job_type_id,
				manager: (j) => j.manager_id,
				affiliation: (j) => j.affiliation_id,
				modified_by: (j) => j.modified_by,
				status: (j) => j.status_id,
				rate: (j) => j.rate_id,
				rate_charged: (j) => Number(j.rate_charged),
				contract: (j) => j.contract_id,
				plan_modified_by: () => null,
			},
			order: {
				id: (j) => j.id,
				title: (j) => j.title.toLowerCase(),
				standing: (j) => j.standing,
				status: (j) => j.status_id,
				custom_id: (j) => j.custom_id,
				date_created: (j) => j.date_created,
				date_started: (j) => j.date_started,
				date_commenced: (j) => j.date_commenced,
				date_due: (j) => j.date_due,
				date_completed: (j) => j.date_completed,
				date_modified: (j) => j.date_modified,
				date_last_interacted: (j) => j.date_last_interacted,
			},
			object: {
				against: { types: ['company', 'site'], typeOf: (j) => j.against_type, idOf: (j) => j.against_id },
			},
			search: (j) => j.title,
		};
		const status: FilterSpec<AcceloJobStatus> = {
			resource: 'job statuses',
			idOf: (s) => s.id,
			basic: {
				id: idBasic((s) => s.id),
				title: { get: (s) => s.title, kind: 'text' },
				standing: { get: (s) => s.standing, kind: 'enum', values: STANDINGS },
				color: { get: (s) => s.color, kind: 'text' },
			},
			date: {},
			range: {},
			order: {
				id: (s) => s.id,
				title: (s) => s.title.toLowerCase(),
				standing: (s) => s.standing,
				color: (s) => s.color,
				ordering: (s) => s.ordering,
			},
			object: {},
			search: (s) => s.title,
		};
		const type: FilterSpec<AcceloJobType> = {
			resource: 'job types',
			idOf: (t) => t.id,
			basic: {
				id: idBasic((t) => t.id),
				standing: { get: (t) => t.standing, kind: 'enum', values: ['active', 'inactive'] },
			},
			date: {},
			range: { id: (t) => t.id },
			order: { id: (t) => t.id, title: (t) => t.title.toLowerCase(), standing: (t) => t.standing },
			object: {},
			search: (t) => t.title,
		};
		const staff: FilterSpec<AcceloStaff> = {
			resource: 'staff',
			idOf: (s) => s.id,
			basic: {
				id: idBasic((s) => s.id),
				standing: { get: (s) => s.standing, kind: 'enum', values: ['active', 'inactive'] },
			},
			date: {},
			range: { id: (s) => s.id },
			order: { id: (s) => s.id, firstname: (s) => s.firstname.toLowerCase(), surname: (s) => s.surname.toLowerCase() },
			object: {},
			search: (s) => `${s.firstname} ${s.surname} ${s.email}`,
		};
		const company: FilterSpec<AcceloCompany> = {
			resource: 'companies',
			idOf: (c) => c.id,
			basic: {
				id: idBasic((c) => c.id),
				standing: { get: (c) => c.standing, kind: 'enum', values: ['active', 'inactive'] },
			},
			date: { date_created: (c) => c.date_created },
			range: { id: (c) => c.id },
			order: { id: (c) => c.id, name: (c) => c.name.toLowerCase(), date_created: (c) => c.date_created },
			object: {},
			search: (c) => c.name,
		};
		const history: FilterSpec<AcceloProgressionHistory> = {
			resource: 'progression history',
			idOf: (h) => h.id,
			basic: {
				id: idBasic((h) => h.id),
				against_type: { get: (h) => h.against_type, kind: 'enum', values: ['job'] },
				against_id: idBasic((h) => h.against_id),
				modified_by: idBasic((h) => h.modified_by),
			},
			date: { date_modified: (h) => h.date_modified },
			range: { id: (h) => h.id },
			order: { id: (h) => h.id, date_modified: (h) => h.date_modified },
			object: { against: { types: ['job'], typeOf: (h) => h.against_type, idOf: (h) => h.against_id } },
			search: null,
		};
		return { job, status, type, staff, company, history };
	}

	// ----- HTTP -----

	private async handle(req: RecordedRequest): Promise<SimResponse> {
		if (req.path.startsWith('/oauth2/')) return this.handleOAuth(req);
		const rl = this.countRequest();
		const flag = (name: string): boolean => {
			const v = req.queryPairs.find(([k]) => k === name)?.[1];
			return v === '1' || v === 'yes';
		};
		const suppress = {
			status: flag('_suppress_http_status'),
			message: flag('_suppress_message'),
			meta: flag('_suppress_meta'),
		};
		let status = 200;
		let meta = 'ok';
		let message = STATUS_MESSAGES.ok;
		let response: Json = null;
		let extraHeaders: Record<string, string> = {};
		try {
			if (rl.exceeded) {
				// Documented meta for 429. No Retry-After (documented only for the login lockout).
				throw new AcceloApiError(
					429,
					'too_many_requests',
					`Rate limit exceeded for ${this.deployment}.api.accelo.com`,
				);
			}
			response = await this.route(req);
		} catch (error) {
			if (!(error instanceof AcceloApiError)) throw error;
			status = error.httpStatus;
			meta = error.metaStatus;
			message = error.message;
			extraHeaders = error.headers;
			response = null;
		}
		const metaObj: { [k: string]: Json } = { status: meta };
		if (!suppress.message) {
			metaObj.message = message;
			metaObj.more_info = meta === 'too_many_requests' ? 'api.accelo.com/docs/#rate-limiting' : moreInfo(meta);
		}
		if (suppress.status) metaObj.response_code = status;
		const body: { [k: string]: Json } = suppress.meta ? { response } : { meta: metaObj, response };
		return {
			status: suppress.status ? 200 : status,
			headers: { ...rl.headers, ...extraHeaders },
			body,
		};
	}

	/**
	 * Counts an API request against the deployment's window. UNDOCUMENTED: every request under /api
	 * counts, including ones that fail authentication and ones answered 429.
	 */
	private countRequest(): { exceeded: boolean; headers: Record<string, string> } {
		const now = Date.now();
		if (this.window.start === 0 || now >= this.window.start + this.rateLimit.windowMs) {
			this.window = { start: now, count: 0 };
		}
		this.window.count++;
		const { limit } = this.rateLimit;
		return {
			exceeded: this.window.count > limit,
			headers: {
				'X-RateLimit-Limit': String(limit),
				'X-RateLimit-Remaining': String(Math.max(0, limit - this.window.count)),
				'X-RateLimit-Reset': String(Math.ceil((this.window.start + this.rateLimit.windowMs) / 1000)),
			},
		};
	}

	// ----- OAuth -----

	private oauthError(status: number, code: string, description: string, headers: Record<string, string> = {}): SimResponse {
		// UNDOCUMENTED: token errors carry both the OAuth fields (error, error_description; shown in the
		// docs for the web-application flow) and the API's meta envelope.
		return {
			status,
			headers,
			body: {
				error: code,
				error_description: description,
				meta: { status: code, message: description, more_info: moreInfo(code) },
				response: null,
			},
		};
	}

	private recordFailedLogin(): void {
		const now = Date.now();
		this.failedLogins = this.failedLogins.filter((t) => now - t < 300_000);
		this.failedLogins.push(now);
	}

	private lockedOut(): boolean {
		const now = Date.now();
		return this.failedLogins.filter((t) => now - t < 300_000).length >= 100;
	}

	private handleOAuth(req: RecordedRequest): SimResponse {
		if (req.path !== '/oauth2/v0/token' && req.path !== '/oauth2/v0/revoke') {
			return this.oauthError(400, 'invalid_request', `Unknown OAuth endpoint ${req.path}`);
		}
		if (req.method !== 'POST') return this.oauthError(400, 'invalid_request', `${req.method} is not supported here; use POST`);
		if (this.lockedOut()) {
			// Documented: 100 failed authentications within 5 minutes → too_many_failed_logins + Retry-After.
			// UNDOCUMENTED: HTTP 429.
			return this.oauthError(429, 'too_many_failed_logins', 'Too many failed logins; try again later', {
				'Retry-After': '300',
			});
		}
		const auth = header(req, 'authorization') ?? '';
		const m = /^Basic\s+(\S+)$/i.exec(auth);
		let clientId: string | undefined;
		let secret: string | undefined;
		if (m) {
			const decoded = Buffer.from(m[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon >= 0) {
				clientId = decoded.slice(0, colon);
				secret = decoded.slice(colon + 1);
			}
		}
		if (!m) {
			// Documented: all token requests authenticate with HTTP Basic. UNDOCUMENTED: client
			// credentials in the body are not accepted instead.
			this.recordFailedLogin();
			return this.oauthError(401, 'invalid_client', 'Client authentication failed: use HTTP Basic with client_id:client_secret');
		}
		if (clientId !== this.clientId || secret !== this.clientSecret) {
			this.recordFailedLogin();
			return this.oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret');
		}
		const contentType = header(req, 'content-type') ?? '';
		if (!contentType.includes('application/x-www-form-urlencoded')) {
			// UNDOCUMENTED (strict): the docs only show form bodies.
			return this.oauthError(400, 'invalid_request', 'Token requests must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(req.rawBody);
		for (const key of new Set(form.keys())) {
			if (form.getAll(key).length > 1) return this.oauthError(400, 'invalid_request', `Parameter ${key} included more than once`);
		}
		if (req.path === '/oauth2/v0/revoke') {
			const token = this.issuedTokens.find((t) => t.accessToken === form.get('token'));
			if (!token) return this.oauthError(400, 'invalid_request', 'Unknown token');
			token.revoked = true;
			return { status: 200, body: { meta: { status: 'ok', message: STATUS_MESSAGES.ok, more_info: moreInfo('ok') }, response: null } };
		}
		const grant = form.get('grant_type');
		if (!grant) return this.oauthError(400, 'invalid_request', 'Missing grant_type');
		if (grant !== 'client_credentials') {
			return this.oauthError(400, 'unsupported_grant_type', `Grant type '${grant}' is not supported for service applications`);
		}
		const scopeString = form.get('scope') ?? '';
		const scope = parseScope(scopeString);
		if (!scope) return this.oauthError(400, 'invalid_scope', `The requested scope '${scopeString}' is malformed`);
		let ttl = this.tokenTtlSeconds;
		const expiresIn = form.get('expires_in');
		if (expiresIn !== null) {
			if (!/^\d+$/.test(expiresIn) || Number(expiresIn) === 0) {
				return this.oauthError(400, 'invalid_request', `expires_in must be a positive number of seconds`);
			}
			ttl = Number(expiresIn);
		}
		const now = Date.now();
		this.tokenCounter++;
		const accessToken = `${this.tokenCounter}_${randomBytes(12).toString('hex')}`;
		this.issuedTokens.push({
			accessToken,
			clientId,
			scopeString,
			scope,
			issuedAt: now,
			expiresAt: now + ttl * 1000,
			revoked: false,
		});
		const user = this.data.staff.find((s) => s.id === this.apiUserId)!;
		return {
			status: 200,
			body: {
				access_token: accessToken,
				token_type: 'bearer',
				// Documented: sent as a string.
				expires_in: String(ttl),
				deployment: this.deployment,
				deployment_name: this.deploymentName(),
				deployment_uri: `https://${this.deployment}.accelo.com`,
				account_id: '1042',
				account_details: {
					user_id: String(user.id),
					firstname: user.firstname,
					surname: user.surname,
					email: user.email,
					user_access: { jobs: { read: '1', write: '1' } },
					locale: { currency: { symbol: '$', code: 'USD' } },
				},
			},
		};
	}

	private deploymentName(): string {
		return this.deployment
			.split('-')
			.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
			.join(' ');
	}

	private authenticate(req: RecordedRequest): AcceloIssuedToken {
		const auth = header(req, 'authorization');
		const queryToken = req.queryPairs.find(([k]) => k === '_bearer_token')?.[1];
		if (auth !== undefined && queryToken !== undefined) {
			throw invalid('The request includes multiple credentials (Authorization header and _bearer_token)');
		}
		let token: string | undefined = queryToken;
		if (auth !== undefined) {
			const m = /^Bearer\s+(\S+)$/i.exec(auth);
			if (!m) throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: expected Authorization: Bearer <access_token>');
			token = m[1];
		}
		if (token === undefined) throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: no access token provided');
		const issued = this.issuedTokens.find((t) => t.accessToken === token);
		if (!issued || issued.revoked) {
			this.recordFailedLogin();
			throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: the access token is invalid');
		}
		if (Date.now() >= issued.expiresAt) throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: the access token has expired');
		return issued;
	}

	/**
	 * Scope check. Documented: `read(x)` is read-only, `write(x)` is read and write, `all` covers every
	 * resource. UNDOCUMENTED: a missing scope is 403 invalid_permission.
	 */
	private requireScope(token: AcceloIssuedToken, resource: string, write: boolean): void {
		const has = (list: string[]): boolean => list.includes('all') || list.includes(resource);
		const ok = write ? has(token.scope.write) : has(token.scope.read) || has(token.scope.write);
		if (!ok) {
			throw new AcceloApiError(
				403,
				'invalid_permission',
				`The token's scope '${token.scopeString || 'read(all)'}' does not allow ${write ? 'writing' : 'reading'} ${resource}`,
			);
		}
	}

	// ----- params -----

	/**
	 * Collects parameters from the query string (and, for GET, a JSON body; documented "JSON Content
	 * Types"). Documented: a parameter included more than once is invalid_request. UNDOCUMENTED
	 * (strict): a parameter the endpoint does not take is invalid_request too (this catches `_filter`).
	 */
	private params(req: RecordedRequest, allowed: string[], bodyParams: boolean): ParamSource {
		const values = new Map<string, unknown>();
		for (const [key, value] of req.queryPairs) {
			if (values.has(key)) throw invalid(`The request includes the parameter '${key}' more than once`);
			if (!allowed.includes(key) && !GLOBAL_PARAMS.includes(key)) {
				throw invalid(`Unknown parameter '${key}' for this request (allowed: ${allowed.join(', ') || 'none'})`);
			}
			values.set(key, value);
		}
		if (bodyParams && req.body !== undefined && req.rawBody.trim() !== '') {
			if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
				throw invalid('Could not parse the request body');
			}
			for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {
				if (values.has(key)) throw invalid(`The request includes the parameter '${key}' more than once`);
				if (!allowed.includes(key)) throw invalid(`Unknown parameter '${key}' for this request`);
				values.set(key, value);
			}
		}
		return { values };
	}

	private fieldsParam(p: ParamSource): FieldRequest[] {
		const v = p.values.get('_fields');
		if (v === undefined) return [];
		if (typeof v !== 'string') throw invalid('_fields must be a string');
		return parseFieldList(v);
	}

	private hideDefaults(p: ParamSource): boolean {
		const v = p.values.get('_hide_defaults');
		return v === '1' || v === 'yes';
	}

	private filtersParam(p: ParamSource): FilterTerm[] {
		const v = p.values.get('_filters');
		if (v === undefined) return [];
		return filtersFromJson(v);
	}

	private paging(p: ParamSource): { limit: number; offset: number } {
		const num = (name: string): number | undefined => {
			const v = p.values.get(name);
			if (v === undefined) return undefined;
			const s = typeof v === 'number' ? String(v) : v;
			if (typeof s !== 'string' || !/^\d+$/.test(s)) throw invalid(`${name} must be an unsigned integer, got '${String(v)}'`);
			return Number(s);
		};
		let limit = num('_limit') ?? 10;
		if (limit === 0) throw invalid('_limit must be at least 1'); // UNDOCUMENTED (strict)
		if (limit > this.limitCap) {
			// limitCap 50: an old deployment silently clamps (what the older wiki page describes).
			// limitCap 100: UNDOCUMENTED (strict): an error rather than a silent clamp.
			if (this.limitCap === 50) limit = 50;
			else throw invalid(`_limit must not exceed ${this.limitCap}, got ${limit}`);
		}
		const page = num('_page');
		const offset = num('_offset') ?? 0;
		// Documented: _offset is overridden when _page is set.
		return { limit, offset: page !== undefined ? page * limit : offset };
	}

	private select<T>(p: ParamSource, items: readonly T[], spec: FilterSpec<T>, fixedOrder?: OrderBy<T>): T[] {
		const compiled = compileFilters(spec, this.filtersParam(p));
		const searchValue = p.values.get('_search');
		const preds: Array<Pred<T>> = [];
		if (compiled.pred) preds.push(compiled.pred);
		if (searchValue !== undefined) {
			if (typeof searchValue !== 'string') throw invalid('_search must be a string');
			if (!spec.search) throw invalid(`_search is not supported for ${spec.resource}`);
			// Documented for contacts: every word must be found. Case-insensitive substring per word.
			const words = searchWords(searchValue);
			const text = spec.search;
			preds.push((r) => {
				const t = text(r).toLowerCase();
				return words.every((w) => t.includes(w));
			});
		}
		const rows = preds.length === 0 ? items.slice() : items.filter((r) => preds.every((pr) => pr(r)));
		// Documented: default order is ascending id. /jobs/recent and /jobs/newest ignore order terms.
		const order = fixedOrder ?? compiled.order;
		if (order) {
			const { key, dir } = order;
			// UNDOCUMENTED: nulls sort first ascending and last descending (MySQL); ties by id in the same
			// direction; text compares case-insensitively.
			rows.sort((a, b) => {
				const ka = key(a);
				const kb = key(b);
				let c = 0;
				if (ka === null && kb !== null) c = -1;
				else if (ka !== null && kb === null) c = 1;
				else if (ka !== null && kb !== null) c = ka < kb ? -1 : ka > kb ? 1 : 0;
				if (c === 0) c = spec.idOf(a) - spec.idOf(b);
				return c * dir;
			});
		} else {
			let sorted = true;
			for (let i = 1; i < rows.length && sorted; i++) sorted = spec.idOf(rows[i - 1]) < spec.idOf(rows[i]);
			if (!sorted) rows.sort((a, b) => spec.idOf(a) - spec.idOf(b));
		}
		return rows;
	}

	private list<T>(
		p: ParamSource,
		items: readonly T[],
		spec: FilterSpec<T>,
		def: ObjectDef<T>,
		fixedOrder?: OrderBy<T>,
	): Json {
		const fields = this.fieldsParam(p);
		const { limit, offset } = this.paging(p);
		const rows = this.select(p, items, spec, fixedOrder);
		const hide = this.hideDefaults(p);
		return rows.slice(offset, offset + limit).map((r) => renderObject(def, r, fields, hide));
	}

	private count<T>(p: ParamSource, items: readonly T[], spec: FilterSpec<T>): Json {
		return { count: String(this.select(p, items, spec).length) };
	}

	private one<T extends { id: number }>(p: ParamSource, items: readonly T[], def: ObjectDef<T>, rawId: string, what: string): Json {
		const item = items.find((x) => x.id === Number(rawId));
		if (!item) throw this.notFound(what, rawId);
		return renderObject(def, item, this.fieldsParam(p), this.hideDefaults(p));
	}

	private notFound(what: string, id: string): AcceloApiError {
		return invalid(`Resource not found: ${what} ${id} does not exist. ${STATUS_MESSAGES.invalid_request}`);
	}

	private requireJob(rawId: string): AcceloJob {
		const job = this.getJob(rawId);
		if (!job) throw this.notFound('job', rawId);
		return job;
	}

	// ----- routing -----

	private async route(req: RecordedRequest): Promise<Json> {
		let path = req.path;
		if (!path.startsWith('/api/v0/') && path !== '/api/v0') {
			// Documented: an unknown resource or version (e.g. /api/v20000/companies) is invalid_request.
			throw invalid(`Unknown API version or resource: ${path}`);
		}
		path = path.slice('/api/v0'.length).replace(/\/+$/, '');
		if (/\.(xml|yaml)$/.test(path)) {
			// UNDOCUMENTED (simulator limit): XML/YAML exist at Accelo but the product must use JSON.
			throw invalid('The simulator only serves JSON');
		}
		path = path.replace(/\.json$/, '');
		const override = req.queryPairs.find(([k]) => k === '_method')?.[1];
		let method = req.method.toUpperCase();
		if (override !== undefined) {
			if (!['get', 'put', 'post', 'delete'].includes(override.toLowerCase())) throw invalid(`Invalid _method '${override}'`);
			method = override.toUpperCase();
		}
		const token = this.authenticate(req);
		const seg = path.split('/').filter((s) => s !== '');
		const isId = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);
		const d = this.data;
		const unknown = (): never => {
			// UNDOCUMENTED: unknown paths and unsupported methods are 400 invalid_request (not 404),
			// consistent with "the request is for an unknown resource" in the status-code table.
			throw invalid(`Unknown resource: ${method} /api/v0${path}`);
		};

		if (seg.length === 1 && seg[0] === 'tokeninfo' && method === 'GET') {
			this.params(req, [], false);
			return this.tokenInfo(token);
		}

		if (seg[0] === 'jobs') {
			const readJobs = (): void => this.requireScope(token, 'jobs', false);
			const writeJobs = (): void => this.requireScope(token, 'jobs', true);
			const jf = this.filters.job;
			const jd = this.defs.job;
			if (seg.length === 1) {
				if (method === 'GET') {
					readJobs();
					return this.list(this.params(req, LIST_PARAMS, true), d.jobs, jf, jd);
				}
				if (method === 'POST') {
					writeJobs();
					return this.createJob(req);
				}
				return unknown();
			}
			if (seg.length === 2 && method === 'GET') {
				if (seg[1] === 'count') {
					readJobs();
					return this.count(this.params(req, COUNT_PARAMS, true), d.jobs, jf);
				}
				if (seg[1] === 'recent' || seg[1] === 'newest') {
					readJobs();
					const field = seg[1] === 'recent' ? 'date_created' : 'date_modified';
					return this.list(this.params(req, LIST_PARAMS, true), d.jobs, jf, jd, { field, key: jf.order[field], dir: -1 });
				}
				if (seg[1] === 'statuses') {
					readJobs();
					return this.list(this.params(req, LIST_PARAMS, true), d.statuses, this.filters.status, this.defs.status);
				}
				if (seg[1] === 'types') {
					readJobs();
					return this.list(this.params(req, LIST_PARAMS, true), d.jobTypes, this.filters.type, this.defs.type);
				}
			}
			if (seg.length === 3 && method === 'GET' && (seg[1] === 'statuses' || seg[1] === 'types')) {
				readJobs();
				if (!isId(seg[2])) throw invalid(`Invalid id '${seg[2]}'`);
				const p = this.params(req, ['_fields'], false);
				return seg[1] === 'statuses'
					? this.one(p, d.statuses, this.defs.status, seg[2], 'job status')
					: this.one(p, d.jobTypes, this.defs.type, seg[2], 'job type');
			}
			if (seg.length >= 2 && !isId(seg[1])) {
				if (['count', 'recent', 'newest', 'statuses', 'types'].includes(seg[1])) return unknown();
				throw invalid(`Invalid job id '${seg[1]}'`);
			}
			const jobId = seg[1];
			if (seg.length === 2) {
				if (method === 'GET') {
					readJobs();
					const p = this.params(req, ['_fields'], false);
					return renderObject(jd, this.requireJob(jobId), this.fieldsParam(p), this.hideDefaults(p));
				}
				if (method === 'PUT') {
					writeJobs();
					return this.updateJobFromRequest(req, this.requireJob(jobId));
				}
				if (method === 'DELETE') {
					writeJobs();
					this.params(req, [], false);
					const job = this.requireJob(jobId);
					this.data.jobs.splice(this.data.jobs.indexOf(job), 1);
					this.jobIndex.delete(job.id);
					return null;
				}
				return unknown();
			}
			if (seg[2] === 'progressions') {
				if (seg.length === 3 && method === 'GET') {
					readJobs();
					this.params(req, [], false);
					const job = this.requireJob(jobId);
					// Documented: only progressions the user may run are listed; none is not an error.
					if (!this.progressionPermission) return [];
					return this.progressionsFrom(job.status_id).map((pr) => this.renderProgression(pr));
				}
				if (seg.length === 5 && seg[4] === 'auto' && (method === 'POST' || method === 'PUT')) {
					writeJobs();
					if (!isId(seg[3])) throw invalid(`Invalid progression id '${seg[3]}'`);
					return this.runProgression(req, this.requireJob(jobId), Number(seg[3]));
				}
			}
			return unknown();
		}

		if (seg[0] === 'progressions' && seg[1] === 'history' && method === 'GET') {
			this.requireScope(token, 'progressions', false);
			const hf = this.filters.history;
			if (seg.length === 2) return this.list(this.params(req, LIST_PARAMS, true), d.progressionHistory, hf, this.defs.history);
			if (seg.length === 3 && seg[2] === 'count') return this.count(this.params(req, COUNT_PARAMS, true), d.progressionHistory, hf);
			if (seg.length === 3 && isId(seg[2])) {
				return this.one(this.params(req, ['_fields'], false), d.progressionHistory, this.defs.history, seg[2], 'progression history');
			}
			return unknown();
		}

		if (['affiliations', 'contracts', 'rates'].includes(seg[0]) && method === 'GET') return this.pickerRoute(req, seg, token); // picker lists (#24)
		if ((seg[0] === 'staff' || seg[0] === 'companies') && method === 'GET') {
			this.requireScope(token, seg[0], false);
			const isStaff = seg[0] === 'staff';
			if (seg.length === 1) {
				const p = this.params(req, LIST_PARAMS, true);
				return isStaff
					? this.list(p, d.staff, this.filters.staff, this.defs.staff)
					: this.list(p, d.companies, this.filters.company, this.defs.company);
			}
			if (seg.length === 2 && isId(seg[1])) {
				const p = this.params(req, ['_fields'], false);
				return isStaff
					? this.one(p, d.staff, this.defs.staff, seg[1], 'staff')
					: this.one(p, d.companies, this.defs.company, seg[1], 'company');
			}
		}
		return unknown();
	}

	// ----- picker lists added for issue #24 (affiliations, contracts, rates): begin -------------------------

	/**
	 * Affiliations 70–99 (the ids jobs name) and contracts 1–5, made up from the deployment's companies;
	 * the rates are the deployment's. Documented lists: https://api.accelo.com/docs/#list-affiliations
	 * (`_search` over names, email and phones; filter `company`), #list-contracts (`_search` over title;
	 * filters `standing`, `against_id`, `against_type`) and #list-rates (pagination and `_fields` only).
	 */
	private pickerData?: {
		affiliations: Array<{ id: number; firstname: string; surname: string; email: string; position: string; company_id: number; standing: string }>;
		contracts: Array<{ id: number; title: string; standing: string; against_type: string; against_id: number }>;
	};

	/** The made-up affiliations and contracts (tests may add to them). */
	pickerLists(): NonNullable<AcceloSimulator['pickerData']> {
		if (this.pickerData) return this.pickerData;
		const first = ['Hubert', 'Amy', 'Hermes', 'Leela', 'Philip', 'Zoidberg', 'Scruffy', 'Kif', 'Nibbler', 'Mom'];
		const last = ['Farnsworth', 'Wong', 'Conrad', 'Turanga', 'Fry', 'Kroker', 'Scruffington', 'Brannigan'];
		const positions = ['CEO', 'Engineer', 'Accounts', 'Site manager', 'Advisor'];
		const companies = this.data.companies;
		const affiliations = Array.from({ length: 30 }, (_, i) => {
			const [firstname, surname] = [first[i % first.length], last[(i * 3) % last.length]];
			return {
				id: 70 + i,
				firstname,
				surname,
				email: `${firstname}.${surname}${i}@example.com`.toLowerCase(),
				position: positions[i % positions.length],
				company_id: companies[i % companies.length].id,
				standing: i % 11 === 10 ? 'inactive' : 'active',
			};
		});
		const titles = ['Monthly maintenance', 'Support retainer', 'Annual licence', 'Managed services', 'Quarterly audit'];
		const contracts = titles.map((title, i) => ({
			id: i + 1,
			title,
			standing: i === 4 ? 'closed' : 'active',
			against_type: 'company',
			against_id: companies[i % companies.length].id,
		}));
		this.pickerData = { affiliations, contracts };
		return this.pickerData;
	}

	private pickerRoute(req: RecordedRequest, seg: string[], token: AcceloIssuedToken): Json {
		const { affiliations, contracts } = this.pickerLists();
		type Affiliation = (typeof affiliations)[number];
		type Contract = (typeof contracts)[number];
		const idBasic = <T>(get: (r: T) => number | null): BasicFilter<T> => ({ get, kind: 'id' });
		const contact: ObjectDef<Affiliation> = {
			name: 'contact',
			defaults: ['id', 'firstname', 'surname'],
			plain: { id: (a) => String(a.id), firstname: (a) => a.firstname, surname: (a) => a.surname },
			linked: {},
		};
		const company: ObjectDef<AcceloCompany> = { name: 'company', defaults: ['id', 'name'], plain: { id: (c) => String(c.id), name: (c) => c.name }, linked: {} };
		const affiliationDef: ObjectDef<Affiliation> = {
			name: 'affiliation',
			defaults: ['id', 'mobile', 'email'],
			plain: { id: (a) => String(a.id), email: (a) => a.email, mobile: () => '', position: (a) => a.position, standing: (a) => a.standing },
			linked: {
				// The simulator's contact has the affiliation's id.
				contact: { id: (a) => a.id, render: (id, sub) => renderObject(contact, affiliations.find((a) => a.id === id)!, sub) },
				company: {
					id: (a) => a.company_id,
					render: (id, sub) => {
						const found = this.data.companies.find((c) => c.id === id);
						return found ? renderObject(company, found, sub) : null;
					},
				},
			},
		};
		const contractDef: ObjectDef<Contract> = {
			name: 'contract',
			defaults: ['id', 'title'],
			plain: { id: (c) => String(c.id), title: (c) => c.title, standing: (c) => c.standing, against_type: (c) => c.against_type, against_id: (c) => String(c.against_id) },
			linked: {},
		};
		const rateDef: ObjectDef<AcceloRate> = {
			name: 'rate',
			defaults: ['id', 'title'],
			plain: { id: (r) => String(r.id), title: (r) => r.title, charged: (r) => r.charged, standing: () => 'active', object: () => 'staff,issue,job,milestone' },
			linked: {},
		};
		const none = { date: {}, object: {} };
		const affiliationSpec: FilterSpec<Affiliation> = {
			resource: 'affiliations',
			idOf: (a) => a.id,
			basic: { id: idBasic((a) => a.id), company: idBasic((a) => a.company_id), standing: { get: (a) => a.standing, kind: 'enum', values: ['active', 'inactive'] } },
			range: { id: (a) => a.id },
			order: { fullname: (a) => `${a.firstname} ${a.surname}`.toLowerCase(), standing: (a) => a.standing },
			search: (a) => `${a.firstname} ${a.surname} ${a.email}`,
			...none,
		};
		const contractSpec: FilterSpec<Contract> = {
			resource: 'contracts',
			idOf: (c) => c.id,
			basic: {
				id: idBasic((c) => c.id),
				standing: { get: (c) => c.standing, kind: 'text' },
				against_id: idBasic((c) => c.against_id),
				against_type: { get: (c) => c.against_type, kind: 'text' },
			},
			range: { id: (c) => c.id },
			order: { id: (c) => c.id, title: (c) => c.title.toLowerCase(), standing: (c) => c.standing },
			search: (c) => c.title,
			...none,
		};
		const rateSpec: FilterSpec<AcceloRate> = { resource: 'rates', idOf: (r) => r.id, basic: {}, range: {}, order: {}, search: null, ...none };
		if (seg.length !== 1) throw new AcceloApiError(404, 'not_found', 'The simulator serves only the lists of these resources');
		// Scopes: affiliations are read with contacts' rights; the docs name no scope of their own for contracts or rates.
		this.requireScope(token, seg[0] === 'affiliations' ? 'contacts' : seg[0], false);
		const p = this.params(req, LIST_PARAMS, true);
		if (seg[0] === 'affiliations') return this.list(p, affiliations, affiliationSpec, affiliationDef);
		if (seg[0] === 'contracts') return this.list(p, contracts, contractSpec, contractDef);
		return this.list(p, this.data.rates, rateSpec, rateDef);
	}

	// ----- picker lists added for issue #24: end ------------------------------------------------------------

	private tokenInfo(token: AcceloIssuedToken): Json {
		// UNDOCUMENTED: the docs name the endpoint but not its fields; this shape is the simulator's.
		const user = this.data.staff.find((s) => s.id === this.apiUserId)!;
		return {
			deployment: this.deployment,
			deployment_name: this.deploymentName(),
			deployment_uri: `https://${this.deployment}.accelo.com`,
			account_id: '1042',
			client_id: token.clientId,
			scope: token.scopeString || 'read(all)',
			expires_in: String(Math.max(0, Math.floor((token.expiresAt - Date.now()) / 1000))),
			user: { id: String(user.id), firstname: user.firstname, surname: user.surname, email: user.email },
		};
	}

	private renderProgression(p: AcceloProgression): Json {
		const s = this.getStatus(p.to_status_id)!;
		// Documented: the status inside a progression has no `start` field.
		return {
			id: String(p.id),
			title: p.title,
			status: { id: String(s.id), title: s.title, color: s.color, standing: s.standing },
		};
	}

	// ----- writes -----

	/** Body fields of POST/PUT, with `_fields` split off (it may come in the query or the body). */
	private writeParams(req: RecordedRequest, allowedFields: string[]): { fields: FieldRequest[]; hide: boolean; body: Map<string, string> } {
		const query = this.params(req, ['_fields'], false);
		let raw: Record<string, unknown> = {};
		if (req.rawBody.trim() !== '') {
			if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
				throw invalid('Could not parse the request body (send form-urlencoded or a JSON object)');
			}
			raw = req.body as Record<string, unknown>;
		}
		let fieldsSpec: FieldRequest[] = this.fieldsParam(query);
		const body = new Map<string, string>();
		for (const [key, value] of Object.entries(raw)) {
			if (key === '_fields') {
				if (query.values.has('_fields')) throw invalid(`The request includes the parameter '_fields' more than once`);
				if (typeof value !== 'string') throw invalid('_fields must be a string');
				fieldsSpec = parseFieldList(value);
				continue;
			}
			if (!allowedFields.includes(key)) {
				// UNDOCUMENTED (strict): unknown or non-updatable fields are rejected, not ignored.
				const hint =
					key === 'against_type' || key === 'against_id'
						? ' (to change what a job is against, update engagement_table / engagement_id)'
						: key === 'date_started'
							? ' (date_started cannot be updated)'
							: '';
				throw invalid(`Field '${key}' cannot be set by this request${hint}`);
			}
			let s: string;
			if (typeof value === 'string') s = value;
			else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
			else if (typeof value === 'boolean') s = value ? '1' : '0';
			else throw invalid(`Invalid value for '${key}': ${JSON.stringify(value)}`);
			body.set(key, s.trim());
		}
		return { fields: fieldsSpec, hide: this.hideDefaults(query), body };
	}

	private idField(body: Map<string, string>, name: string): number | undefined {
		const v = body.get(name);
		if (v === undefined) return undefined;
		if (!/^\d+$/.test(v)) throw invalid(`Invalid value for '${name}': '${v}' is not an id`);
		return Number(v);
	}

	private dateField(body: Map<string, string>, name: string): number | undefined {
		const v = body.get(name);
		if (v === undefined) return undefined;
		// Dates are unix seconds. UNDOCUMENTED (strict): anything else (ISO strings, milliseconds,
		// fractions) is rejected.
		if (!/^\d+$/.test(v)) throw invalid(`Invalid value for '${name}': '${v}' is not a unix timestamp`);
		const n = Number(v);
		if (n >= 1e11) throw invalid(`Invalid value for '${name}': '${v}' looks like milliseconds; send unix seconds`);
		return n;
	}

	private rateChargedField(body: Map<string, string>): string | undefined {
		const v = body.get('rate_charged');
		if (v === undefined) return undefined;
		if (!/^\d+(\.\d+)?$/.test(v)) throw invalid(`Invalid value for 'rate_charged': '${v}' is not a decimal`);
		return Number(v).toFixed(2);
	}

	private checkAgainst(type: string, id: number, typeField: string, idField: string): AcceloAgainstType {
		if (type !== 'company' && type !== 'site') {
			throw invalid(`Invalid value for '${typeField}': '${type}' (allowed: company, site)`);
		}
		const exists = type === 'company' ? this.data.companies.some((c) => c.id === id) : this.data.sites.some((s) => s.id === id);
		if (!exists) throw invalid(`Invalid value for '${idField}': no ${type} with id ${id}`);
		return type;
	}

	private checkStaff(id: number, field: string): void {
		if (!this.data.staff.some((s) => s.id === id)) throw invalid(`Invalid value for '${field}': no staff with id ${id}`);
	}

	private checkRate(id: number): AcceloRate {
		const rate = this.data.rates.find((r) => r.id === id);
		if (!rate) throw invalid(`Invalid value for 'rate_id': no rate with id ${id}`);
		return rate;
	}

	private createJob(req: RecordedRequest): Json {
		const mode = this.createAgainstFields;
		const typeKey = mode === 'engagement' ? 'engagement_table' : 'against_type';
		const idKey = mode === 'engagement' ? 'engagement_id' : 'against_id';
		const allowed = CREATE_FIELDS.filter((f) =>
			mode === 'against' ? !f.startsWith('engagement_') : mode === 'engagement' ? !f.startsWith('against_') : true,
		);
		const { fields, hide, body } = this.writeParams(req, allowed);
		if (mode === 'both') {
			const usesAgainst = body.has('against_type') || body.has('against_id');
			const usesEngagement = body.has('engagement_table') || body.has('engagement_id');
			if (usesAgainst && usesEngagement) throw invalid('Send either against_type/against_id or engagement_table/engagement_id, not both');
			if (usesEngagement) {
				body.set('against_type', body.get('engagement_table') ?? '');
				if (body.has('engagement_id')) body.set('against_id', body.get('engagement_id')!);
				body.delete('engagement_table');
				body.delete('engagement_id');
				if (body.get('against_type') === '') body.delete('against_type');
			}
		} else if (mode === 'engagement') {
			if (body.has('engagement_table')) body.set('against_type', body.get('engagement_table')!);
			if (body.has('engagement_id')) body.set('against_id', body.get('engagement_id')!);
		}
		const missing = ['title', 'against_type', 'against_id', 'manager_id', 'type_id'].filter(
			(f) => !body.has(f) || body.get(f) === '',
		);
		if (missing.length > 0) {
			const names = missing.map((f) => (f === 'against_type' ? typeKey : f === 'against_id' ? idKey : f));
			throw invalid(`Missing required field(s): ${names.join(', ')}`);
		}
		const title = body.get('title')!;
		const againstId = this.idField(body, 'against_id')!;
		const againstType = this.checkAgainst(body.get('against_type')!, againstId, typeKey, idKey);
		const managerId = this.idField(body, 'manager_id')!;
		this.checkStaff(managerId, 'manager_id');
		const typeId = this.idField(body, 'type_id')!;
		const type = this.data.jobTypes.find((t) => t.id === typeId);
		if (!type) throw invalid(`Invalid value for 'type_id': no job type with id ${typeId}`);
		// UNDOCUMENTED (strict): an inactive job type cannot be used for new jobs.
		if (type.standing !== 'active') throw invalid(`Invalid value for 'type_id': job type ${typeId} is inactive`);
		let status = this.data.statuses.filter((s) => s.start === 'yes').sort((a, b) => a.ordering - b.ordering)[0];
		const statusId = this.idField(body, 'status_id');
		if (statusId !== undefined) {
			const s = this.getStatus(statusId);
			if (!s) throw invalid(`Invalid value for 'status_id': no job status with id ${statusId}`);
			if (s.start !== 'yes') throw invalid(`Invalid value for 'status_id': status '${s.title}' cannot be used when creating a job (start=no)`);
			status = s;
		}
		const rateId = this.idField(body, 'rate_id');
		const rate = rateId !== undefined ? this.checkRate(rateId) : undefined;
		const rateCharged = this.rateChargedField(body);
		const contractId = this.idField(body, 'contract_id');
		const affiliationId = this.idField(body, 'affiliation_id');
		const dateDue = this.dateField(body, 'date_due');
		const dateStarted = this.dateField(body, 'date_started');
		const dateCreated = this.dateField(body, 'date_created');
		let billable = true;
		const b = body.get('is_billable');
		if (b !== undefined) {
			const v = b.toLowerCase();
			if (!['1', '0', 'yes', 'no', 'true', 'false'].includes(v)) throw invalid(`Invalid value for 'is_billable': '${b}'`);
			billable = ['1', 'yes', 'true'].includes(v);
		}
		const now = this.now();
		const job = this.insertJob({
			title,
			against_type: againstType,
			against_id: againstId,
			manager_id: managerId,
			job_type_id: typeId,
			status_id: status.id,
			rate_id: rate ? rate.id : null,
			rate_charged: rateCharged ?? rate?.charged ?? '0.00',
			contract_id: contractId ?? null,
			affiliation_id: affiliationId ?? null,
			date_due: dateDue ?? null,
			date_started: dateStarted ?? null,
			date_created: dateCreated ?? now,
			date_modified: now,
			date_last_interacted: now,
			date_commenced: status.standing === 'active' ? now : null,
			custom_id: type.has_custom_id ? `WEB-${String(this.nextJobId()).padStart(5, '0')}` : null,
			modified_by: this.apiUserId,
			is_billable: billable,
		});
		return renderObject(this.defs.job, job, fields, hide);
	}

	private updateJobFromRequest(req: RecordedRequest, job: AcceloJob): Json {
		const { fields, hide, body } = this.writeParams(req, UPDATE_FIELDS);
		// UNDOCUMENTED (strict): a PUT without any updatable field is invalid_request.
		if (body.size === 0) throw invalid(`No updatable fields supplied (allowed: ${UPDATE_FIELDS.join(', ')})`);
		const patch: Partial<AcceloJob> = {};
		if (body.has('title')) {
			const title = body.get('title')!;
			if (title === '') throw invalid(`Invalid value for 'title': it cannot be empty`);
			patch.title = title;
		}
		if (body.has('engagement_table') || body.has('engagement_id')) {
			const type = body.get('engagement_table') ?? job.against_type;
			const id = this.idField(body, 'engagement_id') ?? job.against_id;
			patch.against_type = this.checkAgainst(type, id, 'engagement_table', 'engagement_id');
			patch.against_id = id;
		}
		const managerId = this.idField(body, 'manager_id');
		if (managerId !== undefined) {
			this.checkStaff(managerId, 'manager_id');
			patch.manager_id = managerId;
		}
		let newStatus: AcceloJobStatus | undefined;
		const statusId = this.idField(body, 'status_id');
		if (statusId !== undefined) {
			newStatus = this.getStatus(statusId);
			if (!newStatus) throw invalid(`Invalid value for 'status_id': no job status with id ${statusId}`);
		}
		const contractId = this.idField(body, 'contract_id');
		if (contractId !== undefined) patch.contract_id = contractId;
		const affiliationId = this.idField(body, 'affiliation_id');
		if (affiliationId !== undefined) patch.affiliation_id = affiliationId;
		const rateId = this.idField(body, 'rate_id');
		if (rateId !== undefined) {
			const rate = this.checkRate(rateId);
			patch.rate_id = rate.id;
			if (!body.has('rate_charged')) patch.rate_charged = rate.charged;
		}
		const rateCharged = this.rateChargedField(body);
		if (rateCharged !== undefined) patch.rate_charged = rateCharged;
		const dateDue = this.dateField(body, 'date_due');
		if (dateDue !== undefined) patch.date_due = dateDue;
		const dateCreated = this.dateField(body, 'date_created');
		if (dateCreated !== undefined) patch.date_created = dateCreated;

		Object.assign(job, patch);
		const now = this.now();
		if (newStatus && newStatus.id !== job.status_id) {
			this.applyStatus(job, newStatus, now);
			if (this.historyOnDirectStatusChange) this.recordHistory(job, newStatus, now);
		}
		this.touch(job, now);
		return renderObject(this.defs.job, job, fields, hide);
	}

	private applyStatus(job: AcceloJob, status: AcceloJobStatus, now: number): void {
		job.status_id = status.id;
		job.standing = status.standing;
		if (status.standing === 'active' && job.date_commenced === null) job.date_commenced = now;
		if (status.standing === 'complete' && job.date_completed === null) job.date_completed = now;
		if (status.standing === 'active') job.date_completed = null;
	}

	private touch(job: AcceloJob, now: number): void {
		job.date_modified = now;
		job.date_last_interacted = now;
		job.modified_by = this.apiUserId;
	}

	private recordHistory(job: AcceloJob, status: AcceloJobStatus, now: number): void {
		const list = this.data.progressionHistory;
		list.push({
			id: list.length === 0 ? 1 : list[list.length - 1].id + 1,
			to_id: status.id,
			to_title: status.title,
			against_type: 'job',
			against_id: job.id,
			modified_by: this.apiUserId,
			date_modified: now,
		});
	}

	private runProgression(req: RecordedRequest, job: AcceloJob, progressionId: number): Json {
		const { fields, hide, body } = this.writeParams(req, []);
		void body;
		if (!this.progressionPermission) {
			throw new AcceloApiError(403, 'invalid_permission', 'The user needs the process permission or to manage this job to run progressions');
		}
		const progression = this.data.progressions.find((p) => p.id === progressionId);
		if (!progression || progression.from_status_id !== job.status_id) {
			const current = this.getStatus(job.status_id);
			const available = this.progressionsFrom(job.status_id)
				.map((p) => `${p.id} (${p.title})`)
				.join(', ');
			throw invalid(
				`Progression ${progressionId} is not available for job ${job.id} in status '${current?.title ?? job.status_id}' (available: ${available || 'none'})`,
			);
		}
		const to = this.getStatus(progression.to_status_id)!;
		const now = this.now();
		this.applyStatus(job, to, now);
		this.touch(job, now);
		this.recordHistory(job, to, now);
		return renderObject(this.defs.job, job, fields, hide);
	}
}
