/** Worklayer filter expressions: tokenizer, parser and matcher. */
import { cachedTime, parseWorklayerTime } from './time';
import { WORKLAYER_FILTER_FIELDS, WORKLAYER_STATUSES, type WorklayerJob } from './types';

export interface WorklayerFilterGrammar {
	/**
	 * What `a AND b OR c` means (undocumented): 'reject' (default: 400, so a client cannot rely on a
	 * guess), 'orBindsTighter' (AIP-160, https://google.aip.dev/160: `a AND (b OR c)`) or
	 * 'andBindsTighter' (`(a AND b) OR c`).
	 */
	mixedAndOr?: 'reject' | 'orBindsTighter' | 'andBindsTighter';
	/** Whether `(` `)` group terms (undocumented; default false → 400). */
	parentheses?: boolean;
}

export type WorklayerFilterNode =
	| { kind: 'and' | 'or'; children: WorklayerFilterNode[] }
	| { kind: 'term'; field: string; op: string; value: string; quoted: boolean };

export class WorklayerFilterError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(`${message} (at position ${position})`);
	}
}

interface FilterToken {
	kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'end';
	text: string;
	pos: number;
}

function tokenize(input: string): FilterToken[] {
	const tokens: FilterToken[] = [];
	let i = 0;
	while (i < input.length) {
		const c = input[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '(' || c === ')') {
			tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, pos: i });
			i++;
			continue;
		}
		if (c === '"') {
			// Escaping inside strings is not documented; AIP-160's backslash escapes are used.
			const start = i;
			let text = '';
			i++;
			for (;;) {
				if (i >= input.length) throw new WorklayerFilterError('unterminated string', start);
				const ch = input[i];
				if (ch === '\\') {
					if (i + 1 >= input.length) throw new WorklayerFilterError('unterminated string', start);
					text += input[i + 1];
					i += 2;
					continue;
				}
				if (ch === '"') {
					i++;
					break;
				}
				text += ch;
				i++;
			}
			tokens.push({ kind: 'string', text, pos: start });
			continue;
		}
		const two = input.slice(i, i + 2);
		if (two === '>=' || two === '<=' || two === '!=') {
			tokens.push({ kind: 'op', text: two, pos: i });
			i += 2;
			continue;
		}
		if (c === '=' || c === '<' || c === '>' || c === ':') {
			tokens.push({ kind: 'op', text: c, pos: i });
			i++;
			continue;
		}
		const m = /^[A-Za-z0-9_.\-+]+/.exec(input.slice(i));
		if (!m) throw new WorklayerFilterError(`unexpected character '${c}'`, i);
		tokens.push({ kind: 'word', text: m[0], pos: i });
		i += m[0].length;
	}
	tokens.push({ kind: 'end', text: '', pos: input.length });
	return tokens;
}

/**
 * Parses a list filter. Grammar (docs' fields and comparators; the rest is strict where undocumented):
 *
 *     filter  := seq
 *     seq     := factor { ("AND" | "OR") factor }      -- keywords upper-case; see `mixedAndOr`
 *     factor  := term | "(" seq ")"                     -- parentheses only with `parentheses: true`
 *     term    := field op value
 *     field   := "members.user_id" | "status" | "create_time" | "transmit_time" | "deadline_time"
 *     op      := ":" (members.user_id) | "=" "!=" (status) | "=" "!=" ">" ">=" "<" "<=" (times)
 *     value   := '"' { char | '\' char } '"' | bare word [A-Za-z0-9_.+-]+
 *
 * Times must be quoted RFC 3339 timestamps; status values (quoted or bare) must be a known status.
 * Two terms without AND/OR between them, `=<`, lower-case `and`, NOT and `-` negation → error.
 */
export function parseWorklayerFilter(input: string, grammar: WorklayerFilterGrammar = {}): WorklayerFilterNode {
	const mixed = grammar.mixedAndOr ?? 'reject';
	const allowParens = grammar.parentheses ?? false;
	const tokens = tokenize(input);
	let at = 0;
	const peek = (): FilterToken => tokens[at];
	const next = (): FilterToken => tokens[at++];

	const term = (): WorklayerFilterNode => {
		const fieldTok = next();
		if (fieldTok.kind !== 'word') throw new WorklayerFilterError(`expected a field name, found ${describe(fieldTok)}`, fieldTok.pos);
		const field = fieldTok.text;
		const ops = WORKLAYER_FILTER_FIELDS[field];
		if (!ops) throw new WorklayerFilterError(`unknown field '${field}'; filterable fields are ${Object.keys(WORKLAYER_FILTER_FIELDS).join(', ')}`, fieldTok.pos);
		const opTok = next();
		if (opTok.kind !== 'op') throw new WorklayerFilterError(`expected a comparator after '${field}', found ${describe(opTok)}`, opTok.pos);
		if (!ops.includes(opTok.text)) throw new WorklayerFilterError(`comparator '${opTok.text}' is not supported for '${field}'; use ${ops.join(' ')}`, opTok.pos);
		const valueTok = next();
		if (valueTok.kind !== 'string' && valueTok.kind !== 'word') throw new WorklayerFilterError(`expected a value after '${field} ${opTok.text}', found ${describe(valueTok)}`, valueTok.pos);
		const value = valueTok.text;
		if (field === 'status' && !(WORKLAYER_STATUSES as readonly string[]).includes(value)) {
			throw new WorklayerFilterError(`invalid status '${value}'; allowed: ${WORKLAYER_STATUSES.join(', ')}`, valueTok.pos);
		}
		if (field.endsWith('_time')) {
			if (valueTok.kind !== 'string') throw new WorklayerFilterError(`the value of '${field}' must be a quoted timestamp`, valueTok.pos);
			if (parseWorklayerTime(value) === undefined) throw new WorklayerFilterError(`invalid timestamp '${value}' for '${field}'`, valueTok.pos);
		}
		return { kind: 'term', field, op: opTok.text, value, quoted: valueTok.kind === 'string' };
	};

	const factor = (): WorklayerFilterNode => {
		const t = peek();
		if (t.kind === 'lparen') {
			if (!allowParens) throw new WorklayerFilterError('parentheses are not supported', t.pos);
			next();
			const inner = seq();
			const close = next();
			if (close.kind !== 'rparen') throw new WorklayerFilterError(`expected ')', found ${describe(close)}`, close.pos);
			return inner;
		}
		if (t.kind === 'rparen') throw new WorklayerFilterError(allowParens ? "unexpected ')'" : 'parentheses are not supported', t.pos);
		return term();
	};

	const seq = (): WorklayerFilterNode => {
		const factors: WorklayerFilterNode[] = [factor()];
		const ops: Array<'AND' | 'OR'> = [];
		let firstMixPos = -1;
		for (;;) {
			const t = peek();
			if (t.kind === 'end' || t.kind === 'rparen') break;
			if (t.kind !== 'word' || (t.text !== 'AND' && t.text !== 'OR')) throw new WorklayerFilterError(`expected AND, OR or the end of the filter, found ${describe(t)}`, t.pos);
			next();
			const op = t.text as 'AND' | 'OR';
			if (ops.length && ops[0] !== op && firstMixPos < 0) firstMixPos = t.pos;
			ops.push(op);
			factors.push(factor());
		}
		if (factors.length === 1) return factors[0];
		if (firstMixPos < 0) return { kind: ops[0] === 'AND' ? 'and' : 'or', children: factors };
		if (mixed === 'reject') throw new WorklayerFilterError('AND and OR cannot be mixed in one expression', firstMixPos);
		const loose = mixed === 'orBindsTighter' ? 'AND' : 'OR';
		const groups: WorklayerFilterNode[][] = [[factors[0]]];
		ops.forEach((op, i) => {
			if (op === loose) groups.push([factors[i + 1]]);
			else groups[groups.length - 1].push(factors[i + 1]);
		});
		const tightKind = loose === 'AND' ? 'or' : 'and';
		const children = groups.map((g): WorklayerFilterNode => (g.length === 1 ? g[0] : { kind: tightKind, children: g }));
		return { kind: loose === 'AND' ? 'and' : 'or', children };
	};

	if (peek().kind === 'end') throw new WorklayerFilterError('empty filter', 0);
	const root = seq();
	const rest = peek();
	if (rest.kind !== 'end') throw new WorklayerFilterError(`unexpected ${describe(rest)}`, rest.pos);
	return root;
}

function describe(t: FilterToken): string {
	if (t.kind === 'end') return 'the end of the filter';
	if (t.kind === 'string') return `"${t.text}"`;
	return `'${t.text}'`;
}

/** Whether `job` matches a parsed filter. */
export function matchesWorklayerFilter(job: WorklayerJob, node: WorklayerFilterNode): boolean {
	if (node.kind !== 'term') {
		return node.kind === 'and' ? node.children.every((c) => matchesWorklayerFilter(job, c)) : node.children.some((c) => matchesWorklayerFilter(job, c));
	}
	const value = node.value;
	if (node.field === 'members.user_id') return job.members.some((m) => m.user_id === value);
	if (node.field === 'status') return node.op === '=' ? job.status === node.value : job.status !== node.value;
	const raw = job[node.field as 'create_time' | 'transmit_time' | 'deadline_time'];
	if (raw === null) return false;
	const actual = cachedTime(raw);
	const wanted = cachedTime(value);
	if (actual === undefined || wanted === undefined) return false;
	switch (node.op) {
		case '=':
			return actual === wanted;
		case '!=':
			return actual !== wanted;
		case '>':
			return actual > wanted;
		case '>=':
			return actual >= wanted;
		case '<':
			return actual < wanted;
		default:
			return actual <= wanted;
	}
}
