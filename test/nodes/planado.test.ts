/**
 * The Planado node run through n8n's real execution engine against the Planado simulator over
 * loopback HTTP. Expected values are computed from the simulator's data here, not copied from the
 * node; request counts come from the simulator's request log.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PlanadoApi } from '../../credentials/PlanadoApi.credentials';
import { Planado } from '../../nodes/Planado/Planado.node';
import { PlanadoTrigger } from '../../nodes/Planado/PlanadoTrigger.node';
import { minimumPacedMs } from '../../nodes/shared/pacing';
import { planadoApi } from '../../nodes/Planado/provider';
import { Harness, type RunResult } from '../harness/engine';
import {
	PLANADO_DEFAULT_API_KEY,
	PLANADO_JOBS_PAGE_SIZE,
	PLANADO_RATE_LIMIT_TEXT,
	PlanadoSimulator,
	parsePlanadoDateTime,
	planadoTimestamp,
	type PlanadoJob,
} from '../../tooling/simulators/planado';

const TYPE = 'n8n-nodes-field-service.planado';
const SECRET = 'planado_wrong_key_must_not_leak_42';
const REAL_LIMIT = planadoApi.pacing!.limit;
let sim: PlanadoSimulator;
let harness: Harness;

function makeHarness(target: PlanadoSimulator, apiKey = PLANADO_DEFAULT_API_KEY): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new Planado() },
		credentialTypes: [new PlanadoApi()],
		credentials: [{ type: 'planadoApi', data: { apiKey, baseUrl: `${target.baseUrl}/` } }],
	});
}

async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false, h = harness): Promise<RunResult> {
	return await h.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const jobRequests = () => sim.requests.filter((r) => r.path.startsWith('/v2/jobs'));
const listRequests = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/v2/jobs');
const uuids = (result: RunResult) => result.items.map((item) => String(item.json.uuid));
const firstWith = (predicate: (job: PlanadoJob) => boolean): PlanadoJob => {
	const job = sim.listJobs().find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	// 100 times faster than the real limit, so that pacing never slows the suite down.
	planadoApi.pacing!.limit = { calls: 90, windowMs: 600 };
	sim = new PlanadoSimulator({ jobCount: 537 });
	await sim.start();
	harness = makeHarness(sim);
});

afterAll(async () => {
	planadoApi.pacing!.limit = REAL_LIMIT;
	await sim.stop();
});

beforeEach(() => {
	planadoApi.pacing!.reset();
	sim.server.clearLog();
	sim.server.clearFaults();
});

describe('Get Many', () => {
	it('reads all 537 jobs by the after cursor until the empty page: 12 requests', async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		const all = sim.listJobs();
		expect(uuids(result)).toEqual(all.map((job) => job.uuid));
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		const pages = Math.ceil(all.length / PLANADO_JOBS_PAGE_SIZE);
		expect(listRequests()).toHaveLength(pages + 1);
		expect(listRequests()).toHaveLength(12);
		// Each request continues after the last job of the page before; the first has no cursor.
		const cursors = listRequests().map((r) => r.query.after);
		expect(cursors).toEqual([undefined, ...Array.from({ length: pages }, (_, i) => all[(i + 1) * PLANADO_JOBS_PAGE_SIZE - 1]?.uuid ?? all[all.length - 1].uuid)]);
		expect(listRequests().every((r) => r.headers.authorization === `Bearer ${PLANADO_DEFAULT_API_KEY}`)).toBe(true);
	});

	it('stops after one request with limit 7', async () => {
		const result = await run({ operation: 'getAll', limit: 7 });
		expect(uuids(result)).toEqual(sim.listJobs().slice(0, 7).map((job) => job.uuid));
		expect(listRequests()).toHaveLength(1);
		expect(listRequests()[0].queryPairs).toEqual([]);
	});

	it('stops as soon as it has enough: limit 120 takes 3 requests', async () => {
		const result = await run({ operation: 'getAll', limit: 120 });
		expect(result.items).toHaveLength(120);
		expect(listRequests()).toHaveLength(Math.ceil(120 / PLANADO_JOBS_PAGE_SIZE));
	});

	it('sends every filter in its wire form and gets the matching jobs', async () => {
		const all = sim.listJobs();
		const withWorker = firstWith((j) => j.assignee !== null && 'worker_uuid' in j.assignee);
		const worker = withWorker.assignee && 'worker_uuid' in withWorker.assignee ? withWorker.assignee.worker_uuid : '';
		const withTeam = firstWith((j) => j.assignee !== null && 'team_uuid' in j.assignee);
		const team = withTeam.assignee && 'team_uuid' in withTeam.assignee ? withTeam.assignee.team_uuid : '';
		const client = sim.clients.find((c) => c.external_id !== null && all.some((j) => j.client_uuid === c.uuid));
		if (!client?.external_id) throw new Error('test data has no such client');
		const site = firstWith((j) => j.site_uuid !== null).site_uuid as string;
		const order = firstWith((j) => j.external_order_id !== null).external_order_id as string;
		const initial = firstWith((j) => j.initial_job_uuid !== null).initial_job_uuid as string;
		const completion = firstWith((j) => j.completion_of_uuid !== null).completion_of_uuid as string;
		const finished = all.filter((j) => j.status === 'finished' && j.resolution);
		const finishedRes = [...new Set(finished.map((j) => j.resolution?.uuid as string))].slice(0, 2);
		const canceledRes = firstWith((j) => j.status === 'canceled' && j.resolution !== null).resolution?.uuid as string;
		const scheduledMs = (j: PlanadoJob) => (j.scheduled_at === null ? NaN : (parsePlanadoDateTime(j.scheduled_at) ?? NaN));
		const from = '2026-02-10T00:00:00Z';
		const to = '2026-02-20T00:00:00Z';
		const cases: Array<[INodeParameters, Array<[string, string]>, (job: PlanadoJob) => boolean]> = [
			[{ status: ['posted', 'en_route'] }, [['status[]', 'posted'], ['status[]', 'en_route']], (j) => ['posted', 'en_route'].includes(j.status)],
			[{ assigneeWorkerUuid: worker }, [['assignee[worker_uuid]', worker]], (j) => j.assignee !== null && 'worker_uuid' in j.assignee && j.assignee.worker_uuid === worker],
			[{ assigneeTeamUuid: team }, [['assignee[team_uuid]', team]], (j) => j.assignee !== null && 'team_uuid' in j.assignee && j.assignee.team_uuid === team],
			[{ clientUuid: client.uuid }, [['client[uuid]', client.uuid]], (j) => j.client_uuid === client.uuid],
			[{ clientExternalId: client.external_id }, [['client[external_id]', client.external_id]], (j) => j.client_uuid === client.uuid],
			[{ siteUuid: site }, [['site_uuid', site]], (j) => j.site_uuid === site],
			[{ externalOrderId: order }, [['external_order_id', order]], (j) => j.external_order_id === order],
			[{ initialJobUuid: initial }, [['initial_job_uuid', initial]], (j) => j.initial_job_uuid === initial],
			[{ completionOfUuid: completion }, [['completion_of_uuid', completion]], (j) => j.completion_of_uuid === completion],
			[
				{ scheduledAfter: from, scheduledBefore: to },
				[['scheduled_at[after]', from], ['scheduled_at[before]', to]],
				(j) => scheduledMs(j) > Date.parse(from) && scheduledMs(j) < Date.parse(to),
			],
			[
				{ updatedAfter: from, updatedBefore: to },
				[['updated_at[after]', from], ['updated_at[before]', to]],
				(j) => Date.parse(j.updated_at) > Date.parse(from) && Date.parse(j.updated_at) < Date.parse(to),
			],
			[
				{ resolutionFinished: finishedRes.join(',') },
				finishedRes.map((u) => ['resolution[finished][]', u] as [string, string]),
				(j) => j.status === 'finished' && finishedRes.includes(j.resolution?.uuid ?? ''),
			],
			[{ resolutionCanceled: canceledRes }, [['resolution[canceled][]', canceledRes]], (j) => j.status === 'canceled' && j.resolution?.uuid === canceledRes],
		];
		for (const [filters, wire, predicate] of cases) {
			sim.server.clearLog();
			const result = await run({ operation: 'getAll', returnAll: true, filters });
			expect(result.status).toBe('success');
			const expected = all.filter(predicate).map((job) => job.uuid);
			expect(expected.length).toBeGreaterThan(0);
			expect(uuids(result)).toEqual(expected);
			expect(listRequests()[0].queryPairs).toEqual(wire);
			// Brackets travel percent-encoded, as n8n's client writes them.
			if (wire[0][0].includes('[')) expect(listRequests()[0].rawUrl).toContain('%5B');
		}
	});

	it('reads a date without an offset in the workflow time zone', async () => {
		await run({ operation: 'getAll', limit: 1, filters: { scheduledAfter: '2026-01-15T12:00:00' } });
		// n8n's default zone, America/New_York, is UTC-5 in January.
		expect(listRequests()[0].queryPairs).toEqual([['scheduled_at[after]', '2026-01-15T17:00:00Z']]);
	});

	it('refuses a bad filter value before any request, naming the field', async () => {
		const result = await run({ operation: 'getAll', filters: { clientUuid: 'acme' } });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain("'Client' is not a valid ID");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Get', () => {
	it('gets a job by uuid and by external ID', async () => {
		const job = firstWith((j) => j.external_id !== null);
		const byUuid = await run({ operation: 'get', jobId: byId(job.uuid) });
		expect(byUuid.items[0].json).toMatchObject({ uuid: job.uuid, serial_no: job.serial_no, status: job.status });
		const byExternal = await run({ operation: 'get', jobId: byId(job.external_id as string) });
		expect(byExternal.items[0].json.uuid).toBe(job.uuid);
		expect(jobRequests().map((r) => r.path)).toEqual([`/v2/jobs/${job.uuid}`, `/v2/jobs/${job.external_id}`]);
	});

	it('returns the common job shape with Simplify', async () => {
		const job = firstWith((j) => j.status === 'finished' && j.assignee !== null);
		const result = await run({ operation: 'get', jobId: byId(job.uuid), options: { simplify: true } });
		expect(result.items[0].json).toMatchObject({
			provider: 'planado',
			id: job.uuid,
			number: String(job.serial_no),
			status: 'finished',
			statusCategory: 'completed',
			completedAt: new Date(Date.parse(job.timestamps.finished_at as string)).toISOString().replace('.000Z', 'Z'),
		});
		expect(result.items[0].json.serial_no).toBeUndefined();
	});

	it('reports a missing job with the API message and code', async () => {
		const result = await run({ operation: 'get', jobId: byId('no-such-job') });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.message).toBe('Planado: Not found');
	});
});

describe('Create', () => {
	it('creates a job with every kind of field and returns it as Get does: POST then GET', async () => {
		const worker = sim.users[1];
		const client = sim.clients.find((c) => sim.sites.some((s) => s.client_uuid === c.uuid));
		const site = sim.sites.find((s) => s.client_uuid === client?.uuid);
		const template = sim.templates[0];
		const result = await run({
			operation: 'create',
			additionalFields: {
				template: template.name,
				externalId: 'n8n-create-1',
				externalOrderId: 'deal-77',
				description: 'Replace the router',
				scheduledAt: '2026-03-02T09:00:00Z',
				scheduledDuration: 45,
				assigneeWorkerUuid: worker.uuid,
				clientUuid: client?.uuid,
				siteUuid: site?.uuid,
				address: '5 Harbor Drive, Boston, MA',
				contacts: { contact: [{ name: 'Ann', value: '+1 555 0100', type: 'phone' }] },
				customFields: { field: [{ field: 'Floor', value: '3' }] },
				skills: sim.skills[0].name,
				territory: sim.territories[0].uuid,
			},
			options: { notifyAssignees: false },
		});
		expect(result.status).toBe('success');
		const write = sim.writes[sim.writes.length - 1];
		expect(write).toMatchObject({ method: 'POST', notifyAssignees: false, notifyHeader: 'false' });
		const stored = sim.getJob(write.job_uuid);
		expect(result.items[0].json).toMatchObject({
			uuid: write.job_uuid,
			external_id: 'n8n-create-1',
			external_order_id: 'deal-77',
			description: 'Replace the router',
			// Posted with a time and an assignee: Planado schedules it.
			status: 'scheduled',
			scheduled_duration: { minutes: 45 },
			assignee: { worker: { uuid: worker.uuid, email: worker.email } },
			template: { uuid: template.uuid, name: template.name },
			site: { uuid: site?.uuid },
			skills: [{ uuid: sim.skills[0].uuid, name: sim.skills[0].name }],
			territory: { uuid: sim.territories[0].uuid },
			contacts: [{ name: 'Ann', value: '+1 555 0100', type: 'phone' }],
			custom_fields: [{ name: 'Floor', value: '3' }],
			version: stored?.version,
		});
		expect(stored?.scheduled_at).toBe('2026-03-02T09:00:00');
		expect(jobRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/jobs', `GET /v2/jobs/${write.job_uuid}`]);
		expect(jobRequests()[0].body).toMatchObject({ assignee: { worker: { uuid: worker.uuid } }, template: { name: template.name } });
	});

	it('creates an empty (posted) job, notifying assignees by default', async () => {
		const result = await run({ operation: 'create' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'posted', assignee: null, scheduled_at: null });
		expect(jobRequests()[0].body).toEqual({ description: null });
		expect(jobRequests()[0].headers['x-planado-notify-assignees']).toBeUndefined();
	});

	it('refuses a worker and a team at once before any request', async () => {
		const result = await run({
			operation: 'create',
			additionalFields: { assigneeWorkerUuid: sim.users[0].uuid, assigneeTeamUuid: sim.teams[0].uuid },
		});
		expect(result.error?.message).toContain("'Assignee Worker UUID' and 'Assignee Team' are both set");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Update', () => {
	it('patches the fields and returns the job after the update: PATCH then GET', async () => {
		const job = firstWith((j) => j.status === 'posted');
		const result = await run({ operation: 'update', jobId: byId(job.uuid), updateFields: { description: 'Bring a ladder' } });
		expect(result.items[0].json).toMatchObject({ uuid: job.uuid, description: 'Bring a ladder', version: job.version + 1 });
		expect(jobRequests().map((r) => r.method)).toEqual(['PATCH', 'GET']);
		expect(jobRequests()[0].body).toEqual({ description: 'Bring a ladder' });
	});

	it('with Expected Version: succeeds on the current version, reports a conflict on a stale one', async () => {
		const job = firstWith((j) => j.status === 'posted' && j.uuid !== sim.listJobs()[0].uuid);
		const ok = await run({ operation: 'update', jobId: byId(job.uuid), updateFields: { description: 'v-check' }, options: { version: job.version } });
		expect(ok.items[0].json).toMatchObject({ description: 'v-check', version: job.version + 1 });
		const readVersion = Number(ok.items[0].json.version);
		// Someone changes the job in the app after our read.
		const inApp = sim.putJob({ ...(sim.getJob(job.uuid) as PlanadoJob), description: 'changed in the app', version: readVersion + 1 });
		sim.server.clearLog();
		const stale = await run({ operation: 'update', jobId: byId(job.uuid), updateFields: { description: 'overwrite?' }, options: { version: readVersion } });
		expect(stale.error).toMatchObject({ name: 'NodeApiError', httpCode: '409' });
		expect(stale.error?.message).toContain('Planado:');
		expect(stale.error?.description).toContain('Get the job again');
		expect(sim.getJob(job.uuid)).toMatchObject({ description: inApp.description, version: inApp.version });
		// The write is not repeated.
		expect(jobRequests().map((r) => r.method)).toEqual(['PATCH']);
		expect(jobRequests()[0].body).toEqual({ description: 'overwrite?', version: readVersion });
	});

	it('passes on the refusal to change the assignee of a started job', async () => {
		const job = firstWith((j) => j.status === 'started');
		const result = await run({ operation: 'update', jobId: byId(job.uuid), updateFields: { assigneeTeamUuid: sim.teams[0].uuid } });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(result.error?.message).toContain('cannot be updated in a started job');
	});

	it('refuses empty Update Fields before any request', async () => {
		const result = await run({ operation: 'update', jobId: byId(sim.listJobs()[0].uuid), updateFields: {} });
		expect(result.error?.message).toContain("'Update Fields' is empty");
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Change Status', () => {
	it('schedules a posted job by setting its time and assignee: GET, PATCH, GET', async () => {
		const job = firstWith((j) => j.status === 'posted');
		const team = sim.teams[1];
		const result = await run({
			operation: 'changeStatus',
			jobId: byId(job.uuid),
			status: 'scheduled',
			scheduledAt: '2026-03-05T10:30:00Z',
			assigneeType: 'team',
			assigneeUuid: team.uuid,
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ uuid: job.uuid, status: 'scheduled', assignee: { team: { uuid: team.uuid } } });
		expect(sim.getJob(job.uuid)).toMatchObject({ status: 'scheduled', scheduled_at: '2026-03-05T10:30:00', assignee: { team_uuid: team.uuid } });
		expect(jobRequests().map((r) => r.method)).toEqual(['GET', 'PATCH', 'GET']);
		expect(jobRequests()[1].body).toEqual({ scheduled_at: '2026-03-05T10:30:00Z', assignee: { team: { uuid: team.uuid } } });
	});

	it('unschedules a scheduled job by clearing its time and assignee', async () => {
		const job = firstWith((j) => j.status === 'scheduled');
		const result = await run({ operation: 'changeStatus', jobId: byId(job.uuid), status: 'posted' });
		expect(result.items[0].json).toMatchObject({ status: 'posted', scheduled_at: null, assignee: null });
		expect(jobRequests()[1].body).toEqual({ scheduled_at: null, assignee: null });
	});

	it('refuses a job the mobile app has moved on, after one read and without a write', async () => {
		const job = firstWith((j) => j.status === 'en_route');
		const result = await run({
			operation: 'changeStatus',
			jobId: byId(job.uuid),
			status: 'scheduled',
			scheduledAt: '2026-03-05T10:30:00Z',
			assigneeUuid: sim.users[0].uuid,
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toContain("The job is 'En Route'");
		expect(result.error?.description).toContain("mobile app");
		expect(jobRequests().map((r) => r.method)).toEqual(['GET']);
	});
});

describe('Errors and secrets', () => {
	it('retries a plain-text 429 and gives up with the provider text once the budget is spent', async () => {
		const job = sim.listJobs()[0];
		sim.server.injectFault({ path: `/v2/jobs/${job.uuid}` }, { status: 429, body: PLANADO_RATE_LIMIT_TEXT, headers: { 'Retry-After': '0' } }, 1);
		const retried = await run({ operation: 'get', jobId: byId(job.uuid) });
		expect(retried.items[0].json.uuid).toBe(job.uuid);
		expect(jobRequests()).toHaveLength(2);
		sim.server.clearLog();
		sim.server.injectFault({ path: `/v2/jobs/${job.uuid}` }, { status: 429, body: PLANADO_RATE_LIMIT_TEXT, headers: { 'Retry-After': '0' } }, 10);
		const failed = await run({ operation: 'get', jobId: byId(job.uuid) });
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '429', message: `Planado: ${PLANADO_RATE_LIMIT_TEXT}` });
		expect(failed.error?.description).toContain('90 calls a minute');
		expect(jobRequests()).toHaveLength(5);
	});

	it('never shows the API key: a wrong key fails with 401, continue-on-fail items carry only the message', async () => {
		const wrong = makeHarness(sim, SECRET);
		const failed = await run({ operation: 'getAll', limit: 3 }, undefined, false, wrong);
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(failed.error?.description).toContain('Check the API key');
		expect(JSON.stringify([failed.error?.message, failed.error?.description, failed.runData])).not.toContain(SECRET);
		expect(listRequests()[0].headers.authorization).toBe(`Bearer ${SECRET}`);
		const continued = await run({ operation: 'getAll', limit: 3 }, [{ json: {} }, { json: {} }], true, wrong);
		expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(JSON.stringify(continued.runData)).not.toContain(SECRET);
		const ok = await run({ operation: 'getAll', limit: 3 });
		expect(JSON.stringify(ok.runData)).not.toContain(PLANADO_DEFAULT_API_KEY);
	});

	it('the credential test is one authenticated GET /jobs', async () => {
		expect(await harness.testCredential('planadoApi')).toMatchObject({ status: 'OK' });
		expect(listRequests()).toHaveLength(1);
		const bad = await makeHarness(sim, SECRET).testCredential('planadoApi');
		expect(bad).toMatchObject({ status: 'Error' });
		expect(bad.message).toContain('Missing or invalid API key (Planado answered 401)');
	});
});

describe('Job picker', () => {
	it('lists the newest jobs and pages on with the last uuid', async () => {
		const all = sim.listJobs();
		const first = await harness.listSearch({ type: TYPE, method: 'searchJobs' });
		expect(first.results.map((r) => r.value)).toEqual(all.slice(0, PLANADO_JOBS_PAGE_SIZE).map((job) => job.uuid));
		expect(first.paginationToken).toBe(all[PLANADO_JOBS_PAGE_SIZE - 1].uuid);
		const second = await harness.listSearch({ type: TYPE, method: 'searchJobs', paginationToken: first.paginationToken });
		expect(second.results[0].value).toBe(all[PLANADO_JOBS_PAGE_SIZE].uuid);
	});

	it('finds a job by its number on a later page', async () => {
		const target = sim.listJobs()[300];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: String(target.serial_no) });
		expect(found.results.map((r) => r.value)).toContain(target.uuid);
		expect(listRequests().length).toBe(Math.floor(300 / PLANADO_JOBS_PAGE_SIZE) + 1);
	});
});

describe('Pacing under the 90-a-minute limit (window scaled 10x down: 90 calls per 6 s)', () => {
	let limited: PlanadoSimulator;
	let h: Harness;
	const scaled = { calls: 90, windowMs: 6_000 };

	beforeAll(async () => {
		limited = new PlanadoSimulator({ jobCount: 537, rateLimit: { limit: scaled.calls, windowMs: scaled.windowMs } });
		await limited.start();
		h = makeHarness(limited);
	});
	afterAll(async () => {
		planadoApi.pacing!.limit = { calls: 90, windowMs: 600 };
		await limited.stop();
	});
	beforeEach(() => {
		planadoApi.pacing!.limit = scaled;
		limited.server.clearLog();
		limited.resetRateLimit();
	});

	it('537 jobs: 12 requests inside the burst, no wait and no 429', async () => {
		const started = Date.now();
		const result = await run({ operation: 'getAll', returnAll: true }, undefined, false, h);
		const elapsed = Date.now() - started;
		expect(result.items).toHaveLength(537);
		expect(limited.requests).toHaveLength(12);
		expect(minimumPacedMs(12, scaled)).toBe(0);
		expect(elapsed).toBeLessThan(2_000);
	});

	it('9 items × 537 jobs: 108 requests, paced past the burst, none refused', async () => {
		const requests = 9 * 12;
		const started = Date.now();
		const result = await run({ operation: 'getAll', returnAll: true }, Array.from({ length: 9 }, () => ({ json: {} })), false, h);
		const elapsed = Date.now() - started;
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(9 * 537);
		// Every request answered at once: a 429 would have been retried and shown up here.
		expect(limited.requests).toHaveLength(requests);
		const floor = minimumPacedMs(requests, scaled);
		expect(floor).toBeCloseTo(27 * 70);
		expect(elapsed).toBeGreaterThanOrEqual(floor - 5);
		// Real-world figure: the same run under 90 a minute takes at least this long.
		expect(minimumPacedMs(requests, REAL_LIMIT)).toBeCloseTo(27 * 700);
	});
});

describe('Trigger: what a poll costs', () => {
	const TRIGGER = 'n8n-nodes-field-service.planadoTrigger';
	const triggerHarness = () =>
		new Harness({
			nodeTypes: { [TRIGGER]: new PlanadoTrigger() },
			credentialTypes: [new PlanadoApi()],
			credentials: [{ type: 'planadoApi', data: { apiKey: PLANADO_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
		});

	it('jobCreated asks for jobs changed since the cursor and stops at the first page that reaches older jobs', async () => {
		const t = triggerHarness().pollTrigger({ type: TRIGGER, parameters: { event: 'jobCreated' } });
		expect(await t.poll()).toBeNull();
		const cursor = Number(t.staticData().cursor);
		sim.server.clearLog();
		expect(await t.poll()).toBeNull();
		// Idle: one request, whole seconds, one second before the cursor (updated_at[after] is strict).
		expect(listRequests()).toHaveLength(1);
		expect(listRequests()[0].queryPairs).toEqual([['updated_at[after]', new Date(Math.floor(cursor / 1000) * 1000 - 1000).toISOString().replace('.000Z', 'Z')]]);
		// A busy minute: 120 old jobs changed in the app, and one new job.
		const at = cursor + 5_000;
		for (const job of sim.listJobs().slice(0, 120)) sim.putJob({ ...job, description: 'edited in the app', version: job.version + 1, updated_at: planadoTimestamp(at) });
		const template = sim.listJobs()[0];
		const fresh = { ...template, uuid: '00000000-0000-4000-8000-000000777777', serial_no: 777_777, external_id: null, created_at: planadoTimestamp(at), updated_at: planadoTimestamp(at) };
		sim.putJob(fresh);
		sim.server.clearLog();
		const output = await t.poll();
		expect(output?.[0].map((item) => item.json.uuid)).toEqual([fresh.uuid]);
		// The new job heads the list; the first page already ends with older jobs: no second page.
		expect(listRequests()).toHaveLength(1);
		// jobUpdated reads all 121 changed jobs: 3 pages and the empty one.
		const u = triggerHarness().pollTrigger({ type: TRIGGER, parameters: { event: 'jobUpdated' }, staticData: { 'node:Planado Trigger': { event: 'jobUpdated', cursor: at - 1000, doneAtCursor: [], statuses: {} } } });
		sim.server.clearLog();
		// A saved state goes on when n8n starts ('init'); a user's activation would start from then.
		expect((await u.poll('trigger', 'init'))?.[0]).toHaveLength(121);
		expect(listRequests()).toHaveLength(Math.ceil(121 / PLANADO_JOBS_PAGE_SIZE) + 1);
	});
});

describe('record pickers (reference lists paged by 5)', () => {
	let small: PlanadoSimulator;
	let h: Harness;
	const list = async (method: string, args: { filter?: string; paginationToken?: string; parameters?: INodeParameters } = {}) =>
		await h.listSearch({ type: TYPE, method, ...args });
	const clientName = (c: (typeof small.clients)[number]) => c.organization_name ?? c.name;

	beforeAll(async () => {
		small = new PlanadoSimulator({ jobCount: 20, referencePageSize: 5 });
		await small.start();
		h = makeHarness(small);
	});
	afterAll(async () => {
		await small.stop();
	});
	beforeEach(() => {
		small.server.clearLog();
		small.server.clearFaults();
		planadoApi.pacing!.reset();
	});

	it('clients: first page with names, next page after the last uuid, search across pages, empty, API error', async () => {
		const first = await list('searchClients');
		expect(first.results.map((r) => r.value)).toEqual(small.clients.slice(0, 5).map((c) => c.uuid));
		expect(first.results[0].name.startsWith(clientName(small.clients[0]))).toBe(true);
		expect(first.paginationToken).toBe(small.clients[4].uuid);
		const second = await list('searchClients', { paginationToken: first.paginationToken });
		expect(second.results.map((r) => r.value)).toEqual(small.clients.slice(5, 10).map((c) => c.uuid));
		expect(small.requests[1].query).toEqual({ after: small.clients[4].uuid });
		const target = small.clients[13];
		small.server.clearLog();
		const found = await list('searchClients', { filter: clientName(target).toUpperCase() });
		expect(found.results.map((r) => r.value)).toContain(target.uuid);
		expect(small.requests).toHaveLength(3);
		const none = await list('searchClients', { filter: 'no such client anywhere' });
		expect(none.results).toEqual([]);
		small.server.injectFault({ method: 'GET', path: '/v2/clients' }, { status: 500, body: { error: 'internal', message: 'Something broke' } }, 10);
		await expect(list('searchClients')).rejects.toThrow(/Something broke|500/);
	});

	it("sites: all of them, or only the chosen client's (as a locator or an older plain UUID), read on across pages", async () => {
		const all = await list('searchSites');
		expect(all.results.map((r) => r.value)).toEqual(small.sites.slice(0, 5).map((s) => s.uuid));
		const client = small.clients.find((c) => small.sites.filter((s) => s.client_uuid === c.uuid).length > 0 && small.sites.findIndex((s) => s.client_uuid === c.uuid) >= 5);
		if (!client) throw new Error('test data has no client whose sites start after the first page');
		const theirs = small.sites.filter((s) => s.client_uuid === client.uuid).map((s) => s.uuid);
		for (const clientUuid of [{ __rl: true, mode: 'list', value: client.uuid }, client.uuid]) {
			for (const parameters of [{ operation: 'create', additionalFields: { clientUuid } }, { operation: 'getAll', filters: { clientUuid } }]) {
				const narrowed = await list('searchSites', { parameters });
				expect(narrowed.results.length).toBeGreaterThan(0);
				expect(narrowed.results.every((r) => theirs.includes(String(r.value)))).toBe(true);
			}
		}
		const none = await list('searchSites', { filter: 'no such site anywhere' });
		expect(none.results).toEqual([]);
	});

	it('resolutions for the resolution filters: every page, with whether they are successful', async () => {
		const options = await h.loadOptions({ type: TYPE, method: 'getResolutions' });
		expect(options.map((o) => o.value)).toEqual(small.resolutions.map((r) => r.uuid));
		expect(options.map((o) => o.description)).toEqual(small.resolutions.map((r) => (r.successful ? 'Successful' : 'Unsuccessful')));
		// Pages of 5 until the documented empty page ends the list.
		expect(small.requests.length).toBe(Math.ceil(small.resolutions.length / 5) + 1);
		small.server.clearLog();
		const listed = await run({ operation: 'getAll', limit: 1, filters: { resolutionFinished: [small.resolutions[0].uuid] } }, undefined, false, h);
		expect(listed.status).toBe('success');
		expect(small.requests[0].query).toMatchObject({ resolution: { finished: [small.resolutions[0].uuid] } });
	});

	it('teams with their territory, and templates by name', async () => {
		const teams = await list('searchTeams');
		const team = small.teams[0];
		expect(teams.results[0]).toEqual({ name: team.territory ? `${team.name} (${team.territory.name})` : team.name, value: team.uuid, url: undefined });
		const template = small.templates[3];
		const templates = await list('searchTemplates', { filter: template.name });
		expect(templates.results.map((r) => r.value)).toContain(template.uuid);
	});

	it('job types by code: first page, next page after the last uuid, search across pages, empty, API error', async () => {
		const first = await list('searchJobTypes');
		expect(first.results).toEqual(small.jobTypes.slice(0, 5).map((t) => ({ name: t.code, value: t.uuid, url: undefined })));
		expect(first.paginationToken).toBe(small.jobTypes[4].uuid);
		const second = await list('searchJobTypes', { paginationToken: first.paginationToken });
		expect(second.results.map((r) => r.value)).toEqual(small.jobTypes.slice(5, 10).map((t) => t.uuid));
		const last = small.jobTypes[small.jobTypes.length - 1];
		small.server.clearLog();
		const found = await list('searchJobTypes', { filter: last.code.toUpperCase() });
		expect(found.results.map((r) => r.value)).toContain(last.uuid);
		expect(small.requests.length).toBeGreaterThan(1);
		expect((await list('searchJobTypes', { filter: 'no such job type' })).results).toEqual([]);
		small.server.injectFault({ method: 'GET', path: '/v2/job_types' }, { status: 500, body: { error: 'internal', message: 'Something broke' } }, 10);
		await expect(list('searchJobTypes')).rejects.toThrow(/Something broke|500/);
	});

	it('territories by name: first page, next page, search, empty, API error', async () => {
		const first = await list('searchTerritories');
		expect(first.results).toEqual(small.territories.slice(0, 5).map((t) => ({ name: t.name, value: t.uuid, url: undefined })));
		const next = await list('searchTerritories', { paginationToken: first.paginationToken });
		expect(next.results).toEqual([]);
		expect(next.paginationToken).toBeUndefined();
		const target = small.territories[1];
		expect((await list('searchTerritories', { filter: target.name.toLowerCase() })).results.map((r) => r.value)).toEqual([target.uuid]);
		expect((await list('searchTerritories', { filter: 'no such territory' })).results).toEqual([]);
		small.server.injectFault({ method: 'GET', path: '/v2/territories' }, { status: 500, body: { error: 'internal', message: 'Something broke' } }, 10);
		await expect(list('searchTerritories')).rejects.toThrow(/Something broke|500/);
	});

	it('skills: every page, by name; an empty list; an API error', async () => {
		const options = await h.loadOptions({ type: TYPE, method: 'getSkills' });
		expect(options.map((o) => o.value).sort()).toEqual(small.skills.map((s) => s.uuid).sort());
		expect(options.map((o) => o.name)).toEqual(small.skills.map((s) => s.name).sort((a, b) => a.localeCompare(b)));
		expect(small.requests.length).toBe(Math.ceil(small.skills.length / 5) + 1);
		const empty = new PlanadoSimulator({ jobCount: 0, referencePageSize: 5 });
		empty.skills.splice(0);
		await empty.start();
		try {
			expect(await makeHarness(empty).loadOptions({ type: TYPE, method: 'getSkills' })).toEqual([]);
		} finally {
			await empty.stop();
		}
		small.server.injectFault({ method: 'GET', path: '/v2/skills' }, { status: 500, body: { error: 'internal', message: 'Something broke' } }, 10);
		await expect(h.loadOptions({ type: TYPE, method: 'getSkills' })).rejects.toThrow(/Something broke|500/);
	});

	it('Create sends a picked job type, territory and skills, and the names older workflows saved', async () => {
		const [type, territory, skills] = [small.jobTypes[1], small.territories[0], small.skills.slice(0, 2)];
		small.server.clearLog();
		const picked = await run(
			{ operation: 'create', additionalFields: { jobType: { __rl: true, mode: 'list', value: type.uuid }, territory: { __rl: true, mode: 'list', value: territory.uuid }, skills: skills.map((s) => s.uuid) } },
			undefined,
			false,
			h,
		);
		expect(picked.status).toBe('success');
		expect(small.requests[0].body).toMatchObject({ job_type: { uuid: type.uuid }, territory: { uuid: territory.uuid }, skills: skills.map((s) => ({ uuid: s.uuid })) });
		small.server.clearLog();
		const named = await run({ operation: 'create', additionalFields: { jobType: type.code, territory: territory.name, skills: skills.map((s) => s.name).join(', ') } }, undefined, false, h);
		expect(named.status).toBe('success');
		expect(small.requests[0].body).toMatchObject({ job_type: { code: type.code }, territory: { name: territory.name }, skills: skills.map((s) => ({ name: s.name })) });
	});

	it('Create and Get Many send a picked record and the plain UUIDs that older workflows saved', async () => {
		const client = small.clients[0];
		const site = small.sites.find((s) => s.client_uuid === client.uuid) ?? small.sites[0];
		const template = small.templates[0];
		for (const pick of [(v: string) => ({ __rl: true, mode: 'list', value: v }), (v: string) => v]) {
			small.server.clearLog();
			const created = await run(
				{ operation: 'create', additionalFields: { clientUuid: pick(client.uuid), siteUuid: pick(site.uuid), template: pick(template.uuid), assigneeTeamUuid: pick(small.teams[0].uuid) } },
				undefined,
				false,
				h,
			);
			expect(created.status).toBe('success');
			expect(small.requests[0].body).toMatchObject({ client: { uuid: client.uuid }, site: { uuid: site.uuid }, template: { uuid: template.uuid }, assignee: { team: { uuid: small.teams[0].uuid } } });
			small.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 1, filters: { clientUuid: pick(client.uuid), siteUuid: pick(site.uuid) } }, undefined, false, h);
			expect(listed.status).toBe('success');
			expect(small.requests[0].query).toMatchObject({ client: { uuid: client.uuid }, site_uuid: site.uuid });
		}
	});
});
