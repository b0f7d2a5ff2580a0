/**
 * The three instant triggers through n8n-core's HookContext (activation / deactivation) and
 * WebhookContext (deliveries), with each provider's simulator sending signed deliveries over real
 * loopback HTTP to a server that answers as n8n's webhook server does (test/harness/webhook-server.ts).
 */
import type { INodeParameters } from 'n8n-workflow';

import { HousecallProApi } from '../../credentials/HousecallProApi.credentials';
import { PlanadoApi } from '../../credentials/PlanadoApi.credentials';
import { WorklayerApi } from '../../credentials/WorklayerApi.credentials';
import { HousecallProInstantTrigger } from '../../nodes/HousecallPro/HousecallProInstantTrigger.node';
import { PlanadoInstantTrigger } from '../../nodes/Planado/PlanadoInstantTrigger.node';
import { WorklayerInstantTrigger } from '../../nodes/Worklayer/WorklayerInstantTrigger.node';
import { MAX_REMEMBERED_DELIVERIES } from '../../nodes/shared/instantTrigger';
import { HCP_DEFAULT_COMPANY_API_KEY, HousecallProSimulator } from '../../tooling/simulators/housecallPro';
import { PLANADO_DEFAULT_API_KEY, PlanadoSimulator } from '../../tooling/simulators/planado';
import {
	deliver,
	HOUSECALL_PRO_URL_CHECK,
	housecallProAppointmentBody,
	housecallProEventBody,
	housecallProSignature,
	PlanadoWebhooks,
	worklayerEventBody,
	worklayerSignature,
} from '../../tooling/simulators/webhooks';
import { WorklayerSimulator } from '../../tooling/simulators/worklayer';
import { Harness, type WebhookTrigger } from '../harness/engine';
import { startWebhookServer, type WebhookServer } from '../harness/webhook-server';

const PKG = 'n8n-nodes-field-service';
let server: WebhookServer;

beforeEach(async () => {
	server = await startWebhookServer();
});
afterEach(async () => {
	await server.stop();
});

function trigger(harness: Harness, type: string, parameters: INodeParameters): WebhookTrigger {
	const t = harness.webhookTrigger({ type: `${PKG}.${type}`, parameters, webhookBaseUrl: server.baseUrl });
	server.serve(t);
	return t;
}

describe('Planado Instant Trigger', () => {
	let sim: PlanadoSimulator;
	let harness: Harness;
	beforeEach(async () => {
		sim = new PlanadoSimulator({ jobCount: 5 });
		await sim.start();
		harness = new Harness({
			nodeTypes: { [`${PKG}.planadoInstantTrigger`]: new PlanadoInstantTrigger() },
			credentialTypes: [new PlanadoApi()],
			credentials: [{ type: 'planadoApi', data: { apiKey: PLANADO_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
		});
	});
	afterEach(async () => await sim.stop());

	async function activated(events = ['job_updated']): Promise<WebhookTrigger> {
		const t = trigger(harness, 'planadoInstantTrigger', { events });
		expect(await t.hook('checkExists')).toBe(false);
		expect(await t.hook('create')).toBe(true);
		return t;
	}

	it('subscribes its production URL with a generated secret, finds it again, and deletes it on deactivation', async () => {
		const t = await activated(['job_updated', 'job_finished']);
		const subscriptions = [...sim.webhooks.subscriptions.values()];
		expect(subscriptions).toHaveLength(1);
		const state = t.staticData();
		expect(subscriptions[0]).toEqual({ uuid: state.webhookId, url: t.url, event_types: ['job_updated', 'job_finished'], secret: state.secret });
		expect(state.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(await t.hook('checkExists')).toBe(true);

		expect(await t.hook('delete')).toBe(true);
		expect(sim.webhooks.subscriptions.size).toBe(0);
		expect(t.staticData()).toEqual({});
		// Deleting again (already gone) is not an error.
		expect(await t.hook('delete')).toBe(true);
	});

	it('replaces a subscription at its URL that it cannot vouch for (secret lost, events changed)', async () => {
		sim.webhooks.route('POST', undefined, { url: 'https://elsewhere.example/hook', event_types: ['job_updated'], secret: 'theirs' });
		const t = trigger(harness, 'planadoInstantTrigger', { events: ['job_updated'] });
		sim.webhooks.route('POST', undefined, { url: t.url, event_types: ['job_updated'], secret: 'unknown to the trigger' });
		expect(await t.hook('checkExists')).toBe(false);
		expect([...sim.webhooks.subscriptions.values()].map((s) => s.url)).toEqual(['https://elsewhere.example/hook']);
		expect(await t.hook('create')).toBe(true);
		const changed = trigger(harness, 'planadoInstantTrigger', { events: ['job_updated', 'job_started'] });
		expect(await changed.hook('checkExists')).toBe(false);
		expect(sim.webhooks.subscriptions.size).toBe(1);
	});

	it('emits one item per delivery with the job as the API returns it now, the event under webhookEvent, and never the secret', async () => {
		const t = await activated();
		const job = sim.listJobs()[0];
		const body = PlanadoWebhooks.eventBody('job_updated', { ...sim.jobDetail(job.uuid), description: 'old copy in the event' });
		sim.putJob({ ...job, description: 'as it is now' });
		const [result] = await sim.webhooks.deliver('job_updated', body);
		expect(result.status).toBe(200);
		expect(server.executions).toHaveLength(1);
		const [item] = server.executions[0];
		expect(item.json.uuid).toBe(job.uuid);
		expect(item.json.description).toBe('as it is now');
		expect(item.json.webhookEvent).toEqual(JSON.parse(body));
		expect(JSON.stringify(server.executions)).not.toContain(String(t.staticData().secret));
	});

	it('answers 401 without an execution to a wrong or missing X-Planado-Secret', async () => {
		await activated();
		const body = PlanadoWebhooks.eventBody('job_updated', sim.jobDetail(sim.listJobs()[0].uuid)!);
		const [wrong] = await sim.webhooks.deliver('job_updated', body, { secret: 'guessed' });
		const [missing] = await sim.webhooks.deliver('job_updated', body, { secret: null });
		expect([wrong.status, missing.status]).toEqual([401, 401]);
		expect(JSON.parse(wrong.body).message).toMatch(/Unauthorized/);
		expect(server.executions).toHaveLength(0);
		expect(server.errors).toHaveLength(0);
	});

	it('emits a redelivered event once (same type, job and version), and the next version again', async () => {
		const t = await activated();
		const uuid = sim.listJobs()[0].uuid;
		const body = PlanadoWebhooks.eventBody('job_updated', sim.jobDetail(uuid)!);
		for (let attempt = 1; attempt <= 3; attempt++) {
			const [result] = await sim.webhooks.deliver('job_updated', body, { attempt });
			expect(result.status).toBe(200);
		}
		// A retry carries a new event_uuid in no documented case; even so the version decides.
		const retried = PlanadoWebhooks.eventBody('job_updated', sim.jobDetail(uuid)!);
		await sim.webhooks.deliver('job_updated', retried, { attempt: 4 });
		expect(server.executions).toHaveLength(1);
		const next = sim.jobDetail(uuid)!;
		await sim.webhooks.deliver('job_updated', PlanadoWebhooks.eventBody('job_updated', { ...next, version: Number(next.version) + 1 }));
		expect(server.executions).toHaveLength(2);
		expect(sim.webhooks.sent.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
		expect((t.staticData().deliveries as string[]).length).toBe(2);
	});

	it('emits two copies of one delivery arriving at once only once (n8n saves static data after answering)', async () => {
		await activated();
		const body = PlanadoWebhooks.eventBody('job_updated', sim.jobDetail(sim.listJobs()[0].uuid)!);
		const results = await Promise.all([1, 2, 3].map((attempt) => sim.webhooks.deliver('job_updated', body, { attempt })));
		expect(results.flat().map((r) => r.status)).toEqual([200, 200, 200]);
		expect(server.executions).toHaveLength(1);
	});

	it('emits nothing for a job that does not exist (deleted, or a forged event with the right secret)', async () => {
		await activated();
		const job = sim.jobDetail(sim.listJobs()[0].uuid)!;
		sim.deleteJob(job.uuid);
		const [result] = await sim.webhooks.deliver('job_updated', PlanadoWebhooks.eventBody('job_updated', job));
		expect(result.status).toBe(200);
		expect(server.executions).toHaveLength(0);
	});

	it('remembers at most MAX_REMEMBERED_DELIVERIES deliveries, forgetting the oldest', async () => {
		const secret = 'a'.repeat(64);
		const old = Array.from({ length: MAX_REMEMBERED_DELIVERIES }, (_, n) => `job_updated:old@${n}`);
		const t = harness.webhookTrigger({
			type: `${PKG}.planadoInstantTrigger`,
			parameters: { events: ['job_updated'] },
			webhookBaseUrl: server.baseUrl,
			staticData: { 'node:Planado Instant Trigger': { webhookId: 'w1', secret, eventTypes: ['job_updated'], deliveries: old } },
		});
		server.serve(t);
		sim.webhooks.subscriptions.set('w1', { uuid: 'w1', url: t.url, event_types: ['job_updated'], secret });
		const job = sim.jobDetail(sim.listJobs()[0].uuid)!;
		await sim.webhooks.deliver('job_updated', PlanadoWebhooks.eventBody('job_updated', job));
		expect(server.executions).toHaveLength(1);
		const deliveries = t.staticData().deliveries as string[];
		expect(deliveries).toHaveLength(MAX_REMEMBERED_DELIVERIES);
		expect(deliveries[0]).toBe('job_updated:old@1');
		expect(deliveries[deliveries.length - 1]).toBe(`job_updated:${job.uuid}@${job.version}`);
	});
});

describe('Worklayer Instant Trigger', () => {
	const SIGNING = 'worklayer-webhook-secret';
	let sim: WorklayerSimulator;
	let harness: Harness;
	beforeEach(async () => {
		sim = new WorklayerSimulator({ jobCount: 5 });
		await sim.start();
		harness = new Harness({
			nodeTypes: { [`${PKG}.worklayerInstantTrigger`]: new WorklayerInstantTrigger() },
			credentialTypes: [new WorklayerApi()],
			credentials: [
				{
					type: 'worklayerApi',
					data: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl: sim.baseUrl, webhookSigningSecret: SIGNING },
				},
			],
		});
	});
	afterEach(async () => await sim.stop());

	const send = async (t: WebhookTrigger, body: string, headers: Record<string, string>) => await deliver(t.url, body, headers);

	it('emits the re-read job for a correctly signed event, simplified when asked', async () => {
		const t = trigger(harness, 'worklayerInstantTrigger', { events: ['job.status'], options: { simplify: true } });
		expect(await t.hook('checkExists')).toBe(true);
		const job = sim.listJobs()[0];
		const body = worklayerEventBody('job.status', { ...job, status: 'CLAIMED' });
		const result = await send(t, body, worklayerSignature(SIGNING, body));
		expect(result.status).toBe(200);
		expect(server.executions).toHaveLength(1);
		const [item] = server.executions[0];
		expect(item.json).toMatchObject({ provider: 'worklayer', id: job.id, status: job.status });
		expect((item.json.webhookEvent as { id: string }).id).toBe(JSON.parse(body).id);
	});

	it('answers 401 to a bad, missing, stale or future signature and to a body changed after signing', async () => {
		const t = trigger(harness, 'worklayerInstantTrigger', { events: ['job.status'] });
		const body = worklayerEventBody('job.status', sim.listJobs()[0]);
		const statuses = [
			(await send(t, body, worklayerSignature('not the secret', body))).status,
			(await send(t, body, {})).status,
			(await send(t, body, { 'x-worklayer-date': worklayerSignature(SIGNING, body)['x-worklayer-date'] })).status,
			(await send(t, body, worklayerSignature(SIGNING, body, Date.now() - 6 * 60_000))).status,
			(await send(t, body, worklayerSignature(SIGNING, body, Date.now() + 6 * 60_000))).status,
			(await send(t, JSON.stringify(JSON.parse(body)).replace('"job.status"', '"job.cancelled"'), worklayerSignature(SIGNING, body))).status,
		];
		expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
		expect(server.executions).toHaveLength(0);
		// Signed 4 minutes ago: inside the tolerance.
		expect((await send(t, body, worklayerSignature(SIGNING, body, Date.now() - 4 * 60_000))).status).toBe(200);
		expect(server.executions).toHaveLength(1);
	});

	it('emits a replayed (re-signed) event id once, ignores events not picked, and emits nothing for an unknown job', async () => {
		const t = trigger(harness, 'worklayerInstantTrigger', { events: ['job.status'] });
		const job = sim.listJobs()[0];
		const body = worklayerEventBody('job.status', job);
		await send(t, body, worklayerSignature(SIGNING, body));
		await send(t, body, worklayerSignature(SIGNING, body, Date.now() + 1000));
		const other = worklayerEventBody('job.messages.all', job);
		await send(t, other, worklayerSignature(SIGNING, other));
		const ghost = worklayerEventBody('job.status', { ...job, id: '00000000-0000-4000-8000-000000000000' });
		expect((await send(t, ghost, worklayerSignature(SIGNING, ghost))).status).toBe(200);
		expect(server.executions).toHaveLength(1);
	});

	it('refuses activation without a signing secret in the credential', async () => {
		harness.setCredential({
			type: 'worklayerApi',
			data: { clientId: sim.clientId, clientSecret: sim.clientSecret, tokenUrl: sim.tokenUrl, baseUrl: sim.baseUrl },
		});
		const t = trigger(harness, 'worklayerInstantTrigger', { events: ['job.status'] });
		await expect(t.hook('checkExists')).rejects.toThrow(/no Webhook Signing Secret/);
		const body = worklayerEventBody('job.status', sim.listJobs()[0]);
		expect((await send(t, body, worklayerSignature('', body))).status).toBe(401);
	});
});

describe('Housecall Pro Instant Trigger', () => {
	const SIGNING = 'hcp-webhook-secret';
	let sim: HousecallProSimulator;
	let harness: Harness;
	beforeEach(async () => {
		sim = new HousecallProSimulator({ jobCount: 5 });
		await sim.start();
		harness = new Harness({
			nodeTypes: { [`${PKG}.housecallProInstantTrigger`]: new HousecallProInstantTrigger() },
			credentialTypes: [new HousecallProApi()],
			credentials: [{ type: 'housecallProApi', data: { apiKey: HCP_DEFAULT_COMPANY_API_KEY, baseUrl: sim.baseUrl, webhookSigningSecret: SIGNING } }],
		});
	});
	afterEach(async () => await sim.stop());

	const send = async (t: WebhookTrigger, body: string, headers: Record<string, string>) => await deliver(t.url, body, headers);

	it("answers Housecall Pro's unsigned URL check 200 without an execution", async () => {
		const t = trigger(harness, 'housecallProInstantTrigger', { events: ['job.created'] });
		expect((await send(t, HOUSECALL_PRO_URL_CHECK, {})).status).toBe(200);
		expect(server.executions).toHaveLength(0);
	});

	it('emits job and appointment events with the job re-read; hex signatures in either case', async () => {
		const t = trigger(harness, 'housecallProInstantTrigger', { events: ['job.completed', 'job.appointment.scheduled'] });
		const [first, second] = sim.listJobs();
		const completed = housecallProEventBody('job.completed', { id: first.id, work_status: 'forged' });
		const headers = housecallProSignature(SIGNING, completed);
		expect((await send(t, completed, { ...headers, 'Api-Signature': headers['Api-Signature'].toUpperCase() })).status).toBe(200);
		const appointment = housecallProAppointmentBody('job.appointment.scheduled', { id: 'appt_1', job_id: second.id });
		expect((await send(t, appointment, housecallProSignature(SIGNING, appointment))).status).toBe(200);
		expect(server.executions.map(([item]) => item.json.id)).toEqual([first.id, second.id]);
		expect(server.executions[0][0].json.work_status).toBe(first.work_status);
		expect(server.executions[1][0].json.webhookEvent).toEqual(JSON.parse(appointment));
	});

	it('answers 401 to an unsigned event, a wrong or stale signature; ignores events not picked; emits a redelivery once', async () => {
		const t = trigger(harness, 'housecallProInstantTrigger', { events: ['job.created'] });
		const body = housecallProEventBody('job.created', { id: sim.listJobs()[0].id });
		expect((await send(t, body, {})).status).toBe(401);
		expect((await send(t, body, housecallProSignature('wrong', body))).status).toBe(401);
		expect((await send(t, body, housecallProSignature(SIGNING, body, Date.now() - 10 * 60_000))).status).toBe(401);
		expect(server.executions).toHaveLength(0);
		expect((await send(t, body, housecallProSignature(SIGNING, body))).status).toBe(200);
		expect((await send(t, body, housecallProSignature(SIGNING, body, Date.now() + 2000))).status).toBe(200);
		const other = housecallProEventBody('job.canceled', { id: sim.listJobs()[0].id });
		expect((await send(t, other, housecallProSignature(SIGNING, other))).status).toBe(200);
		expect(server.executions).toHaveLength(1);
	});

	it('with Re-read the Job off emits the job in the event', async () => {
		const t = trigger(harness, 'housecallProInstantTrigger', { events: ['job.created'], options: { reReadJob: false } });
		const body = housecallProEventBody('job.created', { id: 'job_not_in_the_api', note: 'as sent' });
		expect((await send(t, body, housecallProSignature(SIGNING, body))).status).toBe(200);
		expect(server.executions[0][0].json).toMatchObject({ id: 'job_not_in_the_api', note: 'as sent' });
		expect(sim.server.requests.filter((r) => r.path.startsWith('/jobs'))).toHaveLength(0);
	});
});
