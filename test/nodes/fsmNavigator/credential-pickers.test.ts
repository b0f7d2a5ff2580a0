/** FSM Navigator node: credentials and errors; job picker; technician picker; asset picker. Setup and helpers: ./context.ts. */
import { FsmNavigatorApi } from '../../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigator } from '../../../nodes/FsmNavigator/FsmNavigator.node';
import { Harness } from '../../harness/engine';
import { FsmNavigatorSimulator } from '../../../tooling/simulators/fsmNavigator';
import { TYPE, sim, harness, makeHarness, run, jobRequests } from './context';


/** A harness on a simulator whose API key has only the jobs scopes. */
async function withJobsOnlyKey(use: (h: Harness) => Promise<void>): Promise<void> {
	const noScope = new FsmNavigatorSimulator({ jobCount: 5, apiKeys: { fsm_jobs_only: ['jobs:read', 'jobs:write'] } });
	await noScope.start();
	try {
		await use(
			new Harness({
				nodeTypes: { [TYPE]: new FsmNavigator() },
				credentialTypes: [new FsmNavigatorApi()],
				credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: 'fsm_jobs_only', baseUrl: `${noScope.baseUrl}/` } }],
			}),
		);
	} finally {
		await noScope.stop();
	}
}
describe('credentials and errors', () => {
	it('reports a wrong key as 401 with the API message, and never shows the key', async () => {
		const secret = 'fsm_live_secret_never_shown_123';
		const wrong = makeHarness(secret);
		const result = await wrong.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toContain('Invalid or missing API key');
		expect(sim.requests[0].headers['x-api-key']).toBe(secret);
		expect(JSON.stringify(result.run)).not.toContain(secret);
		expect(JSON.stringify(result.error?.raw ?? null)).not.toContain(secret);
	});

	it('has a working credential test', async () => {
		expect(await harness.testCredential('fsmNavigatorApi')).toMatchObject({ status: 'OK' });
		expect(sim.requests[0].query).toEqual({ per_page: '1' });
		const bad = await makeHarness('nope').testCredential('fsmNavigatorApi');
		expect(bad.status).toBe('Error');
		// FSM Navigator's own words for a 401, not only n8n's "Unauthorized".
		expect(bad.message).toContain('Invalid or missing API key');
	});

	it('continues on fail item by item, keeping pairedItem', async () => {
		const [a, b] = sim.jobs.ascending();
		const input = [
			{ json: { id: a.job_id } },
			{ json: { id: 424242 } },
			{ json: { id: 'not-a-number' } },
			{ json: { id: b.job_id } },
		];
		const result = await run({ operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, input, true);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.job_id).toBe(a.job_id);
		expect(String(result.items[1].json.error)).toContain('Job not found');
		expect(String(result.items[2].json.error)).toContain("'Job'");
		expect(result.items[3].json.job_id).toBe(b.job_id);
		// The invalid item was refused without a request.
		expect(sim.requests).toHaveLength(3);
	});
});

describe('job picker', () => {
	it('lists the newest jobs first (the list from its last page back), labelled with number, status and title', async () => {
		const newest = [...sim.jobs.ascending()].reverse();
		const pages = Math.ceil(sim.jobs.size / 100);
		sim.server.clearLog();
		const first = await harness.listSearch({ type: TYPE, method: 'searchJobs' });
		expect(first.results.length).toBeGreaterThanOrEqual(50);
		expect(first.results.map((r) => r.value)).toEqual(newest.slice(0, first.results.length).map((job) => String(job.job_id)));
		expect(first.results[0].name).toBe(`#${newest[0].job_id} (${newest[0].job_status}) ${newest[0].job_title}`);
		// A one-job page for the count, then the last page(s).
		expect(sim.requests.map((r) => `${String(r.query.page)}/${String(r.query.per_page)}`).slice(0, 2)).toEqual(['1/1', `${pages}/100`]);
		const second = await harness.listSearch({ type: TYPE, method: 'searchJobs', paginationToken: first.paginationToken });
		expect(second.results[0].value).toBe(String(newest[first.results.length].job_id));
	});

	it('filters by text', async () => {
		const job = sim.jobs.ascending()[sim.jobs.size - 4];
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: job.job_title.slice(0, 12) });
		expect(found.results.map((r) => r.value)).toContain(String(job.job_id));
		expect(found.results.every((r) => String(r.name).toLowerCase().includes(job.job_title.slice(0, 12).toLowerCase()))).toBe(true);
	});

	it('reads on to older pages when a search finds nothing on the first', async () => {
		const oldest = sim.jobs.ascending()[0];
		sim.putJob({ ...oldest, job_title: 'Zebra crossing lamp swap' });
		sim.server.clearLog();
		const found = await harness.listSearch({ type: TYPE, method: 'searchJobs', filter: 'zebra crossing' });
		expect(found.results).toEqual([{ name: `#${oldest.job_id} (${oldest.job_status}) Zebra crossing lamp swap`, value: String(oldest.job_id) }]);
		const pages = Math.ceil(sim.jobs.size / 100);
		expect(sim.requests.map((r) => r.query.page)).toEqual(['1', ...Array.from({ length: pages }, (_, i) => String(pages - i))]);
		expect(found.paginationToken).toBeUndefined();
	});
});

describe('technician picker', () => {
	it('first page by name with status, next page, search here, empty, and the scope refusal', async () => {
		const added: number[] = [];
		for (let i = 0; i < 100; i++) {
			const id = 9000 + i;
			added.push(id);
			sim.technicians.set(id, { technician_id: id, technician_name: `Extra Tech${i}` });
		}
		try {
			const all = [...sim.technicians.values()].sort((a, b) => a.technician_id - b.technician_id);
			const first = await harness.listSearch({ type: TYPE, method: 'searchTechnicians' });
			expect(first.results.map((r) => r.value)).toEqual(all.slice(0, 100).map((t) => String(t.technician_id)));
			expect(first.results[0].name).toBe(`${all[0].technician_name} (Active, Available)`);
			expect(first.paginationToken).toBe('2');
			expect(sim.requests[0].query).toEqual({ page: '1', per_page: '100' });
			const second = await harness.listSearch({ type: TYPE, method: 'searchTechnicians', paginationToken: '2' });
			expect(second.results.map((r) => r.value)).toEqual(all.slice(100).map((t) => String(t.technician_id)));
			expect(second.paginationToken).toBeUndefined();
			const found = await harness.listSearch({ type: TYPE, method: 'searchTechnicians', filter: 'tech97' });
			expect(found.results.map((r) => r.value)).toEqual(['9097']);
			expect((await harness.listSearch({ type: TYPE, method: 'searchTechnicians', filter: 'nobody by that name' })).results).toEqual([]);
		} finally {
			for (const id of added) sim.technicians.delete(id);
		}
		await withJobsOnlyKey(async (h) => {
			await expect(h.listSearch({ type: TYPE, method: 'searchTechnicians' })).rejects.toThrow(/technicians:read/);
		});
	});

	it('Create, Update and the filter take a picked technician and the plain ID of an older workflow', async () => {
		const technician = [...sim.technicians.values()][2];
		const location = sim.jobs.ascending()[0].customer_location_id;
		for (const pick of [{ __rl: true, mode: 'list', value: String(technician.technician_id) }, String(technician.technician_id)]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', jobTitle: 'Picked', customerLocationId: String(location), additionalFields: { assignedTechnicianId: pick } });
			expect(created.status).toBe('success');
			expect(jobRequests().find((r) => r.method === 'POST')?.body).toMatchObject({ assigned_technician_id: technician.technician_id, customer_location_id: location });
			sim.server.clearLog();
			const listed = await run({ operation: 'getAll', limit: 1, filters: { assignedTechnicianId: pick } });
			expect(listed.status).toBe('success');
			expect(jobRequests()[0].query).toMatchObject({ assigned_technician_id: String(technician.technician_id) });
		}
	});
});

describe('asset picker', () => {
	const live = () => [...sim.assets.values()].filter((a) => !a.deleted);
	const assetRequests = () => sim.requests.filter((r) => r.path === '/api/v1/assets');

	it('every page of assets by name, tag and status; the Customer Location narrows it; empty; API error; scope refusal', async () => {
		const all = await harness.loadOptions({ type: TYPE, method: 'getAssets' });
		expect(all.map((o) => o.value).sort()).toEqual(live().map((a) => String(a.asset_id)).sort());
		const asset = live()[0];
		expect(all.find((o) => o.value === String(asset.asset_id))?.name).toBe(`${asset.asset_name} (${asset.asset_tag}, ${asset.asset_status})`);
		// A page of 100, then the rest: total_pages ends the list.
		expect(assetRequests().map((r) => r.query)).toEqual(
			Array.from({ length: Math.ceil(live().length / 100) }, (_, i) => ({ page: String(i + 1), per_page: '100' })),
		);
		const location = asset.customer_location_id;
		for (const parameters of [{ operation: 'create', customerLocationId: String(location) }, { operation: 'update', updateFields: { customerLocationId: String(location) } }]) {
			sim.server.clearLog();
			const here = await harness.loadOptions({ type: TYPE, method: 'getAssets', parameters });
			expect(here.map((o) => o.value).sort()).toEqual(live().filter((a) => a.customer_location_id === location).map((a) => String(a.asset_id)).sort());
			expect(assetRequests()[0].query).toMatchObject({ location_id: String(location) });
		}
		expect(await harness.loadOptions({ type: TYPE, method: 'getAssets', parameters: { operation: 'create', customerLocationId: '999999' } })).toEqual([]);
		sim.server.injectFault({ method: 'GET', path: '/api/v1/assets' }, { status: 500, body: { success: false, error: 'server_error', message: 'Something broke' } }, 10);
		await expect(harness.loadOptions({ type: TYPE, method: 'getAssets' })).rejects.toThrow(/Something broke|500/);
		sim.server.clearFaults();
		await withJobsOnlyKey(async (h) => {
			await expect(h.loadOptions({ type: TYPE, method: 'getAssets' })).rejects.toThrow(/assets:read/);
		});
	});

	it('Create sends picked assets (an array) and the comma-separated IDs of an older workflow', async () => {
		const [a, b] = live().slice(0, 2);
		for (const assetIds of [[String(a.asset_id), String(b.asset_id)], `${a.asset_id}, ${b.asset_id}`]) {
			sim.server.clearLog();
			const created = await run({ operation: 'create', jobTitle: 'With assets', customerLocationId: String(a.customer_location_id), additionalFields: { assetIds } });
			expect(created.status).toBe('success');
			expect(jobRequests().find((r) => r.method === 'POST')?.body).toMatchObject({ asset_ids: [a.asset_id, b.asset_id] });
		}
	});
});
