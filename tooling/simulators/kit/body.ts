/** Reading request bodies the same way in every simulator; what a bad body answers stays each API's own. */

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ value }` of JSON text, or `{ invalid: true }` when the text is not JSON. */
export function parseJson(raw: string): { value: unknown } | { invalid: true } {
	try {
		return { value: JSON.parse(raw) as unknown };
	} catch {
		return { invalid: true };
	}
}
