/** What the fault suite accepts as a clear error, and the search for secrets in run data. */

/** Signs of a crash rather than an error the node meant to raise. */
const CRASH = [
	/TypeError|ReferenceError|SyntaxError|RangeError/,
	/Cannot read propert|Cannot destructure|is not a function|is not iterable|is not defined/i,
	/\bundefined\b|\[object Object\]|\bNaN\b/,
	/Unexpected token|Unexpected end of JSON|in JSON at position/i,
	/Maximum call stack/i,
];

/** Network failures as the shared transport words them. */
const NETWORK =
	/^(did not answer in time|closed the connection unexpectedly|refused the connection|could not be reached.*|answered with something that is not JSON.*|sent an answer that broke off before its end|could not get an access token[\s\S]*)$/;

/**
 * Why an error message is not a clear one, or undefined when it is. A NodeApiError must start with
 * the provider's name and go on with the provider's own message, a network failure, or an HTTP
 * status that is an error: "answered HTTP 200" tells the user nothing about what went wrong.
 */
export function unclearError(provider: string, name: string | undefined, message: string | undefined): string | undefined {
	if (!message || message.trim() === '') return 'an error without a message';
	for (const pattern of CRASH) if (pattern.test(message)) return `a crash, not an error: ${JSON.stringify(message)}`;
	if (name !== undefined && name !== 'NodeApiError' && name !== 'NodeOperationError') {
		return `an error of type ${name}: ${JSON.stringify(message)}`;
	}
	if (name === 'NodeApiError' || message.startsWith(provider)) {
		if (!message.startsWith(provider)) return `an API error that does not name ${provider}: ${JSON.stringify(message)}`;
		const rest = message.slice(provider.length);
		if (/^ answered HTTP [2]\d\d$/.test(rest)) return `a failure reported as a success status: ${JSON.stringify(message)}`;
		if (/^ answered HTTP [345]\d\d$/.test(rest)) return undefined;
		if (/^: \S/.test(rest)) return undefined;
		if (rest.startsWith(' ') && NETWORK.test(rest.slice(1))) return undefined;
		return `an API error that is neither the provider's message nor a network failure: ${JSON.stringify(message)}`;
	}
	return undefined;
}

/** Every string inside `value`, Error properties (message, description, cause, context) included. */
export function stringsIn(value: unknown): string[] {
	const out: string[] = [];
	const seen = new WeakSet<object>();
	const walk = (node: unknown, depth: number): void => {
		if (depth > 40) return;
		if (typeof node === 'string') {
			out.push(node);
			return;
		}
		if (typeof node !== 'object' || node === null) return;
		if (seen.has(node)) return;
		seen.add(node);
		if (Buffer.isBuffer(node)) {
			out.push(node.toString('utf8'));
			return;
		}
		const keys = node instanceof Error ? Object.getOwnPropertyNames(node) : Object.keys(node);
		for (const key of keys) {
			if (key === 'stack') continue;
			out.push(key);
			walk((node as Record<string, unknown>)[key], depth + 1);
		}
	};
	walk(value, 0);
	return out;
}

/** The secrets (of at least 6 characters) found anywhere in `value`. */
export function leakedSecrets(value: unknown, secrets: string[]): string[] {
	const wanted = secrets.filter((secret) => secret.length >= 6);
	if (wanted.length === 0) return [];
	const text = stringsIn(value).join('\n');
	return wanted.filter((secret) => text.includes(secret));
}

/** A message with its numbers blanked, to count errors of one kind together. */
export function messageShape(message: string): string {
	return message.replace(/\s+/g, ' ').replace(/\d+/g, '#').slice(0, 100);
}
