/** Worklayer questionnaires, service-package answers and the checklist. */
import type { RecordedRequest } from '../server';
import { WorklayerJobs } from './jobs';
import { type ApiResult, badRequest, copyJob, isRecord } from './store';
import { parseWorklayerTime } from './time';
import type { WorklayerDocument, WorklayerJob, WorklayerJobTemplate, WorklayerQuestion } from './types';

export abstract class WorklayerQuestionnaire extends WorklayerJobs {
	protected templateOf(job: WorklayerJob): WorklayerJobTemplate | undefined {
		const id = this.jobTemplates.get(job.id);
		return this.templates.find((t) => t.id === id);
	}

	protected questionsOf(job: WorklayerJob): WorklayerQuestion[] {
		const ids = this.templateOf(job)?.supported_service_packages ?? [];
		const seen = new Set<string>();
		const questions: WorklayerQuestion[] = [];
		for (const p of this.servicePackages) {
			if (!ids.includes(p.id)) continue;
			for (const q of p.required_questions) {
				if (seen.has(q.id)) continue;
				seen.add(q.id);
				questions.push(q);
			}
		}
		return questions;
	}

	/** The shape of the questionnaire is not documented. */
	protected questionnaire(job: WorklayerJob): Record<string, unknown> {
		const answers = this.questionnaireAnswers.get(job.id) ?? {};
		const questions = this.questionsOf(job).map((q) => ({ ...q, answer: answers[q.id] ?? null }));
		return { job_id: job.id, complete: questions.every((q) => q.answer !== null), questions };
	}

	protected checkAnswer(q: WorklayerQuestion, value: unknown): boolean {
		// Answer formats from https://docs.taxfyle.com/service-packages/answer-questions
		const optionIds = q.options.map((o) => o.id);
		switch (q.type) {
			case 'BOOL':
				return typeof value === 'boolean';
			case 'NUMERIC':
				return typeof value === 'number' && Number.isFinite(value);
			case 'TEXT':
				return typeof value === 'string';
			case 'DATE_TIME':
				return typeof value === 'string' && parseWorklayerTime(value) !== undefined;
			case 'SINGLE_SELECT':
				return typeof value === 'string' && optionIds.includes(value);
			default:
				return Array.isArray(value) && value.every((v) => typeof v === 'string' && optionIds.includes(v));
		}
	}

	protected putQuestionnaireAnswers(req: RecordedRequest, job: WorklayerJob): ApiResult {
		const body = this.jsonBody(req);
		if (!isRecord(body) || !isRecord(body.answers) || Object.keys(body).length !== 1) throw badRequest('The body must be { "answers": { "<question id>": <answer> } }');
		this.requireDraft(job, 'answer the questionnaire');
		const questions = this.questionsOf(job);
		for (const [qid, value] of Object.entries(body.answers)) {
			const q = questions.find((x) => x.id === qid);
			if (!q) throw badRequest(`Unknown question '${qid}'`);
			if (!this.checkAnswer(q, value)) throw badRequest(`Invalid answer for ${qid} (${q.type})`);
		}
		this.questionnaireAnswers.set(job.id, { ...(this.questionnaireAnswers.get(job.id) ?? {}), ...body.answers });
		this.touch(job, {});
		return { status: 200, body: this.questionnaire(job) };
	}

	protected putPackageAnswers(req: RecordedRequest, job: WorklayerJob): ApiResult {
		const body = this.jsonBody(req);
		if (!Array.isArray(body)) throw badRequest('The body must be an array of { service_package_id, answers }');
		this.requireDraft(job, 'answer questions');
		const template = this.templateOf(job);
		const entries: Array<{ service_package_id: string; answers: Record<string, unknown> }> = [];
		for (const entry of body) {
			if (!isRecord(entry) || typeof entry.service_package_id !== 'string' || !isRecord(entry.answers)) throw badRequest('Each entry must be { service_package_id, answers }');
			const pkg = this.servicePackages.find((p) => p.id === entry.service_package_id);
			if (!pkg || !template?.supported_service_packages.includes(pkg.id)) throw badRequest(`Service package ${entry.service_package_id} is not supported by this job's template`);
			for (const [qid, value] of Object.entries(entry.answers)) {
				const q = pkg.required_questions.find((x) => x.id === qid);
				if (!q) throw badRequest(`Unknown question '${qid}' for service package ${pkg.id}`);
				if (!this.checkAnswer(q, value)) throw badRequest(`Invalid answer for ${qid} (${q.type})`);
			}
			entries.push({ service_package_id: pkg.id, answers: { ...entry.answers } });
		}
		// PUT semantics: the full set replaces what was there (documented).
		this.packageAnswers.set(job.id, entries);
		const updated = this.touch(job, {});
		const ready = entries.some((e) => {
			const pkg = this.servicePackages.find((p) => p.id === e.service_package_id);
			return !!pkg && pkg.required_questions.every((q) => q.id in e.answers);
		});
		return { status: 200, body: { ...copyJob(updated), ready_to_submit: ready } };
	}

	/** The Info Gathering Checklist, in the documented shape (https://docs.taxfyle.com/jobs/job-get-checklist). */
	protected checklist(job: WorklayerJob): Record<string, unknown> {
		const docs = this.documents.get(job.id) ?? [];
		const has = (typeId: string): WorklayerDocument | undefined => docs.find((d) => d.document_type?.id === typeId);
		const item = (id: string, name: string, description: string, required: boolean, typeId: string): Record<string, unknown> => {
			const doc = has(typeId);
			return { id, name, short_description: description, required, ad_hoc: false, completed: !!doc, update_time: doc?.update_time ?? job.update_time, input: { document: { document_type_id: typeId } } };
		};
		return {
			sections: [
				{
					id: 'PERSONAL_INFORMATION',
					name: 'Personal information',
					requested_supporting_items: [
						item(`${job.id.slice(0, 8)}-w2`, 'W-2', 'Salary from employer', false, 'W_2'),
						item(`${job.id.slice(0, 8)}-id`, 'Photo ID', 'A government-issued photo ID', true, 'PHOTO_ID'),
					],
				},
			],
		};
	}
}
