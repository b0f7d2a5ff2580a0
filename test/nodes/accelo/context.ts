/**
 * The Accelo node through n8n's real engine against the Accelo simulator (token endpoint included).
 * Expected values come from the simulator's data, filtered here independently.
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { AcceloOAuth2Api } from '../../../credentials/AcceloOAuth2Api.credentials';
import { Accelo } from '../../../nodes/Accelo/Accelo.node';
import { Harness, type RunResult } from '../../harness/engine';
import { AcceloSimulator, type AcceloJob } from '../../../tooling/simulators/accelo';

export const TYPE = 'n8n-nodes-field-service.accelo';
export let sim: AcceloSimulator;
export let origin: string;
export let harness: Harness;

export function makeHarness(clientSecret = sim.clientSecret): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new Accelo() },
		credentialTypes: [new AcceloOAuth2Api()],
		credentials: [
			{
				type: 'acceloOAuth2Api',
				data: { deployment: sim.deployment, baseUrl: `${origin}/`, clientId: sim.clientId, clientSecret },
			},
		],
	});
}

export async function run(parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false): Promise<RunResult> {
	return await harness.runNode({ type: TYPE, parameters: { resource: 'job', ...parameters }, input, continueOnFail });
}

export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
export const ids = (result: RunResult) => result.items.map((item) => item.json.id);
export const listRequests = () => sim.apiRequests.filter((r) => r.method === 'GET' && r.path === '/api/v0/jobs');
export const sorted = (jobs: readonly AcceloJob[]) => jobs.map((job) => String(job.id));
export const firstJob = (predicate: (job: AcceloJob) => boolean) => {
	const job = sim.jobs.find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	sim = new AcceloSimulator({ jobCount: 260 });
	origin = await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.limitCap = 100;
	sim.progressionPermission = true;
});
