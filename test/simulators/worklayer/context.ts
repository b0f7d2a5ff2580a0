/**
 * Tests of the Worklayer simulator over real loopback HTTP with plain `fetch`. Expectations are computed
 * from the generated data (or from hand-built jobs) with the test's own code, never read back from the
 * simulator's answers, so a simulator bug fails a test.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import {
	WORKLAYER_AUDIENCE,
	WORKLAYER_DEFAULT_CLIENT_ID,
	WORKLAYER_DEFAULT_CLIENT_SECRET,
	WorklayerSimulator,
	type WorklayerJob,
	type WorklayerSimulatorOptions,
} from '../../../tooling/simulators/worklayer';

export const REF = Date.parse('2026-03-01T00:00:00Z');

export interface Reply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

export interface ListBody<T = WorklayerJob> {
	data: T[];
	next_page_token?: string;
}

export interface ErrorBody {
	error: string;
	message: string;
}

export const sims: WorklayerSimulator[] = [];

export async function startSim(options: WorklayerSimulatorOptions = {}): Promise<WorklayerSimulator> {
	const sim = new WorklayerSimulator(options);
	await sim.start();
	sims.push(sim);
	return sim;
}

afterEach(async () => {
	await Promise.all(sims.splice(0).map((s) => s.stop()));
});

export async function raw<T = Record<string, unknown>>(url: string, init: RequestInit = {}): Promise<Reply<T>> {
	const res = await fetch(url, init);
	const text = await res.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// plain text
	}
	return { status: res.status, headers: res.headers, body: body as T };
}

export async function getToken(sim: WorklayerSimulator): Promise<string> {
	const r = await raw<{ access_token: string }>(sim.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ client_id: WORKLAYER_DEFAULT_CLIENT_ID, client_secret: WORKLAYER_DEFAULT_CLIENT_SECRET, audience: WORKLAYER_AUDIENCE, grant_type: 'client_credentials' }),
	});
	expect(r.status).toBe(200);
	return r.body.access_token;
}

export async function api<T = Record<string, unknown>>(
	sim: WorklayerSimulator,
	token: string | null,
	method: string,
	pathAndQuery: string,
	body?: unknown,
): Promise<Reply<T>> {
	const headers: Record<string, string> = {};
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	let payload: string | undefined;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		headers['Content-Type'] = 'application/json';
	}
	return raw<T>(`${sim.baseUrl}${pathAndQuery}`, { method, headers, body: payload });
}

/** The filter sent the way n8n sends it: spaces as %20, quotes and comparators percent-encoded. */
export const f = (expression: string): string => `filter=${encodeURIComponent(expression)}`;

export const micros = (iso: string): number => {
	const m = /^(.*?)(?:\.(\d+))?Z$/.exec(iso);
	if (!m) throw new Error(`bad time ${iso}`);
	return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
};

/** The documented-by-us default order, computed independently: create_time ascending, then id. */
export const inOrder = (jobs: readonly WorklayerJob[]): string[] =>
	[...jobs].sort((a, b) => micros(a.create_time) - micros(b.create_time) || (a.id < b.id ? -1 : 1)).map((j) => j.id);

export async function listAll(sim: WorklayerSimulator, token: string, query: string): Promise<{ ids: string[]; pages: number }> {
	const ids: string[] = [];
	let pageToken = '';
	let pages = 0;
	for (;;) {
		const sep = query ? '&' : '';
		const r = await api<ListBody>(sim, token, 'GET', `/jobs?${query}${pageToken ? `${sep}page_token=${encodeURIComponent(pageToken)}` : ''}`);
		expect(r.status).toBe(200);
		pages++;
		ids.push(...r.body.data.map((j) => j.id));
		pageToken = r.body.next_page_token ?? '';
		if (!pageToken) break;
		if (pages > 100) throw new Error('runaway');
	}
	return { ids, pages };
}

export function makeJob(id: string, overrides: Partial<WorklayerJob> = {}): WorklayerJob {
	return {
		id,
		short_id: `S${id.slice(0, 10).replace(/-/g, 'X').toUpperCase()}`,
		name: null,
		description: 'Test Person | 2025 | 1040',
		workspace_id: '91',
		status: 'UNCLAIMED',
		create_time: '2026-01-01T00:00:00.000Z',
		update_time: '2026-01-01T00:00:00.000Z',
		transmit_time: null,
		deadline_time: null,
		total_amount: 199,
		members: [],
		...overrides,
	};
}

export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// -------------------------------------------------------------------------------------------------------
