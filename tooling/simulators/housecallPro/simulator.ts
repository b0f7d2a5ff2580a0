/** The Housecall Pro simulator: rate limit, auth and the routes (rules in index.ts). */
import { header, type RecordedRequest, type SimResponse } from '../server';
import { isoMs } from './catalog';
import { type ApiResult, errorMessage, ROUTE_NOT_FOUND, UNAUTHORIZED } from './errors';
import type { Caller } from './store';
import { HcpSubResources } from './subResources';
import type { HcpJob, HcpKeyKind } from './types';

export class HousecallProSimulator extends HcpSubResources {
	// ----- request handling --------------------------------------------------------------------------------

	protected handle(req: RecordedRequest): SimResponse {
		const nowMs = this.now().getTime();
		const result = this.respond(req, nowMs);
		return { status: result.status, headers: result.headers, body: result.body, delayMs: this.latencyMs || undefined };
	}

	protected respond(req: RecordedRequest, nowMs: number): ApiResult {
		const auth = header(req, 'authorization') ?? '';
		const match = /^Token (\S+)$/.exec(auth.trim());
		if (this.limiter) {
			const rate = this.limiter.take(match?.[1] ?? auth, nowMs);
			if (!rate.allowed) {
				const headers: Record<string, string> = this.retryAfter ? { 'Retry-After': String(Math.max(1, Math.ceil((rate.resetMs - nowMs) / 1000))) } : {};
				return { status: 429, headers, body: { message: 'Too Many Requests' } };
			}
		}
		const key = match ? this.apiKeys[match[1]] : undefined;
		if (!match || !key || !Object.prototype.hasOwnProperty.call(this.apiKeys, match[1])) return UNAUTHORIZED;
		const companyHeader = header(req, 'x-company-id');
		if (companyHeader !== undefined && (key.companyIds.length < 2 || !key.companyIds.includes(companyHeader))) return UNAUTHORIZED;
		const caller: Caller = {
			key: match[1],
			kind: key.kind,
			companyId: companyHeader,
			visibleCompanies: new Set(companyHeader !== undefined ? [companyHeader] : key.companyIds),
		};
		return this.route(req, caller, nowMs);
	}

	protected route(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
		const method = req.method.toUpperCase();
		const parts = req.path.split('/').filter((p) => p !== '');
		const refuse = (allowed: HcpKeyKind): ApiResult | undefined => (caller.kind === allowed ? undefined : { ...this.keyKindRefusal });

		if (parts.length === 1 && parts[0] === 'jobs') {
			if (method === 'GET') return this.listJobsRoute(req, caller);
			if (method === 'POST') return this.createJob(req, caller, nowMs);
			return ROUTE_NOT_FOUND;
		}
		if (req.path === '/jobs/lock' && method === 'POST') return refuse('application') ?? this.lockJobs(req, caller, nowMs);
		if (parts[0] === 'jobs' && parts.length >= 2) {
			const jobId = parts[1];
			const sub = parts[2];
			if (parts.length === 2) return method === 'GET' ? this.getJobRoute(req, jobId, caller) : ROUTE_NOT_FOUND;
			// Resolve the route first, so an unknown path is 404 whatever the job.
			type Action = () => ApiResult;
			let action: Action | undefined;
			let needs: HcpKeyKind | undefined;
			const job = (): HcpJob | undefined => this.visibleJob(jobId, caller);
			const withJob = (fn: (j: HcpJob) => ApiResult): Action => () => {
				const found = job();
				return found ? fn(found) : errorMessage(404, 'job not found');
			};
			if (sub === 'schedule' && parts.length === 3 && (method === 'PUT' || method === 'DELETE')) {
				needs = 'application';
				action = withJob((j) => (method === 'PUT' ? this.putSchedule(req, j, nowMs) : this.deleteSchedule(j, nowMs)));
			} else if (sub === 'dispatch' && parts.length === 3 && method === 'PUT') {
				needs = 'application';
				action = withJob((j) => this.dispatch(req, j, nowMs));
			} else if (sub === 'lock' && parts.length === 3 && method === 'POST') {
				needs = 'application';
				action = withJob((j) => ({ status: 200, body: this.write({ ...j, locked_at: j.locked_at ?? isoMs(nowMs) }, nowMs) }));
			} else if (sub === 'links' && parts.length === 3 && method === 'POST') {
				needs = 'application';
				action = withJob((j) => this.addLink(req, j, nowMs));
			} else if (sub === 'attachments' && parts.length === 3 && method === 'POST') {
				action = withJob((j) => this.addAttachment(req, j, nowMs));
			} else if (sub === 'notes' && parts.length === 3 && method === 'POST') {
				action = withJob((j) => this.addNote(req, j, nowMs));
			} else if (sub === 'notes' && parts.length === 4 && method === 'DELETE') {
				action = withJob((j) => this.deleteNote(j, parts[3], nowMs));
			} else if (sub === 'tags' && parts.length === 3 && method === 'POST') {
				action = withJob((j) => this.addTag(req, j, nowMs));
			} else if (sub === 'tags' && parts.length === 4 && method === 'DELETE') {
				action = withJob((j) => this.removeTag(j, parts[3], nowMs));
			} else if (sub === 'line_items' && parts.length === 3 && (method === 'GET' || method === 'POST')) {
				action = withJob((j) => (method === 'GET' ? this.lineItemList(req, j) : this.addLineItem(req, j, nowMs)));
			} else if (sub === 'line_items' && parts.length === 4 && parts[3] === 'bulk_update' && method === 'PUT') {
				action = withJob((j) => this.bulkLineItems(req, j, nowMs));
			} else if (sub === 'line_items' && parts.length === 4 && (method === 'PUT' || method === 'DELETE')) {
				action = withJob((j) => (method === 'PUT' ? this.updateLineItem(req, j, parts[3], nowMs) : this.deleteLineItem(j, parts[3], nowMs)));
			} else if (sub === 'appointments' && parts.length === 3 && (method === 'GET' || method === 'POST')) {
				needs = 'company';
				action = withJob((j) => (method === 'GET' ? { status: 200, body: { appointments: this.extrasOf(j).appointments } } : this.createAppointment(req, j, nowMs)));
			} else if (sub === 'appointments' && parts.length === 4 && (method === 'PUT' || method === 'DELETE')) {
				needs = 'company';
				action = withJob((j) => (method === 'PUT' ? this.updateAppointment(req, j, parts[3], nowMs) : this.deleteAppointment(j, parts[3], nowMs)));
			}
			if (!action) return ROUTE_NOT_FOUND;
			if (needs) {
				const refused = refuse(needs);
				if (refused) return refused;
			}
			return action();
		}
		if (req.path === '/employees' && method === 'GET') return this.listEmployees(req, caller);
		if (req.path === '/tags' && method === 'GET') return this.paged(req, 'tags', this.tags);
		if (req.path === '/job_fields/job_types' && method === 'GET') {
			const refused = refuse('company');
			if (refused) return refused;
			const name = typeof req.query.name === 'string' ? req.query.name.toLowerCase() : undefined;
			return this.paged(req, 'job_types', name ? this.jobTypes.filter((t) => t.name.toLowerCase().includes(name)) : this.jobTypes);
		}
		if (req.path === '/pipeline/statuses') {
			if (method === 'GET') return this.listPipeline(req);
			if (method === 'PUT') return this.movePipeline(req, caller, nowMs);
			return ROUTE_NOT_FOUND;
		}
		if (req.path === '/customers' && method === 'GET') return this.listCustomers(req, caller);
		if (parts[0] === 'customers' && parts.length === 2 && method === 'GET') {
			const customer = this.customers.find((c) => c.id === parts[1] && caller.visibleCompanies.has(c.company_id));
			return customer ? { status: 200, body: customer } : { status: 404, body: {} };
		}
		if (parts[0] === 'customers' && parts.length === 3 && parts[2] === 'addresses' && method === 'GET') {
			const customer = this.customers.find((c) => c.id === parts[1] && caller.visibleCompanies.has(c.company_id));
			return customer ? this.paged(req, 'addresses', customer.addresses) : { status: 404, body: {} };
		}
		if (req.path === '/company' && method === 'GET') {
			const company = this.companies.find((c) => c.id === (caller.companyId ?? this.apiKeys[caller.key].companyIds[0])) ?? this.companies[0];
			return { status: 200, body: company };
		}
		return ROUTE_NOT_FOUND;
	}
}
