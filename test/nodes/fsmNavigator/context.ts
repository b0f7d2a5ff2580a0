/**
 * The FSM Navigator node run through n8n's real execution engine against the FSM Navigator
 * simulator over loopback HTTP. Expected values are computed from the simulator's data here, not
 * copied from the node.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { FsmNavigatorApi } from '../../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigator } from '../../../nodes/FsmNavigator/FsmNavigator.node';
import { Harness, type RunResult } from '../../harness/engine';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator, type FsmJob } from '../../../tooling/simulators/fsmNavigator';

export const TYPE = 'n8n-nodes-field-service.fsmNavigator';
export let sim: FsmNavigatorSimulator;
export let harness: Harness;

export function makeHarness(apiKey = FSM_DEFAULT_API_KEY): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new FsmNavigator() },
		credentialTypes: [new FsmNavigatorApi()],
		credentials: [{ type: 'fsmNavigatorApi', data: { apiKey, baseUrl: `${sim.baseUrl}/` } }],
	});
}

export async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false): Promise<RunResult> {
	return await harness.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
export const jobRequests = () => sim.requests.filter((r) => r.path === '/api/v1/jobs');
export const jsonOf = (result: RunResult) => result.items.map((item) => item.json);
export const firstWith = (predicate: (job: FsmJob) => boolean) => {
	const job = sim.jobs.ascending().find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	sim = new FsmNavigatorSimulator({ jobCount: 537 });
	await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
});
