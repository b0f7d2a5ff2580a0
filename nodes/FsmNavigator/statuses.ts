/**
 * FSM Navigator's nine job statuses and the transition table its API enforces (the vendor's Jobs
 * API page, "Status transitions"). The node checks it before sending so that a wrong move fails with
 * the allowed targets named, and no request is spent on it.
 */
import type { StatusCategory } from '../shared/commonJob';

export const JOB_STATUSES = [
	'Pending',
	'Assigned',
	'In Progress',
	'On Hold',
	'Completed',
	'Invoiced',
	'Paid',
	'Closed',
	'Cancelled',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

const STATUS_TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
	Pending: ['Assigned', 'Cancelled'],
	Assigned: ['In Progress', 'Pending', 'Cancelled', 'On Hold'],
	'In Progress': ['Completed', 'Assigned', 'On Hold', 'Cancelled'],
	'On Hold': ['In Progress', 'Assigned', 'Cancelled'],
	Completed: ['Invoiced'],
	Invoiced: ['Paid'],
	Paid: ['Closed'],
	Closed: [],
	Cancelled: [],
};

export const JOB_PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;

export const ASSET_RELATIONSHIP_TYPES = [
	'serviced',
	'installed',
	'replaced',
	'inspected',
	'maintenance',
	'meter_threshold',
] as const;

function isJobStatus(value: unknown): value is JobStatus {
	return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

type TransitionCheck =
	| { allowed: true; unchanged: boolean }
	| { allowed: false; message: string };

/** Whether a job in `current` may move to `target`, with a message naming the allowed targets. */
export function checkTransition(current: unknown, target: JobStatus): TransitionCheck {
	if (current === target) return { allowed: true, unchanged: true };
	if (!isJobStatus(current)) {
		// A status this table does not know (the web app has others): let the API decide.
		return { allowed: true, unchanged: false };
	}
	const targets = STATUS_TRANSITIONS[current];
	if (targets.includes(target)) return { allowed: true, unchanged: false };
	return {
		allowed: false,
		message:
			targets.length === 0
				? `The job is '${current}', a final status: it cannot change to '${target}'`
				: `The job is '${current}' and cannot change to '${target}'. Allowed: ${targets.map((t) => `'${t}'`).join(', ')}`,
	};
}

/** Its nine statuses in the common categories (the README has this table). */
export const STATUS_CATEGORY: Record<JobStatus, StatusCategory> = {
	Pending: 'new',
	Assigned: 'scheduled',
	'In Progress': 'inProgress',
	'On Hold': 'onHold',
	Completed: 'completed',
	Invoiced: 'completed',
	Paid: 'completed',
	Closed: 'closed',
	Cancelled: 'canceled',
};
