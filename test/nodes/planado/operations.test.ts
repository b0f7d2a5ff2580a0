/** Planado node: Get Many; Get; Create; Update; Change Status; Errors and secrets; Job picker. Setup and helpers: ./context.ts. */
import type { INodeParameters } from 'n8n-workflow';
import { Planado } from '../../../nodes/Planado/Planado.node';
import { planadoApi } from '../../../nodes/Planado/provider';
import {
	PLANADO_DEFAULT_API_KEY,
	PLANADO_JOBS_PAGE_SIZE,
	PLANADO_RATE_LIMIT_TEXT,
	parsePlanadoDateTime,
	type PlanadoJob,
} from '../../../tooling/simulators/planado';
import { TYPE, SECRET, sim, harness, makeHarness, run, byId, jobRequests, listRequests, uuids, firstWith } from './context';

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
