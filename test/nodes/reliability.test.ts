/**
 * Paths a careful user meets that the per-node suites do not: different parameters per input item,
 * a workflow time zone other than the instance's, Retry-After as an HTTP date, and an OAuth token
 * that expires in the middle of a long Get Many. Through n8n's engine, against the simulators.
 */
import type { INodeParameters } from 'n8n-workflow';

import { AcceloOAuth2Api } from '../../credentials/AcceloOAuth2Api.credentials';
import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { Accelo } from '../../nodes/Accelo/Accelo.node';
import { FsmNavigator } from '../../nodes/FsmNavigator/FsmNavigator.node';
import { AcceloSimulator } from '../../tooling/simulators/accelo';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';
import { Harness } from '../harness/engine';

const FSM = 'n8n-nodes-field-service.fsmNavigator';
const ACCELO = 'n8n-nodes-field-service.accelo';
let fsm: FsmNavigatorSimulator;
let accelo: AcceloSimulator;
let harness: Harness;

beforeAll(async () => {
	fsm = new FsmNavigatorSimulator({ jobCount: 300 });
	accelo = new AcceloSimulator({ jobCount: 260 });
	await fsm.start();
	const acceloOrigin = await accelo.start();
	harness = new Harness({
		nodeTypes: { [FSM]: new FsmNavigator(), [ACCELO]: new Accelo() },
		credentialTypes: [new FsmNavigatorApi(), new AcceloOAuth2Api()],
		credentials: [
			{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: fsm.baseUrl } },
			{
				type: 'acceloOAuth2Api',
				data: { deployment: accelo.deployment, baseUrl: acceloOrigin, clientId: accelo.clientId, clientSecret: accelo.clientSecret },
			},
		],
	});
});

afterAll(async () => {
	await fsm.stop();
	await accelo.stop();
});

beforeEach(() => {
	for (const server of [fsm.server, accelo.server]) {
		server.clearLog();
		server.clearFaults();
		server.onRequest = undefined;
	}
});

const fsmRun = async (parameters: INodeParameters, input = [{ json: {} }], workflowTimezone?: string) =>
	await harness.runNode({ type: FSM, parameters: { resource: 'job', ...parameters }, input, workflowTimezone });
const fsmJobRequests = () => fsm.requests.filter((r) => r.path === '/api/v1/jobs');

describe('different parameters per input item', () => {
	it('Get Many runs each item with its own filters and limit', async () => {
		const input = [
			{ json: { status: 'Pending', limit: 2 } },
			{ json: { status: 'Completed', limit: 3 } },
		];
		const result = await fsmRun(
			{ operation: 'getAll', limit: '={{ $json.limit }}', filters: { status: '={{ $json.status }}' } },
			input,
		);
		expect(result.status).toBe('success');
		const byItem = (item: number) => result.items.filter((out) => JSON.stringify(out.pairedItem) === JSON.stringify({ item }));
		expect(byItem(0).map((out) => out.json.job_status)).toEqual(['Pending', 'Pending']);
		expect(byItem(1).map((out) => out.json.job_status)).toEqual(['Completed', 'Completed', 'Completed']);
		expect(fsmJobRequests().map((r) => [r.query.status, r.query.per_page])).toEqual([
			['Pending', '2'],
			['Completed', '3'],
		]);
	});

	it('Create and Update send each item its own values', async () => {
		const location = String([...fsm.locations.keys()][0]);
		const created = await fsmRun(
			{ operation: 'create', jobTitle: '={{ $json.title }}', customerLocationId: location, additionalFields: { jobPriority: '={{ $json.priority }}' } },
			[{ json: { title: 'First', priority: 'Low' } }, { json: { title: 'Second', priority: 'Urgent' } }],
		);
		expect(created.items.map((out) => [out.json.job_title, out.json.job_priority])).toEqual([
			['First', 'Low'],
			['Second', 'Urgent'],
		]);
		const ids = created.items.map((out) => String(out.json.job_id));
		fsm.server.clearLog();
		const updated = await fsmRun(
			{ operation: 'update', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { jobDescription: '={{ $json.note }}' } },
			[{ json: { id: ids[0], note: 'note one' } }, { json: { id: ids[1], note: 'note two' } }],
		);
		expect(updated.items.map((out) => [String(out.json.job_id), out.json.job_description])).toEqual([
			[ids[0], 'note one'],
			[ids[1], 'note two'],
		]);
		expect(fsm.requests.filter((r) => r.method === 'PUT').map((r) => [r.query.id, r.body])).toEqual([
			[ids[0], { job_description: 'note one' }],
			[ids[1], { job_description: 'note two' }],
		]);
	});
});

describe('time zones', () => {
	it("reads a date without an offset in the workflow's own zone, not the instance's", async () => {
		await fsmRun({ operation: 'getAll', limit: 1, filters: { createdAfter: '2026-01-15T12:00:00' } }, undefined, 'Asia/Tokyo');
		expect(fsmJobRequests()[0].query.created_after).toBe('2026-01-15T03:00:00Z');
		fsm.server.clearLog();
		await fsmRun({ operation: 'getAll', limit: 1, filters: { createdAfter: '2026-07-15T12:00:00' } }, undefined, 'Europe/Berlin');
		expect(fsmJobRequests()[0].query.created_after).toBe('2026-07-15T10:00:00Z');
	});
});

describe('rate limits', () => {
	it('waits until the HTTP date a 429 gives in Retry-After', async () => {
		// Whole seconds: an HTTP date has no milliseconds.
		const until = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
		fsm.server.injectFault(
			{ method: 'GET', path: '/api/v1/jobs' },
			{ status: 429, headers: { 'Retry-After': until.toUTCString() }, body: { success: false, error: 'rate_limit_exceeded', message: 'Slow down' } },
		);
		const result = await fsmRun({ operation: 'getAll', limit: 2 });
		expect(result.status).toBe('success');
		expect(fsmJobRequests()).toHaveLength(2);
		expect(Date.now()).toBeGreaterThanOrEqual(until.getTime() - 50);
	});
});

describe('OAuth', () => {
	it('renews an Accelo token that expires in the middle of a long Get Many and reads on', async () => {
		// Warm up: a token exists before the read.
		await harness.runNode({ type: ACCELO, parameters: { resource: 'job', operation: 'getAll', limit: 1 } });
		accelo.server.clearLog();
		let expired = false;
		accelo.server.onRequest = (req) => {
			if (req.path === '/api/v0/jobs' && req.query._offset === '194' && !expired) {
				expired = true;
				accelo.expireAllTokens();
			}
		};
		const result = await harness.runNode({
			type: ACCELO,
			parameters: { resource: 'job', operation: 'getAll', returnAll: true, options: { parallelRequests: 1 } },
		});
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.id)).toEqual(accelo.jobs.map((job) => String(job.id)));
		expect(accelo.tokenRequests).toHaveLength(1);
		// Page 3 was refused once with the expired token, then read again with the new one.
		expect(accelo.apiRequests.map((r) => r.query._offset)).toEqual(['0', '97', '194', '194']);
	});
});
