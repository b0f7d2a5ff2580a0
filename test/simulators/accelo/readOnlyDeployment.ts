/**
 * One read-only Accelo deployment for the read tests (started once in each test file that imports
 * it): the simulator, its base URL and token, and list helpers.
 */
import { AcceloSimulator, generateAcceloData, type AcceloData, type AcceloJob } from '../../../tooling/simulators/accelo';
import { Obj, Reply, SEED, N, getToken, call, sortIds, idsOf } from './context';

export const expected: AcceloData = generateAcceloData(N, SEED);
export const jobs = expected.jobs;
export let sim: AcceloSimulator;
export let base: string;
export let tok: string;

beforeAll(async () => {
	sim = new AcceloSimulator({ data: generateAcceloData(N, SEED) });
	base = await sim.start();
	tok = await getToken(base);
});
afterAll(async () => {
	await sim.stop();
});

export const get = <T = unknown>(path: string, query?: Record<string, string>): Promise<Reply<T>> =>
	call<T>(base, tok, 'GET', path, { query });

/** Every id the list returns for these filters, paging with _limit=100/_page. */
export async function listIds(filters: string, extra: Record<string, string> = {}): Promise<string[]> {
	const out: string[] = [];
	for (let page = 0; page < 50; page++) {
		const r = await get<Obj[]>('/jobs', { _filters: filters, _limit: '100', _page: String(page), ...extra });
		expect(r.status).toBe(200);
		out.push(...r.body.response.map((j) => j.id as string));
		if (r.body.response.length < 100) return out;
	}
	throw new Error('too many pages');
}

/** Asserts the filter returns exactly `want` (which must be a proper, non-empty subset). */
export async function expectFilter(filters: string, want: AcceloJob[]): Promise<void> {
	expect(want.length).toBeGreaterThan(0);
	expect(want.length).toBeLessThan(jobs.length);
	expect(sortIds(await listIds(filters))).toEqual(idsOf(want));
	const c = await get<{ count: string }>('/jobs/count', { _filters: filters });
	expect(c.body.response).toEqual({ count: String(want.length) });
}


/** A new token for the shared deployment (after a test expired them all). */
export async function renewToken(): Promise<void> {
	tok = await getToken(base);
}
