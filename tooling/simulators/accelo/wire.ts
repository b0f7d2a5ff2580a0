/** Accelo's wire format: errors and envelopes, `_fields`, OAuth scopes and tokens. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const STATUS_MESSAGES: Record<string, string> = {
	ok: 'Everything executed as expected.',
	invalid_request:
		'The request could not be interpreted. This can be caused by missing or invalid data. Please ensure that the resource you are requesting actually exists.',
};

export function moreInfo(status: string): string {
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

export const invalid = (message: string): AcceloApiError => new AcceloApiError(400, 'invalid_request', message);
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
export interface ObjectDef<T> {
	name: string;
	defaults: readonly string[];
	plain: Record<string, (r: T) => Json>;
	linked: Record<string, LinkDef<T>>;
	/** Fields only returned when asked for by name (not by `_ALL`). */
	explicitOnly?: readonly string[];
}

export const str = (v: number | string | null): string | null => (v === null ? null : String(v));

export function renderObject<T>(def: ObjectDef<T>, record: T, fields: FieldRequest[], hideDefaults = false): { [k: string]: Json } {
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
