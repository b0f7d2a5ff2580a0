/**
 * A job's schedule through its appointments, for keys the schedule and dispatch endpoints refuse.
 * Housecall Pro's OpenAPI (https://docs.housecallpro.com/docs/housecall-public-api, tags "Job" and
 * "Job Appointments") lists the Application API Key and OAuth on `PUT`/`DELETE /jobs/{job_id}/schedule`
 * and `PUT /jobs/{job_id}/dispatch`, and the Company API Key and OAuth on
 * `POST /jobs/{job_id}/appointments`, `PUT`/`DELETE /jobs/{job_id}/appointments/{appointment_id}`.
 * The appointment body (CreateAppointment) requires `start_time`, `end_time` and
 * `dispatched_employees_ids` on POST and PUT alike, so a change is sent with the rest of the
 * appointment as it is; `arrival_window_minutes` is optional.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { toIsoUtc } from '../../../shared/dates';
import { idString, isObject, objectsOf, textOf } from '../../../shared/json';
import { jobPath, provider } from '../../provider';
import type { UpdateStep } from './fields';

export const SCHEDULE_THROUGH = ['automatic', 'schedule', 'appointments'] as const;

export const scheduleThroughOption: INodeProperties = {
	displayName: 'Schedule Through',
	name: 'scheduleThrough',
	type: 'options',
	options: [
		{
			name: 'Automatic',
			value: 'automatic',
			description:
				"The job's schedule, or its appointment when Housecall Pro refuses the key there (a Company API Key)",
		},
		{
			name: "Job's Appointment",
			value: 'appointments',
			description: 'Creates, moves or deletes the appointment of the job (Company API Key or OAuth)',
		},
		{
			name: "Job's Schedule",
			value: 'schedule',
			description: "Sets or erases the job's schedule and dispatch (Application API Key or OAuth)",
		},
	],
	default: 'automatic',
	description:
		"Where to change the job's time: its schedule (Application API Key) or its appointment (Company API Key)",
	hint: "Only a job with one appointment or none: a multi-day job's appointments are changed in Housecall Pro. See the node's docs page.",
};

/** What to put on the appointment; what is left out stays as the appointment has it. */
export interface AppointmentChange {
	/** ISO 8601 (UTC). */
	start?: string;
	end?: string;
	arrivalWindow?: number;
	employeeIds?: string[];
}

const HOUR_MS = 3_600_000;

/** The job with its appointments (`expand[]=appointments`: under schedule.appointments). */
async function readWithAppointments(
	ctx: IExecuteFunctions,
	jobId: string,
	scope: { itemIndex?: number; timeout?: number },
): Promise<{ job: IDataObject; appointments: IDataObject[] }> {
	const job = await provider.getJob(ctx, jobId, { ...scope, query: { expand: ['appointments'] } });
	const schedule = isObject(job.schedule) ? job.schedule : {};
	return { job, appointments: objectsOf(schedule.appointments) };
}

/** A refusal of the key (Housecall Pro answers 401, or 403, when a key kind is not allowed). */
export function isKeyRefusal(error: unknown): boolean {
	return error instanceof NodeApiError && (error.httpCode === '401' || error.httpCode === '403');
}

/** A refused appointment write, explained: those endpoints take a Company API Key or OAuth. */
export function explainAppointmentRefusal(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): unknown {
	if (!isKeyRefusal(error) || !(error instanceof NodeApiError)) return error;
	const message = `Housecall Pro refused the job's appointment (HTTP ${error.httpCode}): appointments take a Company API Key (or OAuth), not an Application API Key`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: "With an Application API Key, set the option 'Schedule Through' to Automatic or Job's Schedule.",
		httpCode: error.httpCode ?? undefined,
		itemIndex,
	});
}

function multiDay(ctx: IExecuteFunctions, jobId: string, count: number, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Job ${jobId} has ${count} appointments (a multi-day job): the node changes a job with one appointment or none`, {
		description: "Change a multi-day job's appointments in Housecall Pro.",
		itemIndex,
	});
}

const millis = (value: unknown): number | undefined => {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
};

/**
 * The one write that puts `change` on the job: a new appointment when it has none, else its
 * appointment moved. A moved start keeps the appointment's length unless an end is given; a new one
 * lasts as long as the job's current schedule, or an hour. Reads the job once.
 */
export async function appointmentWrite(
	ctx: IExecuteFunctions,
	jobId: string,
	change: AppointmentChange,
	scope: { itemIndex?: number; timeout?: number },
): Promise<UpdateStep> {
	const { job, appointments } = await readWithAppointments(ctx, jobId, scope);
	if (appointments.length > 1) throw multiDay(ctx, jobId, appointments.length, scope.itemIndex);
	const current = appointments[0];
	const schedule = isObject(job.schedule) ? job.schedule : {};
	const was = current ? { start: millis(current.start_time), end: millis(current.end_time) } : { start: millis(schedule.scheduled_start), end: millis(schedule.scheduled_end) };
	const length = was.start !== undefined && was.end !== undefined && was.end >= was.start ? was.end - was.start : HOUR_MS;
	const start = change.start !== undefined ? millis(change.start) : current ? was.start : undefined;
	if (start === undefined) {
		throw new NodeOperationError(ctx.getNode(), `Job ${jobId} has no appointment to dispatch employees to`, {
			description: "Give 'Scheduled Start' as well: the node then creates the appointment with these employees.",
			itemIndex: scope.itemIndex,
		});
	}
	const end = change.end !== undefined ? millis(change.end) : change.start === undefined && current ? was.end : start + length;
	const employees =
		change.employeeIds ??
		(current ? textsOf(current.dispatched_employees_ids) : objectsOf(job.assigned_employees).map((e) => idString(e.id)).filter((id): id is string => id !== undefined));
	const body: IDataObject = { start_time: toIsoUtc(start), end_time: toIsoUtc(end ?? start + length), dispatched_employees_ids: employees };
	const window = change.arrivalWindow ?? (current ? Number(current.arrival_window_minutes) : undefined);
	if (window !== undefined && Number.isInteger(window)) body.arrival_window_minutes = window;
	const appointmentId = current ? idString(current.id) : undefined;
	return appointmentId === undefined
		? { group: 'appointment', label: 'a new appointment', method: 'POST', path: jobPath(jobId, '/appointments'), body, applicationKey: false }
		: { group: 'appointment', label: `appointment ${appointmentId}`, method: 'PUT', path: jobPath(jobId, `/appointments/${encodeURIComponent(appointmentId)}`), body, applicationKey: false };
}

function textsOf(value: unknown): string[] {
	return Array.isArray(value) ? value.map((v) => textOf(v)).filter((v): v is string => v !== undefined) : [];
}

/**
 * The writes that unschedule the job: one delete per appointment, all of a multi-day job's. A job
 * with appointments cannot be unscheduled until they are deleted
 * (https://help.housecallpro.com/en/articles/2865052-unschedule-vs-cancel-vs-delete). None when the
 * job has neither appointments nor a schedule. Also returns the job as read.
 */
export async function unscheduleWrites(
	ctx: IExecuteFunctions,
	jobId: string,
	scope: { itemIndex?: number; timeout?: number },
): Promise<{ job: IDataObject; steps: UpdateStep[] }> {
	const { job, appointments } = await readWithAppointments(ctx, jobId, scope);
	const schedule = isObject(job.schedule) ? job.schedule : {};
	if (!appointments.length && textOf(schedule.scheduled_start) !== undefined) {
		throw new NodeOperationError(ctx.getNode(), `Job ${jobId} has a schedule but no appointment: only the schedule endpoint can erase it`, {
			description: "Use an Application API Key with 'Schedule Through' set to Automatic or Job's Schedule.",
			itemIndex: scope.itemIndex,
		});
	}
	const steps = appointments
		.map((appointment) => idString(appointment.id))
		.filter((id): id is string => id !== undefined)
		.map((id) => ({ group: 'appointment', label: `appointment ${id}`, method: 'DELETE', path: jobPath(jobId, `/appointments/${encodeURIComponent(id)}`), applicationKey: false }) as UpdateStep);
	return { job, steps };
}
