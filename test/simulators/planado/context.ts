/**
 * Tests of the Planado simulator over real loopback HTTP with plain `fetch`. Expected values come from hand-built
 * jobs and the generated reference lists given to the simulator (its input), never from its answers.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import {
	generatePlanadoData,
	PLANADO_DEFAULT_API_KEY,
	type PlanadoAssigneeRef,
	type PlanadoJob,
	type PlanadoJobStatus,
} from '../../../tooling/simulators/planado';

export const KEY = PLANADO_DEFAULT_API_KEY;
export const T0 = Date.parse('2026-03-10T08:00:00Z');
export const DATA = generatePlanadoData(0);
export const [W1, W2] = DATA.users;
export const [TEAM1] = DATA.teams;
export const [CLIENT_A, CLIENT_B] = DATA.clients.filter((c) => c.external_id !== null);
export const SITE_A = DATA.sites[0];
export const RES_OK = DATA.resolutions.find((r) => r.name === 'Completed')!;
export const RES_BAD = DATA.resolutions.find((r) => r.name === 'Not completed')!;
export const RES_CANCEL = DATA.resolutions.find((r) => r.name === 'Canceled by client')!;

export interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	text: string;
	body: T;
}

export interface ListBody {
	jobs: Array<Record<string, unknown>>;
}

export interface ErrorBody {
	error: string;
	message: string;
	details?: Record<string, string>;
}

export async function call<T = Record<string, unknown>>(
	base: string,
	method: string,
	pathAndQuery: string,
	options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = { ...options.headers };
	const key = options.key === undefined ? KEY : options.key;
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['Content-Type'] ??= 'application/json';
	}
	const res = await fetch(`${base}${pathAndQuery}`, { method, headers, body });
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export const uuidOf = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const serials = (body: ListBody): number[] => body.jobs.map((j) => j.serial_no as number);

export function job(
	n: number,
	status: PlanadoJobStatus,
	createdAt: string,
	extra: Partial<PlanadoJob> = {},
): PlanadoJob {
	return {
		uuid: uuidOf(n),
		external_id: null,
		external_order_id: null,
		serial_no: n,
		status,
		scheduled_at: null,
		scheduled_duration: { minutes: 60 },
		description: `Job ${n}`,
		template_uuid: null,
		type_uuid: DATA.jobTypes[0].uuid,
		client_uuid: null,
		site_uuid: null,
		assignee: null,
		skill_uuids: [],
		territory_uuid: null,
		initial_job_uuid: null,
		completion_of_uuid: null,
		contacts: [],
		address: null,
		possible_resolution_uuids: [RES_OK.uuid, RES_BAD.uuid],
		resolution: null,
		timestamps: { en_route_at: null, started_at: null, suspended_at: null, finished_at: null },
		custom_fields: [],
		report_fields: [],
		version: 3,
		created_at: createdAt,
		updated_at: createdAt,
		...extra,
	};
}

export const w1: PlanadoAssigneeRef = { worker_uuid: W1.uuid };
export const w2: PlanadoAssigneeRef = { worker_uuid: W2.uuid };
export const t1: PlanadoAssigneeRef = { team_uuid: TEAM1.uuid };

/** Hand-built jobs, inserted out of order. Serial n is created on 2026-02-(10+n). */
export function craftedJobs(): PlanadoJob[] {
	const c = (n: number): string => `2026-02-${String(10 + n).padStart(2, '0')}T09:00:00.000000Z`;
	return [
		job(5, 'finished', c(5), {
			assignee: w1,
			scheduled_at: '2026-02-16T10:00:00',
			resolution: { uuid: RES_OK.uuid, comment: null },
			timestamps: { en_route_at: '2026-02-16T09:40:00.000Z', started_at: '2026-02-16T10:05:00.000Z', suspended_at: null, finished_at: '2026-02-16T11:00:00.000Z' },
			client_uuid: CLIENT_A.uuid,
			updated_at: '2026-02-16T11:00:00.000000Z',
		}),
		job(1, 'posted', c(1), { external_id: 'crm-job-1', external_order_id: 'order-7' }),
		job(2, 'scheduled', c(2), { assignee: w1, scheduled_at: '2026-03-02T08:00:00', client_uuid: CLIENT_A.uuid, site_uuid: SITE_A.uuid, external_order_id: 'order-7' }),
		job(3, 'published', c(3), { assignee: t1, scheduled_at: '2026-03-02T08:00:01', client_uuid: CLIENT_B.uuid }),
		job(4, 'en_route', c(4), { assignee: w2, scheduled_at: '2026-03-01T12:00:00', initial_job_uuid: uuidOf(1), timestamps: { en_route_at: '2026-03-01T11:50:00.000Z', started_at: null, suspended_at: null, finished_at: null } }),
		job(6, 'finished', c(6), {
			assignee: w2,
			scheduled_at: '2026-02-17T10:00:00',
			resolution: { uuid: RES_BAD.uuid, comment: 'No access' },
			timestamps: { en_route_at: null, started_at: '2026-02-17T10:00:00.000Z', suspended_at: null, finished_at: '2026-02-17T10:30:00.000Z' },
			initial_job_uuid: uuidOf(1),
			completion_of_uuid: uuidOf(1),
		}),
		job(7, 'canceled', c(7), { resolution: { uuid: RES_CANCEL.uuid, comment: null }, client_uuid: CLIENT_B.uuid }),
		job(8, 'started', c(8), { assignee: w1, scheduled_at: '2026-03-09T08:00:00', timestamps: { en_route_at: null, started_at: '2026-03-09T08:10:00.000Z', suspended_at: null, finished_at: null } }),
		job(9, 'suspended', c(9), { assignee: t1, scheduled_at: '2026-03-09T09:00:00', timestamps: { en_route_at: null, started_at: '2026-03-09T09:05:00.000Z', suspended_at: '2026-03-09T10:00:00.000Z', finished_at: null } }),
		job(10, 'canceled', c(10), { resolution: { uuid: RES_BAD.uuid, comment: null }, updated_at: '2026-02-21T00:00:00.000000Z' }),
	];
}

/** Newest first: crafted created_at ascend with the serial number. */
export const ALL_NEWEST_FIRST = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
