/** Planado simulator: generatePlanadoData; Planado simulator: auth, list, get, reference lists. Setup and helpers: ./context.ts. */
import { generatePlanadoData, PLANADO_STATUSES, PlanadoSimulator } from '../../../tooling/simulators/planado';
import {
	KEY,
	T0,
	DATA,
	W1,
	W2,
	TEAM1,
	CLIENT_A,
	CLIENT_B,
	SITE_A,
	RES_OK,
	RES_BAD,
	RES_CANCEL,
	ListBody,
	ErrorBody,
	call,
	uuidOf,
	serials,
	job,
	craftedJobs,
	ALL_NEWEST_FIRST,
} from './context';

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
