/**
 * Reading what a failed request tells (status, network code, headers, body), whichever way n8n
 * reported it, and saying it to the user with the provider's own message.
 */
import type { JsonObject } from 'n8n-workflow';

import type { RetryDecision } from './retry';
import type { ApiRequest, ProviderApi } from './transport';

/** What an axios failure carries, read defensively (n8n wraps it in NodeApiError.cause). */
export interface HttpFailure {
	status?: number;
	code?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** An HTTP status as n8n writes it into `NodeApiError.httpCode` ('429'); network codes ('ECONNRESET') are not. */
function statusFromHttpCode(httpCode: unknown): number | undefined {
	return typeof httpCode === 'string' && /^[1-5]\d\d$/.test(httpCode) ? Number(httpCode) : undefined;
}

/**
 * What a failed `httpRequestWithAuthentication` tells: status, network code, response headers and
 * body. n8n throws one of two shapes (both captured from real n8n by test/e2e/thrownErrors.e2e.test.ts):
 *
 * - n8n 2.x: a NodeApiError whose `cause` is the AxiosError, with `response.{status, headers, data}`
 *   and `code`. (A plain AxiosError is its own cause.)
 * - n8n 1.x: a NodeApiError without its cause. n8n-workflow 1.x's ExecutionBaseError declares a
 *   `cause` class field, which resets the one the Error constructor set, so the AxiosError and the
 *   response headers are gone (n8n-workflow 1.120.31, the one n8n 1.123.81 ships, on
 *   https://www.npmjs.com/package/n8n-workflow: `dist/cjs/errors/abstract/execution-base.error.js`).
 *   What is left: the status or network code as `httpCode` and a JSON object body as
 *   `context.data` (a text body is lost too).
 *
 * `providerRequest` asks n8n for error answers as answers (with their headers) instead, so a thrown
 * failure is read only for network errors and for a 401, which n8n must throw to renew a token.
 */
export function readFailure(error: unknown): HttpFailure {
	const outer = asRecord(error);
	const cause = asRecord(outer?.cause) ?? outer;
	const response = asRecord(cause?.response);
	let code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (!code && typeof outer?.httpCode === 'string' && /^E[A-Z]+$/.test(outer.httpCode)) code = outer.httpCode;
	if (response) {
		const status = typeof response.status === 'number' ? response.status : undefined;
		return { status, code, headers: asRecord(response.headers), body: response.data };
	}
	// n8n 1.x: only n8n's own NodeApiError is read this way, so an error of another kind is never
	// taken for an HTTP answer.
	const status = outer?.name === 'NodeApiError' ? statusFromHttpCode(outer.httpCode) : undefined;
	if (status === undefined) return { status, code, headers: undefined, body: undefined };
	return { status, code, headers: undefined, body: asRecord(outer?.context)?.data };
}

/**
 * A failure to get an access token (n8n's OAuth2 client, or a credential's preAuthentication), with
 * whether it looks passing (a 5xx or 429 from the token endpoint, a dropped connection).
 */
export function tokenFailure(error: unknown): { message: string; passing: boolean } | undefined {
	const full = error instanceof Error ? error.message : '';
	if (!/access token|token endpoint/i.test(full)) return undefined;
	// n8n's OAuth2 client quotes the endpoint's whole answer (an HTML page): its first line is enough.
	const firstLine = full.split(/\r?\n/)[0];
	const message = firstLine.length > 240 ? `${firstLine.slice(0, 240)}…` : firstLine;
	const passing = /status code (5\d\d|429)|HTTP (5\d\d|429)|could not be reached|closed|socket|timed? ?out|Expected JSON response/i.test(full);
	return { message, passing };
}

/** An answer of 300 or more that n8n handed back instead of throwing (`ignoreHttpStatusErrors`). */
export class HttpAnswer extends Error {
	constructor(
		readonly status: number,
		readonly headers: Record<string, unknown> | undefined,
		readonly body: unknown,
	) {
		super(`HTTP ${status}`);
	}
}

export interface FullResponse {
	body: unknown;
	statusCode: number;
	headers?: Record<string, unknown>;
}

/** A 2xx answer whose body is not JSON. */
export class UnreadableAnswer extends Error {
	constructor(
		readonly status: number,
		readonly text: string,
	) {
		super('The answer is not JSON');
	}
}

/**
 * The failure behind an error, with two kinds of broken answers made network failures: a body that
 * is not JSON (ENOTJSON), and a 2xx answer whose body broke off (ECUTOFF, n8n reports it with the
 * answer's status). Neither says whether a write was applied, so both are retried for reads only.
 */
export function failureOf(error: unknown): HttpFailure {
	if (error instanceof UnreadableAnswer) return { code: 'ENOTJSON', body: error.text };
	if (error instanceof HttpAnswer) return { status: error.status, headers: error.headers, body: error.body };
	const failure = readFailure(error);
	if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) return failure;
	if (failure.status !== undefined && failure.status < 400) {
		return { code: 'ECUTOFF', headers: failure.headers, body: undefined };
	}
	return failure;
}

/** How much of a failing response's body an error keeps: enough to diagnose, never megabytes. */
const MAX_ERROR_BODY_CHARS = 4_000;

/** The body as it came when it is small, else its start as text with its full length. */
export function boundedBody(body: unknown): JsonObject | string | null {
	if (body === undefined || body === null) return null;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	if (text.length <= MAX_ERROR_BODY_CHARS) return typeof body === 'string' ? body : (body as JsonObject);
	return `${text.slice(0, MAX_ERROR_BODY_CHARS)}… (${text.length} characters in all)`;
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNABORTED: 'did not answer in time',
	ETIMEDOUT: 'did not answer in time',
	ECONNRESET: 'closed the connection unexpectedly',
	ECONNREFUSED: 'refused the connection',
	ENOTFOUND: 'could not be found (check the Base URL in the credential)',
	ENOTJSON: 'answered with something that is not JSON (an error page of a proxy or gateway?)',
	ECUTOFF: 'sent an answer that broke off before its end',
	EAI_AGAIN: 'could not be found (DNS lookup failed)',
};

export function describeFailure(
	provider: ProviderApi,
	request: ApiRequest,
	failure: HttpFailure,
	decision: Extract<RetryDecision, { retry: false }>,
	attempts: number,
	timeoutMs: number,
): { message: string; description: string } {
	let providerMessage = failure.body === undefined ? undefined : provider.errorMessage(failure.body, request);
	// A proxy's HTML error page is no message: keep the start of it only.
	if (providerMessage && providerMessage.length > 300) providerMessage = `${providerMessage.slice(0, 300)}…`;
	const parts: string[] = [];
	let message: string;
	if (failure.status !== undefined) {
		message = providerMessage
			? `${provider.name}: ${providerMessage}`
			: `${provider.name} answered HTTP ${failure.status}`;
		parts.push(`HTTP ${failure.status} on ${request.method} ${request.path}.`);
	} else {
		const what = (failure.code && NETWORK_MESSAGES[failure.code]) ?? 'could not be reached';
		message = `${provider.name} ${what}`;
		if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT') {
			parts.push(`No answer within ${timeoutMs} ms (option 'Timeout').`);
		}
		if (failure.code) parts.push(`Network error ${failure.code} on ${request.method} ${request.path}.`);
	}
	if (decision.reason === 'waitTooLong' && decision.kind === 'rateLimit') {
		parts.push(
			`Rate limited: the API asked to wait ${Math.max(1, Math.round((decision.waitMs ?? 0) / 1000))} s, longer than the node waits. Try again later or lower the request rate.`,
		);
	} else if (decision.reason === 'attemptsExhausted') {
		parts.push(`Gave up after ${attempts} attempts.`);
	} else if (request.method !== 'GET' && (failure.status === undefined || failure.status >= 500)) {
		parts.push('The request was not repeated: it changes data and may already have been applied.');
	}
	const hint = failure.status !== undefined ? provider.errorHints?.[failure.status] : undefined;
	if (hint) parts.push(hint);
	return { message, description: parts.join(' ') };
}
