/** Small type guards for JSON the APIs send back. */
import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a JSON array; anything else is an empty list. */
export function objectsOf(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

/** An id-like value as a string; null, undefined and '' are no id. */
export function idString(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'object' ? undefined : String(value);
}

/** Non-empty text, trimmed, or undefined. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' ? undefined : text;
}
