/**
 * Get Many reading pages in parallel (FSM Navigator: `total_pages` in the first page), through
 * n8n's engine against the simulator: order kept when pages arrive out of order, starts spaced out,
 * a 429 slowing the rest of the read to one request at a time, jobs inserted during the read, and a
 * limit that ends inside a batch.
 */
import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigator } from '../../nodes/FsmNavigator/FsmNavigator.node';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';
import { Harness } from '../harness/engine';

const TYPE = 'n8n-nodes-field-service.fsmNavigator';
let sim: FsmNavigatorSimulator;
let harness: Harness;

beforeAll(async () => {
	sim = new FsmNavigatorSimulator({ jobCount: 537 });
	await sim.start();
	harness = new Harness({
		nodeTypes: { [TYPE]: new FsmNavigator() },
		credentialTypes: [new FsmNavigatorApi()],
		credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
	});
});

afterAll(async () => await sim.stop());

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.server.onRequest = undefined;
	sim.server.latency = undefined;
});

const getAll = async (extra: Record<string, unknown> = {}) =>
	await harness.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', returnAll: true, ...extra } });
const pagesRequested = () => sim.requests.filter((r) => r.path === '/api/v1/jobs').map((r) => Number(r.query.page));
const allIds = () => sim.jobs.ascending().map((job) => job.job_id);

it('keeps the API order when later pages answer first', async () => {
	// Page 2 is the slowest, page 6 the fastest.
	sim.server.latency = (req) => (req.query.page === '1' ? 0 : 400 - Number(req.query.page) * 60);
	const result = await getAll();
	expect(result.error?.message).toBeUndefined();
	expect(result.items.map((item) => item.json.job_id)).toEqual(allIds());
	expect(pagesRequested()).toEqual([1, 2, 3, 4, 5, 6]);
	// Four in flight at once (the default), not one after another.
	expect(Math.max(...sim.requests.map((r) => r.inFlight ?? 0))).toBe(4);
});

it('reads one page at a time with Parallel Requests 1', async () => {
	sim.server.latency = 20;
	await getAll({ options: { parallelRequests: 1 } });
	expect(Math.max(...sim.requests.map((r) => r.inFlight ?? 0))).toBe(1);
});

it('spaces the starts of parallel requests rather than sending them at once', async () => {
	// Started together, answers come back together and wait for one another on n8n's one thread.
	sim.server.latency = 200;
	const startedAt = new Map<string, number>();
	sim.server.onRequest = (req) => startedAt.set(String(req.query.page), Date.now());
	const began = Date.now();
	const result = await getAll();
	const elapsed = Date.now() - began;
	expect(result.items.map((item) => item.json.job_id)).toEqual(allIds());
	// Pages 2–5 go out a quarter of a request's duration (≈ 200 ms) apart, still four in flight.
	const starts = ['2', '3', '4', '5'].map((page) => startedAt.get(page) ?? Number.NaN);
	for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(35);
	expect(Math.max(...sim.requests.map((r) => r.inFlight ?? 0))).toBe(4);
	// Still far from one page after another (6 × 200 ms).
	expect(elapsed).toBeLessThan(1_000);
});

it('drops to one request at a time for the rest of the read after a 429', async () => {
	sim.server.latency = 50;
	let limited = false;
	sim.server.onRequest = (req) => {
		if (req.query.page === '3' && !limited) {
			limited = true;
			sim.server.injectFault(
				{ method: 'GET', path: '/api/v1/jobs' },
				{ status: 429, headers: { 'Retry-After': '0' }, body: { success: false, error: 'rate_limit_exceeded', message: 'Slow down' } },
			);
		}
	};
	const result = await getAll();
	expect(result.items.map((item) => item.json.job_id)).toEqual(allIds());
	const requests = sim.requests.filter((r) => r.path === '/api/v1/jobs');
	// Six pages and one retry; page 6, started after the 429, went alone.
	expect(requests).toHaveLength(7);
	const last = requests.filter((r) => r.query.page === '6');
	expect(last).toHaveLength(1);
	expect(last[0].inFlight).toBe(1);
});

it('loses no job and repeats none when jobs are inserted during a parallel read', async () => {
	const before = allIds();
	let inserted = false;
	sim.server.onRequest = (req) => {
		if (req.query.page === '4' && !inserted) {
			inserted = true;
			// A job that sorts first shifts every later job one place down the pages.
			const template = sim.jobs.ascending()[0];
			sim.putJob({ ...template, job_id: 1, assets: [] });
		}
	};
	sim.server.latency = (req) => (req.query.page === '2' ? 200 : 10);
	const result = await getAll();
	const ids = result.items.map((item) => item.json.job_id as number);
	expect(new Set(ids).size).toBe(ids.length);
	for (const id of before) expect(ids).toContain(id);
	// The pages disagreed on the total, so the list was read again one page at a time.
	expect(pagesRequested().slice(6)).toEqual([1, 2, 3, 4, 5, 6]);
	sim.jobs.delete(1);
});

it('sends no request beyond what a limit needs, even in parallel', async () => {
	sim.server.latency = 20;
	const result = await harness.runNode({ type: TYPE, parameters: { resource: 'job', operation: 'getAll', limit: 301 } });
	expect(result.items).toHaveLength(301);
	// 301 jobs at most 100 a page: four pages of 76.
	expect(sim.requests.map((r) => [r.query.page, r.query.per_page])).toEqual([
		['1', '76'],
		['2', '76'],
		['3', '76'],
		['4', '76'],
	]);
});
