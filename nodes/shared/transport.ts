/**
 * The one place where HTTP happens. Every provider's transport calls `providerRequest` with a small
 * `ProviderApi` description (credential type, base URL, how its errors read); retry, rate limits,
 * timeouts and error mapping are the same for all five.
 */
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { allowedDomainsFor, hostOf, isHostAllowed, originOf, redirectTarget, type RedirectTarget } from './origin';
import { paginate, type PaginateOptions, type PaginationResult, type PagingStrategy } from './pagination';
import type { RequestPacing } from './pacing';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry';
import { redactSecrets, secretsOf } from './secrets';
import {
	HttpAnswer,
	UnreadableAnswer,
	boundedBody,
	describeFailure,
	failureOf,
	tokenFailure,
	type FullResponse,
} from './httpFailure';

/** Webhook triggers re-read jobs (IWebhookFunctions) and manage subscriptions (IHookFunctions) through the same path. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

const DEFAULT_TIMEOUT_MS = 30_000;

export interface ProviderApi {
	/** Shown in error messages: "FSM Navigator". */
	name: string;
	credentialType: string;
	/** The API's base URL from the credential, without a trailing slash. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** The provider's own message in an error body, if it has one (`request`: what was asked, to name it). */
	errorMessage(body: unknown, request?: ApiRequest): string | undefined;
	/** How arrays in query strings are written (n8n's default is `x[0]=a`). */
	arrayFormat?: 'brackets' | 'repeat' | 'indices' | 'comma';
	/** Hints appended to errors, by HTTP status. */
	errorHints?: Partial<Record<number, string>>;
	/** A client-side rate limit every request waits for (per credential and base URL). */
	pacing?: RequestPacing;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Appended to the base URL; starts with '/'. Path segments must already be encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Send the body as application/x-www-form-urlencoded instead of JSON. */
	form?: boolean;
	headers?: IDataObject;
	timeout?: number;
	itemIndex?: number;
	retryPolicy?: RetryPolicy;
	/** The API base URL when the caller already has it (saves reading the credential again). */
	baseUrl?: string;
	/** Told when the API answers 429 (before the retry), so a parallel read can slow down. */
	onRateLimited?: () => void;
}

interface ApiResponse<T = unknown> {
	body: T;
	statusCode: number;
	headers: Record<string, unknown>;
}

/** A flat body as application/x-www-form-urlencoded; n8n sets the content type for URLSearchParams. */
function toForm(body: IDataObject): URLSearchParams {
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === null) continue;
		form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}
	return form;
}

/** n8n's own errors pass through unchanged; anything else becomes a NodeOperationError. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

export function trimBaseUrl(url: unknown, fallback: string): string {
	const text = typeof url === 'string' && url.trim() !== '' ? url.trim() : fallback;
	return text.replace(/\/+$/, '');
}

/**
 * The credential of each context (one node run, poll or list search), by type and item: reading one
 * means a database read and a decryption in n8n, so it is read once, not per page or per request.
 */
const credentialsByContext = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

async function credentialsOf(ctx: RequestContext, provider: ProviderApi, itemIndex?: number): Promise<ICredentialDataDecryptedObject> {
	let cache = credentialsByContext.get(ctx);
	if (!cache) credentialsByContext.set(ctx, (cache = new Map()));
	const key = `${provider.credentialType}|${itemIndex ?? ''}`;
	let credentials = cache.get(key);
	if (!credentials) {
		credentials = ctx.getCredentials(provider.credentialType, itemIndex);
		cache.set(key, credentials);
		credentials.catch(() => cache.delete(key));
	}
	return await credentials;
}

/** The API base URL from the provider's credential. */
async function resolveBaseUrl(this: RequestContext, provider: ProviderApi, itemIndex?: number): Promise<string> {
	return provider.baseUrl(await credentialsOf(this, provider, itemIndex));
}

/**
 * Every secret of the credential as it is now (a fetched access token included: it changes while
 * the node runs), to be removed from what an error keeps. Read again for each error, so a token
 * fetched since the first read is known too; errors are rare, so this costs nothing that matters.
 */
async function currentSecrets(ctx: RequestContext, provider: ProviderApi, itemIndex?: number): Promise<string[] | undefined> {
	try {
		return secretsOf(await ctx.getCredentials(provider.credentialType, itemIndex));
	} catch {
		return undefined;
	}
}

/** The maximum redirects followed within the API's own origin, as n8n's own default (5 in n8n 2.x). */
const MAX_SAME_ORIGIN_REDIRECTS = 5;

/**
 * A redirect that is not followed: to another origin (the credential's header would go there), out
 * of the credential's Allowed Domains, to a location n8n did not pass on, or one that would change a
 * write's method.
 */
function refusedRedirect(
	ctx: RequestContext,
	provider: ProviderApi,
	request: ApiRequest,
	status: number,
	target: RedirectTarget | undefined,
	reason: string,
): NodeApiError {
	const where = target ? `to ${target.host}` : 'elsewhere';
	const message = `${provider.name} redirected the request ${where}; the node did not follow it`;
	const written = request.method !== 'GET' && request.method !== 'HEAD' ? ' The request was not repeated.' : '';
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: `HTTP ${status} on ${request.method} ${request.path}: ${reason}.${written} Check the Base URL in the credential (it should be the API's own address).`,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/** The pacing schedule of this node's credential and host. */
function pacingKey(ctx: RequestContext, provider: ProviderApi, baseUrl: string): string {
	const credential = ctx.getNode().credentials?.[provider.credentialType];
	return `${baseUrl}|${credential?.id ?? credential?.name ?? ''}`;
}

/**
 * Sends one request with the provider's credential, retrying rate limits (any method) and
 * transient failures (GET only) within the retry policy, and maps failures to NodeApiError with the
 * provider's own message. Secrets never enter the error: it is built from the status and body only.
 */
export async function providerRequest<T = unknown>(
	this: RequestContext,
	provider: ProviderApi,
	request: ApiRequest,
): Promise<ApiResponse<T>> {
	const credentials = await credentialsOf(this, provider, request.itemIndex);
	const baseUrl = request.baseUrl ?? provider.baseUrl(credentials);
	if (provider.pacing) await provider.pacing.wait(pacingKey(this, provider, baseUrl));
	const timeout = request.timeout ?? DEFAULT_TIMEOUT_MS;
	// n8n's client follows redirects and sends the credential's headers along, to any host: the
	// transport follows them itself, within the API's own origin only.
	const origin = originOf(baseUrl);
	const allowedDomains = allowedDomainsFor(credentials);
	if (!isHostAllowed(baseUrl, allowedDomains)) {
		throw new NodeOperationError(
			this.getNode(),
			`The ${provider.name} credential may not be used with ${hostOf(baseUrl)}: it is not among its Allowed Domains (${allowedDomains || 'none listed'})`,
			{
				description: "Add the API's host to the credential's Allowed Domains (under Allowed HTTP Request Domains), or check its Base URL.",
				itemIndex: request.itemIndex,
			},
		);
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		headers: { Accept: 'application/json', ...request.headers },
		json: true,
		timeout,
		returnFullResponse: true,
		disableFollowRedirect: true,
		// Error answers come back as answers, with their headers: the error n8n 1.x throws has none,
		// so a 429's Retry-After would be lost. A 401 is still thrown, as n8n renews a token (OAuth 2
		// refresh, preAuthentication) only on a thrown 401; n8n 1.x ignores `except`, see below.
		// (n8n-core on https://www.npmjs.com/package/n8n-core, 1.x:
		// `dist/execution-engine/node-execution-context/utils/request-helper-functions.js`.)
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	// n8n 2.x checks it too, on every hop of its own (n8n 1.x ignores the option).
	if (allowedDomains) options.allowedDomains = allowedDomains;
	if (provider.arrayFormat) options.arrayFormat = provider.arrayFormat;
	if (request.body !== undefined) {
		options.body = request.form && !Array.isArray(request.body) ? toForm(request.body) : request.body;
	}
	const policy = request.retryPolicy ?? DEFAULT_RETRY_POLICY;
	let waited = 0;
	let redirects = 0;
	for (let attempt = 1; ; attempt++) {
		try {
			let response = (await this.helpers.httpRequestWithAuthentication.call(this, provider.credentialType, options)) as FullResponse;
			if (response.statusCode === 401) {
				// n8n 1.x treats any `ignoreHttpStatusErrors` as true and hands the 401 back, so it
				// never renews the token: the request is sent once more in n8n's throwing mode, where
				// n8n renews it and repeats the request. A 401 was refused, so a write was not applied.
				response = (await this.helpers.httpRequestWithAuthentication.call(this, provider.credentialType, {
					...options,
					ignoreHttpStatusErrors: false,
				})) as FullResponse;
			}
			if (response.statusCode >= 300) throw new HttpAnswer(response.statusCode, response.headers, response.body);
			// A success whose body n8n could not parse as JSON (a proxy's or captive portal's page)
			// is no answer: read as an empty page it would end a list early, as `{}` a job.
			if (typeof response.body === 'string' && response.body.trim() !== '') {
				throw new UnreadableAnswer(response.statusCode, response.body);
			}
			return { body: response.body as T, statusCode: response.statusCode, headers: response.headers ?? {} };
		} catch (error) {
			const failure = failureOf(error);
			if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) {
				const status = failure.status;
				const target = redirectTarget(failure.headers, options.url);
				if (!target) throw refusedRedirect(this, provider, request, status, target, 'n8n did not pass on where to');
				if (target.origin !== origin) {
					throw refusedRedirect(this, provider, request, status, target, `${target.host} is not the API's origin (${originOf(baseUrl) ?? baseUrl}), and the credential is sent only there`);
				}
				if (!isHostAllowed(target.url, allowedDomains)) {
					throw refusedRedirect(this, provider, request, status, target, `${target.host} is not among the credential's Allowed Domains`);
				}
				// A write is followed only where the method is kept (307, 308): 301–303 turn it into a GET.
				if (request.method !== 'GET' && request.method !== 'HEAD' && status !== 307 && status !== 308) {
					throw refusedRedirect(this, provider, request, status, target, 'following it would send a GET instead of the write');
				}
				if (++redirects > MAX_SAME_ORIGIN_REDIRECTS) {
					throw refusedRedirect(this, provider, request, status, target, `more than ${MAX_SAME_ORIGIN_REDIRECTS} redirects in a row`);
				}
				// The location is the whole new address, its query included.
				options.url = target.url;
				delete options.qs;
				attempt--;
				continue;
			}
			if (failure.status === undefined && failure.code === undefined) {
				const tokenProblem = tokenFailure(error);
				if (tokenProblem) {
					// The credential could not get a token, so nothing reached the API: a passing
					// failure of the token endpoint is retried whatever the method.
					const decision = decideRetry({ method: 'GET', code: tokenProblem.passing ? 'ECONNRESET' : undefined }, attempt, waited, policy);
					if (decision.retry) {
						waited += decision.waitMs;
						await sleep(decision.waitMs);
						continue;
					}
					const secrets = await currentSecrets(this, provider, request.itemIndex);
					const said = secrets ? redactSecrets(tokenProblem.message, secrets) : `${provider.name}: the token request failed`;
					const message = said.startsWith(provider.name) ? said : `${provider.name} could not get an access token: ${said}`;
					throw new NodeApiError(this.getNode(), { message } as JsonObject, {
						message,
						description: `The credential's token request failed, so nothing was sent to ${provider.name}.${decision.reason === 'attemptsExhausted' ? ` Gave up after ${attempt} attempts.` : ''} Check the credential, or try again later.`,
						itemIndex: request.itemIndex,
					});
				}
				// Not an HTTP failure (for example a credential problem n8n raised itself).
				throw asNodeError(this.getNode(), error, request.itemIndex);
			}
			const decision = decideRetry({ method: request.method, ...failure }, attempt, waited, policy);
			if (decision.retry) {
				if (decision.kind === 'rateLimit') request.onRateLimited?.();
				waited += decision.waitMs;
				await sleep(decision.waitMs);
				continue;
			}
			// Only status and body go into the error: request options (and so the credential's
			// headers) never do, and the body loses every secret of the credential it echoes (an
			// unreadable credential drops the body instead). Network failures carry no httpCode, or
			// n8n would swap our message for its generic one; the code is in the description instead.
			const secrets = failure.body === undefined ? [] : await currentSecrets(this, provider, request.itemIndex);
			const body = secrets ? redactSecrets(failure.body, secrets) : undefined;
			const { message, description } = describeFailure(provider, request, { ...failure, body }, decision, attempt, timeout);
			const httpCode = failure.status !== undefined ? String(failure.status) : undefined;
			const sanitized: JsonObject = { message, body: boundedBody(body) };
			throw new NodeApiError(this.getNode(), sanitized, {
				message,
				description,
				httpCode,
				itemIndex: request.itemIndex,
			});
		}
	}
}

/**
 * Reads a list endpoint page by page through `providerRequest`, with `strategy` choosing each
 * page's query (merged over `request.qs`) and `unwrap` taking the items out of the body.
 */
export async function providerRequestAllItems(
	this: RequestContext,
	provider: ProviderApi,
	request: ApiRequest,
	strategy: PagingStrategy,
	unwrap: (body: unknown) => IDataObject[],
	options: PaginateOptions,
): Promise<PaginationResult> {
	const baseUrl = request.baseUrl ?? (await resolveBaseUrl.call(this, provider, request.itemIndex));
	return await paginate(
		async (pageQuery) => {
			const response = await providerRequest.call(this, provider, {
				...request,
				baseUrl,
				qs: { ...request.qs, ...pageQuery },
			});
			return { items: unwrap(response.body), body: response.body };
		},
		strategy,
		options,
	);
}
