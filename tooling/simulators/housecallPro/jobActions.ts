/** Housecall Pro job actions: schedule, dispatch, lock, links, attachments, notes and tags. */
import { HOUR } from '../kit/time';
import { header, type RecordedRequest } from '../server';
import { freshId, isoMs, isoSeconds } from './catalog';
import { type ApiResult, errorMessage, FieldErrors, isRecord, parseHcpTime, toMs } from './errors';
import { HcpJobs } from './jobs';
import type { Caller } from './store';
import type { HcpAttachment, HcpEmployee, HcpJob, HcpNote, HcpTag } from './types';

export abstract class HcpJobActions extends HcpJobs {
	// ----- schedule and dispatch (Application API Key only) -------------------------------------------------

	protected scheduleBlocked(job: HcpJob, action: 'schedule' | 'unschedule'): ApiResult | undefined {
		if (job.work_status === 'pro canceled' || job.deleted_at) return errorMessage(422, `Can't ${action} an archived job`);
		if (job.work_status === 'user canceled') return errorMessage(422, `Can't ${action} a canceled job`);
		if (job.work_status === 'complete rated' || job.work_status === 'complete unrated') return errorMessage(422, `Can't ${action} a completed job`);
		if (action === 'unschedule' && job.work_status === 'in progress') return errorMessage(422, "Can't unschedule a job in progress");
		if (this.extrasOf(job).appointments.length > 1) {
			return errorMessage(422, 'Jobs with more than one appointment must be updated through the appointments endpoints');
		}
		return undefined;
	}

	protected putSchedule(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const blocked = this.scheduleBlocked(job, 'schedule');
		if (blocked) return blocked;
		const errors = new FieldErrors();
		const start = body.start_time === undefined || body.start_time === null || body.start_time === '' ? (errors.add('start_time', 'is missing'), undefined) : this.readTime(body.start_time, 'start_time', errors);
		let end = body.end_time === undefined || body.end_time === null ? undefined : this.readTime(body.end_time, 'end_time', errors);
		const window = body.arrival_window_in_minutes === undefined ? job.schedule.arrival_window : this.readMinutes(body.arrival_window_in_minutes, 'arrival_window_in_minutes', errors);
		for (const flag of ['notify', 'notify_pro'] as const) if (body[flag] !== undefined && typeof body[flag] !== 'boolean') errors.add(flag, 'must be a boolean');
		let dispatched: HcpEmployee[] | undefined;
		if (body.dispatched_employees !== undefined) dispatched = this.dispatchList(body.dispatched_employees, errors, job.company_id);
		if (start !== undefined && end === undefined) end = start + HOUR;
		if (start !== undefined && end !== undefined && end < start) errors.add('end_time', 'must be after start_time');
		if (errors.any || start === undefined || end === undefined) return errors.response();
		const updated = this.write(
			{
				...job,
				schedule: { scheduled_start: isoSeconds(start), scheduled_end: isoSeconds(end), arrival_window: window ?? 0 },
				work_status: job.work_status === 'needs scheduling' ? 'scheduled' : job.work_status,
				assigned_employees: dispatched ?? job.assigned_employees,
			},
			nowMs,
		);
		return {
			status: 200,
			body: {
				start_time: updated.schedule.scheduled_start,
				end_time: updated.schedule.scheduled_end,
				arrival_window_minutes: updated.schedule.arrival_window,
				assigned_employees: updated.assigned_employees,
				appointments: this.extrasOf(updated).appointments,
			},
		};
	}

	protected deleteSchedule(job: HcpJob, nowMs: number): ApiResult {
		const blocked = this.scheduleBlocked(job, 'unschedule');
		if (blocked) return blocked;
		this.write({ ...job, schedule: { scheduled_start: null, scheduled_end: null, arrival_window: 0 }, work_status: 'needs scheduling' }, nowMs, { appointments: [] });
		return { status: 200, body: { object: 'schedule', deleted: true } };
	}

	protected dispatchList(raw: unknown, errors: FieldErrors, companyId: string): HcpEmployee[] | undefined {
		if (!Array.isArray(raw) || !raw.every((d) => isRecord(d) && typeof d.employee_id === 'string')) {
			errors.add('dispatched_employees', 'must be an array of {employee_id}');
			return undefined;
		}
		return this.employeesById(raw.map((d) => (d as Record<string, unknown>).employee_id), 'dispatched_employees', errors, companyId);
	}

	protected dispatch(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		if (body.dispatched_employees === undefined) errors.add('dispatched_employees', 'is missing');
		const employees = body.dispatched_employees === undefined ? undefined : this.dispatchList(body.dispatched_employees, errors, job.company_id);
		if (errors.any || !employees) return errors.response();
		const updated = this.write({ ...job, assigned_employees: employees }, nowMs);
		return { status: 200, body: { assigned_employees: updated.assigned_employees } };
	}

	// ----- lock, links, attachments -----------------------------------------------------------------------------

	/** POST /jobs/lock: locks jobs whose schedule start (scheduled, in_progress) or completed_at (completed) is in range. */
	protected lockJobs(req: RecordedRequest, caller: Caller, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const statuses = body.statuses;
		if (!Array.isArray(statuses) || statuses.length === 0) return errorMessage(422, 'statuses is required'); // documented example
		const bad = statuses.find((st) => st !== 'scheduled' && st !== 'in_progress' && st !== 'completed');
		if (bad !== undefined) return errorMessage(422, `statuses has an invalid value: ${String(bad)}`);
		const from = typeof body.starting_at === 'string' ? parseHcpTime(body.starting_at) : undefined;
		const to = typeof body.ending_at === 'string' ? parseHcpTime(body.ending_at) : undefined;
		if (from === undefined) return errorMessage(422, 'starting_at is required');
		if (to === undefined) return errorMessage(422, 'ending_at is required');
		const inRange = (iso: string | null): boolean => {
			const ms = toMs(iso);
			return ms >= from && ms <= to;
		};
		const locked: Array<{ id: string; locked_at: string }> = [];
		for (const job of [...this.jobs.values()]) {
			if (!caller.visibleCompanies.has(job.company_id)) continue;
			const byStart = (statuses.includes('scheduled') && job.work_status === 'scheduled') || (statuses.includes('in_progress') && job.work_status === 'in progress');
			const byDone = statuses.includes('completed') && job.work_status.startsWith('complete');
			if (!((byStart && inRange(job.schedule.scheduled_start)) || (byDone && inRange(job.work_timestamps.completed_at)))) continue;
			const updated = job.locked_at ? job : this.write({ ...job, locked_at: isoMs(nowMs) }, nowMs);
			locked.push({ id: updated.id, locked_at: updated.locked_at ?? '' });
		}
		return { status: 200, body: { jobs: locked } };
	}

	protected addLink(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		const errors = new FieldErrors();
		for (const field of ['title', 'url'] as const) if (typeof body[field] !== 'string' || body[field] === '') errors.add(field, 'is missing');
		if (errors.any) return errors.response();
		this.write(job, nowMs);
		return { status: 201, body: { id: freshId('jlnk_'), title: body.title, url: body.url } };
	}

	/** Multipart upload with a `file` part; answers 202 `{job_url}` (documented). */
	protected addAttachment(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const type = header(req, 'content-type') ?? '';
		const name = /name="file"; filename="([^"]*)"/.exec(req.rawBody)?.[1];
		if (!/^multipart\/form-data/i.test(type) || name === undefined) {
			const errors = new FieldErrors();
			errors.add('file', 'is missing');
			return errors.response();
		}
		const partType = /name="file"[^\r\n]*\r?\nContent-Type: ([^\r\n]+)/i.exec(req.rawBody)?.[1] ?? 'application/octet-stream';
		const attachment: HcpAttachment = { id: freshId('att_'), file_name: name, url: `https://housecall-attachments.example/${job.id}/${encodeURIComponent(name)}`, file_type: partType };
		this.write(job, nowMs, { attachments: [...this.extrasOf(job).attachments, attachment] });
		return { status: 202, body: { job_url: `https://pro.housecallpro.com/app/jobs/${job.id}` } };
	}

	// ----- notes and tags ----------------------------------------------------------------------------------

	protected addNote(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		if (typeof body.content !== 'string' || body.content.trim() === '') {
			const errors = new FieldErrors();
			errors.add('content', body.content === undefined ? 'is missing' : "can't be blank");
			return errors.response();
		}
		const note: HcpNote = { id: freshId('nte_'), content: body.content };
		this.write({ ...job, notes: [...job.notes, note] }, nowMs);
		return { status: 201, body: note };
	}

	protected deleteNote(job: HcpJob, noteId: string, nowMs: number): ApiResult {
		if (!job.notes.some((n) => n.id === noteId)) return errorMessage(404, 'note not found');
		this.write({ ...job, notes: job.notes.filter((n) => n.id !== noteId) }, nowMs);
		return { status: 200, body: {} };
	}

	protected tagObjects(names: readonly string[]): HcpTag[] {
		return names.map((name) => this.tags.find((t) => t.name === name) ?? { id: '', name });
	}

	protected addTag(req: RecordedRequest, job: HcpJob, nowMs: number): ApiResult {
		const parsed = this.jsonBody(req);
		if ('error' in parsed) return parsed.error;
		const body = parsed.fields;
		if (typeof body.tag_id !== 'string' || body.tag_id === '') {
			const errors = new FieldErrors();
			errors.add('tag_id', 'is missing');
			return errors.response();
		}
		const tag = this.tags.find((t) => t.id === body.tag_id);
		if (!tag) return errorMessage(404, 'tag not found');
		const updated = job.tags.includes(tag.name) ? job : this.write({ ...job, tags: [...job.tags, tag.name] }, nowMs);
		return { status: 201, body: { tags: this.tagObjects(updated.tags) } };
	}

	protected removeTag(job: HcpJob, tagId: string, nowMs: number): ApiResult {
		const tag = this.tags.find((t) => t.id === tagId);
		if (!tag || !job.tags.includes(tag.name)) return errorMessage(404, 'tag not found');
		const updated = this.write({ ...job, tags: job.tags.filter((t) => t !== tag.name) }, nowMs);
		return { status: 200, body: { tags: this.tagObjects(updated.tags) } };
	}
}
