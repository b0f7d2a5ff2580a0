/**
 * The packed package on every pinned n8n version (tooling/n8n/versions.json), each in its own user
 * folder with its own Node: n8n loads every node and credential without a warning, every provider's
 * e2e workflows end as they should, rate limits and outages are retried (429 with Retry-After in
 * seconds, as an HTTP date and as X-RateLimit-Reset, each waiting as long as asked on n8n 1.x and
 * 2.x alike; 503 on GET; a 429 behind OAuth 2), and a failing API call shows the provider's own
 * message. The full set of detailed checks runs on the
 * default version in nodes.e2e.test.ts.
 *
 * N8N_E2E_VERSIONS=1.123.81 runs one version. Results go to .e2e/versions.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	checkPackageLoaded,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	majorOf,
	manualTriggerWorkflow,
	nodeError,
	nodeOutput,
	REPO_ROOT,
	selectedVersions,
	type ExecuteResult,
	type N8nHome,
	type N8nVersionPin,
} from '../../tooling/n8n';
import { nodeCredentials, PROVIDERS, type E2eWorkflow, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';
import { accelo as acceloTooling } from '../../tooling/providers/accelo';
import { fsmNavigator as fsmTooling } from '../../tooling/providers/fsmNavigator';
import { worklayer as worklayerTooling } from '../../tooling/providers/worklayer';
import { PACKAGE_NAME as PKG } from '../../tooling/repo';
import type { AcceloSimulator } from '../../tooling/simulators/accelo';
import type { FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';
import type { WorklayerSimulator } from '../../tooling/simulators/worklayer';
import type { RecordedRequest, SimResponse, SimulatorServer } from '../../tooling/simulators/server';

import { e2eCredentials, homeWithPackage } from './setupHome';

jest.setTimeout(30 * 60_000);

const results: Record<string, Record<string, unknown>> = {};

afterAll(() => {
	const dir = join(REPO_ROOT, '.e2e');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'versions.json'), `${JSON.stringify(results, null, '\t')}\n`, 'utf8');
	console.log(`n8n versions: ${JSON.stringify(results)}`);
});

/** A fault the simulator answers once, to the first request `matches` accepts; when it came and when the retry came. */
interface ScriptedFault {
	name: string;
	matches(request: RecordedRequest): boolean;
	/** The answer, given when it is sent; sets `askedMs` where the wait depends on the time. */
	response(now: number): SimResponse;
	/** The wait the API asked for, in ms from the 429 (0: none). */
	askedMs: number;
	hitAt?: number;
	retriedAt?: number;
}

const RATE_LIMIT_BODY = { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.' };

function httpDate(ms: number): string {
	return new Date(ms).toUTCString();
}

/** Answers each fault once; records when the fault and the next matching request arrived. */
function scriptFaults(server: SimulatorServer, faults: ScriptedFault[]): void {
	// onRequest runs before the server looks for a fault, so a fault injected here answers this request.
	server.onRequest = (req) => {
		const now = Date.now();
		for (const fault of faults) {
			if (!fault.matches(req)) continue;
			if (fault.hitAt === undefined) {
				fault.hitAt = now;
				server.injectFault({ path: req.path }, fault.response(now), 1);
				return;
			}
			fault.retriedAt ??= now;
			return;
		}
	};
}

function describeVersion(pin: N8nVersionPin): void {
	describe(`n8n ${pin.n8n} (Node ${pin.node}, ${pin.suite} suite elsewhere)`, () => {
		const summary: Record<string, unknown> = { node: pin.node };
		const running = new Map<ProviderTooling, RunningSimulator>();
		const e2e = new Map<ProviderTooling, E2eWorkflow[]>();
		let home: N8nHome;
		let fsm: FsmNavigatorSimulator;
		let accelo: AcceloSimulator;
		let worklayer: WorklayerSimulator;
		const timings: Record<string, number> = {};
		const major = majorOf(pin.n8n);

		async function run(id: string): Promise<ExecuteResult> {
			const result = await executeWorkflow(home, id);
			if (!result.run) throw new Error(`n8n ${pin.n8n} printed no run for ${id}:\n${result.stdout}\n${result.stderr}`);
			return result;
		}

		beforeAll(async () => {
			const started = Date.now();
			results[pin.n8n] = summary;
			for (const provider of PROVIDERS) running.set(provider, await provider.startSimulator({ jobCount: provider.e2e.jobCount }));
			fsm = running.get(fsmTooling)!.sim as FsmNavigatorSimulator;
			accelo = running.get(acceloTooling)!.sim as AcceloSimulator;
			worklayer = running.get(worklayerTooling)!.sim as WorklayerSimulator;
			home = await homeWithPackage({ version: pin.n8n });
			await importCredentials(home, e2eCredentials(running));
			for (const provider of PROVIDERS) e2e.set(provider, provider.e2e.workflows(running.get(provider)!));
			await importWorkflow(home, [...[...e2e.values()].flat().map((entry) => entry.workflow), retryWorkflow(), messageWorkflow(), tokenWorkflow()]);
			timings.setupMs = Date.now() - started;
		});

		afterAll(async () => {
			for (const sim of running.values()) await sim.stop();
			home?.cleanup();
			summary.timings = timings;
		});

		function retryWorkflow() {
			const jobs = fsm.jobs.ascending();
			const fsmNode = { type: fsmTooling.nodeTypes.action, credentials: nodeCredentials(fsmTooling, 'e2e') };
			const get = (name: string, id: number) => ({
				...fsmNode,
				name,
				executeOnce: true,
				parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: String(id) } },
			});
			return manualTriggerWorkflow('smokeRetry00001', 'Smoke: retries', [
				{ ...fsmNode, name: 'Get Many (429, Retry-After seconds)', parameters: { resource: 'job', operation: 'getAll', limit: 3 } },
				get('Get (429, Retry-After date)', jobs[1].job_id),
				get('Get (429, X-RateLimit-Reset)', jobs[2].job_id),
				get('Get (503)', jobs[3].job_id),
				{
					type: acceloTooling.nodeTypes.action,
					credentials: nodeCredentials(acceloTooling, 'e2e'),
					name: 'Accelo Get (429)',
					executeOnce: true,
					parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: String(accelo.jobs[0].id) } },
				},
			]);
		}

		function tokenWorkflow() {
			return manualTriggerWorkflow('smokeTokens0001', 'Smoke: expired tokens', [
				{
					type: acceloTooling.nodeTypes.action,
					credentials: nodeCredentials(acceloTooling, 'e2e'),
					name: 'Accelo Get (expired token)',
					executeOnce: true,
					parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: String(accelo.jobs[1].id) } },
				},
				{
					type: worklayerTooling.nodeTypes.action,
					credentials: nodeCredentials(worklayerTooling, 'e2e'),
					name: 'Worklayer Get Many (expired token)',
					executeOnce: true,
					parameters: { resource: 'job', operation: 'getAll', limit: 2 },
				},
			]);
		}

		function messageWorkflow() {
			return manualTriggerWorkflow('smokeMessages01', 'Smoke: provider messages', [
				{
					type: fsmTooling.nodeTypes.action,
					credentials: nodeCredentials(fsmTooling, 'e2e'),
					name: 'FSM Navigator Missing Job',
					onError: 'continueRegularOutput',
					parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '99999999' } },
				},
				{
					type: acceloTooling.nodeTypes.action,
					credentials: nodeCredentials(acceloTooling, 'e2e'),
					name: 'Accelo Missing Job',
					onError: 'continueRegularOutput',
					parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '987654321' } },
				},
			]);
		}

		it('loads every node and credential of the package without a warning', async () => {
			const started = Date.now();
			const report = await checkPackageLoaded(home, PKG, {
				expectNodes: PROVIDERS.flatMap((p) => Object.values(p.nodeTypes)),
				expectCredentials: PROVIDERS.map((p) => p.credentialType),
			});
			timings.loadCheckMs = Date.now() - started;
			summary.load = { ok: report.ok, nodeTypes: report.nodeTypes.length, loaded: report.loadedCounts, problems: report.problems.map((p) => p.message) };
			expect(report.problems).toEqual([]);
			expect(report.missingNodes).toEqual([]);
			expect(report.missingCredentials).toEqual([]);
			expect(report.ok).toBe(true);
		});

		it("runs every provider's e2e workflows, each ending as it should", async () => {
			const started = Date.now();
			const statuses: Record<string, string | undefined> = {};
			for (const provider of PROVIDERS) {
				for (const { workflow, expect: status } of e2e.get(provider) ?? []) {
					const result = await run(workflow.id);
					statuses[workflow.id] = result.run?.status;
					expect({ workflow: workflow.id, status: result.run?.status }).toEqual({ workflow: workflow.id, status });
					if (status === 'success') {
						for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PKG}.`))) {
							expect({ workflow: workflow.id, node: node.name, error: nodeError(result.run!, node.name) }).toEqual({
								workflow: workflow.id,
								node: node.name,
								error: undefined,
							});
						}
					}
				}
			}
			timings.providerWorkflowsMs = Date.now() - started;
			summary.providerWorkflows = statuses;
		});

		it('retries 429s and a 503 on GET, waiting as long as the API asks', async () => {
			const jobs = fsm.jobs.ascending();
			const byId = (id: number) => (req: RecordedRequest) => req.method === 'GET' && req.query.id === String(id);
			const faults: ScriptedFault[] = [
				{
					name: '429 Retry-After: 1',
					matches: (req) => req.method === 'GET' && req.query.per_page !== undefined && req.query.id === undefined,
					response: () => ({ status: 429, headers: { 'Retry-After': '1' }, body: RATE_LIMIT_BODY }),
					askedMs: 1_000,
				},
				{
					name: '429 Retry-After: <HTTP date, 2 s ahead>',
					matches: byId(jobs[1].job_id),
					response(now) {
						// An HTTP date has whole seconds: the wait asked is 1-2 s.
						const date = httpDate(now + 2_000);
						this.askedMs = Date.parse(date) - now;
						return { status: 429, headers: { 'Retry-After': date }, body: RATE_LIMIT_BODY };
					},
					askedMs: 0,
				},
				{
					name: '429 X-RateLimit-Reset: <unix seconds, 2 s ahead>',
					matches: byId(jobs[2].job_id),
					response(now) {
						const reset = Math.ceil(now / 1000) + 2;
						this.askedMs = reset * 1000 - now;
						return { status: 429, headers: { 'X-RateLimit-Reset': String(reset) }, body: RATE_LIMIT_BODY };
					},
					askedMs: 0,
				},
				{
					name: '503 on GET',
					matches: byId(jobs[3].job_id),
					response: () => ({ status: 503, body: { success: false, error: 'unavailable', message: 'Down for maintenance' } }),
					askedMs: 0,
				},
			];
			const acceloFaults: ScriptedFault[] = [
				{
					name: 'Accelo 429 Retry-After: 1',
					matches: (req) => req.method === 'GET' && req.path === `/api/v0/jobs/${accelo.jobs[0].id}`,
					response: () => ({ status: 429, headers: { 'Retry-After': '1' }, body: { meta: { status: 'rate_limited', message: 'Slow down' }, response: {} } }),
					askedMs: 1_000,
				},
			];
			scriptFaults(fsm.server, faults);
			scriptFaults(accelo.server, acceloFaults);
			try {
				const result = await run('smokeRetry00001');
				expect(result.run?.data.resultData.error).toBeUndefined();
				expect(result.run?.status).toBe('success');
				expect(nodeOutput(result.run!, 'Get Many (429, Retry-After seconds)')).toHaveLength(3);
				expect(nodeOutput(result.run!, 'Get (429, Retry-After date)')[0].json.job_id).toBe(jobs[1].job_id);
				expect(nodeOutput(result.run!, 'Get (429, X-RateLimit-Reset)')[0].json.job_id).toBe(jobs[2].job_id);
				expect(nodeOutput(result.run!, 'Get (503)')[0].json.job_id).toBe(jobs[3].job_id);
				expect(String(nodeOutput(result.run!, 'Accelo Get (429)')[0].json.id)).toBe(String(accelo.jobs[0].id));
				const gaps: Record<string, { askedMs: number; waitedMs: number }> = {};
				for (const fault of [...faults, ...acceloFaults]) {
					expect({ fault: fault.name, hit: fault.hitAt !== undefined, retried: fault.retriedAt !== undefined }).toEqual({
						fault: fault.name,
						hit: true,
						retried: true,
					});
					const gap = (fault.retriedAt ?? 0) - (fault.hitAt ?? 0);
					gaps[fault.name] = { askedMs: fault.askedMs, waitedMs: gap };
					if (fault.askedMs === 0) continue;
					// On every n8n line the node waits as long as asked (plus its 100 ms margin), not its
					// own 250-500 ms backoff, and not much longer.
					expect({ fault: fault.name, n8n: major, waitedEnough: gap >= fault.askedMs - 50, notTooLong: gap < fault.askedMs + 1_500 }).toEqual({
						fault: fault.name,
						n8n: major,
						waitedEnough: true,
						notTooLong: true,
					});
				}
				summary.retryGapsMs = gaps;
			} finally {
				fsm.server.onRequest = undefined;
				accelo.server.onRequest = undefined;
			}
		});

		it('renews an expired Accelo (OAuth 2) and Worklayer (preAuthentication) token and reads on', async () => {
			// A token exists: the provider workflows ran before.
			const acceloTokens = accelo.tokenRequests.length;
			const worklayerTokens = worklayer.tokenRequests.length;
			const acceloSeen = accelo.apiRequests.length;
			accelo.expireAllTokens();
			worklayer.expireTokens();
			const result = await run('smokeTokens0001');
			expect(result.run?.data.resultData.error).toBeUndefined();
			expect(result.run?.status).toBe('success');
			expect(String(nodeOutput(result.run!, 'Accelo Get (expired token)')[0].json.id)).toBe(String(accelo.jobs[1].id));
			expect(nodeOutput(result.run!, 'Worklayer Get Many (expired token)')).toHaveLength(2);
			expect({ accelo: accelo.tokenRequests.length - acceloTokens, worklayer: worklayer.tokenRequests.length - worklayerTokens }).toEqual({ accelo: 1, worklayer: 1 });
			const refused = accelo.apiRequests.slice(acceloSeen).filter((r) => r.path === `/api/v0/jobs/${accelo.jobs[1].id}`).length;
			// n8n 2.x throws the 401 itself; n8n 1.x hands it back and the node sends it once more to be thrown.
			expect(refused).toBe(major >= 2 ? 2 : 3);
			summary.expiredTokenRequests = { accelo: refused };
		});

		it("shows the provider's own message when a job is missing", async () => {
			const seenBefore = fsm.requests.length;
			const result = await run('smokeMessages01');
			expect(result.run?.status).toBe('success');
			const fsmError = String(nodeOutput(result.run!, 'FSM Navigator Missing Job')[0]?.json.error);
			const acceloError = String(nodeOutput(result.run!, 'Accelo Missing Job')[0]?.json.error);
			summary.messages = { fsmNavigator: fsmError, accelo: acceloError };
			expect(fsmError).toBe('FSM Navigator: Job not found (not_found): job ID 99999999');
			expect(acceloError).toMatch(/^Accelo: .*\(invalid_request\)$/);
			// One request each: a missing job is not retried.
			expect(fsm.requests.slice(seenBefore).filter((r) => r.query.id === '99999999')).toHaveLength(1);
		});
	});
}

for (const pin of selectedVersions()) describeVersion(pin);
