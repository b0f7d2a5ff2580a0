/**
 * Sending an operation's writes one after the other. Housecall Pro has no general job update: each
 * group of fields has its own endpoint, so a failure part-way leaves some groups applied; the error
 * then says which, so that a blind re-run does not send them twice.
 */
import { NodeApiError, NodeOperationError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { explainKeyRefusal, provider } from '../../provider';
import { appointmentWrite, explainAppointmentRefusal, type AppointmentChange } from './appointments';
import type { UpdateStep } from './fields';

function describeSteps(steps: UpdateStep[]): string {
	return steps.length ? steps.map((step) => step.label).join(', ') : 'nothing';
}

/** Sends `steps` in order; `applied` are steps already sent for this item. */
export async function applySteps(
	ctx: IExecuteFunctions,
	jobId: string,
	steps: UpdateStep[],
	scope: { itemIndex?: number; timeout?: number },
	applied: UpdateStep[] = [],
): Promise<void> {
	const itemIndex = scope.itemIndex;
	for (const [index, step] of steps.entries()) {
		try {
			await provider.request(ctx, { method: step.method, path: step.path, body: step.body, ...scope });
		} catch (caught) {
			const error = step.applicationKey
				? explainKeyRefusal(ctx, caught, `update ${step.label}`, itemIndex)
				: step.group === 'appointment'
					? explainAppointmentRefusal(ctx, caught, itemIndex)
					: caught;
			if (!applied.length) throw error;
			const notApplied = steps.slice(index);
			const base = error instanceof Error ? error.message : String(error);
			const message = `${base}. Already applied to job ${jobId}: ${describeSteps(applied)}. Not applied: ${describeSteps(notApplied)}.`;
			const description = `${error instanceof NodeApiError || error instanceof NodeOperationError ? (error.description ?? '') : ''} Re-run only the parts that were not applied.`.trim();
			if (error instanceof NodeApiError) {
				throw new NodeApiError(ctx.getNode(), { message } as JsonObject, { message, description, httpCode: error.httpCode ?? undefined, itemIndex });
			}
			throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
		}
		applied.push(step);
	}
}

/**
 * `steps` with the schedule and dispatch groups replaced by the one appointment write that makes
 * the same change (reads the job once to find its appointment).
 */
export async function throughAppointment(
	ctx: IExecuteFunctions,
	jobId: string,
	steps: UpdateStep[],
	scope: { itemIndex?: number; timeout?: number },
): Promise<UpdateStep[]> {
	const schedule = steps.find((step) => step.group === 'schedule')?.body;
	const dispatch = steps.find((step) => step.group === 'dispatch')?.body;
	if (!schedule && !dispatch) return steps;
	const change: AppointmentChange = {};
	if (schedule) {
		change.start = String(schedule.start_time);
		if (schedule.end_time !== undefined) change.end = String(schedule.end_time);
		if (schedule.arrival_window_in_minutes !== undefined) change.arrivalWindow = Number(schedule.arrival_window_in_minutes);
	}
	if (dispatch && Array.isArray(dispatch.dispatched_employees)) {
		change.employeeIds = (dispatch.dispatched_employees as Array<{ employee_id: string }>).map((entry) => entry.employee_id);
	}
	const write = await appointmentWrite(ctx, jobId, change, scope);
	return [write, ...steps.filter((step) => step.group !== 'schedule' && step.group !== 'dispatch')];
}
