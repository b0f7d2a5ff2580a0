/**
 * Where a credential may be sent: the API's own origin (scheme, host and port of the credential's
 * Base URL), and, where the user set n8n's "Allowed HTTP Request Domains" on the credential, the
 * hosts it lists. Pure functions, used by the transport before each request and each redirect.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { headerValue } from './retry';

/** `scheme://host:port` of a URL, or undefined when it is not one. */
export function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** Host and port of a URL (no user, path or query): what a message may show of an address. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'an address that is not a URL';
	}
}

export interface RedirectTarget {
	url: string;
	origin: string;
	/** Host and port only: what a message may show of it. */
	host: string;
}

/** Where a 3xx answer points, resolved against the URL that was asked; undefined without a usable Location. */
export function redirectTarget(headers: Record<string, unknown> | undefined, requestedUrl: string): RedirectTarget | undefined {
	const location = headerValue(headers, 'location')?.trim();
	if (!location) return undefined;
	try {
		const url = new URL(location, requestedUrl);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
		return { url: url.href, origin: url.origin, host: url.host };
	} catch {
		return undefined;
	}
}

function hostnameOf(url: string): string | undefined {
	try {
		return new URL(url).hostname.toLowerCase().replace(/\.$/, '') || undefined;
	} catch {
		return undefined;
	}
}

/**
 * Whether `url`'s host is in a comma-separated list of domains, `*.example.com` matching subdomains
 * only; an undefined list allows every host, an empty one none. The rule of n8n's own check (n8n-workflow
 * `isDomainAllowed`, https://github.com/n8n-io/n8n/blob/master/packages/workflow/src/credential-domain-restrictions.ts),
 * written here because n8n 1.x has no such export.
 */
export function isHostAllowed(url: string, allowedDomains: string | undefined): boolean {
	if (allowedDomains === undefined) return true;
	const hostname = hostnameOf(url);
	if (!hostname) return false;
	return allowedDomains
		.split(',')
		.map((domain) => domain.trim().toLowerCase().replace(/\.$/, ''))
		.filter(Boolean)
		.some((domain) => (domain.startsWith('*.') ? domain.length > 2 && hostname.endsWith(domain.slice(1)) : hostname === domain));
}

/**
 * The hosts this credential may be sent to, or undefined for any. n8n 2.x adds "Allowed HTTP
 * Request Domains" (`allowedHttpRequestDomains`: all, domains or none) and "Allowed Domains" to
 * credentials with an `authenticate` or an OAuth2 parent
 * (https://github.com/n8n-io/n8n/blob/master/packages/workflow/src/credential-domain-restrictions.ts).
 * "Specific Domains" applies to every request the node sends, the API's own included: the API's
 * address is the credential's Base URL, a field the user typed, and n8n widens the list only for
 * endpoints a node's definition declares. "None" blocks the HTTP Request node only (n8n's editor
 * writes it by default on OAuth credentials, and n8n ignores it where the credential serves its own
 * node). An empty "Specific Domains" list allows nothing, as in n8n.
 */
export function allowedDomainsFor(credentials: ICredentialDataDecryptedObject): string | undefined {
	if (credentials.allowedHttpRequestDomains !== 'domains') return undefined;
	return typeof credentials.allowedDomains === 'string' ? credentials.allowedDomains.trim() : '';
}
