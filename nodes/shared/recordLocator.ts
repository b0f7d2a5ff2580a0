/**
 * Pickers for the records a job names (customer, address, technician, client, site…): a resource
 * locator with a searchable list and an ID, the reader that accepts what saved workflows hold, and
 * the list search every provider's picker shares.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { isObject, textOf } from './json';
import type { IdPattern } from './parameters';
import { idValidation } from './descriptions';

interface RecordLocatorOptions {
	displayName: string;
	name: string;
	/** The `methods.listSearch` function that lists the records. */
	searchListMethod: string;
	/** What a record is called in messages: "customer", "site". */
	recordName: string;
	idPlaceholder: string;
	/** What an ID looks like: the editor checks By ID with it, and the reader again before any request. */
	idPattern: IdPattern;
	description: string;
	required?: boolean;
}

/** A `resourceLocator` with From List (searchable) and By ID, like the Job picker. */
export function recordLocator(options: RecordLocatorOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(options.required ? { required: true } : {}),
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${options.recordName}...`,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: idValidation(options.idPattern, `Not a valid ${options.recordName} ID`),
			},
		],
	};
}

/**
 * Several records of a list the API gives whole (employees, staff, statuses): a multi-select loaded
 * by `loadOptionsMethod`. A resource locator holds one record, so lists of IDs use this instead; its
 * value is an array, and the readers still take the comma-separated text older workflows saved.
 */
export function recordsField(displayName: string, name: string, loadOptionsMethod: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod },
		default: [],
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/**
 * The value of a record parameter: a resource locator `{ __rl: true, mode, value }`, or the plain
 * string (or number) that workflows saved before the parameter was a locator hold.
 */
export function recordValue(value: unknown): unknown {
	if (isObject(value) && (value.__rl === true || ('mode' in value && 'value' in value))) return value.value;
	return value;
}

/** A collection (Filters, Additional Fields) with each picker's value unwrapped by recordValue. */
export function recordValues(collection: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(collection).map(([key, value]) => [key, recordValue(value)])) as IDataObject;
}

/** A parameter of the node being edited (top level or inside a collection: 'filters.clientUuid'), unwrapped. */
export function currentRecordValue(ctx: ILoadOptionsFunctions, paths: string[]): string | undefined {
	const parameters = ctx.getCurrentNodeParameters() ?? {};
	for (const path of paths) {
		let value: unknown = parameters;
		for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
		const text = textOf(recordValue(value));
		// An expression cannot be resolved while editing: the list is then not narrowed.
		if (text !== undefined && !text.startsWith('=')) return text;
	}
	return undefined;
}

export interface RecordEntry {
	id: string;
	/** What the list shows: a name a person recognises. */
	name: string;
	/** More text a search may match (email, phone, address…). */
	searchText?: unknown[];
	url?: string;
}

export interface RecordSource {
	/** One page after `token` (undefined: the first) and the next page's token (undefined: the end). */
	readPage(token: string | undefined, search: string): Promise<{ items: IDataObject[]; next?: string }>;
	/** How the list shows an item; undefined leaves it out (no ID, or not under the chosen parent). */
	entry(item: IDataObject): RecordEntry | undefined;
	/** The API searched for `search` itself: every item it returns is a match. */
	searchesItself?: boolean;
	/** Items are left out by `entry` (a parent chosen): read on while a page has none. */
	narrowed?: boolean;
}

/** Pages read for one call while a search text finds nothing yet. */
const MAX_SEARCH_PAGES = 10;

/**
 * One call of a record picker. Where the API cannot search, the text is matched here against what
 * the list shows, and while a page has no match the next one is read, up to MAX_SEARCH_PAGES, so
 * that a search does not come back empty just because the first page had no match.
 */
export async function searchRecordPages(source: RecordSource, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const search = filter?.trim() ?? '';
	const needle = source.searchesItself ? '' : search.toLowerCase();
	const results: INodeListSearchItems[] = [];
	let token = paginationToken || undefined;
	const pages = needle || source.narrowed ? MAX_SEARCH_PAGES : 1;
	for (let read = 0; read < pages; read++) {
		const page = await source.readPage(token, search);
		for (const item of page.items) {
			const entry = source.entry(item);
			if (!entry) continue;
			const haystack = [entry.name, entry.id, ...(entry.searchText ?? [])].join(' ').toLowerCase();
			if (!needle || haystack.includes(needle)) results.push({ name: entry.name, value: entry.id, url: entry.url });
		}
		token = page.next;
		if (token === undefined || results.length > 0) break;
	}
	return { results, paginationToken: token };
}

/** "First Last", skipping blanks; undefined when both are blank. */
export function personName(...parts: unknown[]): string | undefined {
	const name = parts
		.map((part) => textOf(part))
		.filter((part): part is string => part !== undefined && part !== '')
		.join(' ');
	return name || undefined;
}
