/** The FSM Navigator simulator: rate limit, auth and the routes (rules in index.ts). */
import { randomBytes } from 'node:crypto';

import { header, type RecordedRequest, type SimResponse } from '../server';
import { FSM_REFERENCE_DATE } from './catalog';
import type { FsmAsset, FsmScope, FsmTechnician } from './types';
import { type ApiResult, DIGITS_RE, isRecord, JOB_NOT_FOUND, NOT_FOUND_ENDPOINT, UNAUTHORIZED, ValidationErrors, validationFailed } from './validation';
import { FsmWrites } from './writes';

export class FsmNavigatorSimulator extends FsmWrites {
	// ----- request handling --------------------------------------------------------------------------------

	protected handle(req: RecordedRequest): SimResponse {
		const requestId = randomBytes(6).toString('hex');
		const nowMs = this.now().getTime();
		const key = header(req, 'x-api-key');
		const rate = this.limiter.take(key ?? '', nowMs);
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(this.limiter.limit),
			'X-RateLimit-Remaining': String(rate.remaining),
			'X-RateLimit-Reset': String(Math.ceil(rate.resetMs / 1000)),
			'X-Request-Id': requestId,
		};
		if (!rate.allowed) {
			const retryAfter = Math.max(1, Math.ceil((rate.resetMs - nowMs) / 1000));
			return {
				status: 429,
				headers: { ...headers, 'Retry-After': String(retryAfter) },
				body: { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.', retry_after: retryAfter },
			};
		}
		const result = this.route(req, key, nowMs);
		const body = result.status < 300 && isRecord(result.body) ? { ...result.body, request_id: requestId } : result.body;
		return { status: result.status, headers: { ...headers, ...result.headers }, body };
	}

	protected route(req: RecordedRequest, key: string | undefined, nowMs: number): ApiResult {
		const scopes = key ? this.apiKeys[key] : undefined;
		if (!key || !scopes || !Object.prototype.hasOwnProperty.call(this.apiKeys, key)) return UNAUTHORIZED;
		if (req.path === '/api/v1/technicians' && req.method.toUpperCase() === 'GET') return this.technicianRoute(req, scopes);
		if (req.path === '/api/v1/assets' && req.method.toUpperCase() === 'GET') return this.assetRoute(req, scopes); // picker (#24)
		if (req.path !== '/api/v1/jobs') return NOT_FOUND_ENDPOINT;
		const method = req.method.toUpperCase();
		if (!['GET', 'POST', 'PUT', 'PATCH'].includes(method)) return NOT_FOUND_ENDPOINT;
		const needed: FsmScope = method === 'GET' ? 'jobs:read' : 'jobs:write';
		const refused = missingScope(scopes, needed);
		if (refused) return refused;

		// UNDOCUMENTED (strict): a repeated or bracketed query parameter is rejected.
		const seen = new Set<string>();
		for (const [name] of req.queryPairs) {
			if (seen.has(name) || name.includes('[')) return validationFailed(name.replace(/\[.*$/, ''), 'must be given once, as a single value');
			seen.add(name);
		}
		const query = queryOf(req);

		if (method === 'GET') return 'id' in query ? this.getOne(query) : this.list(query);
		if (method === 'POST') {
			if (Object.keys(query).length > 0) return validationFailed(Object.keys(query)[0], 'is not a valid query parameter for creating a job');
			return this.create(req, nowMs);
		}
		const idResult = this.parseId(query, true);
		if ('status' in idResult) return idResult;
		const job = this.jobs.get(idResult.id);
		if (!job) return JOB_NOT_FOUND;
		return method === 'PUT' ? this.update(req, job, nowMs) : this.changeStatus(req, job, nowMs);
	}

	/**
	 * `GET /api/v1/technicians` (https://fsmnavigator.com/docs/api/technicians/, scope technicians:read,
	 * read-only): `page` (1), `per_page` (50, max 100), `status`, `availability_status`, `?id=` for one.
	 * The simulator's technicians are all Active and Available; the name is split at its first space.
	 */
	protected technicianRoute(req: RecordedRequest, scopes: FsmScope[]): ApiResult {
		const refused = missingScope(scopes, 'technicians:read');
		if (refused) return refused;
		const query = queryOf(req);
		const render = (t: FsmTechnician) => {
			const [first, ...rest] = t.technician_name.split(' ');
			return {
				technician_id: t.technician_id,
				first_name: first,
				last_name: rest.join(' '),
				status: 'Active',
				availability_status: 'Available',
				vehicle_type: null,
				transport_modes: [],
				created_at: FSM_REFERENCE_DATE,
				updated_at: FSM_REFERENCE_DATE,
			};
		};
		if ('id' in query) {
			const one = this.technicians.get(Number(query.id));
			return one ? { status: 200, body: { data: render(one) } } : { status: 404, body: { success: false, error: 'not_found', message: 'Technician not found' } };
		}
		const errors = new ValidationErrors();
		const int = (name: string, fallback: number, max: number): number => {
			const raw = query[name];
			if (raw === undefined) return fallback;
			if (!DIGITS_RE.test(raw) || Number(raw) < 1 || Number(raw) > max) errors.add(name, `must be an integer between 1 and ${max}`);
			return Number(raw);
		};
		const page = int('page', 1, Number.MAX_SAFE_INTEGER);
		const perPage = int('per_page', 50, 100);
		if (query.status !== undefined && !['Active', 'Inactive'].includes(query.status)) errors.add('status', 'must be one of: Active, Inactive');
		if (errors.any) return errors.response();
		const all = [...this.technicians.values()].filter(() => query.status !== 'Inactive').sort((a, b) => a.technician_id - b.technician_id);
		const data = all.slice((page - 1) * perPage, page * perPage).map(render);
		return { status: 200, body: { data, pagination: { page, per_page: perPage, total: all.length, total_pages: Math.ceil(all.length / perPage) } } };
	}

	// ----- picker routes added for issue #24 (asset list): begin ------------------------------------------

	/**
	 * `GET /api/v1/assets` (https://fsmnavigator.com/docs/api/assets/, scope assets:read): `search` (name,
	 * tag or serial number), `location_id`, `status`, `page` (1), `per_page` (50, max 100), in the
	 * technicians' `{ data, pagination }` envelope. Deleted assets are not listed. The simulator keeps
	 * only id, tag, name, status and location of an asset; other documented filters are refused.
	 */
	protected assetRoute(req: RecordedRequest, scopes: FsmScope[]): ApiResult {
		const refused = missingScope(scopes, 'assets:read');
		if (refused) return refused;
		const query = queryOf(req);
		const render = (a: FsmAsset) => ({ asset_id: a.asset_id, asset_tag: a.asset_tag, asset_name: a.asset_name, asset_status: a.asset_status, location_id: a.customer_location_id });
		const errors = new ValidationErrors();
		for (const name of Object.keys(query)) if (!['search', 'location_id', 'status', 'page', 'per_page'].includes(name)) errors.add(name, 'is not supported by the simulator');
		const int = (name: string, fallback: number, max: number): number => {
			const raw = query[name];
			if (raw === undefined) return fallback;
			if (!DIGITS_RE.test(raw) || Number(raw) < 1 || Number(raw) > max) errors.add(name, `must be an integer between 1 and ${max}`);
			return Number(raw);
		};
		const page = int('page', 1, Number.MAX_SAFE_INTEGER);
		const perPage = int('per_page', 50, 100);
		const locationId = query.location_id === undefined ? undefined : int('location_id', 0, Number.MAX_SAFE_INTEGER);
		if (errors.any) return errors.response();
		const needle = query.search?.trim().toLowerCase() ?? '';
		const all = [...this.assets.values()]
			.filter((a) => !a.deleted)
			.filter((a) => locationId === undefined || a.customer_location_id === locationId)
			.filter((a) => query.status === undefined || a.asset_status === query.status)
			.filter((a) => !needle || `${a.asset_name} ${a.asset_tag}`.toLowerCase().includes(needle))
			.sort((a, b) => a.asset_id - b.asset_id);
		const data = all.slice((page - 1) * perPage, page * perPage).map(render);
		return { status: 200, body: { data, pagination: { page, per_page: perPage, total: all.length, total_pages: Math.ceil(all.length / perPage) } } };
	}

	// ----- picker routes added for issue #24: end -------------------------------------------------------
}

/** The 403 an API key without `needed` gets, or undefined when it has it. */
function missingScope(scopes: FsmScope[], needed: FsmScope): ApiResult | undefined {
	if (scopes.includes(needed)) return undefined;
	return {
		status: 403,
		body: { success: false, error: 'insufficient_scope', message: `This API key does not have the ${needed} scope`, required_scope: needed },
	};
}

/** A request's query parameters by name (the last value of a repeated one). */
function queryOf(req: RecordedRequest): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [name, value] of req.queryPairs) query[name] = value;
	return query;
}
