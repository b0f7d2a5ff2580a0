/** Worklayer tokens, authentication, rate limit, permissions and paging. */
import { createHash } from 'node:crypto';

import { header, type RecordedRequest } from '../server';
import { ApiError, type ApiResult, badRequest, copyJob, isRecord, type WorklayerIssuedToken, type WorklayerPermission, WorklayerStore } from './store';
import { worklayerIsoMicros } from './time';
import { WORKLAYER_DEFAULT_PAGE_SIZE, WORKLAYER_TOKEN_SCOPE, type WorklayerJob, type WorklayerList } from './types';

export abstract class WorklayerAccess extends WorklayerStore {
	protected nowMs(): number {
		return this.now().getTime();
	}

	/** `update_time` of a write: microseconds, strictly increasing even within one millisecond. */
	protected writeTime(): { micros: number; iso: string } {
		let micros = this.nowMs() * 1000;
		if (micros <= this.lastWriteMicros) micros = this.lastWriteMicros + 1;
		this.lastWriteMicros = micros;
		return { micros, iso: worklayerIsoMicros(micros) };
	}

	// Auth0 client-credentials token endpoint (https://auth0.com/docs/api/authentication#client-credentials-flow).
	// Auth0 takes JSON (what the Worklayer docs show) or a form body.
	protected token(req: RecordedRequest): ApiResult {
		const oauthError = (status: number, error: string, description: string): ApiResult => ({ status, body: { error, error_description: description } });
		if (req.method !== 'POST') return { status: 404, body: 'Not Found' };
		const body = req.body;
		if (!isRecord(body)) return oauthError(400, 'invalid_request', 'The request body must be a JSON object');
		const field = (name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
		const grantType = field('grant_type');
		if (!grantType) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
		if (grantType !== 'client_credentials') return oauthError(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`);
		const clientId = field('client_id');
		const secret = field('client_secret');
		if (!clientId) return oauthError(401, 'access_denied', 'Unauthorized');
		if (clientId !== this.clientId || secret !== this.clientSecret) return oauthError(401, 'access_denied', 'Unauthorized');
		const audience = field('audience');
		if (!audience) return oauthError(403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
		if (audience !== this.audience) return oauthError(403, 'access_denied', `Service not found: ${audience}`);
		this.tokenCounter++;
		const part = (s: string): string => Buffer.from(s).toString('base64url');
		const digest = createHash('sha256').update(`${this.tokenCounter}:${this.rand()}`).digest('base64url');
		const accessToken = `${part('{"alg":"RS256","typ":"JWT"}')}.${part(JSON.stringify({ sub: `${clientId}@clients`, n: this.tokenCounter }))}.${digest}`;
		this.issuedTokens.push({ accessToken, clientId, expiresAt: this.nowMs() + this.tokenTtlSeconds * 1000 });
		return { status: 200, body: { access_token: accessToken, scope: WORKLAYER_TOKEN_SCOPE, expires_in: this.tokenTtlSeconds, token_type: 'Bearer' } };
	}

	protected authenticate(req: RecordedRequest): WorklayerIssuedToken {
		const unauthorized = (message: string): ApiError => new ApiError(401, 'Unauthorized', message, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
		const auth = header(req, 'authorization');
		if (!auth) throw unauthorized('API Client does not have valid credentials: no Authorization header');
		const m = /^Bearer\s+(\S+)$/i.exec(auth);
		if (!m) throw unauthorized('API Client does not have valid credentials: expected Authorization: Bearer <token>');
		const issued = this.issuedTokens.find((t) => t.accessToken === m[1]);
		if (!issued) throw unauthorized('API Client does not have valid credentials: unknown token');
		if (this.nowMs() >= issued.expiresAt) throw unauthorized('API Client does not have valid credentials: the token has expired');
		return issued;
	}

	protected throttle(clientId: string): void {
		if (!this.limiter) return;
		const now = this.nowMs();
		const rate = this.limiter.take(clientId, now);
		if (!rate.allowed) {
			const retryAfter = Math.max(1, Math.ceil((rate.resetMs - now) / 1000));
			throw new ApiError(429, 'TooManyRequests', 'Rate limit exceeded; retry later', { 'Retry-After': String(retryAfter) });
		}
	}

	protected require(permission: WorklayerPermission, message: string): void {
		if (this.deniedPermissions.has(permission)) throw new ApiError(403, 'Forbidden', message);
	}

	protected single(job: WorklayerJob): ApiResult {
		const copy = copyJob(job);
		return { status: 200, body: this.wrapSingle ? { data: copy } : copy };
	}

	protected noQuery(req: RecordedRequest): void {
		if (req.queryPairs.length) throw badRequest(`Unknown query parameter '${req.queryPairs[0][0]}'`);
	}

	/** The list query parameters, validated. */
	protected listParams(req: RecordedRequest, allowFilter: boolean): { filter?: string; pageSize: number; pageToken?: string } {
		const allowed = allowFilter ? ['filter', 'page_size', 'page_token'] : ['page_size', 'page_token'];
		const seen = new Map<string, string>();
		for (const [name, value] of req.queryPairs) {
			if (!allowed.includes(name)) {
				throw badRequest(name === 'filter' ? 'This list cannot be filtered' : `Unknown query parameter '${name}'${/order|sort/i.test(name) ? '; jobs cannot be sorted' : ''}`);
			}
			if (seen.has(name)) throw badRequest(`Query parameter '${name}' was given more than once`);
			seen.set(name, value);
		}
		let pageSize = WORKLAYER_DEFAULT_PAGE_SIZE;
		const rawSize = seen.get('page_size');
		if (rawSize !== undefined) {
			if (!/^[0-9]+$/.test(rawSize)) throw badRequest(`page_size must be a non-negative integer, got '${rawSize}'`);
			const n = Number(rawSize);
			if (n > this.maxPageSize) {
				if (this.pageSizeAboveMax === 'error') throw badRequest(`page_size must be at most ${this.maxPageSize}`);
				pageSize = this.maxPageSize;
			} else if (n > 0) pageSize = n;
		}
		const pageToken = seen.get('page_token') || undefined;
		const filter = seen.get('filter');
		return { filter: filter === undefined || filter.trim() === '' ? undefined : filter, pageSize, pageToken };
	}

	protected decodeToken(token: string, key: string): string {
		let decoded: string;
		try {
			decoded = Buffer.from(token, 'base64').toString('utf8');
		} catch {
			throw badRequest('Invalid page_token');
		}
		const prefix = `string/${key}/asc/`;
		if (!/^[A-Za-z0-9+/]+=*$/.test(token) || !decoded.startsWith(prefix)) throw badRequest('Invalid page_token');
		let value: string;
		try {
			value = decodeURIComponent(decoded.slice(prefix.length));
		} catch {
			throw badRequest('Invalid page_token');
		}
		if (!value.startsWith('local|')) throw badRequest('Invalid page_token');
		return value.slice('local|'.length);
	}

	protected encodeToken(key: string, value: string): string {
		// The docs' sample token is base64 of `string/workspace_member.user_id/asc/local%7C<uuid>`.
		return Buffer.from(`string/${key}/asc/${encodeURIComponent(`local|${value}`)}`).toString('base64');
	}

	protected endOf<T>(data: T[], nextToken: string): WorklayerList<T> {
		if (nextToken) return { data, next_page_token: nextToken };
		return this.endSignal === 'missing' ? { data } : { data, next_page_token: '' };
	}

	/** Keyset paging of a reference list (ordered by its key). */
	protected page<T>(req: RecordedRequest, items: readonly T[], keyOf: (item: T) => string, key: string): ApiResult {
		const { pageSize, pageToken } = this.listParams(req, false);
		const ordered = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
		const after = pageToken === undefined ? undefined : this.decodeToken(pageToken, key);
		const rest = after === undefined ? ordered : ordered.filter((item) => keyOf(item) > after);
		const data = rest.slice(0, pageSize);
		const token = rest.length > pageSize ? this.encodeToken(key, keyOf(data[data.length - 1])) : '';
		return { status: 200, body: this.endOf(data, token) };
	}
}
