/**
 * Reads a Worklayer list `filter` expression the way its grammar is documented
 * (https://docs.taxfyle.com/jobs/job-list, "Filtering": terms `field comparator value` over the
 * listed fields and their comparators, quoted or bare values, terms combined with AND and OR), so
 * that Raw Filter is sent only when the node can tell what it means.
 *
 * What the docs leave open is refused rather than guessed: how a `"` or `\` is escaped inside a
 * quoted value, whether lower-case `and`/`or`, `NOT` or `-` mean anything, and which of AND and OR
 * binds tighter (so they are not mixed at one level without parentheses). Anything else (`||`,
 * `&&`, `|`, a quote or parenthesis left open) is not part of the language and is refused too.
 * An expression that passes is sent in a canonical spelling of its tokens, so Worklayer reads the
 * same tokens the node read.
 */
import { hasControlCharacter, InvalidInputError } from '../shared/parameters';

type TokenKind = 'word' | 'string' | 'comparator' | 'and' | 'or' | 'open' | 'close';

interface Token {
	kind: TokenKind;
	text: string;
	/** 0-based position in the input. */
	at: number;
}

interface FilterExpression {
	/** The expression in canonical spelling (single spaces, `field:"value"` for `:`). */
	text: string;
	/** Whether OR occurs anywhere in it: ANDing anything to it would depend on undocumented precedence. */
	usesOr: boolean;
}

const HINT =
	'Write conditions as field comparator value (such as transmit_time >= "2026-01-01T00:00:00Z" or status = CLAIMED), joined by AND or OR, with values that contain no " or \\.';

/** Where the input is read, and how a refusal names the field. */
interface Source {
	input: string;
	label: string;
}

/** The refusal: the field, what was found, and where (1-based), or "at the end". */
function refusal(source: Source, reason: string, at: number | undefined): InvalidInputError {
	const where = at === undefined || at >= source.input.length ? 'at the end' : `at character ${at + 1}`;
	return new InvalidInputError(`'${source.label}' cannot be sent: it has ${reason} ${where}`, HINT);
}

const COMPARATORS = ['!=', '>=', '<=', '=', '>', '<', ':'] as const;
const WORD = /^[A-Za-z0-9_.+-]+/;
const TIME_COMPARATORS = ['=', '!=', '>', '>=', '<', '<='];
/** The fields the docs list as filterable, with their comparators. */
const FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
	['members.user_id', [':']],
	['status', ['=', '!=']],
	['create_time', TIME_COMPARATORS],
	['transmit_time', TIME_COMPARATORS],
	['deadline_time', TIME_COMPARATORS],
]);

function readString(source: Source, start: number): { text: string; end: number } {
	const { input } = source;
	for (let i = start + 1; i < input.length; i++) {
		const ch = input[i];
		if (ch === '"') return { text: input.slice(start, i + 1), end: i + 1 };
		if (ch === '\\') throw refusal(source, 'a backslash inside a quoted value (Worklayer does not document how escapes are read)', i);
		if (hasControlCharacter(ch)) throw refusal(source, 'a control character inside a quoted value', i);
	}
	throw refusal(source, 'a double quote (") that is never closed', start);
}

function strayCharacter(source: Source, i: number): InvalidInputError {
	const two = source.input.slice(i, i + 2);
	if (two === '||') return refusal(source, "'||', which is not Worklayer's OR (write OR)", i);
	if (two === '&&') return refusal(source, "'&&', which is not Worklayer's AND (write AND)", i);
	if (two === '=<' || two === '=>') return refusal(source, `'${two}', which is not a comparator (write ${two[1]}=)`, i);
	const ch = source.input[i];
	if (hasControlCharacter(ch)) return refusal(source, 'a control character (such as a line break)', i);
	return refusal(source, `'${ch}', which is not part of Worklayer's filter language`, i);
}

function tokenize(source: Source): Token[] {
	const { input } = source;
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const ch = input[i];
		if (ch === ' ' || ch === '\t') {
			i++;
			continue;
		}
		if (ch === '(' || ch === ')') {
			tokens.push({ kind: ch === '(' ? 'open' : 'close', text: ch, at: i });
			i++;
			continue;
		}
		if (ch === '"') {
			const { text, end } = readString(source, i);
			tokens.push({ kind: 'string', text, at: i });
			i = end;
			continue;
		}
		if (input.startsWith('=<', i) || input.startsWith('=>', i)) throw strayCharacter(source, i);
		const comparator = COMPARATORS.find((c) => input.startsWith(c, i));
		if (comparator) {
			tokens.push({ kind: 'comparator', text: comparator, at: i });
			i += comparator.length;
			continue;
		}
		const word = WORD.exec(input.slice(i))?.[0];
		if (!word) throw strayCharacter(source, i);
		const kind: TokenKind = word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'word';
		tokens.push({ kind, text: word, at: i });
		i += word.length;
	}
	return tokens;
}

function describe(token: Token | undefined): string {
	return token === undefined ? 'the end of the filter' : `'${token.text}'`;
}

/** Recursive descent over the tokens; returns the canonical text of what it read. */
class Parser {
	private at = 0;

	usesOr = false;

	private readonly tokens: Token[];

	constructor(private readonly source: Source) {
		this.tokens = tokenize(source);
	}

	private peek(): Token | undefined {
		return this.tokens[this.at];
	}

	private fail(reason: string, token: Token | undefined): never {
		throw refusal(this.source, reason, token?.at);
	}

	/** expression := group { (AND | OR) group }, one of AND and OR per level. */
	expression(): string {
		const parts = [this.group()];
		let joiner: 'AND' | 'OR' | undefined;
		for (let token = this.peek(); token && (token.kind === 'and' || token.kind === 'or'); token = this.peek()) {
			if (joiner && joiner !== token.text) {
				this.fail('AND and OR mixed without parentheses (Worklayer does not document which binds tighter)', token);
			}
			joiner = token.text as 'AND' | 'OR';
			if (joiner === 'OR') this.usesOr = true;
			this.at++;
			parts.push(this.group());
		}
		return parts.join(` ${joiner ?? 'AND'} `);
	}

	/** group := "(" expression ")" | comparison */
	private group(): string {
		const token = this.peek();
		if (token?.kind !== 'open') return this.comparison();
		this.at++;
		const inner = this.expression();
		const close = this.peek();
		if (close?.kind !== 'close') this.fail(`a '(' that is never closed (found ${describe(close)} instead of ')')`, close ?? token);
		this.at++;
		return `(${inner})`;
	}

	/** comparison := field comparator value */
	private comparison(): string {
		const field = this.peek();
		if (field?.kind !== 'word') {
			if (field?.kind === 'close') this.fail("a ')' without its '('", field);
			if (field?.kind === 'and' || field?.kind === 'or') this.fail(`${field.text} where a condition should be`, field);
			this.fail(`${describe(field)} where a field name should be`, field);
		}
		if (/^(not|and|or)$/i.test(field.text)) this.fail(`'${field.text}', which Worklayer does not document (AND and OR are written in capitals; there is no NOT)`, field);
		const comparators = FIELDS.get(field.text);
		if (!comparators) this.fail(`'${field.text}', which is not a filterable field (${[...FIELDS.keys()].join(', ')})`, field);
		this.at++;
		const comparator = this.peek();
		if (comparator?.kind !== 'comparator' || !comparators.includes(comparator.text)) {
			this.fail(`${describe(comparator)} where a comparator of '${field.text}' (${comparators.join(' ')}) should be`, comparator);
		}
		this.at++;
		const value = this.peek();
		if (value?.kind !== 'string' && value?.kind !== 'word') this.fail(`${describe(value)} where the value of '${field.text}' should be`, value);
		if (value.kind === 'word' && value.text.startsWith('-')) this.fail(`'${value.text}': a bare value starting with '-' (quote it)`, value);
		this.at++;
		return comparator.text === ':' ? `${field.text}:${value.text}` : `${field.text} ${comparator.text} ${value.text}`;
	}

	/** The whole input: one expression and nothing after it. */
	all(): string {
		if (this.tokens.length === 0) this.fail('an empty filter', undefined);
		const text = this.expression();
		const rest = this.peek();
		if (rest) this.fail(rest.kind === 'close' ? "a ')' without its '('" : `${describe(rest)} where AND, OR or the end should be`, rest);
		return text;
	}
}

/**
 * `input` as a Worklayer filter expression in canonical spelling, or an InvalidInputError naming
 * `label`, what was found and where, when the grammar above cannot read it.
 */
export function parseFilterExpression(input: string, label: string): FilterExpression {
	const parser = new Parser({ input, label });
	const text = parser.all();
	return { text, usesOr: parser.usesOr };
}

/**
 * Whether an expression uses OR outside its quoted values (any spelling of it, to be safe). An
 * expression the tokenizer cannot read counts as using OR: nothing is ANDed to what is not understood.
 */
export function hasOr(expression: string): boolean {
	try {
		return tokenize({ input: expression, label: 'Filter' }).some((token) => token.kind === 'or' || (token.kind === 'word' && /^or$/i.test(token.text)));
	} catch {
		return true;
	}
}
