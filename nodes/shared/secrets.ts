/**
 * Removing a credential's secrets from what an error keeps: an API may echo the request's
 * authorization in its error body (a proxy's debug page, a gateway's "invalid key …" message), and
 * that body is kept in the error (up to 4,000 characters) and shown in n8n.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Credential fields that hold secrets: API keys, client IDs and secrets, tokens (not URLs or token types). */
const SECRET_FIELD = /(key|secret|token|password|clientid)$/i;

/** Values shorter than this are not looked for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6;

function collect(value: unknown, secretField: boolean, into: Set<string>): void {
	if (typeof value === 'string') {
		if (secretField && value.trim().length >= MIN_SECRET_LENGTH) into.add(value.trim());
		return;
	}
	if (Array.isArray(value)) {
		for (const entry of value) collect(entry, secretField, into);
		return;
	}
	if (typeof value === 'object' && value !== null) {
		for (const [key, entry] of Object.entries(value)) collect(entry, secretField || SECRET_FIELD.test(key), into);
	}
}

/**
 * Every secret of a credential, in each form a request may carry it in: as is, percent-encoded (a
 * form body or query), JSON-escaped, and a client ID and secret as the HTTP Basic value. Longest first.
 */
export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const values = new Set<string>();
	collect(credentials, false, values);
	const forms = new Set<string>();
	for (const value of values) {
		forms.add(value);
		forms.add(encodeURIComponent(value));
		forms.add(JSON.stringify(value).slice(1, -1));
	}
	const { clientId, clientSecret } = credentials;
	if (typeof clientId === 'string' && typeof clientSecret === 'string' && clientId && clientSecret) {
		forms.add(Buffer.from(`${clientId}:${clientSecret}`).toString('base64'));
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
	return result;
}

/** `value` (text, or a parsed JSON body) with every occurrence of each secret replaced by [redacted]. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => redactSecrets(entry, secrets)) as T;
	if (typeof value === 'object' && value !== null) {
		const redacted: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) redacted[redactText(key, secrets)] = redactSecrets(entry, secrets);
		return redacted as T;
	}
	return value;
}
