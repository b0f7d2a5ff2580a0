/** Accelo's `_filters` language: parsing and compiling to predicates and orders. */
import { invalid } from './wire';

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
export function filtersFromJson(value: unknown): FilterTerm[] {
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

export interface BasicFilter<T> {
	get: (r: T) => string | number | null;
	kind: 'id' | 'enum' | 'text';
	values?: readonly string[];
}
interface ObjectFilter<T> {
	types: readonly string[];
	typeOf: (r: T) => string;
	idOf: (r: T) => number;
}
export interface FilterSpec<T> {
	resource: string;
	basic: Record<string, BasicFilter<T>>;
	date: Record<string, (r: T) => number | null>;
	range: Record<string, (r: T) => number | null>;
	order: Record<string, (r: T) => number | string | null>;
	object: Record<string, ObjectFilter<T>>;
	search: ((r: T) => string) | null;
	idOf: (r: T) => number;
}
export type Pred<T> = (r: T) => boolean;
export interface OrderBy<T> {
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

export function unsigned(term: FilterTerm, value: string): number {
	if (!/^\d+$/.test(value)) {
		throw invalid(`Invalid value '${value}' for filter '${term.name}': expected an unsigned integer`);
	}
	return Number(value);
}

export function searchWords(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[\s,]+/)
		.filter((w) => w !== '');
}

export function compileFilters<T>(spec: FilterSpec<T>, terms: FilterTerm[]): CompiledFilters<T> {
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
