/** The Accelo simulator: the API routes (layout in index.ts). */
import type { RecordedRequest } from '../server';
import { COUNT_PARAMS, LIST_PARAMS } from './store';
import type { AcceloProgression } from './types';
import { type AcceloIssuedToken, invalid, type Json, renderObject } from './wire';
import { AcceloPickers } from './pickers';

export class AcceloSimulator extends AcceloPickers {
	// ----- routing -----

	protected async route(req: RecordedRequest): Promise<Json> {
		let path = req.path;
		if (!path.startsWith('/api/v0/') && path !== '/api/v0') {
			// Documented: an unknown resource or version (e.g. /api/v20000/companies) is invalid_request.
			throw invalid(`Unknown API version or resource: ${path}`);
		}
		path = path.slice('/api/v0'.length).replace(/\/+$/, '');
		if (/\.(xml|yaml)$/.test(path)) {
			// UNDOCUMENTED (simulator limit): XML/YAML exist at Accelo but the product must use JSON.
			throw invalid('The simulator only serves JSON');
		}
		path = path.replace(/\.json$/, '');
		const override = req.queryPairs.find(([k]) => k === '_method')?.[1];
		let method = req.method.toUpperCase();
		if (override !== undefined) {
			if (!['get', 'put', 'post', 'delete'].includes(override.toLowerCase())) throw invalid(`Invalid _method '${override}'`);
			method = override.toUpperCase();
		}
		const token = this.authenticate(req);
		const seg = path.split('/').filter((s) => s !== '');
		const isId = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);
		const d = this.data;
		const unknown = (): never => {
			// UNDOCUMENTED: unknown paths and unsupported methods are 400 invalid_request (not 404),
			// consistent with "the request is for an unknown resource" in the status-code table.
			throw invalid(`Unknown resource: ${method} /api/v0${path}`);
		};

		if (seg.length === 1 && seg[0] === 'tokeninfo' && method === 'GET') {
			this.params(req, [], false);
			return this.tokenInfo(token);
		}

		if (seg[0] === 'jobs') {
			const readJobs = (): void => this.requireScope(token, 'jobs', false);
			const writeJobs = (): void => this.requireScope(token, 'jobs', true);
			const jf = this.filters.job;
			const jd = this.defs.job;
			if (seg.length === 1) {
				if (method === 'GET') {
					readJobs();
					return this.list(this.params(req, LIST_PARAMS, true), this.jobs, jf, jd);
				}
				if (method === 'POST') {
					writeJobs();
					return this.createJob(req);
				}
				return unknown();
			}
			if (seg.length === 2 && method === 'GET') {
				if (seg[1] === 'count') {
					readJobs();
					return this.count(this.params(req, COUNT_PARAMS, true), this.jobs, jf);
				}
				if (seg[1] === 'recent' || seg[1] === 'newest') {
					readJobs();
					const field = seg[1] === 'recent' ? 'date_created' : 'date_modified';
					return this.list(this.params(req, LIST_PARAMS, true), this.jobs, jf, jd, { field, key: jf.order[field], dir: -1 });
				}
				if (seg[1] === 'statuses') {
					readJobs();
					return this.list(this.params(req, LIST_PARAMS, true), d.statuses, this.filters.status, this.defs.status);
				}
				if (seg[1] === 'types') {
					readJobs();
					return this.list(this.params(req, LIST_PARAMS, true), d.jobTypes, this.filters.type, this.defs.type);
				}
			}
			if (seg.length === 3 && method === 'GET' && (seg[1] === 'statuses' || seg[1] === 'types')) {
				readJobs();
				if (!isId(seg[2])) throw invalid(`Invalid id '${seg[2]}'`);
				const p = this.params(req, ['_fields'], false);
				return seg[1] === 'statuses'
					? this.one(p, d.statuses, this.defs.status, seg[2], 'job status')
					: this.one(p, d.jobTypes, this.defs.type, seg[2], 'job type');
			}
			if (seg.length >= 2 && !isId(seg[1])) {
				if (['count', 'recent', 'newest', 'statuses', 'types'].includes(seg[1])) return unknown();
				throw invalid(`Invalid job id '${seg[1]}'`);
			}
			const jobId = seg[1];
			if (seg.length === 2) {
				if (method === 'GET') {
					readJobs();
					const p = this.params(req, ['_fields'], false);
					return renderObject(jd, this.requireJob(jobId), this.fieldsParam(p), this.hideDefaults(p));
				}
				if (method === 'PUT') {
					writeJobs();
					return this.updateJobFromRequest(req, this.requireJob(jobId));
				}
				if (method === 'DELETE') {
					writeJobs();
					this.params(req, [], false);
					const job = this.requireJob(jobId);
					this.jobStore.delete(job.id);
					return null;
				}
				return unknown();
			}
			if (seg[2] === 'progressions') {
				if (seg.length === 3 && method === 'GET') {
					readJobs();
					this.params(req, [], false);
					const job = this.requireJob(jobId);
					// Documented: only progressions the user may run are listed; none is not an error.
					if (!this.progressionPermission) return [];
					return this.progressionsFrom(job.status_id).map((pr) => this.renderProgression(pr));
				}
				if (seg.length === 5 && seg[4] === 'auto' && (method === 'POST' || method === 'PUT')) {
					writeJobs();
					if (!isId(seg[3])) throw invalid(`Invalid progression id '${seg[3]}'`);
					return this.runProgression(req, this.requireJob(jobId), Number(seg[3]));
				}
			}
			return unknown();
		}

		if (seg[0] === 'progressions' && seg[1] === 'history' && method === 'GET') {
			this.requireScope(token, 'progressions', false);
			const hf = this.filters.history;
			if (seg.length === 2) return this.list(this.params(req, LIST_PARAMS, true), d.progressionHistory, hf, this.defs.history);
			if (seg.length === 3 && seg[2] === 'count') return this.count(this.params(req, COUNT_PARAMS, true), d.progressionHistory, hf);
			if (seg.length === 3 && isId(seg[2])) {
				return this.one(this.params(req, ['_fields'], false), d.progressionHistory, this.defs.history, seg[2], 'progression history');
			}
			return unknown();
		}

		if (['affiliations', 'contracts', 'rates'].includes(seg[0]) && method === 'GET') return this.pickerRoute(req, seg, token); // picker lists (#24)
		if ((seg[0] === 'staff' || seg[0] === 'companies') && method === 'GET') {
			this.requireScope(token, seg[0], false);
			const isStaff = seg[0] === 'staff';
			if (seg.length === 1) {
				const p = this.params(req, LIST_PARAMS, true);
				return isStaff
					? this.list(p, d.staff, this.filters.staff, this.defs.staff)
					: this.list(p, d.companies, this.filters.company, this.defs.company);
			}
			if (seg.length === 2 && isId(seg[1])) {
				const p = this.params(req, ['_fields'], false);
				return isStaff
					? this.one(p, d.staff, this.defs.staff, seg[1], 'staff')
					: this.one(p, d.companies, this.defs.company, seg[1], 'company');
			}
		}
		return unknown();
	}

	protected tokenInfo(token: AcceloIssuedToken): Json {
		// UNDOCUMENTED: the docs name the endpoint but not its fields; this shape is the simulator's.
		const user = this.data.staff.find((s) => s.id === this.apiUserId)!;
		return {
			deployment: this.deployment,
			deployment_name: this.deploymentName(),
			deployment_uri: `https://${this.deployment}.accelo.com`,
			account_id: '1042',
			client_id: token.clientId,
			scope: token.scopeString || 'read(all)',
			expires_in: String(Math.max(0, Math.floor((token.expiresAt - Date.now()) / 1000))),
			user: { id: String(user.id), firstname: user.firstname, surname: user.surname, email: user.email },
		};
	}

	protected renderProgression(p: AcceloProgression): Json {
		const s = this.getStatus(p.to_status_id)!;
		// Documented: the status inside a progression has no `start` field.
		return {
			id: String(p.id),
			title: p.title,
			status: { id: String(s.id), title: s.title, color: s.color, standing: s.standing },
		};
	}
}
