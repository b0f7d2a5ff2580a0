/**
 * The three instant triggers in real n8n (`n8n start`, workflows published through the REST API as
 * the editor does), each provider's simulator sending signed deliveries over HTTP to n8n's
 * production webhook URL. Checked: a valid event starts exactly one execution with the job; a
 * forged, missing or stale signature gets 401 and starts nothing; a redelivery is emitted once;
 * unpublishing deletes the Planado subscription. Measured: event-to-execution latency, 50 events per
 * provider, one at a time (figures in .e2e/instant-triggers.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	activateWorkflow,
	deactivateWorkflow,
	getExecution,
	importCredentials,
	importWorkflow,
	listExecutions,
	nodeOutput,
	REPO_ROOT,
	startN8n,
	type N8nHome,
	type RunningN8n,
} from '../../tooling/n8n';
import { credentialFor, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';
import type { HousecallProSimulator } from '../../tooling/simulators/housecallPro';
import type { PlanadoSimulator } from '../../tooling/simulators/planado';
import {
	deliver,
	housecallProEventBody,
	housecallProSignature,
	PlanadoWebhooks,
	worklayerEventBody,
	worklayerSignature,
	type DeliveryResult,
} from '../../tooling/simulators/webhooks';
import type { WorklayerSimulator } from '../../tooling/simulators/worklayer';

import {
	INSTANT_CASES,
	instantUrl,
	instantWorkflow,
	PLANADO,
	sendValidEvent,
	SIGNING_SECRET,
	TRIGGER,
	WORKLAYER,
	withSigningSecret,
	type InstantCase,
} from './instant';
import { homeWithPackage } from './setupHome';

jest.setTimeout(15 * 60_000);

const LATENCY_EVENTS = 50;
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);
type Case = InstantCase;
const CASES = INSTANT_CASES;

let home: N8nHome;
let n8n: RunningN8n;
const running = new Map<ProviderTooling, RunningSimulator>();
const figures: Record<string, unknown> = {};

function simOf<S>(c: Case): S {
	return running.get(c.tooling)!.sim as S;
}

function urlOf(c: Case): string {
	return instantUrl(c, n8n.baseUrl);
}

async function sleepMs(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

async function executionCount(c: Case): Promise<number> {
	return (await listExecutions(n8n, c.workflowId, 100)).length;
}

/** Waits until the workflow has `count` executions, all finished; resolves to the newest. */
async function waitForExecutions(c: Case, count: number, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await listExecutions(n8n, c.workflowId, 100);
		if (list.length >= count && list.every((e) => FINAL_STATUSES.has(e.status))) return list;
		if (Date.now() > deadline) {
			throw new Error(`${c.workflowId}: ${list.length} executions (${JSON.stringify(list.slice(0, 3))}), expected ${count}\n${n8n.output().slice(-3000)}`);
		}
		await sleepMs(25);
	}
}

async function sendValid(c: Case, n: number): Promise<DeliveryResult> {
	return await sendValidEvent(c, running.get(c.tooling)!, n8n.baseUrl, n);
}

beforeAll(async () => {
	for (const c of CASES) running.set(c.tooling, await c.tooling.startSimulator({ jobCount: 20 }));
	home = await homeWithPackage();
	await importCredentials(home, CASES.map((c) => withSigningSecret(credentialFor(c.tooling, running.get(c.tooling)!, 'e2e'))));
	await importWorkflow(home, CASES.map((c) => instantWorkflow(c)));
	n8n = await startN8n(home);
	for (const c of CASES) await activateWorkflow(n8n, c.workflowId);
});

afterAll(async () => {
	await n8n?.stop();
	for (const sim of running.values()) await sim.stop();
	home?.cleanup();
	const dir = join(REPO_ROOT, '.e2e');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'instant-triggers.json'), `${JSON.stringify(figures, null, '\t')}\n`, 'utf8');
	console.log(`instant triggers: ${JSON.stringify(figures)}`);
});

it('publishing the Planado workflow subscribed its production URL with a secret', () => {
	const subscriptions = [...simOf<PlanadoSimulator>(PLANADO).webhooks.subscriptions.values()];
	expect(subscriptions).toHaveLength(1);
	expect(subscriptions[0]).toMatchObject({ url: urlOf(PLANADO), event_types: ['job_updated'] });
	expect(subscriptions[0].secret).toMatch(/^[0-9a-f]{64}$/);
});

describe.each(CASES)('$nodeType in real n8n', (c) => {
	it('a valid event starts exactly one execution with the job; forged, missing, stale and repeated deliveries start none', async () => {
		const before = await executionCount(c);
		const valid = await sendValid(c, 0);
		expect(valid.status).toBe(200);
		const [execution] = await waitForExecutions(c, before + 1);
		const detail = await getExecution(n8n, execution.id);
		expect(detail.status).toBe('success');
		expect(detail.mode).toBe('webhook');
		const [item] = nodeOutput(detail.run, TRIGGER);
		const idKey = c === PLANADO ? 'uuid' : 'id';
		expect(item.json[idKey]).toBeTruthy();
		expect(item.json.webhookEvent).toBeDefined();

		const refused: Record<string, number> = {};
		const answered: Record<string, number> = {};
		if (c === PLANADO) {
			const sim = simOf<PlanadoSimulator>(c);
			const body = PlanadoWebhooks.eventBody('job_updated', { ...sim.jobDetail(sim.listJobs()[1].uuid)!, version: 5000 });
			refused.forged = (await sim.webhooks.deliver('job_updated', body, { secret: 'f'.repeat(64) }))[0].status;
			refused.missing = (await sim.webhooks.deliver('job_updated', body, { secret: null }))[0].status;
			answered.first = (await sim.webhooks.deliver('job_updated', body, { attempt: 1 }))[0].status;
			answered.redelivery = (await sim.webhooks.deliver('job_updated', body, { attempt: 2 }))[0].status;
		} else {
			const sign = c === WORKLAYER ? worklayerSignature : housecallProSignature;
			const job = c === WORKLAYER ? simOf<WorklayerSimulator>(c).listJobs()[1] : simOf<HousecallProSimulator>(c).listJobs()[1];
			const body = c === WORKLAYER ? worklayerEventBody('job.status', job) : housecallProEventBody('job.completed', { id: job.id });
			refused.forged = (await deliver(urlOf(c), body, sign('not-the-secret', body))).status;
			refused.missing = (await deliver(urlOf(c), body, {})).status;
			refused.replayed = (await deliver(urlOf(c), body, sign(SIGNING_SECRET, body, Date.now() - 10 * 60_000))).status;
			answered.first = (await deliver(urlOf(c), body, sign(SIGNING_SECRET, body))).status;
			answered.redelivery = (await deliver(urlOf(c), body, sign(SIGNING_SECRET, body, Date.now() + 1000))).status;
		}
		expect(Object.values(refused).every((status) => status === 401)).toBe(true);
		expect(answered).toEqual({ first: 200, redelivery: 200 });
		await waitForExecutions(c, before + 2);
		await sleepMs(1500);
		const after = await listExecutions(n8n, c.workflowId, 100);
		if (after.length !== before + 2) {
			for (const e of after.slice(0, after.length - before)) {
				const d = await getExecution(n8n, e.id);
				console.log(`${c.nodeType} execution ${e.id}: ${JSON.stringify(nodeOutput(d.run, TRIGGER)[0]?.json.webhookEvent)}`);
			}
		}
		expect(after.length).toBe(before + 2);
		figures[`${c.nodeType}.deliveries`] = { refused, answered, executions: (await executionCount(c)) - before };
	});

	it(`event-to-execution latency over ${LATENCY_EVENTS} events`, async () => {
		const latencies: number[] = [];
		const answers: number[] = [];
		for (let n = 1; n <= LATENCY_EVENTS; n++) {
			const before = await executionCount(c);
			const sentAt = Date.now();
			const result = await sendValid(c, n);
			expect(result.status).toBe(200);
			answers.push(result.ms);
			const [newest] = await waitForExecutions(c, before + 1);
			latencies.push(Date.parse(String(newest.stoppedAt)) - sentAt);
		}
		const sorted = [...latencies].sort((a, b) => a - b);
		const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
		const sortedAnswers = [...answers].sort((a, b) => a - b);
		figures[`${c.nodeType}.latencyMs`] = {
			events: latencies.length,
			medianToExecutionEnd: median,
			worstToExecutionEnd: sorted[sorted.length - 1],
			medianHttpAnswer: Math.round(sortedAnswers[sortedAnswers.length >> 1]),
			worstHttpAnswer: Math.round(sortedAnswers[sortedAnswers.length - 1]),
		};
		expect(latencies).toHaveLength(LATENCY_EVENTS);
	});
});

it('unpublishing the Planado workflow deletes its subscription (the simulator has none left)', async () => {
	const sim = simOf<PlanadoSimulator>(PLANADO);
	await deactivateWorkflow(n8n, PLANADO.workflowId);
	// The REST call may answer before main has run the trigger's delete.
	for (let waited = 0; sim.webhooks.subscriptions.size > 0 && waited < 5_000; waited += 100) await sleepMs(100);
	const deletes = sim.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v2/webhooks/'));
	expect(deletes).toHaveLength(1);
	expect(sim.webhooks.subscriptions.size).toBe(0);
	// n8n no longer serves the URL.
	const body = PlanadoWebhooks.eventBody('job_updated', { uuid: 'x', version: 1 });
	expect((await deliver(urlOf(PLANADO), body, {})).status).toBe(404);
});
