/** The Planado simulator: rate limit, auth and the routes (rules in index.ts). */
import { header, type RecordedRequest, type SimResponse } from '../server';
import { isUuid, PLANADO_RATE_LIMIT_TEXT } from './format';
import type { PlanadoClient, PlanadoJobType, PlanadoResolution, PlanadoSite, PlanadoSkill, PlanadoTeam, PlanadoTemplate, PlanadoTerritory, PlanadoUser } from './types';
import { apiError, type ApiResult, NOT_FOUND, UNAUTHORIZED } from './validation';
import { PlanadoWrites } from './writes';

export class PlanadoSimulator extends PlanadoWrites {
	protected async handle(req: RecordedRequest): Promise<SimResponse> {
		const result = await this.respond(req);
		return { status: result.status, headers: result.headers, body: result.body, delayMs: this.latencyMs || undefined };
	}

	protected async respond(req: RecordedRequest): Promise<ApiResult> {
		const nowMs = this.now().getTime();
		const authorization = header(req, 'authorization');
		if (this.limiter && !this.limiter.take(authorization ?? '', nowMs).allowed) {
			return this.rateLimitBody === 'json'
				? apiError(429, 'rate_limit_exceeded', PLANADO_RATE_LIMIT_TEXT)
				: { status: 429, body: PLANADO_RATE_LIMIT_TEXT };
		}
		const match = /^Bearer ([^\s]+)$/.exec(authorization?.trim() ?? '');
		if (!match || !this.apiKeys.has(match[1])) return UNAUTHORIZED();

		const method = req.method.toUpperCase();
		const parts = req.path.replace(/\/+$/, '').split('/').slice(1);
		if (parts[0] !== 'v2' || parts.length < 2 || parts.length > 3) return NOT_FOUND();
		const [, resource, id] = parts;

		if (resource === 'webhooks') return this.webhooks.route(method, id, req.body);
		if (resource === 'jobs') {
			if (id === undefined) {
				if (method === 'GET') return this.listJobsRoute(req);
				if (method === 'POST') return this.createJob(req, nowMs);
				return NOT_FOUND();
			}
			const job = this.jobs.find(id);
			if (method === 'GET') return job ? { status: 200, body: { job: this.detail(job) } } : NOT_FOUND();
			if (method === 'PATCH') return job ? this.updateJob(req, job, nowMs) : NOT_FOUND();
			return NOT_FOUND(); // UNDOCUMENTED: DELETE is not documented.
		}
		if (method !== 'GET') return NOT_FOUND();
		const reference: Record<string, { items: ReadonlyArray<{ uuid: string }>; render: (x: never) => unknown; single?: string }> = {
			templates: { items: this.templates, render: (x: PlanadoTemplate) => x, single: 'template' },
			job_types: { items: this.jobTypes, render: (x: PlanadoJobType) => x },
			users: { items: this.users, render: (x: PlanadoUser) => x, single: 'user' },
			teams: { items: this.teams, render: (x: PlanadoTeam) => ({ uuid: x.uuid, name: x.name, territory: x.territory }), single: 'team' },
			skills: { items: this.skills, render: (x: PlanadoSkill) => x },
			resolutions: { items: this.resolutions, render: (x: PlanadoResolution) => x },
			territories: { items: this.territories, render: (x: PlanadoTerritory) => x },
			clients: { items: this.clients, render: (x: PlanadoClient) => x, single: 'client' },
			// The sites page documents `client: { uuid, external_id }` (resources/client-sites/list.html).
			sites: { items: this.sites, render: (x: PlanadoSite) => this.siteAnswer(x), single: 'site' },
		};
		const spec = Object.prototype.hasOwnProperty.call(reference, resource) ? reference[resource] : undefined;
		if (!spec) return NOT_FOUND();
		const render = spec.render as (x: { uuid: string }) => unknown;
		if (id !== undefined) {
			const item = spec.single ? spec.items.find((x) => x.uuid === id || (x as { external_id?: string | null }).external_id === id) : undefined;
			return item && spec.single ? { status: 200, body: { [spec.single]: render(item) } } : NOT_FOUND();
		}
		for (const [name] of req.queryPairs) if (name !== 'after') return apiError(422, 'validation_failed', `${name} is not a supported query parameter`, { [name]: 'is not a supported query parameter' });
		const after = req.query.after;
		let start = 0;
		if (after !== undefined) {
			if (typeof after !== 'string' || !isUuid(after)) return apiError(422, 'validation_failed', 'after must be a uuid', { after: 'must be a uuid' });
			const at = spec.items.findIndex((x) => x.uuid === after);
			if (at < 0) return apiError(422, 'validation_failed', 'after does not match an item of this list', { after: 'does not match an item of this list' });
			start = at + 1;
		}
		return { status: 200, body: { [resource]: spec.items.slice(start, start + this.referencePageSize).map(render) } };
	}
}
