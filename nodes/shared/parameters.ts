/**
 * Reading and checking parameters. Checks throw `InvalidInputError`, which the router turns into a
 * NodeOperationError for the item; the message names the parameter as the user sees it. All checks
 * run before any request.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { readInstantValue, toIsoUtc, toUnixSeconds } from './dates';

export class InvalidInputError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

/** A value as the user gave it, for a message; never throws (an object without a prototype has no String()). */
export function shown(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}

/** A number typed in or given by an expression (a number or numeric text); anything else is NaN. */
function numberOf(value: unknown): number {
	if (typeof value === 'number') return value;
	return typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

/** Whether `text` holds a C0 control character or DEL (checked by code point: ESLint's recommended rules refuse control characters in a regular expression). */
export function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

export interface IdPattern {
	regex: RegExp;
	expected: string;
	/** The id is sent as a JSON number somewhere, so it must fit one without losing digits. */
	safeInteger?: boolean;
}

export const INTEGER_ID: IdPattern = {
	regex: /^\d{1,16}$/,
	expected: `a whole number, such as 123, up to ${Number.MAX_SAFE_INTEGER}`,
	safeInteger: true,
};

/**
 * `pattern` as the editor's check of a By ID field: blanks around the ID are allowed, as the readers
 * trim them. The editor runs it without flags, so a pattern that needs one (`u`) has no editor check.
 */
export function editorIdRegex(pattern: IdPattern): string | undefined {
	if (pattern.regex.flags !== '') return undefined;
	return `^\\s*(?:${unanchored(pattern)})\\s*$`;
}

/** The pattern's regex source without its `^…$` anchors, to combine it with others. */
export function unanchored(pattern: IdPattern): string {
	return pattern.regex.source.replace(/^\^/, '').replace(/\$$/, '');
}

function matches(id: string, pattern: IdPattern): boolean {
	return pattern.regex.test(id) && (!pattern.safeInteger || Number.isSafeInteger(Number(id)));
}

export const UUID: IdPattern = {
	regex: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
	expected: 'a UUID, such as 137eafeb-15d1-6480-022b-0ec4617ba21a',
};

function idText(value: unknown): string | undefined {
	// A number from an expression above 2^53 may already have lost digits: INTEGER_ID refuses it.
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string') return value.trim();
	return undefined;
}

/** A list of ids given as a comma-separated string or an array; blank entries are dropped. */
export function parseIdList(value: unknown, label: string, pattern?: IdPattern): string[] {
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(',');
	else if (typeof value === 'number') entries = [value];
	else if (value === undefined || value === null) entries = [];
	else throw new InvalidInputError(`'${label}' must be a comma-separated list of IDs`);
	const ids: string[] = [];
	for (const entry of entries) {
		const id = idText(entry);
		if (id === '') continue;
		if (id === undefined || (pattern && !matches(id, pattern))) {
			throw new InvalidInputError(
				`'${label}' contains an invalid ID: ${JSON.stringify(id ?? entry)}`,
				pattern ? `Each ID must be ${pattern.expected}.` : undefined,
			);
		}
		ids.push(id);
	}
	return ids;
}

/** A single id, required, matching `pattern`. */
export function checkId(value: unknown, label: string, pattern: IdPattern): string {
	const id = idText(value) ?? '';
	if (id === '') throw new InvalidInputError(`'${label}' is required`);
	if (!matches(id, pattern)) {
		// What an ID looks like goes in the message itself: n8n shows the hint only when expanded.
		throw new InvalidInputError(`'${label}' is not a valid ID: ${JSON.stringify(id)} is not ${pattern.expected}`, `It must be ${pattern.expected}.`);
	}
	return id;
}

/** Epoch ms of a date value; values without an offset are wall-clock time in `timeZone`. */
export function readInstant(value: unknown, label: string, timeZone: string): number {
	const reading = readInstantValue(value, timeZone);
	if ('problem' in reading) {
		throw new InvalidInputError(
			`'${label}' is not a valid date: ${typeof value === 'string' ? JSON.stringify(value) : shown(value)} (${reading.problem})`,
			'Use an ISO 8601 date such as 2026-02-25T09:00:00Z, or pick one in the date picker.',
		);
	}
	return reading.ms;
}

export function readIsoDate(value: unknown, label: string, timeZone: string): string {
	return toIsoUtc(readInstant(value, label, timeZone));
}

export function readUnixSeconds(value: unknown, label: string, timeZone: string): number {
	return toUnixSeconds(readInstant(value, label, timeZone));
}

/** A value that must be one of `allowed` (for options typed in by expression). */
export function checkOption<T extends string>(value: unknown, label: string, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new InvalidInputError(
		`'${label}' has an unsupported value: ${JSON.stringify(value)}`,
		`Use one of: ${allowed.join(', ')}.`,
	);
}

/** Each of a multi-select's values must be in `allowed`. */
export function checkOptions<T extends string>(value: unknown, label: string, allowed: readonly T[]): T[] {
	const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((v) => v.trim()) : [];
	return values.filter((v) => v !== '').map((v) => checkOption(v, label, allowed));
}

export function requireText(value: unknown, label: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InvalidInputError(`'${label}' is required`);
	return text;
}

/**
 * Where an operation reads its parameters: one input item of an action node, or a poll trigger
 * (which has no items). Every reader below takes this, so the same code serves both.
 */
export interface NodeParameters {
	get(name: string, fallback: unknown, options?: { extractValue?: boolean }): unknown;
	/** The workflow's time zone: dates without an offset are read in it. */
	readonly timeZone: string;
	/** The input item, where there is one (errors name it). */
	readonly itemIndex?: number;
}

export function itemParameters(ctx: IExecuteFunctions, itemIndex: number): NodeParameters {
	return {
		get: (name, fallback, options) => ctx.getNodeParameter(name, itemIndex, fallback, options),
		timeZone: ctx.getTimezone(),
		itemIndex,
	};
}

export function pollParameters(ctx: IPollFunctions): NodeParameters {
	return {
		get: (name, fallback, options) => ctx.getNodeParameter(name, fallback, options),
		timeZone: ctx.getTimezone(),
	};
}

/** The job picked in the `jobId` resource locator (list, ID or URL mode). */
export function readJobId(params: NodeParameters, pattern: IdPattern): string {
	return checkId(params.get('jobId', '', { extractValue: true }), 'Job', pattern);
}

/** A collection parameter; with `requiredLabel` an empty one is an error (Update Fields). */
export function readCollection(params: NodeParameters, name: string, requiredLabel?: string): IDataObject {
	const given = params.get(name, {});
	// n8n always hands over an object; an expression in the workflow's JSON could give anything.
	if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
		throw new InvalidInputError(`'${requiredLabel ?? name}' must be a collection of fields, not ${shown(given)}`);
	}
	const value = (given ?? {}) as IDataObject;
	if (requiredLabel && Object.keys(value).length === 0) {
		throw new InvalidInputError(
			`'${requiredLabel}' is empty: nothing to send`,
			`Add at least one field under '${requiredLabel}'.`,
		);
	}
	return value;
}

/**
 * The longest Timeout: 10 minutes. A timer cannot wait 2^31 ms or more (Node.js fires it at once),
 * so an unbounded value would abort a request as soon as it is sent, perhaps after a write was applied.
 */
export const MAX_TIMEOUT_MS = 600_000;

/** Request timeout from `options.timeout` (ms). */
export function readTimeout(params: NodeParameters): number | undefined {
	const options = readCollection(params, 'options');
	if (options.timeout === undefined) return undefined;
	const timeout = numberOf(options.timeout);
	if (!Number.isFinite(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
		throw new InvalidInputError(
			`'Timeout' must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (10 minutes): ${shown(options.timeout)}`,
		);
	}
	return timeout;
}

/** The input item and timeout of this operation's requests. */
export function readScope(params: NodeParameters): { itemIndex?: number; timeout?: number } {
	return { itemIndex: params.itemIndex, timeout: readTimeout(params) };
}

/** The most pages read at once: more would only draw rate limits, the APIs allow a few at a time. */
export const MAX_PARALLEL_REQUESTS = 16;

/** `options.parallelRequests`, or undefined for the provider's default. */
export function readParallelRequests(params: NodeParameters): number | undefined {
	const value = readCollection(params, 'options').parallelRequests;
	if (value === undefined) return undefined;
	const requests = numberOf(value);
	if (!Number.isInteger(requests) || requests < 1 || requests > MAX_PARALLEL_REQUESTS) {
		throw new InvalidInputError(
			`'Parallel Requests' must be a whole number from 1 to ${MAX_PARALLEL_REQUESTS}: ${shown(value)}`,
		);
	}
	return requests;
}

/** What a Get Many asks of the list: its item and timeout, the limit, and the pages in flight. */
export function readListOptions(params: NodeParameters): { itemIndex?: number; timeout?: number; limit?: number; parallelRequests?: number } {
	return { ...readScope(params), limit: readLimit(params), parallelRequests: readParallelRequests(params) };
}

/** `returnAll` / `limit` as one number, or undefined for all. */
export function readLimit(params: NodeParameters): number | undefined {
	if (params.get('returnAll', false) as boolean) return undefined;
	const limit = numberOf(params.get('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new InvalidInputError(`'Limit' must be a whole number of at least 1`);
	}
	return limit;
}
