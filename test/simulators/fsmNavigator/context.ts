/**
 * Tests of the FSM Navigator simulator over real loopback HTTP with plain `fetch`. Expected values are
 * written out literally (hand-built jobs, the documented transition table) rather than read back from the
 * simulator, so a simulator bug fails these tests.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import { type FsmJob, type FsmJobAsset, type FsmJobPriority, type FsmJobStatus } from '../../../tooling/simulators/fsmNavigator';

export const KEY = 'fsm_test_key';
export const T0 = Date.parse('2026-03-10T08:00:00Z');

export interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

export interface ListBody {
	data: Array<Record<string, unknown>>;
	pagination: { page: number; per_page: number; total: number; total_pages: number };
	request_id: string;
}

export interface GetBody {
	data: FsmJob;
	request_id: string;
}

export interface ErrorBody {
	success: false;
	error: string;
	message: string;
	details?: Record<string, unknown>;
	retry_after?: number;
}

export async function call<T = Record<string, unknown>>(
	base: string,
	method: string,
	pathAndQuery: string,
	options: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = { ...options.headers };
	const key = options.key === undefined ? KEY : options.key;
	if (key !== null) headers['X-API-Key'] = key;
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] ??= 'application/json';
	}
	const res = await fetch(`${base}${pathAndQuery}`, { method, headers, body });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export const ids = (body: ListBody): number[] => body.data.map((j) => j.job_id as number);

export function job(
	id: number,
	status: FsmJobStatus,
	priority: FsmJobPriority,
	technicianId: number | null,
	locationId: number,
	createdAt: string,
	assets: FsmJobAsset[] = [],
): FsmJob {
	return {
		job_id: id,
		job_title: `Job ${id}`,
		job_description: `Description of job ${id}`,
		job_status: status,
		job_priority: priority,
		assigned_technician_id: technicianId,
		assigned_technician_name: technicianId === null ? null : `Tech ${technicianId}`,
		customer_location_id: locationId,
		customer_location_name: `Location ${locationId}`,
		customer_id: 200 + (locationId % 10),
		customer_name: `Customer ${locationId}`,
		scheduled_start: null,
		scheduled_end: null,
		actual_start: null,
		actual_end: null,
		created_at: createdAt,
		updated_at: createdAt,
		assets,
	};
}

export const JOB3_ASSET: FsmJobAsset = {
	asset_id: 42,
	asset_tag: 'HVAC-007',
	asset_name: 'Rooftop AC Unit #7',
	asset_status: 'In Maintenance',
	relationship_type: 'serviced',
	relationship_notes: null,
	linked_at: '2026-01-10T12:30:00Z',
};

/** Hand-built jobs, deliberately inserted out of id order. */
export function craftedJobs(): FsmJob[] {
	return [
		job(7, 'Paid', 'Low', 43, 89, '2026-02-01T00:00:00Z'),
		job(3, 'In Progress', 'High', 45, 88, '2026-01-10T12:30:00Z', [JOB3_ASSET]),
		job(12, 'In Progress', 'Low', 43, 88, '2026-02-28T23:59:59Z'),
		job(1, 'Pending', 'Low', null, 87, '2026-01-01T00:00:00Z'),
		job(2, 'Assigned', 'Medium', 45, 87, '2026-01-05T10:00:00Z'),
		job(4, 'On Hold', 'Urgent', 42, 88, '2026-01-15T08:00:00Z'),
		job(5, 'Completed', 'Medium', 42, 87, '2026-01-20T09:15:00Z'),
		job(6, 'Invoiced', 'High', 45, 89, '2026-01-25T16:45:00Z'),
		job(8, 'Closed', 'Medium', 43, 87, '2026-02-01T00:00:01Z'),
		job(9, 'Cancelled', 'Urgent', null, 88, '2026-02-10T11:11:11Z'),
		job(10, 'In Progress', 'Urgent', 42, 87, '2026-02-15T07:00:00Z'),
		job(11, 'Pending', 'High', null, 89, '2026-02-20T13:00:00Z'),
	];
}

/** The documented transition table, written out independently of the simulator's copy. */
export const TRANSITIONS: Record<string, string[]> = {
	Pending: ['Assigned', 'Cancelled'],
	Assigned: ['In Progress', 'Pending', 'Cancelled', 'On Hold'],
	'In Progress': ['Completed', 'Assigned', 'On Hold', 'Cancelled'],
	'On Hold': ['In Progress', 'Assigned', 'Cancelled'],
	Completed: ['Invoiced'],
	Invoiced: ['Paid'],
	Paid: ['Closed'],
	Cancelled: [],
	Closed: [],
};
export const ALL_STATUSES = Object.keys(TRANSITIONS);
export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
