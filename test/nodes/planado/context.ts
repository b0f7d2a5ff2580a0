/**
 * The Planado node run through n8n's real execution engine against the Planado simulator over
 * loopback HTTP. Expected values are computed from the simulator's data here, not copied from the
 * node; request counts come from the simulator's request log.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { PlanadoApi } from '../../../credentials/PlanadoApi.credentials';
import { Planado } from '../../../nodes/Planado/Planado.node';
import { planadoApi } from '../../../nodes/Planado/provider';
import { Harness, type RunResult } from '../../harness/engine';
import { PLANADO_DEFAULT_API_KEY, PlanadoSimulator, type PlanadoJob } from '../../../tooling/simulators/planado';

export const TYPE = 'n8n-nodes-field-service.planado';
export const SECRET = 'planado_wrong_key_must_not_leak_42';
export const REAL_LIMIT = planadoApi.pacing!.limit;
export let sim: PlanadoSimulator;
export let harness: Harness;

export function makeHarness(target: PlanadoSimulator, apiKey = PLANADO_DEFAULT_API_KEY): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new Planado() },
		credentialTypes: [new PlanadoApi()],
		credentials: [{ type: 'planadoApi', data: { apiKey, baseUrl: `${target.baseUrl}/` } }],
	});
}

export async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false, h = harness): Promise<RunResult> {
	return await h.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const jobRequests = () => sim.requests.filter((r) => r.path.startsWith('/v2/jobs'));
export const listRequests = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/v2/jobs');
export const uuids = (result: RunResult) => result.items.map((item) => String(item.json.uuid));
export const firstWith = (predicate: (job: PlanadoJob) => boolean): PlanadoJob => {
	const job = sim.listJobs().find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	// 100 times faster than the real limit, so that pacing never slows the suite down.
	planadoApi.pacing!.limit = { calls: 90, windowMs: 600 };
	sim = new PlanadoSimulator({ jobCount: 537 });
	await sim.start();
	harness = makeHarness(sim);
});

afterAll(async () => {
	planadoApi.pacing!.limit = REAL_LIMIT;
	await sim.stop();
});

beforeEach(() => {
	planadoApi.pacing!.reset();
	sim.server.clearLog();
	sim.server.clearFaults();
});
