/**
 * The packed package in n8n queue mode (https://docs.n8n.io/hosting/scaling/queue-mode/), on the
 * default pinned n8n: PostgreSQL and Redis from Debian's packages (installed when missing, started
 * here on loopback ports in temp folders), one main process and two workers sharing them. Workflows
 * are started through main by production webhooks and by an activated poll trigger, so main puts
 * them on the queue and the workers run them; every run records which process ran it
 * ({{ $env.N8N_FS_PROCESS }}), checked against the workers' own logs.
 *
 * Checked: every provider's e2e workflows end as they should on a worker; 20 executions started at
 * once are spread over both workers with correct results; the FSM Navigator trigger (polled by main
 * every minute, n8n's shortest interval) fires exactly once per new job. Figures go to
 * .e2e/queue-mode.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	activateWorkflow,
	asWebhookWorkflow,
	DEFAULT_N8N_VERSION,
	executionsByWorker,
	getExecution,
	importCredentials,
	importWorkflow,
	listExecutions,
	nodeError,
	nodeOutput,
	queueEnvironment,
	REPO_ROOT,
	startQueueCluster,
	startQueueServices,
	tagNode,
	type ExecutionDetail,
	type N8nHome,
	type N8nWorkflow,
	type QueueCluster,
	type QueueServices,
} from '../../tooling/n8n';
import { PROVIDERS, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';
import { accelo as acceloTooling } from '../../tooling/providers/accelo';
import { fsmNavigator as fsmTooling } from '../../tooling/providers/fsmNavigator';
import { PACKAGE_NAME as PKG } from '../../tooling/repo';
import type { AcceloSimulator } from '../../tooling/simulators/accelo';
import { fsmIso, type FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';

import { INSTANT_CASES, instantWorkflow, sendValidEvent, withSigningSecret } from './instant';
import { LOAD_WORKFLOW, RAN_BY, TRIGGER_WORKFLOW, loadWorkflow, triggerWorkflow } from './queueWorkflows';
import { e2eCredentials, homeWithPackage } from './setupHome';

jest.setTimeout(25 * 60_000);

const WORKERS = 2;
const CONCURRENCY = 5;
const AT_ONCE = 20;
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

let services: QueueServices;
let home: N8nHome;
let cluster: QueueCluster;
const running = new Map<ProviderTooling, RunningSimulator>();
const providerWorkflows: Array<{ provider: string; workflow: N8nWorkflow; expect: 'success' | 'error'; path: string }> = [];
const figures: Record<string, unknown> = { n8n: DEFAULT_N8N_VERSION, workers: WORKERS, concurrencyPerWorker: CONCURRENCY };
const timings: Record<string, number> = {};
let activatedAt = 0;
/** The highest FSM Navigator job id when the trigger was activated: every later job is new to it. */
let maxJobIdAtActivation = 0;

function simOf<S>(provider: ProviderTooling<S>): S {
	const sim = running.get(provider as ProviderTooling)?.sim;
	if (!sim) throw new Error(`${provider.displayName}: simulator not started`);
	return sim as S;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
	}
}

/** The finished executions of a workflow with their run data, once there are at least `count`. */
async function finishedExecutions(workflowId: string, count: number, timeoutMs: number): Promise<ExecutionDetail[]> {
	const cache = new Map<string, ExecutionDetail>();
	return await until(`${count} finished executions of ${workflowId}`, timeoutMs, async () => {
		const list = await listExecutions(cluster.main, workflowId);
		const finished = list.filter((execution) => FINAL_STATUSES.has(execution.status));
		if (finished.length < count) return undefined;
		for (const execution of finished) {
			if (!cache.has(execution.id)) cache.set(execution.id, await getExecution(cluster.main, execution.id));
		}
		return finished.map((execution) => cache.get(execution.id)!);
	});
}

function ranByOf(execution: ExecutionDetail): string | undefined {
	const value = nodeOutput(execution.run, 'Tag')[0]?.json[RAN_BY.field];
	return typeof value === 'string' ? value : undefined;
}

/** Puts a Pending job straight into the FSM Navigator simulator, dated `atMs` (to the second, as the API dates jobs). */
function putFsmJob(title: string, atMs: number): number {
	const fsm = simOf<FsmNavigatorSimulator>(fsmTooling);
	const jobs = fsm.jobs.ascending();
	const id = jobs.reduce((max, job) => Math.max(max, job.job_id), 0) + 1;
	const at = fsmIso(atMs);
	fsm.putJob({ ...jobs[0], assets: [], job_id: id, job_title: title, job_status: 'Pending', created_at: at, updated_at: at });
	return id;
}

function workerNames(): string[] {
	return cluster.workers.map((worker) => worker.name);
}

beforeAll(async () => {
	const started = Date.now();
	for (const provider of PROVIDERS) running.set(provider, await provider.startSimulator({ jobCount: provider.e2e.jobCount }));
	services = await startQueueServices();
	figures.debianPackagesInstalled = services.installed;
	figures.postgres = services.postgres.version;
	timings.servicesMs = Date.now() - started;
	home = await homeWithPackage({ version: DEFAULT_N8N_VERSION, env: queueEnvironment(services) });
	await importCredentials(home, e2eCredentials(running).map(withSigningSecret));
	for (const provider of PROVIDERS) {
		for (const { workflow, expect: status } of provider.e2e.workflows(running.get(provider)!)) {
			const path = `e2e-${workflow.id}`;
			providerWorkflows.push({
				provider: provider.displayName,
				workflow: asWebhookWorkflow(workflow, { path, responseMode: 'onReceived', tag: RAN_BY }),
				expect: status,
				path,
			});
		}
	}
	const instantWorkflows = INSTANT_CASES.map((c) => instantWorkflow(c, { ...tagNode(`${c.workflowId}-tag`, 'Tag', RAN_BY.field, RAN_BY.expression), position: [200, 0] }));
	const workflows = [...providerWorkflows.map((entry) => entry.workflow), loadWorkflow(simOf(fsmTooling), simOf(acceloTooling)), triggerWorkflow(), ...instantWorkflows];
	await importWorkflow(home, workflows);
	const clusterStarted = Date.now();
	cluster = await startQueueCluster(home, { workers: WORKERS, concurrency: CONCURRENCY });
	timings.clusterStartMs = Date.now() - clusterStarted;
	// Published through main, as the editor does: main registers the webhooks and starts the poller.
	maxJobIdAtActivation = simOf<FsmNavigatorSimulator>(fsmTooling).jobs.ascending().reduce((max, job) => Math.max(max, job.job_id), 0);
	for (const workflow of workflows) await activateWorkflow(cluster.main, workflow.id);
	activatedAt = Date.now();
	// FSM Navigator dates jobs to the second: a job dated to the activation second may have been
	// created after the activation instant, so the trigger must take it as new.
	putFsmJob('Trigger: dated to the activation second', activatedAt);
	timings.setupMs = Date.now() - started;
});

afterAll(async () => {
	await cluster?.stop();
	await services?.stop();
	for (const sim of running.values()) await sim.stop();
	home?.cleanup();
	figures.timings = timings;
	const dir = join(REPO_ROOT, '.e2e');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'queue-mode.json'), `${JSON.stringify(figures, null, '\t')}\n`, 'utf8');
	console.log(`queue mode: ${JSON.stringify(figures)}`);
});

it('runs main and two workers on one PostgreSQL database and one Redis', () => {
	expect(cluster.workers.map((worker) => worker.name)).toEqual(['worker-1', 'worker-2']);
	for (const worker of cluster.workers) {
		expect(worker.output()).toContain('n8n worker is now ready');
		expect(worker.output()).toContain(`Concurrency: ${CONCURRENCY}`);
		expect(worker.daemon.exited()).toBeUndefined();
	}
	expect(cluster.main.output()).not.toMatch(/Failed to load package/i);
});

it("runs every provider's e2e workflows through main, on the workers", async () => {
	const started = Date.now();
	for (const { path } of providerWorkflows) {
		const response = await fetch(`${cluster.main.baseUrl}/webhook/${path}`);
		expect({ path, status: response.status }).toEqual({ path, status: 200 });
	}
	const byLog = new Map<string, string>();
	const results: Array<{ workflow: string; status: string; ranBy: string | undefined }> = [];
	for (const { workflow, expect: status } of providerWorkflows) {
		const [execution] = await finishedExecutions(workflow.id, 1, 5 * 60_000);
		expect({ workflow: workflow.id, status: execution.status }).toEqual({ workflow: workflow.id, status });
		expect(execution.mode).toBe('webhook');
		if (status === 'success') {
			for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PKG}.`))) {
				expect({ node: node.name, error: nodeError(execution.run, node.name) }).toEqual({ node: node.name, error: undefined });
			}
		}
		results.push({ workflow: workflow.id, status: execution.status, ranBy: ranByOf(execution) });
		for (const [id, worker] of executionsByWorker(cluster.workers)) byLog.set(id, worker);
		expect(workerNames()).toContain(ranByOf(execution));
		expect(byLog.get(execution.id)).toBe(ranByOf(execution));
	}
	// The detail a wrong process would get wrong: the job the FSM Navigator workflow created is there, moved on.
	const fsm = simOf<FsmNavigatorSimulator>(fsmTooling);
	const created = fsm.jobs.ascending().find((job) => job.job_title === 'E2E: replace filter');
	expect(created?.job_status).toBe('Assigned');
	figures.providerWorkflows = results;
	timings.providerWorkflowsMs = Date.now() - started;
});

it(`runs ${AT_ONCE} executions at once, spread over both workers, each with its own correct result`, async () => {
	const fsm = simOf<FsmNavigatorSimulator>(fsmTooling);
	const accelo = simOf<AcceloSimulator>(acceloTooling);
	const before = fsm.jobs.size;
	const started = Date.now();
	const responses = await Promise.all(
		Array.from({ length: AT_ONCE }, async (_, n) => {
			const response = await fetch(`${cluster.main.baseUrl}/webhook/queue-load?n=${n}`);
			return { n, status: response.status, body: (await response.json()) as Record<string, unknown> };
		}),
	);
	timings.atOnceMs = Date.now() - started;
	for (const { n, status, body } of responses) {
		expect({ n, status }).toEqual({ n, status: 200 });
		expect(body).toMatchObject({ n: String(n), fsmTitle: `Queue load ${n}`, acceloJobId: String(accelo.jobs[0].id) });
		expect(fsm.getJob(Number(body.fsmJobId))?.job_title).toBe(`Queue load ${n}`);
		expect(workerNames()).toContain(body.ranBy);
	}
	// Exactly one job per execution: nothing ran twice, nothing was lost.
	expect(fsm.jobs.size).toBe(before + AT_ONCE);
	const titles = fsm.jobs.ascending().filter((job) => job.job_title.startsWith('Queue load ')).map((job) => job.job_title).sort();
	expect(titles).toEqual(Array.from({ length: AT_ONCE }, (_, n) => `Queue load ${n}`).sort());

	const executions = await finishedExecutions(LOAD_WORKFLOW, AT_ONCE, 2 * 60_000);
	expect(executions).toHaveLength(AT_ONCE);
	const byLog = executionsByWorker(cluster.workers);
	const perWorker: Record<string, number> = {};
	for (const execution of executions) {
		expect({ id: execution.id, status: execution.status }).toEqual({ id: execution.id, status: 'success' });
		const ranBy = ranByOf(execution) ?? 'unknown';
		expect(byLog.get(execution.id)).toBe(ranBy);
		perWorker[ranBy] = (perWorker[ranBy] ?? 0) + 1;
	}
	figures.atOnce = {
		executions: executions.length,
		perWorker,
		failures: executions.filter((execution) => execution.status !== 'success').length,
		wallMs: timings.atOnceMs,
	};
	for (const name of workerNames()) expect({ worker: name, ran: (perWorker[name] ?? 0) > 0 }).toEqual({ worker: name, ran: true });
});

it('fires the activated FSM Navigator trigger exactly once per new job, with two workers running', async () => {
	const fsm = simOf<FsmNavigatorSimulator>(fsmTooling);
	const started = Date.now();
	const newJob = (title: string): number => putFsmJob(title, Date.now());
	const pollRequests = (): number => fsm.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/jobs' && 'created_after' in r.query).length;
	const firedJobs = (executions: ExecutionDetail[]): number[] =>
		executions.flatMap((execution) => nodeOutput(execution.run, 'FSM Navigator Trigger').map((item) => Number(item.json.job_id)));

	// Every job created after activation must fire once: the ones the workflows above created
	// through the API, and three put straight into the simulator, a little after activation so the
	// first is newer than the cursor set then.
	const createdSince = (): number[] => fsm.jobs.ascending().filter((job) => job.job_id > maxJobIdAtActivation).map((job) => job.job_id);
	const firedAll = async (): Promise<ExecutionDetail[] | undefined> => {
		const executions = await finishedExecutions(TRIGGER_WORKFLOW, 1, 60_000);
		const fired = new Set(firedJobs(executions));
		return createdSince().every((id) => fired.has(id)) ? executions : undefined;
	};
	const waitForAll = async (what: string): Promise<ExecutionDetail[]> => {
		try {
			return await until(what, 3 * 60_000, firedAll);
		} catch (error) {
			const fired = new Set(firedJobs(await finishedExecutions(TRIGGER_WORKFLOW, 0, 10_000)));
			const missing = createdSince()
				.filter((id) => !fired.has(id))
				.map((id) => `${id} created ${fsm.getJob(id)?.created_at ?? '?'}`);
			throw new Error(`${(error as Error).message}; activated ${new Date(activatedAt).toISOString()}; not fired: ${missing.join(', ')}`);
		}
	};
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, activatedAt + 2_000 - Date.now())));
	newJob('Trigger: first new job');
	await waitForAll('the trigger to fire for every new job');
	newJob('Trigger: second new job');
	newJob('Trigger: third new job');
	const afterMore = await waitForAll('the trigger to fire for the second and third job');
	// One more poll that finds nothing new: nothing fires again.
	const polls = pollRequests();
	await until('one more poll', 2 * 60_000, async () => (pollRequests() > polls ? true : undefined));
	await new Promise((resolve) => setTimeout(resolve, 5_000));
	const executions = await finishedExecutions(TRIGGER_WORKFLOW, afterMore.length, 60_000);
	const fired = firedJobs(executions).sort((a, b) => a - b);
	const created = createdSince();
	expect(created.length).toBeGreaterThanOrEqual(3);
	expect(fired).toEqual(created);
	const byLog = executionsByWorker(cluster.workers);
	for (const execution of executions) {
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('trigger');
		expect(workerNames()).toContain(ranByOf(execution));
		expect(byLog.get(execution.id)).toBe(ranByOf(execution));
	}
	figures.trigger = {
		newJobs: created.length,
		firings: fired.length,
		executions: executions.length,
		ranBy: executions.map((execution) => ranByOf(execution)),
		polls: pollRequests(),
		wallMs: Date.now() - started,
	};
});

const INSTANT_EVENTS = 6;

it(`runs instant-trigger executions (webhooks received by main) on the workers, once per event: ${INSTANT_EVENTS} per provider`, async () => {
	const started = Date.now();
	const perProvider: Record<string, unknown> = {};
	for (const c of INSTANT_CASES) {
		const sim = running.get(c.tooling)!;
		const statuses: number[] = [];
		for (let n = 0; n < INSTANT_EVENTS; n++) statuses.push((await sendValidEvent(c, sim, cluster.main.baseUrl, n)).status);
		// A redelivery of the last event: answered, not run again.
		statuses.push((await sendValidEvent(c, sim, cluster.main.baseUrl, INSTANT_EVENTS - 1)).status);
		expect({ provider: c.nodeType, statuses }).toEqual({ provider: c.nodeType, statuses: Array(INSTANT_EVENTS + 1).fill(200) });
		const executions = await finishedExecutions(c.workflowId, INSTANT_EVENTS, 2 * 60_000);
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		const all = await finishedExecutions(c.workflowId, INSTANT_EVENTS, 10_000);
		expect({ provider: c.nodeType, executions: all.length }).toEqual({ provider: c.nodeType, executions: INSTANT_EVENTS });
		const byLog = executionsByWorker(cluster.workers);
		const ranBy: Record<string, number> = {};
		for (const execution of executions) {
			expect({ id: execution.id, status: execution.status, mode: execution.mode }).toEqual({ id: execution.id, status: 'success', mode: 'webhook' });
			const worker = ranByOf(execution) ?? 'unknown';
			expect(workerNames()).toContain(worker);
			expect(byLog.get(execution.id)).toBe(worker);
			ranBy[worker] = (ranBy[worker] ?? 0) + 1;
		}
		perProvider[c.nodeType] = { executions: executions.length, ranBy };
	}
	figures.instantTriggers = { ...perProvider, wallMs: Date.now() - started };
});
