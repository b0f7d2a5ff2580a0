/**
 * Tests of the Planado simulator over real loopback HTTP with plain `fetch`. Expected values come from hand-built
 * jobs and the generated reference lists given to the simulator (its input), never from its answers.
 */
import {
	generatePlanadoData,
	PLANADO_DEFAULT_API_KEY,
	PLANADO_STATUSES,
	PlanadoSimulator,
	type PlanadoAssigneeRef,
	type PlanadoJob,
	type PlanadoJobStatus,
} from '../../tooling/simulators/planado';

const KEY = PLANADO_DEFAULT_API_KEY;
const T0 = Date.parse('2026-03-10T08:00:00Z');
const DATA = generatePlanadoData(0);
const [W1, W2] = DATA.users;
const [TEAM1] = DATA.teams;
const [CLIENT_A, CLIENT_B] = DATA.clients.filter((c) => c.external_id !== null);
const SITE_A = DATA.sites[0];
const RES_OK = DATA.resolutions.find((r) => r.name === 'Completed')!;
const RES_BAD = DATA.resolutions.find((r) => r.name === 'Not completed')!;
const RES_CANCEL = DATA.resolutions.find((r) => r.name === 'Canceled by client')!;

interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	text: string;
	body: T;
}

interface ListBody {
	jobs: Array<Record<string, unknown>>;
}

interface ErrorBody {
	error: string;
	message: string;
	details?: Record<string, string>;
}

async function call<T = Record<string, unknown>>(
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

const uuidOf = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const serials = (body: ListBody): number[] => body.jobs.map((j) => j.serial_no as number);

function job(
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

const w1: PlanadoAssigneeRef = { worker_uuid: W1.uuid };
const w2: PlanadoAssigneeRef = { worker_uuid: W2.uuid };
const t1: PlanadoAssigneeRef = { team_uuid: TEAM1.uuid };

/** Hand-built jobs, inserted out of order. Serial n is created on 2026-02-(10+n). */
function craftedJobs(): PlanadoJob[] {
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
const ALL_NEWEST_FIRST = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

describe('generatePlanadoData', () => {
	test('is deterministic per seed, covers every status and is internally consistent', () => {
		const a = generatePlanadoData(400);
		expect(generatePlanadoData(400)).toEqual(a);
		expect(generatePlanadoData(400, 2).jobs).not.toEqual(a.jobs);
		expect(a.referenceDate).toBe('2026-03-01T00:00:00.000Z');
		expect([...new Set(a.jobs.map((j) => j.status))].sort()).toEqual([...PLANADO_STATUSES].sort());
		expect(new Set(generatePlanadoData(8).jobs.map((j) => j.status)).size).toBe(8);

		const ref = Date.parse('2026-03-01T00:00:00Z');
		const userIds = new Set(a.users.map((u) => u.uuid));
		const teamIds = new Set(a.teams.map((t) => t.uuid));
		const clientIds = new Set(a.clients.map((c) => c.uuid));
		const resolutionIds = new Set(a.resolutions.map((r) => r.uuid));
		const jobIds = new Set(a.jobs.map((j) => j.uuid));
		const problems: string[] = [];
		a.jobs.forEach((j, i) => {
			const bad = (what: string): number => problems.push(`${j.serial_no}: ${what}`);
			if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(j.created_at) || !/\.\d{6}Z$/.test(j.updated_at)) bad('timestamp format');
			if (j.scheduled_at !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(j.scheduled_at)) bad('scheduled_at not offset-less');
			if (Date.parse(j.created_at) > ref || Date.parse(j.updated_at) > ref || Date.parse(j.updated_at) < Date.parse(j.created_at)) bad('times');
			if (i > 0 && Date.parse(a.jobs[i - 1].created_at) < Date.parse(j.created_at)) bad('not newest first');
			if (j.assignee && 'worker_uuid' in j.assignee && !userIds.has(j.assignee.worker_uuid)) bad('unknown worker');
			if (j.assignee && 'team_uuid' in j.assignee && !teamIds.has(j.assignee.team_uuid)) bad('unknown team');
			if (j.client_uuid && !clientIds.has(j.client_uuid)) bad('unknown client');
			if ((j.status === 'finished' || j.status === 'canceled') !== (j.resolution !== null)) bad('resolution vs status');
			if (j.resolution && !resolutionIds.has(j.resolution.uuid)) bad('unknown resolution');
			if (j.status === 'finished' && (!j.timestamps.started_at || !j.timestamps.finished_at)) bad('finished without times');
			if (['posted', 'scheduled', 'published'].includes(j.status) && j.timestamps.started_at) bad('unstarted with started_at');
			if (['scheduled', 'published', 'en_route', 'started', 'suspended', 'finished'].includes(j.status) && (j.scheduled_at === null || j.assignee === null)) bad('scheduled without time/assignee');
			if (j.status === 'posted' && j.scheduled_at !== null && j.assignee !== null) bad('posted with time and assignee');
			if (j.initial_job_uuid && !jobIds.has(j.initial_job_uuid)) bad('dangling initial_job_uuid');
		});
		expect(problems).toEqual([]);
		expect(a.jobs.filter((j) => j.initial_job_uuid).length).toBeGreaterThan(5);
		expect(a.jobs.filter((j) => j.external_order_id).length).toBeGreaterThan(50);
	});

	test('a passed reference date gives jobs created in the last 24 h and scheduled for today and tomorrow', () => {
		const now = new Date('2030-07-15T12:34:56Z');
		const d = generatePlanadoData(300, 7, now);
		const ms = now.getTime();
		expect(d.jobs.every((j) => Date.parse(j.created_at) <= ms && Date.parse(j.updated_at) <= ms)).toBe(true);
		expect(d.jobs.filter((j) => Date.parse(j.created_at) > ms - 86_400_000).length).toBeGreaterThanOrEqual(5);
		expect(d.jobs.some((j) => j.scheduled_at?.startsWith('2030-07-15'))).toBe(true);
		expect(d.jobs.some((j) => j.scheduled_at?.startsWith('2030-07-16'))).toBe(true);
	});
});

describe('Planado simulator: auth, list, get, reference lists', () => {
	const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(T0), pageSize: 4, referencePageSize: 5 });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('start() returns the base URL including /v2; requests and server are exposed', async () => {
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
		expect(sim.baseUrl).toBe(base);
		sim.server.clearLog();
		await call(base, 'GET', '/jobs');
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/jobs']);
	});

	test('401 without a key, with a wrong key, with another scheme or the old API-key headers', async () => {
		const replies = [
			await call<ErrorBody>(base, 'GET', '/jobs', { key: null }),
			await call<ErrorBody>(base, 'GET', '/jobs', { key: 'nope' }),
			await call<ErrorBody>(base, 'GET', '/jobs', { key: null, headers: { Authorization: `Token ${KEY}` } }),
			await call<ErrorBody>(base, 'GET', '/jobs', { key: null, headers: { Authorization: KEY } }),
			await call<ErrorBody>(base, 'GET', '/jobs', { key: null, headers: { 'X-Planado-API-Key': KEY } }),
			await call<ErrorBody>(base, 'GET', '/jobs', { key: null, headers: { 'X-Planado-API-Token': KEY } }),
			await call<ErrorBody>(base, 'POST', '/jobs', { key: 'nope', body: {} }),
			await call<ErrorBody>(base, 'GET', `/jobs/${uuidOf(1)}`, { key: '' }),
		];
		for (const r of replies) {
			expect(r.status).toBe(401);
			expect(r.body.error).toBe('unauthorized');
			expect(r.body.message).toContain('Bearer');
		}
		expect(sim.listJobs()).toHaveLength(10);
	});

	test('unknown paths and methods → 404', async () => {
		expect((await call(base, 'GET', '/nothing')).status).toBe(404);
		expect((await call(base, 'DELETE', `/jobs/${uuidOf(1)}`)).status).toBe(404);
		expect((await call(base, 'PUT', `/jobs/${uuidOf(1)}`, { body: {} })).status).toBe(404);
		expect(sim.getJob(uuidOf(1))).toBeDefined();
	});

	test('list: {jobs: [...]} newest first, the documented list fields, fixed page size', async () => {
		const r = await call<ListBody>(base, 'GET', '/jobs');
		expect(r.status).toBe(200);
		expect(Object.keys(r.body)).toEqual(['jobs']);
		expect(serials(r.body)).toEqual(ALL_NEWEST_FIRST.slice(0, 4));
		const expectedKeys = [
			'uuid', 'external_id', 'external_order_id', 'serial_no', 'status', 'scheduled_at', 'scheduled_duration', 'description',
			'assignee', 'type_uuid', 'template_uuid', 'client_uuid', 'site_uuid', 'contacts', 'territory_uuid', 'skill_uuids',
			'initial_job_uuid', 'completion_of_uuid', 'version', 'created_at', 'updated_at',
		];
		for (const item of r.body.jobs) expect(Object.keys(item).sort()).toEqual([...expectedKeys].sort());
		const nine = craftedJobs().find((j) => j.serial_no === 9)!;
		expect(r.body.jobs[1]).toEqual({
			uuid: nine.uuid, external_id: null, external_order_id: null, serial_no: 9, status: 'suspended',
			scheduled_at: '2026-03-09T09:00:00', scheduled_duration: { minutes: 60 }, description: 'Job 9',
			assignee: { team_uuid: TEAM1.uuid }, type_uuid: DATA.jobTypes[0].uuid, template_uuid: null, client_uuid: null,
			site_uuid: null, contacts: [], territory_uuid: null, skill_uuids: [], initial_job_uuid: null, completion_of_uuid: null,
			version: 3, created_at: '2026-02-19T09:00:00.000000Z', updated_at: '2026-02-19T09:00:00.000000Z',
		});
		expect(sim.listJobs().map((j) => j.serial_no)).toEqual(ALL_NEWEST_FIRST);
	});

	test('cursor paging: after = uuid of the last job, the end is an empty page, same after = same page', async () => {
		const pages: number[][] = [];
		let after: string | undefined;
		for (let i = 0; i < 10; i++) {
			const r = await call<ListBody>(base, 'GET', `/jobs${after ? `?after=${after}` : ''}`);
			expect(r.status).toBe(200);
			pages.push(serials(r.body));
			if (r.body.jobs.length === 0) break;
			after = r.body.jobs[r.body.jobs.length - 1].uuid as string;
		}
		expect(pages).toEqual([[10, 9, 8, 7], [6, 5, 4, 3], [2, 1], []]);
		const again = await call<ListBody>(base, 'GET', `/jobs?after=${uuidOf(7)}`);
		expect(serials(again.body)).toEqual([6, 5, 4, 3]);
		const bad = await call<ErrorBody>(base, 'GET', '/jobs?after=not-a-uuid');
		expect(bad.status).toBe(422);
		expect(bad.body.details).toHaveProperty('after');
		expect((await call(base, 'GET', `/jobs?after=${uuidOf(999)}`)).status).toBe(422);
	});

	const scheduledBounds = 'scheduled_at[after]=2026-03-01T12:00:00Z&scheduled_at[before]=2026-03-02T08:00:01Z';
	test.each([
		['status[]=posted', [1]],
		['status[]=finished&status[]=en_route', [6, 5, 4]],
		['status%5B%5D=canceled', [10, 7]],
		['status[]=started', [8]],
		[`assignee[worker_uuid]=${W1.uuid}`, [8, 5, 2]],
		[`assignee%5Bworker_uuid%5D=${W2.uuid}`, [6, 4]],
		[`assignee[team_uuid]=${TEAM1.uuid}`, [9, 3]],
		[`client[uuid]=${CLIENT_A.uuid}`, [5, 2]],
		[`client_uuid=${CLIENT_B.uuid}`, [7, 3]],
		[`client[external_id]=${encodeURIComponent(CLIENT_B.external_id!)}`, [7, 3]],
		[`site_uuid=${SITE_A.uuid}`, [2]],
		['external_order_id=order-7', [2, 1]],
		[`initial_job_uuid=${uuidOf(1)}`, [6, 4]],
		[`completion_of_uuid=${uuidOf(1)}`, [6]],
		['scheduled_at[after]=2026-03-02T08:00:00Z', [8, 9, 3].sort((a, b) => b - a)],
		['scheduled_at[before]=2026-02-17T10:00:00Z', [5]],
		[scheduledBounds, [2]],
		['scheduled_at[after]=2026-03-02T09:00:00%2B01:00', [9, 8, 3]],
		['updated_at[after]=2026-02-19T09:00:00Z', [10]],
		['updated_at[before]=2026-02-13T09:00:00.001Z', [3, 2, 1]],
		['updated_at[before]=2026-02-13T09:00:00Z', [2, 1]],
		['updated_at[after]=2026-02-11T09:00:00Z&updated_at[before]=2026-02-16T11:00:00Z', [6, 4, 3, 2]],
		[`resolution[finished][]=${RES_OK.uuid}`, [5]],
		[`resolution[finished][]=${RES_OK.uuid}&resolution[finished][]=${RES_BAD.uuid}`, [6, 5]],
		[`resolution[canceled][]=${RES_CANCEL.uuid}`, [7]],
		[`status[]=en_route&resolution[finished][]=${RES_BAD.uuid}&resolution[canceled][]=${RES_BAD.uuid}`, [10, 6, 4]],
		[`assignee[worker_uuid]=${W2.uuid}&status[]=finished`, [6]],
		[`assignee[worker_uuid]=${W1.uuid}&client[uuid]=${CLIENT_B.uuid}`, []],
	])('filter %s', async (query, expected) => {
		// Read every page (page size 4) so the filter is checked across pages.
		const got: number[] = [];
		let after = '';
		for (;;) {
			const r = await call<ListBody>(base, 'GET', `/jobs?${query}${after ? `&after=${after}` : ''}`);
			expect(r.status).toBe(200);
			if (r.body.jobs.length === 0) break;
			got.push(...serials(r.body));
			after = r.body.jobs[r.body.jobs.length - 1].uuid as string;
		}
		expect(got).toEqual(expected);
	});

	test.each([
		['status[]=done', 'status'],
		['status=posted', 'status'],
		['status[0]=posted', 'status'],
		['assignee=abc', 'assignee'],
		['assignee[worker_uuid]=123', 'assignee[worker_uuid]'],
		['assignee[user_uuid]=00000000-0000-4000-8000-000000000001', 'assignee[user_uuid]'],
		['client[uuid]=x', 'client[uuid]'],
		[`site[uuid]=${uuidOf(1)}`, 'site'],
		[`initial_job[uuid]=${uuidOf(1)}`, 'initial_job'],
		['scheduled_at[after]=tomorrow', 'scheduled_at[after]'],
		['scheduled_at=2026-01-01T00:00:00Z', 'scheduled_at'],
		['updated_at[before]=2026-02-30T00:00:00Z', 'updated_at[before]'],
		[`resolution[finished]=${uuidOf(1)}`, 'resolution[finished]'],
		['resolution[finished][]=nope', 'resolution[finished]'],
		['limit=10', 'limit'],
		['external_order_id=a&external_order_id=b', 'external_order_id'],
	])('invalid filter %s → 422 naming %s', async (query, field) => {
		const r = await call<ErrorBody>(base, 'GET', `/jobs?${query}`);
		expect(r.status).toBe(422);
		expect(r.body.error).toBe('validation_failed');
		expect(Object.keys(r.body.details ?? {})).toContain(field);
	});

	test('get by uuid and by external_id: {job: {...}} with the expanded references', async () => {
		const byUuid = await call<{ job: Record<string, unknown> }>(base, 'GET', `/jobs/${uuidOf(5)}`);
		expect(byUuid.status).toBe(200);
		expect(byUuid.body.job).toMatchObject({
			uuid: uuidOf(5),
			serial_no: 5,
			status: 'finished',
			scheduled_at: '2026-02-16T10:00:00.000Z',
			client: { uuid: CLIENT_A.uuid, external_id: CLIENT_A.external_id },
			site: null,
			type: { uuid: DATA.jobTypes[0].uuid, code: DATA.jobTypes[0].code },
			assignee: { worker: { uuid: W1.uuid, email: W1.email } },
			timestamps: { en_route_at: '2026-02-16T09:40:00.000Z', started_at: '2026-02-16T10:05:00.000Z', suspended_at: null, finished_at: '2026-02-16T11:00:00.000Z' },
			possible_resolutions: [{ uuid: RES_OK.uuid, name: 'Completed' }, { uuid: RES_BAD.uuid, name: 'Not completed' }],
			resolution: { uuid: RES_OK.uuid, name: 'Completed', successful: true, comment: null },
			version: 3,
		});
		const team = await call<{ job: Record<string, unknown> }>(base, 'GET', `/jobs/${uuidOf(3)}`);
		expect(team.body.job.assignee).toEqual({ team: { uuid: TEAM1.uuid, name: TEAM1.name } });
		expect(team.body.job).not.toHaveProperty('resolution');
		const byExternal = await call<{ job: Record<string, unknown> }>(base, 'GET', '/jobs/crm-job-1');
		expect(byExternal.status).toBe(200);
		expect(byExternal.body.job.uuid).toBe(uuidOf(1));
		const missing = await call<ErrorBody>(base, 'GET', `/jobs/${uuidOf(404)}`);
		expect(missing.status).toBe(404);
		expect(missing.body.error).toBe('not_found');
	});

	test('reference lists: envelopes named after the resource, paged by after, get by uuid', async () => {
		const templates = await call<{ templates: Array<Record<string, unknown>> }>(base, 'GET', '/templates');
		expect(templates.body.templates.map((t) => t.name)).toEqual(DATA.templates.slice(0, 5).map((t) => t.name));
		expect(Object.keys(templates.body.templates[0]).sort()).toEqual(['assignee', 'created_at', 'description', 'name', 'scheduled_duration', 'type_uuid', 'updated_at', 'uuid']);
		const one = await call<{ template: { uuid: string; name: string } }>(base, 'GET', `/templates/${DATA.templates[2].uuid}`);
		expect(one.body.template.name).toBe(DATA.templates[2].name);
		const types = await call<{ job_types: Array<{ uuid: string; code: string }> }>(base, 'GET', '/job_types');
		expect(types.body.job_types).toEqual(DATA.jobTypes.slice(0, 5));
		const teams = await call<{ teams: Array<Record<string, unknown>> }>(base, 'GET', '/teams');
		expect(teams.body.teams).toEqual(DATA.teams.map((t) => ({ uuid: t.uuid, name: t.name, territory: t.territory })));
		const users = await call<{ users: Array<{ uuid: string; email: string }> }>(base, 'GET', '/users');
		expect(users.body.users.map((u) => u.email)).toEqual(DATA.users.slice(0, 5).map((u) => u.email));
		const resolutions = await call<{ resolutions: unknown[] }>(base, 'GET', '/resolutions');
		expect(resolutions.body.resolutions).toEqual(DATA.resolutions.slice(0, 5));
		const skills = await call<{ skills: unknown[] }>(base, 'GET', '/skills');
		expect(skills.body.skills).toEqual(DATA.skills.slice(0, 5));
		const sites = await call<{ sites: Array<{ uuid: string }> }>(base, 'GET', '/sites');
		expect(sites.body.sites.map((s) => s.uuid)).toEqual(DATA.sites.slice(0, 5).map((s) => s.uuid));

		const allClients: string[] = [];
		let after = '';
		for (;;) {
			const page = await call<{ clients: Array<{ uuid: string }> }>(base, 'GET', `/clients${after ? `?after=${after}` : ''}`);
			if (page.body.clients.length === 0) break;
			expect(page.body.clients.length).toBeLessThanOrEqual(5);
			allClients.push(...page.body.clients.map((c) => c.uuid));
			after = page.body.clients[page.body.clients.length - 1].uuid;
		}
		expect(allClients).toEqual(DATA.clients.map((c) => c.uuid));
		expect((await call(base, 'GET', '/clients?search=acme')).status).toBe(422);
	});
});

describe('Planado simulator: writes and status', () => {
	let clock = T0;
	const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(clock) });
	let base = '';
	beforeAll(async () => {
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('create answers only {job_uuid}; the job reads back as posted with the next serial number', async () => {
		clock = T0 + 1000;
		const r = await call<{ job_uuid: string }>(base, 'POST', '/jobs', {
			body: { description: 'Regular maintenance', external_id: 'ext-100', external_order_id: 'order-9', client: { uuid: CLIENT_A.uuid } },
		});
		expect(r.status).toBe(200);
		expect(Object.keys(r.body)).toEqual(['job_uuid']);
		expect(r.body.job_uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		const got = await call<{ job: Record<string, unknown> }>(base, 'GET', '/jobs/ext-100');
		expect(got.body.job).toMatchObject({
			uuid: r.body.job_uuid,
			serial_no: 11,
			status: 'posted',
			description: 'Regular maintenance',
			external_order_id: 'order-9',
			client: { uuid: CLIENT_A.uuid, external_id: CLIENT_A.external_id },
			assignee: null,
			scheduled_at: null,
			version: 1,
		});
		expect(Date.parse(got.body.job.created_at as string)).toBe(T0 + 1000);
		expect(got.body.job.updated_at).toBe(got.body.job.created_at);
		const first = await call<ListBody>(base, 'GET', '/jobs');
		expect(first.body.jobs[0].uuid).toBe(r.body.job_uuid);
	});

	test('create with a template, a schedule and an assignee is scheduled; the template fills defaults', async () => {
		const template = DATA.templates[1];
		const r = await call<{ job_uuid: string }>(base, 'POST', '/jobs', {
			body: { template: { name: template.name }, scheduled_at: '2026-03-12T09:30:00Z', assignee: { worker: { uuid: W2.uuid } } },
		});
		expect(r.status).toBe(200);
		const stored = sim.getJob(r.body.job_uuid)!;
		expect(stored).toMatchObject({
			status: 'scheduled',
			template_uuid: template.uuid,
			type_uuid: template.type_uuid,
			description: template.description,
			scheduled_duration: template.scheduled_duration,
			scheduled_at: '2026-03-12T09:30:00',
			assignee: { worker_uuid: W2.uuid },
		});
	});

	test.each([
		['a flat worker_uuid', { assignee: { worker_uuid: W1.uuid } }, 'assignee', 'either team or worker must present'],
		['an unknown worker', { assignee: { worker: { uuid: uuidOf(77) } } }, 'assignee', 'worker does not exist'],
		['a taken external_id', { external_id: 'crm-job-1' }, 'external_id', 'has already been taken'],
		['a 501-character external_id', { external_id: 'x'.repeat(501) }, 'external_id', 'must be at most 500 characters'],
		['a 15001-character description', { description: 'x'.repeat(15001) }, 'description', 'must be at most 15000 characters'],
		['a non-date scheduled_at', { scheduled_at: 'next monday' }, 'scheduled_at', 'must be an ISO 8601 date-time or null'],
		['a bare-number duration', { scheduled_duration: 60 }, 'scheduled_duration', 'must be {"minutes": <non-negative integer>} or null'],
		['only successful resolutions', { possible_resolutions: [{ uuid: RES_OK.uuid }] }, 'possible_resolutions', 'must contain at least one successful and one unsuccessful resolution'],
		['an unknown template', { template: { uuid: uuidOf(55) } }, 'template', 'does not exist'],
		['a status', { status: 'scheduled' }, 'status', 'is not a field of a job'],
	])('create with %s → 422', async (_label, body, field, reason) => {
		const before = sim.listJobs().length;
		const r = await call<ErrorBody>(base, 'POST', '/jobs', { body });
		expect(r.status).toBe(422);
		expect(r.body.details?.[field as string]).toBe(reason);
		expect(sim.listJobs()).toHaveLength(before);
	});

	test('a body that is not a JSON object → 400; JSON without a Content-Type is accepted (as the docs\' curl sends it)', async () => {
		expect((await call(base, 'POST', '/jobs', { body: '[1]' })).status).toBe(400);
		expect((await call(base, 'POST', '/jobs', { body: 'description=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
		const res = await fetch(`${base}/jobs`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, body: '{"description":"no content type"}' });
		expect(res.status).toBe(200);
		const { job_uuid: uuid } = (await res.json()) as { job_uuid: string };
		expect(sim.getJob(uuid)?.description).toBe('no content type');
	});

	test('update answers {job_uuid}; version and updated_at follow every change', async () => {
		clock = T0 + 60_000;
		const r = await call<{ job_uuid: string }>(base, 'PATCH', `/jobs/${uuidOf(1)}`, { body: { description: 'Updated description' } });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ job_uuid: uuidOf(1) });
		const job1 = sim.getJob(uuidOf(1))!;
		expect(job1.description).toBe('Updated description');
		expect(job1.version).toBe(4);
		expect(Date.parse(job1.updated_at)).toBe(T0 + 60_000);
		expect(job1.created_at).toBe('2026-02-11T09:00:00.000000Z');
		// By external id, with the current version.
		clock = T0 + 120_000;
		const r2 = await call(base, 'PATCH', '/jobs/crm-job-1', { body: { description: 'Again', version: 4 } });
		expect(r2.status).toBe(200);
		expect(sim.getJob(uuidOf(1))).toMatchObject({ description: 'Again', version: 5 });
		expect(Date.parse(sim.getJob(uuidOf(1))!.updated_at)).toBe(T0 + 120_000);
	});

	test('a stale version → 409 and nothing changes', async () => {
		const before = sim.getJob(uuidOf(2))!;
		const r = await call<ErrorBody>(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { description: 'Lost update', version: before.version - 1 } });
		expect(r.status).toBe(409);
		expect(r.body.error).toBe('conflict');
		expect(sim.getJob(uuidOf(2))).toEqual(before);
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { version: 'three' } })).status).toBe(422);
	});

	test('fields that cannot change by update, and unknown jobs', async () => {
		for (const field of ['external_id', 'external_order_id', 'template', 'job_type', 'status', 'serial_no']) {
			const r = await call<ErrorBody>(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { [field]: 'x' } });
			expect(r.status).toBe(422);
			expect(r.body.details?.[field]).toBe('cannot be changed by an update');
		}
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(404)}`, { body: { description: 'x' } })).status).toBe(404);
	});

	test('started jobs refuse assignee, assignees and possible_resolutions but take other fields', async () => {
		for (const n of [8, 9, 5]) {
			const before = sim.getJob(uuidOf(n))!;
			for (const body of [
				{ assignee: { worker: { uuid: W2.uuid } } },
				{ assignee: null },
				{ assignees: [{ worker: { uuid: W2.uuid } }] },
				{ possible_resolutions: [{ uuid: RES_OK.uuid }, { uuid: RES_BAD.uuid }] },
				{ description: 'ok', assignee: { team: { uuid: TEAM1.uuid } } },
			]) {
				const r = await call<ErrorBody>(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body });
				expect(r.status).toBe(422);
				expect(r.body.error).toBe('job_started');
			}
			expect(sim.getJob(uuidOf(n))).toEqual(before);
			expect((await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { description: 'Note from the office' } })).status).toBe(200);
			expect(sim.getJob(uuidOf(n))).toMatchObject({ description: 'Note from the office', version: before.version + 1 });
		}
		// A job that is not started may change its assignee.
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(3)}`, { body: { assignee: { worker: { uuid: W2.uuid } } } })).status).toBe(200);
		expect(sim.getJob(uuidOf(3))?.assignee).toEqual({ worker_uuid: W2.uuid });
	});

	test('status follows schedule + assignee through PATCH; mobile-app statuses only through setStatus()', async () => {
		const n = 1;
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { scheduled_at: '2026-03-11T10:00:00' } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('posted');
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: { team: { uuid: TEAM1.uuid } } } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('scheduled');
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: null } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('posted');
		await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: { worker: { uuid: W1.uuid } } } });
		expect(sim.getJob(uuidOf(n))?.status).toBe('scheduled');

		const v = sim.getJob(uuidOf(n))!.version;
		clock = T0 + 3_600_000;
		sim.setStatus(uuidOf(n), 'started');
		expect(sim.getJob(uuidOf(n))).toMatchObject({ status: 'started', version: v + 1, timestamps: { started_at: new Date(T0 + 3_600_000).toISOString() } });
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(n)}`, { body: { assignee: null } })).status).toBe(422);
		sim.setStatus(uuidOf(n), 'finished', { resolutionUuid: RES_BAD.uuid, comment: 'Part missing' });
		const finished = await call<ListBody>(base, 'GET', `/jobs?resolution[finished][]=${RES_BAD.uuid}`);
		expect(finished.body.jobs.map((j) => j.uuid)).toContain(uuidOf(n));
		const detail = await call<{ job: Record<string, unknown> }>(base, 'GET', `/jobs/${uuidOf(n)}`);
		expect(detail.body.job.resolution).toEqual({ uuid: RES_BAD.uuid, name: 'Not completed', successful: false, comment: 'Part missing' });
		// Statuses cannot be written through the API.
		expect((await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { status: 'published' } })).status).toBe(422);
		expect(() => sim.setStatus(uuidOf(404), 'started')).toThrow();
	});

	test('X-Planado-Notify-Assignees is recorded per write', async () => {
		sim.writes.length = 0;
		await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { description: 'quiet' }, headers: { 'X-Planado-Notify-Assignees': 'false' } });
		const created = await call<{ job_uuid: string }>(base, 'POST', '/jobs', { body: { description: 'loud' } });
		await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { description: 'loud again' }, headers: { 'X-Planado-Notify-Assignees': 'true' } });
		await call(base, 'PATCH', `/jobs/${uuidOf(2)}`, { body: { version: 1 }, headers: { 'X-Planado-Notify-Assignees': 'false' } }); // 409: not a write
		expect(sim.writes).toEqual([
			{ method: 'PATCH', job_uuid: uuidOf(2), notifyAssignees: false, notifyHeader: 'false' },
			{ method: 'POST', job_uuid: created.body.job_uuid, notifyAssignees: true, notifyHeader: undefined },
			{ method: 'PATCH', job_uuid: uuidOf(2), notifyAssignees: true, notifyHeader: 'true' },
		]);
	});

	test('store helpers: put, delete, list order', () => {
		const extra = job(50, 'posted', '2026-03-09T00:00:00.000000Z');
		sim.putJob(extra);
		expect(sim.listJobs().map((j) => j.serial_no).indexOf(50)).toBeGreaterThan(-1);
		const order = sim.listJobs().map((j) => Date.parse(j.created_at));
		expect([...order].sort((a, b) => b - a)).toEqual(order);
		expect(sim.deleteJob(extra.uuid)).toBe(true);
		expect(sim.getJob(extra.uuid)).toBeUndefined();
	});
});

describe('Planado simulator: rate limit, latency, faults, the between-pages hook', () => {
	test('429 after the bucket fills (plain text by default), the bucket leaks over time, keys are separate', async () => {
		let clock = T0;
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, apiKeys: [KEY, 'other'], now: () => new Date(clock), rateLimit: { limit: 3, windowMs: 60_000 } });
		const base = await sim.start();
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) statuses.push((await call(base, 'GET', '/jobs')).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			const limited = await call(base, 'GET', '/jobs');
			expect(limited.status).toBe(429);
			expect(limited.text).toBe('Rate Limit Exceeded');
			expect(limited.headers.get('content-type')).toMatch(/^text\/plain/);
			expect((await call(base, 'GET', '/jobs', { key: 'other' })).status).toBe(200);
			clock += 20_000; // 3 per minute leak one call per 20 s
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
			expect((await call(base, 'GET', '/jobs')).status).toBe(429);
			sim.resetRateLimit();
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
		} finally {
			await sim.stop();
		}
	});

	test('the JSON 429 variant, and no limit without the option', async () => {
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(T0), rateLimit: { limit: 90, windowMs: 60_000, body: 'json' } });
		const base = await sim.start();
		const free = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, now: () => new Date(T0) });
		const freeBase = await free.start();
		try {
			const statuses = await Promise.all(Array.from({ length: 91 }, () => call(base, 'GET', '/jobs').then((r) => r.status)));
			expect(statuses.filter((s) => s === 200)).toHaveLength(90);
			const r = await call<ErrorBody>(base, 'GET', '/jobs');
			expect(r.status).toBe(429);
			expect(r.body).toEqual({ error: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' });
			const many = await Promise.all(Array.from({ length: 120 }, () => call(freeBase, 'GET', '/job_types').then((x) => x.status)));
			expect(new Set(many)).toEqual(new Set([200]));
		} finally {
			await sim.stop();
			await free.stop();
		}
	});

	test('latencyMs delays every answer; injected faults go through server', async () => {
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, latencyMs: 150 });
		const base = await sim.start();
		try {
			const started = Date.now();
			expect((await call(base, 'GET', `/jobs/${uuidOf(1)}`)).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			sim.latencyMs = 0;
			sim.server.injectFault({ method: 'GET', path: '/v2/jobs' }, { status: 503, body: 'busy' });
			expect((await call(base, 'GET', '/jobs')).status).toBe(503);
			const quick = Date.now();
			expect((await call(base, 'GET', '/jobs')).status).toBe(200);
			expect(Date.now() - quick).toBeLessThan(140);
		} finally {
			await sim.stop();
		}
	});

	test('onList runs before each page: a new job does not appear later, a deleted or changed job drops out', async () => {
		const sim = new PlanadoSimulator({ jobs: craftedJobs(), data: DATA, pageSize: 3, now: () => new Date(T0) });
		const base = await sim.start();
		const seen: Array<[number, string | undefined]> = [];
		sim.onList = ({ pageIndex, after }) => {
			seen.push([pageIndex, after]);
			if (pageIndex === 1) {
				sim.putJob(job(60, 'posted', '2026-03-09T00:00:00.000000Z')); // newer than everything: on page 0 only
				sim.deleteJob(uuidOf(6)); // would have been on page 1
				sim.setStatus(uuidOf(4), 'canceled'); // no longer matches the status filter
			}
			if (pageIndex === 2) sim.deleteJob(uuidOf(5)); // the cursor of page 2 still works after its job is gone
		};
		try {
			const query = 'status[]=finished&status[]=en_route&status[]=scheduled&status[]=published&status[]=posted&status[]=started';
			const got: number[][] = [];
			let after = '';
			for (let i = 0; i < 10; i++) {
				const r = await call<ListBody>(base, 'GET', `/jobs?${query}${after ? `&after=${after}` : ''}`);
				got.push(serials(r.body));
				if (r.body.jobs.length === 0) break;
				after = r.body.jobs[r.body.jobs.length - 1].uuid as string;
			}
			// Matching before changes: 8, 6, 5, 4, 3, 2, 1 → pages [8,6,5] then (6 gone, 4 canceled) [3,2,1], then [].
			expect(got).toEqual([[8, 6, 5], [3, 2, 1], []]);
			expect(seen.map(([p]) => p)).toEqual([0, 1, 2]);
			expect(seen[1][1]).toBe(uuidOf(5));
			const fresh = await call<ListBody>(base, 'GET', `/jobs?${query}`);
			expect(serials(fresh.body)).toEqual([60, 8, 3]);
			// A page whose cursor job was deleted still continues after it.
			const afterDeleted = await call<ListBody>(base, 'GET', `/jobs?${query}&after=${uuidOf(5)}`);
			expect(serials(afterDeleted.body)).toEqual([3, 2, 1]);
		} finally {
			await sim.stop();
		}
	});
});
