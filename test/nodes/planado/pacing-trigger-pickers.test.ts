/** Planado node: Pacing under the 90-a-minute limit (window scaled 10x down: 90 calls per 6 s); Trigger: what a poll costs; record pickers (reference lists paged by 5). Setup and helpers: ./context.ts. */
import type { INodeParameters } from 'n8n-workflow';
import { PlanadoApi } from '../../../credentials/PlanadoApi.credentials';
import { Planado } from '../../../nodes/Planado/Planado.node';
import { PlanadoTrigger } from '../../../nodes/Planado/PlanadoTrigger.node';
import { minimumPacedMs } from '../../../nodes/shared/pacing';
import { planadoApi } from '../../../nodes/Planado/provider';
import { Harness } from '../../harness/engine';
import { PLANADO_DEFAULT_API_KEY, PLANADO_JOBS_PAGE_SIZE, PlanadoSimulator, planadoTimestamp } from '../../../tooling/simulators/planado';
import { TYPE, REAL_LIMIT, sim, harness, makeHarness, run, listRequests } from './context';

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
