/**
 * Tests of the Accelo simulator, over real HTTP with plain fetch. Expectations are computed from an
 * independently generated copy of the data (same seed), never from the simulator's own answers.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import { generateAcceloData, type AcceloData, type AcceloJob } from '../../../tooling/simulators/accelo';

export interface Meta {
	status: string;
	message: string;
	more_info: string;
}
export interface Envelope<T> {
	meta: Meta;
	response: T;
}
export type Obj = Record<string, unknown>;
export interface Reply<T> {
	status: number;
	headers: Headers;
	body: Envelope<T>;
}

export const SEED = 7;
export const N = 400;
export const CLIENT = 'accelo-client';
export const SECRET = 'accelo-secret';

export function basic(id = CLIENT, secret = SECRET): string {
	return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function tokenRequest(
	base: string,
	form: Record<string, string>,
	auth: string = basic(),
): Promise<{ status: number; body: Obj }> {
	const res = await fetch(`${base}/oauth2/v0/token`, {
		method: 'POST',
		headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
	return { status: res.status, body: (await res.json()) as Obj };
}

export async function getToken(base: string, scope = 'read(all),write(all)'): Promise<string> {
	const { status, body } = await tokenRequest(base, { grant_type: 'client_credentials', scope });
	expect(status).toBe(200);
	return body.access_token as string;
}

export interface CallOptions {
	query?: Record<string, string>;
	form?: Record<string, string>;
	json?: unknown;
	token?: string | null;
}

export async function call<T = unknown>(base: string, tok: string | null, method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
	const qs = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
	const headers: Record<string, string> = {};
	if (tok !== null) headers.Authorization = `Bearer ${tok}`;
	let body: string | undefined;
	if (opts.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(opts.form).toString();
	} else if (opts.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(opts.json);
	}
	const res = await fetch(`${base}/api/v0${path}${qs}`, { method, headers, body });
	return { status: res.status, headers: res.headers, body: (await res.json()) as Envelope<T> };
}

export const sortIds = (ids: Array<string | number>): string[] => ids.map(String).sort((a, b) => Number(a) - Number(b));
export const idsOf = (jobs: AcceloJob[]): string[] => sortIds(jobs.map((j) => j.id));

/**
 * 50,000 jobs, generated once and shared (the simulator does not mutate data on GET). The time bounds
 * are loose on purpose: the test machine is shared; they catch quadratic behaviour, not jitter.
 */
export let big: AcceloData | undefined;
export let bigMs = 0;
export function bigData(): AcceloData {
	if (!big) {
		const t0 = Date.now();
		big = generateAcceloData(50000, 3);
		bigMs = Date.now() - t0;
	}
	return big;
}

// ------------------------------------------------------------------------------------------------

// ------------------------------------------------------------------------------------------------
// ------------------------------------------------------------------------------------------------
// ------------------------------------------------------------------------------------------------
