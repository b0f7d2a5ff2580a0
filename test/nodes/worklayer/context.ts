/**
 * The Worklayer node through n8n's real engine against the Worklayer simulator (Auth0 token
 * endpoint included). Expected values come from the simulator's data, filtered here independently;
 * request counts come from the simulator's request log.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { WorklayerApi } from '../../../credentials/WorklayerApi.credentials';
import { Worklayer } from '../../../nodes/Worklayer/Worklayer.node';
import { WorklayerTrigger } from '../../../nodes/Worklayer/WorklayerTrigger.node';
import { Harness, type RunResult } from '../../harness/engine';
import {
	WorklayerSimulator,
	type WorklayerJob,
	type WorklayerJobStatus,
	type WorklayerSimulatorOptions,
} from '../../../tooling/simulators/worklayer';

export const TYPE = 'n8n-nodes-field-service.worklayer';
export const TRIGGER = 'n8n-nodes-field-service.worklayerTrigger';
export const PAGE = 50;
export let sim: WorklayerSimulator;
export let harness: Harness;

export function makeHarness(target: WorklayerSimulator = sim, clientSecret = target.clientSecret): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new Worklayer(), [TRIGGER]: new WorklayerTrigger() },
		credentialTypes: [new WorklayerApi()],
		credentials: [
			{
				type: 'worklayerApi',
				data: { clientId: target.clientId, clientSecret, tokenUrl: target.tokenUrl, baseUrl: `${target.baseUrl}/` },
			},
		],
	});
}

export async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false, h = harness): Promise<RunResult> {
	return await h.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const ids = (result: RunResult) => result.items.map((item) => String(item.json.id));
export const listRequests = (s = sim) => s.apiRequests.filter((r) => r.method === 'GET' && r.path === '/v1.0/jobs');
export const jobs = () => sim.listJobs();
export const withStatus = (status: WorklayerJobStatus) => jobs().filter((job) => job.status === status);
/** Requests a series of `n` matching jobs takes: the end is an empty token on the last page. */
export const pagesFor = (n: number) => Math.max(1, Math.ceil(n / PAGE));
/** Page sizes a limited read of a series of `count` matching jobs asks for. */
export function pageSizes(count: number, limit: number): string[] {
	const sizes: string[] = [];
	let wanted = limit;
	let left = count;
	for (;;) {
		const size = Math.min(wanted, PAGE);
		sizes.push(String(size));
		const got = Math.min(size, left);
		wanted -= got;
		left -= got;
		if (left === 0 || wanted === 0) return sizes;
	}
}
export const firstJob = (predicate: (job: WorklayerJob) => boolean) => {
	const job = jobs().find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};
export const clientMember = () => {
	const member = sim.members.find((m) => m.type === 'CLIENT');
	if (!member) throw new Error('no client member');
	return member;
};
export const template = () => sim.templates[0];

/** Every secret the run could leak: the client secret and every token issued so far. */
export function expectNoSecrets(result: RunResult, s = sim, secret = s.clientSecret): void {
	const dumps = [JSON.stringify(result.run), JSON.stringify(result.error?.raw ?? null), JSON.stringify(result.items)];
	for (const dump of dumps) {
		expect(dump).not.toContain(secret);
		for (const token of s.issuedTokens) expect(dump).not.toContain(token.accessToken);
	}
}

export const extraSims: WorklayerSimulator[] = [];
export async function startSim(options: WorklayerSimulatorOptions): Promise<WorklayerSimulator> {
	const extra = new WorklayerSimulator(options);
	await extra.start();
	extraSims.push(extra);
	return extra;
}

beforeAll(async () => {
	sim = new WorklayerSimulator({ jobCount: 537 });
	await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
	await Promise.all(extraSims.map((s) => s.stop()));
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.onList = undefined;
});
