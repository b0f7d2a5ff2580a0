/** Worklayer jobs: list, create and the job actions. */
import { parseJson } from '../kit/body';
import { createHash } from 'node:crypto';

import { HOUR } from '../kit/time';
import { header, type RecordedRequest } from '../server';
import { WorklayerAccess } from './access';
import { shortIdFrom, uuidFrom } from './data';
import { matchesWorklayerFilter, parseWorklayerFilter, WorklayerFilterError, type WorklayerFilterNode } from './filter';
import { type ApiResult, badRequest, copyJob, isRecord } from './store';
import { cachedTime, parseWorklayerTime, worklayerIsoMs } from './time';
import type { WorklayerJob } from './types';

export abstract class WorklayerJobs extends WorklayerAccess {
	protected async listJobsRoute(req: RecordedRequest): Promise<ApiResult> {
		const { filter, pageSize, pageToken } = this.listParams(req, true);
		let node: WorklayerFilterNode | undefined;
		if (filter !== undefined) {
			try {
				node = parseWorklayerFilter(filter, this.filterGrammar);
			} catch (error) {
				if (error instanceof WorklayerFilterError) throw badRequest(`Invalid filter: ${error.message}`);
				throw error;
			}
		}
		const key = 'job.create_time,job.id';
		let cursor: { micros: number; id: string } | undefined;
		if (pageToken !== undefined) {
			const value = this.decodeToken(pageToken, key);
			const bar = value.lastIndexOf('|');
			const micros = parseWorklayerTime(value.slice(0, bar));
			if (bar < 0 || micros === undefined) throw badRequest('Invalid page_token');
			cursor = { micros, id: value.slice(bar + 1) };
		}
		const pageIndex = pageToken === undefined ? 0 : (this.tokenPages.get(pageToken) ?? -1);
		if (this.onList) await this.onList({ pageIndex, pageToken, filter, request: req });

		const data: WorklayerJob[] = [];
		let more = false;
		const ordered = this.listJobs();
		// Keyset: start after the cursor (binary search over create_time, then id).
		let lo = 0;
		if (cursor) {
			let hi = ordered.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				const job = ordered[mid];
				const t = cachedTime(job.create_time) ?? 0;
				if (t < cursor.micros || (t === cursor.micros && job.id <= cursor.id)) lo = mid + 1;
				else hi = mid;
			}
		}
		for (let i = lo; i < ordered.length; i++) {
			const job = ordered[i];
			if (node && !matchesWorklayerFilter(job, node)) continue;
			if (data.length === pageSize) {
				more = true;
				break;
			}
			data.push(copyJob(job));
		}
		let token = '';
		if (more) {
			const last = data[data.length - 1];
			token = this.encodeToken(key, `${last.create_time}|${last.id}`);
			this.tokenPages.set(token, pageIndex < 0 ? -1 : pageIndex + 1);
		}
		return { status: 200, body: this.endOf(data, token) };
	}

	protected jsonBody(req: RecordedRequest): unknown {
		const contentType = header(req, 'content-type') ?? '';
		if (!/^application\/json\b/i.test(contentType.trim())) throw badRequest('The request body must be JSON (Content-Type: application/json)');
		const parsed = parseJson(req.rawBody);
		if ('invalid' in parsed) throw badRequest('The request body is not valid JSON');
		return parsed.value;
	}

	protected createJob(req: RecordedRequest): ApiResult {
		this.noQuery(req);
		const body = this.jsonBody(req);
		if (!isRecord(body)) throw badRequest('The request body must be a JSON object');
		for (const field of Object.keys(body)) {
			if (field !== 'owner_user_id' && field !== 'job_template_id') throw badRequest(`Unknown field '${field}'`);
		}
		const { owner_user_id: ownerId, job_template_id: templateId } = body;
		if (typeof ownerId !== 'string' || !ownerId) throw badRequest('owner_user_id is required and must be a string');
		if (typeof templateId !== 'string' || !templateId) throw badRequest('job_template_id is required and must be a string');
		const owner = this.members.find((m) => m.user_id === ownerId);
		if (!owner || owner.type !== 'CLIENT') throw badRequest(`owner_user_id ${ownerId} is not a client member of this workspace`);
		const template = this.templates.find((t) => t.id === templateId);
		if (!template) throw badRequest(`job_template_id ${templateId} does not match a job template`);
		const { micros, iso } = this.writeTime();
		let id = uuidFrom(this.rand);
		while (this.jobs.has(id)) id = uuidFrom(this.rand);
		let shortId = shortIdFrom(this.rand);
		while (this.getJobByShortId(shortId)) shortId = shortIdFrom(this.rand);
		const job: WorklayerJob = {
			id,
			short_id: shortId,
			name: template.name,
			description: `${owner.given_name} ${owner.family_name} | ${new Date(micros / 1000).getUTCFullYear() - 1} | ${template.form}`,
			workspace_id: this.workspaceId,
			status: 'UNDER_CONSTRUCTION',
			create_time: worklayerIsoMs(Math.floor(micros / 1000)),
			update_time: iso,
			transmit_time: null,
			deadline_time: null,
			total_amount: template.price,
			members: [{ user_id: owner.user_id, given_name: owner.given_name, family_name: owner.family_name, role: 'CLIENT', type: 'CLIENT' }],
		};
		this.putJob(job);
		this.jobTemplates.set(job.id, template.id);
		return { status: 200, body: copyJob(job) };
	}

	protected touch(job: WorklayerJob, changes: Partial<WorklayerJob>): WorklayerJob {
		const updated: WorklayerJob = { ...copyJob(job), ...changes, update_time: this.writeTime().iso };
		this.putJob(updated);
		return updated;
	}

	protected requireDraft(job: WorklayerJob, action: string): void {
		if (job.status !== 'UNDER_CONSTRUCTION') throw badRequest(`Cannot ${action}: job ${job.id} is ${job.status}; only UNDER_CONSTRUCTION jobs allow it`);
	}

	protected emptyBody(req: RecordedRequest): void {
		if (req.rawBody.trim() === '') return;
		const body = this.jsonBody(req);
		if (!isRecord(body) || Object.keys(body).length) throw badRequest('This action takes no request body');
	}

	protected submit(req: RecordedRequest, job: WorklayerJob): ApiResult {
		this.emptyBody(req);
		this.requireDraft(job, 'submit');
		const now = this.nowMs();
		return { status: 200, body: copyJob(this.touch(job, { status: 'UNCLAIMED', transmit_time: worklayerIsoMs(now) })) };
	}

	protected requestProvider(req: RecordedRequest, job: WorklayerJob): ApiResult {
		const body = this.jsonBody(req);
		if (!isRecord(body)) throw badRequest('The request body must be a JSON object');
		for (const field of Object.keys(body)) if (field !== 'requested_provider_id') throw badRequest(`Unknown field '${field}'`);
		const proId = body.requested_provider_id;
		if (typeof proId !== 'string' || !proId) throw badRequest('requested_provider_id is required and must be a string');
		if (!this.pros.some((p) => p.user_id === proId)) throw badRequest(`requested_provider_id ${proId} does not match a Pro`);
		this.requireDraft(job, 'request a provider');
		this.requestedProviders.set(job.id, proId);
		return { status: 200, body: copyJob(this.touch(job, {})) };
	}

	protected requestPrevious(req: RecordedRequest, job: WorklayerJob): ApiResult {
		this.emptyBody(req);
		this.requireDraft(job, 'request the previous Pro');
		const owner = job.members.find((m) => m.role === 'CLIENT')?.user_id;
		let previous: string | undefined;
		for (const other of this.listJobs()) {
			if (other.id === job.id || !other.members.some((m) => m.role === 'CLIENT' && m.user_id === owner)) continue;
			const champion = other.members.find((m) => m.role === 'CHAMPION');
			if (champion) previous = champion.user_id; // the latest by create_time wins
		}
		if (!previous) throw badRequest('The job owner has no previous job with a Pro');
		this.requestedProviders.set(job.id, previous);
		return { status: 200, body: copyJob(this.touch(job, {})) };
	}

	protected jobLink(req: RecordedRequest, job: WorklayerJob): ApiResult {
		// The request and response shapes are not documented; a one-hour link to the job's page.
		this.emptyBody(req);
		const expires = worklayerIsoMs(this.nowMs() + HOUR);
		const code = createHash('sha256').update(`${job.id}:${this.rand()}`).digest('hex').slice(0, 24);
		return { status: 200, body: { url: `https://app.worklayer.com/link/${code}`, expire_time: expires } };
	}
}
