/** The Worklayer simulator: the token endpoint and the API routes (rules in index.ts). */
import type { RecordedRequest, SimResponse } from '../server';
import { WorklayerQuestionnaire } from './questionnaire';
import { ApiError, type ApiResult, notFound, UUID_RE } from './store';
import { WORKLAYER_API_PREFIX, WORKLAYER_TOKEN_PATH, type WorklayerErrorBody } from './types';

export class WorklayerSimulator extends WorklayerQuestionnaire {
	// ----- request handling -----

	protected async handle(req: RecordedRequest): Promise<SimResponse> {
		let result: ApiResult;
		try {
			result = req.path === WORKLAYER_TOKEN_PATH ? this.token(req) : await this.api(req);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			const body: WorklayerErrorBody = { error: error.code, message: error.message };
			result = { status: error.status, body, headers: error.headers };
		}
		return { status: result.status, body: result.body, headers: result.headers, delayMs: this.latencyMs || undefined };
	}

	protected async api(req: RecordedRequest): Promise<ApiResult> {
		const token = this.authenticate(req);
		this.throttle(token.clientId);
		if (!req.path.startsWith(`${WORKLAYER_API_PREFIX}/`)) throw notFound(`No route for ${req.method} ${req.path}`);
		const seg = req.path.slice(WORKLAYER_API_PREFIX.length + 1).split('/');
		const method = req.method.toUpperCase();
		const route = `${method} ${seg[0]}`;
		const noRoute = (): ApiError => notFound(`No route for ${method} ${req.path}`);

		if (seg.length === 1) {
			switch (route) {
				case 'GET jobs':
					this.require('jobs.list', 'API Client cannot list workspace jobs');
					return this.listJobsRoute(req);
				case 'POST jobs':
					this.require('jobs.create', 'API Client cannot create jobs');
					return this.createJob(req);
				case 'GET members':
					this.require('members.list', 'API Client cannot list workspace members');
					return this.page(req, this.members, (m) => m.user_id, 'workspace_member.user_id');
				case 'GET job-templates':
					this.require('templates.list', 'API Client cannot list job templates');
					return this.page(req, this.templates, (t) => t.id, 'job_template.id');
				case 'GET service-packages':
					this.require('servicePackages.list', 'API Client cannot list service packages');
					return this.page(req, this.servicePackages, (p) => p.id, 'service_package.id');
				default:
					throw noRoute();
			}
		}
		if (seg.length === 2 && method === 'GET' && (seg[0] === 'job-templates' || seg[0] === 'service-packages')) {
			this.noQuery(req);
			if (seg[0] === 'job-templates') {
				this.require('templates.list', 'API Client cannot read job templates');
				const t = this.templates.find((x) => x.id === seg[1]);
				if (!t) throw notFound(`Job template ${seg[1]} was not found`);
				return { status: 200, body: t };
			}
			this.require('servicePackages.list', 'API Client cannot read service packages');
			const p = this.servicePackages.find((x) => x.id === seg[1]);
			if (!p) throw notFound(`Service package ${seg[1]} was not found`);
			return { status: 200, body: p };
		}
		if (seg[0] !== 'jobs' || seg.length > 4) throw noRoute();

		const sub = seg.slice(2).join('/');
		const known: Record<string, string> = {
			'': 'GET',
			submit: 'POST',
			'requested-provider': 'POST',
			'requested-provider/request-previous': 'POST',
			job_link: 'POST',
			questionnaire: 'GET',
			'questionnaire/answers': 'PUT',
			answers: 'PUT',
			documents: 'GET',
			checklist: 'GET',
		};
		if (known[sub] !== method) throw noRoute();

		// GET /jobs/getByShortId:{short_id} (a custom method on the collection).
		if (sub === '' && seg[1].startsWith('getByShortId:')) {
			this.require('jobs.get', 'API Client cannot read jobs');
			this.noQuery(req);
			const shortId = seg[1].slice('getByShortId:'.length);
			const job = this.getJobByShortId(shortId);
			if (!job) throw notFound(`Job with short id ${shortId} was not found`);
			return this.single(job);
		}
		const id = seg[1];
		this.require(sub === '' ? 'jobs.get' : method === 'GET' ? (sub === 'documents' ? 'documents.list' : 'jobs.get') : 'jobs.write', `API Client cannot ${method === 'GET' ? 'read' : 'change'} this job`);
		const job = UUID_RE.test(id) ? this.jobs.get(id) : undefined;
		if (sub !== 'documents') this.noQuery(req);
		if (!job) throw notFound(`Job ${id} was not found`);
		switch (sub) {
			case '':
				return this.single(job);
			case 'submit':
				return this.submit(req, job);
			case 'requested-provider':
				return this.requestProvider(req, job);
			case 'requested-provider/request-previous':
				return this.requestPrevious(req, job);
			case 'job_link':
				return this.jobLink(req, job);
			case 'questionnaire':
				return { status: 200, body: this.questionnaire(job) };
			case 'questionnaire/answers':
				return this.putQuestionnaireAnswers(req, job);
			case 'answers':
				return this.putPackageAnswers(req, job);
			case 'documents':
				return this.page(req, this.documents.get(job.id) ?? [], (d) => d.id, 'document.id');
			default:
				return { status: 200, body: this.checklist(job) };
		}
	}
}
