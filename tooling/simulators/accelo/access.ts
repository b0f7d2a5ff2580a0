/** Accelo HTTP envelope, rate limit, OAuth token endpoint and authentication. */
import { randomBytes } from 'node:crypto';

import { header, type RecordedRequest, type SimResponse } from '../server';
import { AcceloDefs } from './defs';
import { AcceloApiError, type AcceloIssuedToken, invalid, type Json, moreInfo, parseScope, STATUS_MESSAGES } from './wire';

export abstract class AcceloAccess extends AcceloDefs {
	protected abstract route(req: RecordedRequest): Promise<Json>;

	// ----- HTTP -----

	protected async handle(req: RecordedRequest): Promise<SimResponse> {
		if (req.path.startsWith('/oauth2/')) return this.handleOAuth(req);
		const rl = this.countRequest();
		const flag = (name: string): boolean => {
			const v = req.queryPairs.find(([k]) => k === name)?.[1];
			return v === '1' || v === 'yes';
		};
		const suppress = {
			status: flag('_suppress_http_status'),
			message: flag('_suppress_message'),
			meta: flag('_suppress_meta'),
		};
		let status = 200;
		let meta = 'ok';
		let message = STATUS_MESSAGES.ok;
		let response: Json = null;
		let extraHeaders: Record<string, string> = {};
		try {
			if (rl.exceeded) {
				// Documented meta for 429. No Retry-After (documented only for the login lockout).
				throw new AcceloApiError(
					429,
					'too_many_requests',
					`Rate limit exceeded for ${this.deployment}.api.accelo.com`,
				);
			}
			response = await this.route(req);
		} catch (error) {
			if (!(error instanceof AcceloApiError)) throw error;
			status = error.httpStatus;
			meta = error.metaStatus;
			message = error.message;
			extraHeaders = error.headers;
			response = null;
		}
		const metaObj: { [k: string]: Json } = { status: meta };
		if (!suppress.message) {
			metaObj.message = message;
			metaObj.more_info = meta === 'too_many_requests' ? 'api.accelo.com/docs/#rate-limiting' : moreInfo(meta);
		}
		if (suppress.status) metaObj.response_code = status;
		const body: { [k: string]: Json } = suppress.meta ? { response } : { meta: metaObj, response };
		return {
			status: suppress.status ? 200 : status,
			headers: { ...rl.headers, ...extraHeaders },
			body,
		};
	}

	/**
	 * Counts an API request against the deployment's window. UNDOCUMENTED: every request under /api
	 * counts, including ones that fail authentication and ones answered 429.
	 */
	protected countRequest(): { exceeded: boolean; headers: Record<string, string> } {
		const rate = this.limiter.take('', Date.now());
		return {
			exceeded: !rate.allowed,
			headers: {
				'X-RateLimit-Limit': String(this.rateLimit.limit),
				'X-RateLimit-Remaining': String(rate.remaining),
				'X-RateLimit-Reset': String(Math.ceil(rate.resetMs / 1000)),
			},
		};
	}

	// ----- OAuth -----

	protected oauthError(status: number, code: string, description: string, headers: Record<string, string> = {}): SimResponse {
		// UNDOCUMENTED: token errors carry both the OAuth fields (error, error_description; shown in the
		// docs for the web-application flow) and the API's meta envelope.
		return {
			status,
			headers,
			body: {
				error: code,
				error_description: description,
				meta: { status: code, message: description, more_info: moreInfo(code) },
				response: null,
			},
		};
	}

	protected recordFailedLogin(): void {
		const now = Date.now();
		this.failedLogins = this.failedLogins.filter((t) => now - t < 300_000);
		this.failedLogins.push(now);
	}

	protected lockedOut(): boolean {
		const now = Date.now();
		return this.failedLogins.filter((t) => now - t < 300_000).length >= 100;
	}

	protected handleOAuth(req: RecordedRequest): SimResponse {
		if (req.path !== '/oauth2/v0/token' && req.path !== '/oauth2/v0/revoke') {
			return this.oauthError(400, 'invalid_request', `Unknown OAuth endpoint ${req.path}`);
		}
		if (req.method !== 'POST') return this.oauthError(400, 'invalid_request', `${req.method} is not supported here; use POST`);
		if (this.lockedOut()) {
			// Documented: 100 failed authentications within 5 minutes → too_many_failed_logins + Retry-After.
			// UNDOCUMENTED: HTTP 429.
			return this.oauthError(429, 'too_many_failed_logins', 'Too many failed logins; try again later', {
				'Retry-After': '300',
			});
		}
		const auth = header(req, 'authorization') ?? '';
		const m = /^Basic\s+(\S+)$/i.exec(auth);
		let clientId: string | undefined;
		let secret: string | undefined;
		if (m) {
			const decoded = Buffer.from(m[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon >= 0) {
				clientId = decoded.slice(0, colon);
				secret = decoded.slice(colon + 1);
			}
		}
		if (!m) {
			// Documented: all token requests authenticate with HTTP Basic. UNDOCUMENTED: client
			// credentials in the body are not accepted instead.
			this.recordFailedLogin();
			return this.oauthError(401, 'invalid_client', 'Client authentication failed: use HTTP Basic with client_id:client_secret');
		}
		if (clientId !== this.clientId || secret !== this.clientSecret) {
			this.recordFailedLogin();
			return this.oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret');
		}
		const contentType = header(req, 'content-type') ?? '';
		if (!contentType.includes('application/x-www-form-urlencoded')) {
			// UNDOCUMENTED (strict): the docs only show form bodies.
			return this.oauthError(400, 'invalid_request', 'Token requests must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(req.rawBody);
		for (const key of new Set(form.keys())) {
			if (form.getAll(key).length > 1) return this.oauthError(400, 'invalid_request', `Parameter ${key} included more than once`);
		}
		if (req.path === '/oauth2/v0/revoke') {
			const token = this.issuedTokens.find((t) => t.accessToken === form.get('token'));
			if (!token) return this.oauthError(400, 'invalid_request', 'Unknown token');
			token.revoked = true;
			return { status: 200, body: { meta: { status: 'ok', message: STATUS_MESSAGES.ok, more_info: moreInfo('ok') }, response: null } };
		}
		const grant = form.get('grant_type');
		if (!grant) return this.oauthError(400, 'invalid_request', 'Missing grant_type');
		if (grant !== 'client_credentials') {
			return this.oauthError(400, 'unsupported_grant_type', `Grant type '${grant}' is not supported for service applications`);
		}
		const scopeString = form.get('scope') ?? '';
		const scope = parseScope(scopeString);
		if (!scope) return this.oauthError(400, 'invalid_scope', `The requested scope '${scopeString}' is malformed`);
		let ttl = this.tokenTtlSeconds;
		const expiresIn = form.get('expires_in');
		if (expiresIn !== null) {
			if (!/^\d+$/.test(expiresIn) || Number(expiresIn) === 0) {
				return this.oauthError(400, 'invalid_request', `expires_in must be a positive number of seconds`);
			}
			ttl = Number(expiresIn);
		}
		const now = Date.now();
		this.tokenCounter++;
		const accessToken = `${this.tokenCounter}_${randomBytes(12).toString('hex')}`;
		this.issuedTokens.push({
			accessToken,
			clientId,
			scopeString,
			scope,
			issuedAt: now,
			expiresAt: now + ttl * 1000,
			revoked: false,
		});
		const user = this.data.staff.find((s) => s.id === this.apiUserId)!;
		return {
			status: 200,
			body: {
				access_token: accessToken,
				token_type: 'bearer',
				// Documented: sent as a string.
				expires_in: String(ttl),
				deployment: this.deployment,
				deployment_name: this.deploymentName(),
				deployment_uri: `https://${this.deployment}.accelo.com`,
				account_id: '1042',
				account_details: {
					user_id: String(user.id),
					firstname: user.firstname,
					surname: user.surname,
					email: user.email,
					user_access: { jobs: { read: '1', write: '1' } },
					locale: { currency: { symbol: '$', code: 'USD' } },
				},
			},
		};
	}

	protected deploymentName(): string {
		return this.deployment
			.split('-')
			.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
			.join(' ');
	}

	protected authenticate(req: RecordedRequest): AcceloIssuedToken {
		const auth = header(req, 'authorization');
		const queryToken = req.queryPairs.find(([k]) => k === '_bearer_token')?.[1];
		if (auth !== undefined && queryToken !== undefined) {
			throw invalid('The request includes multiple credentials (Authorization header and _bearer_token)');
		}
		let token: string | undefined = queryToken;
		if (auth !== undefined) {
			const m = /^Bearer\s+(\S+)$/i.exec(auth);
			if (!m) throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: expected Authorization: Bearer <access_token>');
			token = m[1];
		}
		if (token === undefined) throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: no access token provided');
		const issued = this.issuedTokens.find((t) => t.accessToken === token);
		if (!issued || issued.revoked) {
			this.recordFailedLogin();
			throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: the access token is invalid');
		}
		if (Date.now() >= issued.expiresAt) throw new AcceloApiError(401, 'invalid_client', 'Not authenticated: the access token has expired');
		return issued;
	}

	/**
	 * Scope check. Documented: `read(x)` is read-only, `write(x)` is read and write, `all` covers every
	 * resource. UNDOCUMENTED: a missing scope is 403 invalid_permission.
	 */
	protected requireScope(token: AcceloIssuedToken, resource: string, write: boolean): void {
		const has = (list: string[]): boolean => list.includes('all') || list.includes(resource);
		const ok = write ? has(token.scope.write) : has(token.scope.read) || has(token.scope.write);
		if (!ok) {
			throw new AcceloApiError(
				403,
				'invalid_permission',
				`The token's scope '${token.scopeString || 'read(all)'}' does not allow ${write ? 'writing' : 'reading'} ${resource}`,
			);
		}
	}
}
