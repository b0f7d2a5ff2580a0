/**
 * Accelo's wire details (https://api.accelo.com/docs/): API at
 * `{baseUrl}/api/v0`, every answer wrapped as `{ meta: { status, message, more_info }, response }`,
 * values as strings, dates as unix-second strings, `_offset`/`_limit` paging (max 100) with the end
 * on a short page, 429 with `X-RateLimit-Reset`. Errors carry `meta.message`.
 */
import type { IDataObject } from 'n8n-workflow';

import { idString, isObject, objectsOf } from '../shared/json';
import { InvalidInputError } from '../shared/parameters';
import { offsetPaging } from '../shared/pagingStrategies';
import { defineJobProvider } from '../shared/provider';
import { simplifyJob } from './simplify';
import { trimBaseUrl, type ProviderApi } from '../shared/transport';

export const MAX_PAGE_SIZE = 100;

/** Every job field, so that output matches what Get returns (the API's default is id and title). */
export const ALL_FIELDS = '_ALL';

interface AcceloEnvelope {
	meta?: { status?: string; message?: string; more_info?: string };
	response?: unknown;
}

/** A deployment name: one DNS label (the same rule is in the credential's token URL expression). */
const DEPLOYMENT = /^[a-z0-9][a-z0-9-]{0,62}$/i;

export const acceloApi: ProviderApi = {
	name: 'Accelo',
	credentialType: 'acceloOAuth2Api',
	baseUrl(credentials) {
		const base = trimBaseUrl(credentials.baseUrl, 'https://{deployment}.api.accelo.com');
		const deployment = String(credentials.deployment ?? '').trim();
		// The deployment becomes part of the host name (of the API and of the token URL, which n8n
		// sends the client secret to): anything that could change the host is refused, whatever the
		// Base URL, before any request.
		if (!DEPLOYMENT.test(deployment)) {
			throw new InvalidInputError(
				`The Accelo credential's 'Deployment' is not valid: ${JSON.stringify(deployment)}`,
				'Use the first part of your Accelo address, such as planet-express for planet-express.accelo.com.',
			);
		}
		if (!base.includes('{deployment}')) return `${base}/api/v0`;
		return `${base.replace('{deployment}', deployment.toLowerCase())}/api/v0`;
	},
	errorMessage(body) {
		if (!isObject(body)) return typeof body === 'string' && body.trim() ? body.trim() : undefined;
		const meta = (body as AcceloEnvelope).meta;
		if (meta?.message) return meta.status ? `${meta.message} (${meta.status})` : meta.message;
		// OAuth errors from the token endpoint are not enveloped.
		const oauth = body as { error?: unknown; error_description?: unknown };
		if (typeof oauth.error_description === 'string') return oauth.error_description;
		return typeof oauth.error === 'string' ? oauth.error : undefined;
	},
	errorHints: {
		401: "Check the Accelo credential's client ID, secret and deployment.",
		403: "The service application's scope does not allow this (write(all) is needed for changes).",
		429: 'Accelo allows 5000 requests an hour per deployment.',
	},
};

/** The `response` part of an Accelo answer. */
export function unwrap(body: unknown): unknown {
	return isObject(body) && 'response' in body ? (body as AcceloEnvelope).response : body;
}

export function unwrapObject(body: unknown): IDataObject {
	const response = unwrap(body);
	return isObject(response) ? response : {};
}

export function unwrapList(body: unknown): IDataObject[] {
	return objectsOf(unwrap(body));
}

export function idOf(record: IDataObject): string | undefined {
	return idString(record.id);
}

/** Accelo dates are unix seconds, sent as strings. */
function unixSecondsToMs(value: unknown): number | undefined {
	const seconds = Number(value);
	return value === null || value === '' || !Number.isFinite(seconds) || seconds <= 0 ? undefined : seconds * 1000;
}

/** Jobs each page after the first reads again (see offsetPaging). */
const PAGE_OVERLAP = 3;

/** `_offset`/`_limit` paging (max 100, end on a short page); `total` from `/jobs/count` allows parallel reads. */
function offsetStrategy(total?: number) {
	// Deployments that still cap pages at 50 (the older docs' maximum) answer 50 to a request
	// for 100: read that as the cap, not as the end.
	return offsetPaging({
		offsetParam: '_offset',
		limitParam: '_limit',
		maxPageSize: MAX_PAGE_SIZE,
		fallbackPageSizes: [50],
		total,
		// A job deleted while pages are read moves later jobs up; three jobs of overlap read them
		// again instead of skipping one, and show when more than that moved.
		overlap: PAGE_OVERLAP,
		idOf,
	});
}

/**
 * Accelo allows 5,000 requests an hour per deployment (https://api.accelo.com/docs/#rate-limiting):
 * four in flight reads 10,000 jobs in 100 requests, 2% of the hour.
 */
export const DEFAULT_PARALLEL_REQUESTS = 4;

/** Whether a list query leaves Accelo's default order, ascending id, where new jobs come last. */
function inIdOrder(query: IDataObject): boolean {
	return !(typeof query._filters === 'string' && /order_by/.test(query._filters));
}

export const provider = defineJobProvider({
	simplify: simplifyJob,
	api: acceloApi,
	maxPageSize: MAX_PAGE_SIZE,
	jobId: idOf,
	createdAt: (job) => unixSecondsToMs(job.date_created),
	updatedAt: (job) => unixSecondsToMs(job.date_modified),
	status: (job) => idString(isObject(job.status) ? job.status.id : (job.status_id ?? job.status)),
	getRequest: (jobId, query) => ({ path: `/jobs/${encodeURIComponent(jobId)}`, qs: { _fields: ALL_FIELDS, ...query } }),
	unwrapJob: unwrapObject,
	list: {
		path: '/jobs',
		paging: (_limit, total) => offsetStrategy(total),
		unwrap: unwrapList,
		parallel: {
			defaultRequests: DEFAULT_PARALLEL_REQUESTS,
			allowed: inIdOrder,
			count: {
				path: '/jobs/count',
				// The count takes the list's filters and search, nothing else.
				query: (query) => Object.fromEntries(Object.entries(query).filter(([key]) => key === '_filters' || key === '_search')),
				read: (body) => {
					const count = Number(unwrapObject(body).count);
					return Number.isFinite(count) ? count : undefined;
				},
			},
		},
	},
	// `date_created_after` / `date_modified_after` compare strictly, in whole seconds, so a poll asks
	// from the second before its cursor (https://api.accelo.com/docs/#filtering-by-date).
	changes: {
		createdSince: (query, sinceMs) => ({
			query: withTerms(query, `date_created_after(${Math.floor(sinceMs / 1000) - 1})`, 'order_by_asc(date_created)'),
			oldestFirst: true,
		}),
		updatedSince: (query, sinceMs) => ({
			query: withTerms(query, `date_modified_after(${Math.floor(sinceMs / 1000) - 1})`, 'order_by_asc(date_modified)'),
			oldestFirst: true,
		}),
		newestFirst: (query) => withTerms(query, 'order_by_desc(date_modified)'),
	},
});

/** `query` with more `_filters` terms (a comma is AND in Accelo's filter language). */
function withTerms(query: IDataObject, ...terms: string[]): IDataObject {
	const existing = typeof query._filters === 'string' && query._filters !== '' ? [query._filters] : [];
	return { ...query, _filters: [...existing, ...terms].join(',') };
}
