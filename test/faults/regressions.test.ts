/**
 * The fault suite's findings, each as the smallest run that shows it (issue #14). Every case states
 * what the user must get: the whole list or an error, a job or an error, a clear message.
 */
import type { INodeParameters } from 'n8n-workflow';

import { AcceloOAuth2Api } from '../../credentials/AcceloOAuth2Api.credentials';
import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { Accelo } from '../../nodes/Accelo/Accelo.node';
import { FsmNavigator } from '../../nodes/FsmNavigator/FsmNavigator.node';
import { WorklayerApi } from '../../credentials/WorklayerApi.credentials';
import { Worklayer } from '../../nodes/Worklayer/Worklayer.node';
import { AcceloSimulator } from '../../tooling/simulators/accelo';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator } from '../../tooling/simulators/fsmNavigator';
import type { RecordedRequest } from '../../tooling/simulators/server';
import { WORKLAYER_TOKEN_PATH, WorklayerSimulator } from '../../tooling/simulators/worklayer';
import { Harness, type RunResult } from '../harness/engine';
import { unclearError } from './checks';

const FSM = 'n8n-nodes-field-service.fsmNavigator';
const ACCELO = 'n8n-nodes-field-service.accelo';
const HTML = '<html><head><title>200 OK</title></head><body>Maintenance</body></html>';
const TIMEOUT = { timeout: 300 };

let fsm: FsmNavigatorSimulator;
let accelo: AcceloSimulator;
let harness: Harness;

beforeAll(async () => {
	fsm = new FsmNavigatorSimulator({ jobCount: 150 });
	accelo = new AcceloSimulator({ jobCount: 150 });
	await fsm.start();
	const origin = await accelo.start();
	harness = new Harness({
		nodeTypes: { [FSM]: new FsmNavigator(), [ACCELO]: new Accelo() },
		credentialTypes: [new FsmNavigatorApi(), new AcceloOAuth2Api()],
		credentials: [
			{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: fsm.baseUrl } },
			{ type: 'acceloOAuth2Api', data: { deployment: accelo.deployment, baseUrl: origin, clientId: accelo.clientId, clientSecret: accelo.clientSecret } },
		],
	});
});

afterAll(async () => {
	await fsm.stop();
	await accelo.stop();
});

afterEach(() => {
	for (const server of [fsm.server, accelo.server]) {
		server.clearFaults();
		server.onRequest = undefined;
	}
});

const fsmRun = async (parameters: INodeParameters) =>
	await harness.runNode({ type: FSM, parameters: { resource: 'job', options: TIMEOUT, ...parameters } });
const acceloRun = async (parameters: INodeParameters) =>
	await harness.runNode({ type: ACCELO, parameters: { resource: 'job', options: TIMEOUT, ...parameters } });

/** Runs `change` once, just before the first request for which `when` is true is answered. */
function once(server: { onRequest?: (req: RecordedRequest) => void }, when: (req: RecordedRequest) => boolean, change: () => void): void {
	let done = false;
	server.onRequest = (req) => {
		if (done || !when(req)) return;
		done = true;
		change();
	};
}

const ids = (result: RunResult, key: string) => result.items.map((item) => String(item.json[key]));

/** The whole list, each job once, or an error: never part of the list as if it were all of it. */
/** Every expected job once; `mayAlso`: jobs that may also appear (one deleted after it was read). */
function expectAllOrError(result: RunResult, key: string, expected: string[], mayAlso: string[] = []): void {
	if (result.status === 'error') return;
	const read = ids(result, key);
	const missing = expected.filter((id) => !read.includes(id));
	const strangers = read.filter((id) => !expected.includes(id) && !mayAlso.includes(id));
	expect({ distinct: new Set(read).size === read.length, missing: missing.slice(0, 10), strangers }).toEqual({
		distinct: true,
		missing: [],
		strangers: [],
	});
}

describe('an answer that is not JSON', () => {
	it('FSM Navigator: page 2 of Get Many answered 200 with an HTML page does not end the list early', async () => {
		const all = fsm.jobs.ascending().map((job) => String(job.job_id));
		once(fsm.server, (req) => req.query.page === '2', () => fsm.server.injectFault({}, { spoil: 'notJson', body: HTML }));
		const result = await fsmRun({ operation: 'getAll', returnAll: true });
		expectAllOrError(result, 'job_id', all);
	});

	it('FSM Navigator: page 1 of Get Many answered 200 with an HTML page is no empty list', async () => {
		const all = fsm.jobs.ascending().map((job) => String(job.job_id));
		fsm.server.injectFault({ method: 'GET' }, { spoil: 'notJson', body: HTML });
		const result = await fsmRun({ operation: 'getAll', returnAll: true });
		expectAllOrError(result, 'job_id', all);
	});

	it('Accelo: page 2 of Get Many answered 200 with an HTML page does not end the list early', async () => {
		const all = accelo.jobs.map((job) => String(job.id));
		once(accelo.server, (req) => req.query._offset === '100', () => accelo.server.injectFault({}, { spoil: 'notJson', body: HTML }));
		const result = await acceloRun({ operation: 'getAll', returnAll: true });
		expectAllOrError(result, 'id', all);
	});

	it('FSM Navigator: Get answered 200 with an HTML page is an error, not an empty item', async () => {
		const job = fsm.jobs.ascending()[0];
		fsm.server.injectFault({ method: 'GET' }, { spoil: 'notJson', body: HTML });
		const result = await fsmRun({ operation: 'get', jobId: { __rl: true, mode: 'id', value: String(job.job_id) } });
		if (result.status !== 'error') expect(result.items[0].json.job_id).toBe(job.job_id);
	});

	it('Accelo: a Create whose answer is an HTML page is an error (the job may exist), not an empty item', async () => {
		accelo.server.injectFault({ method: 'POST', path: '/api/v0/jobs' }, { spoil: 'notJson', body: HTML });
		const type = accelo.data.jobTypes.find((t) => t.standing === 'active');
		const result = await acceloRun({
			operation: 'create',
			title: 'Answer lost',
			againstType: 'company',
			againstId: String(accelo.data.companies[0].id),
			managerId: String(accelo.data.staff[0].id),
			typeId: String(type?.id),
		});
		expect(accelo.jobs.filter((job) => job.title === 'Answer lost')).toHaveLength(1);
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain('may already have been applied');
	});
});

describe('an answer cut off mid-body', () => {
	it('FSM Navigator: a truncated Get Many page is read again or fails as a network error, not "answered HTTP 200"', async () => {
		fsm.server.injectFault({ method: 'GET' }, { spoil: 'truncate' });
		const result = await fsmRun({ operation: 'getAll', limit: 20 });
		if (result.status === 'error') expect(unclearError('FSM Navigator', result.error?.name, result.error?.message)).toBeUndefined();
		else expect(result.items).toHaveLength(20);
	});

	it('FSM Navigator: a Create whose answer is cut off fails with a clear message saying it may have been applied', async () => {
		fsm.server.injectFault({ method: 'POST' }, { spoil: 'truncate' });
		const result = await fsmRun({ operation: 'create', jobTitle: 'Cut off', customerLocationId: String([...fsm.locations.keys()][0]) });
		expect(result.status).toBe('error');
		expect(unclearError('FSM Navigator', result.error?.name, result.error?.message)).toBeUndefined();
		expect(result.error?.description).toContain('may already have been applied');
	});
});

describe('jobs deleted while Get Many pages', () => {
	it('FSM Navigator: deleting job 1001 before page 2 loses no other job (page-number paging)', async () => {
		const first = fsm.jobs.ascending()[0].job_id;
		const rest = fsm.jobs.ascending().slice(1).map((job) => String(job.job_id));
		once(fsm.server, (req) => req.query.page === '2', () => fsm.jobs.delete(first));
		const result = await fsmRun({ operation: 'getAll', returnAll: true });
		fsm.putJob({ ...fsm.jobs.ascending()[0], job_id: first });
		expectAllOrError(result, 'job_id', rest);
	});

	it('Accelo: deleting the first job before the second page loses no other job (offset paging with overlap)', async () => {
		const first = accelo.jobs[0];
		const rest = accelo.jobs.slice(1).map((job) => String(job.id));
		once(accelo.server, (req) => req.query._offset === '97', () => accelo.data.jobs.splice(0, 1));
		const result = await acceloRun({ operation: 'getAll', returnAll: true });
		accelo.data.jobs.unshift(first);
		// The first job was read before it was deleted.
		expectAllOrError(result, 'id', rest, [String(first.id)]);
	});
	it('Accelo: deleting the first job and adding one before the second page (same count) loses no other job', async () => {
		const first = accelo.jobs[0];
		const rest = accelo.jobs.slice(1).map((job) => String(job.id));
		let added: string | undefined;
		once(accelo.server, (req) => req.query._offset === '97', () => {
			accelo.data.jobs.splice(0, 1);
			added = String(accelo.insertJob({ title: 'Added while paging' }).id);
		});
		const result = await acceloRun({ operation: 'getAll', returnAll: true });
		accelo.data.jobs.splice(accelo.data.jobs.findIndex((job) => String(job.id) === added), 1);
		accelo.data.jobs.unshift(first);
		expectAllOrError(result, 'id', rest, [String(first.id), added ?? '']);
	});
});

describe('the OAuth token endpoint failing', () => {
	it('Accelo: a 503 from the token endpoint is retried, or fails naming Accelo and the item', async () => {
		// A new credential: its first request fetches a token.
		const fresh = new Harness({
			nodeTypes: { [ACCELO]: new Accelo() },
			credentialTypes: [new AcceloOAuth2Api()],
			credentials: [{ type: 'acceloOAuth2Api', data: { deployment: accelo.deployment, baseUrl: accelo.baseUrl ?? '', clientId: accelo.clientId, clientSecret: accelo.clientSecret } }],
		});
		accelo.server.injectFault({ path: '/oauth2/v0/token' }, { status: 503, body: { error: 'temporarily_unavailable' } });
		const result = await fresh.runNode({ type: ACCELO, parameters: { resource: 'job', operation: 'getAll', limit: 5, options: TIMEOUT } });
		if (result.status !== 'error') return;
		expect(result.error?.message).toMatch(/^Accelo\b/);
		expect(result.error?.context).toMatchObject({ itemIndex: 0 });
	});
	it('Worklayer: a connection dropped by the token endpoint fails naming Worklayer and the item', async () => {
		const worklayer = new WorklayerSimulator({ jobCount: 5 });
		await worklayer.start();
		try {
			const fresh = new Harness({
				nodeTypes: { 'n8n-nodes-field-service.worklayer': new Worklayer() },
				credentialTypes: [new WorklayerApi()],
				credentials: [
					{ type: 'worklayerApi', data: { clientId: worklayer.clientId, clientSecret: worklayer.clientSecret, tokenUrl: worklayer.tokenUrl, baseUrl: worklayer.baseUrl } },
				],
			});
			worklayer.server.injectFault({ path: WORKLAYER_TOKEN_PATH }, 'reset');
			const result = await fresh.runNode({
				type: 'n8n-nodes-field-service.worklayer',
				parameters: { resource: 'job', operation: 'getAll', limit: 5, options: TIMEOUT },
			});
			if (result.status !== 'error') return;
			expect(result.error?.message).toMatch(/^Worklayer\b/);
			expect(result.error?.context).toMatchObject({ itemIndex: 0 });
		} finally {
			await worklayer.stop();
		}
	});
});
