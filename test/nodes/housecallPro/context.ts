/**
 * The Housecall Pro node through n8n's real engine against the Housecall Pro simulator. Expected
 * values come from the simulator's data, filtered and sorted here independently; request counts come
 * from the simulator's request log (what was sent on the wire).
 */
// Shared by the test files in this folder: setup, hooks and helpers.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { HousecallProApi } from '../../../credentials/HousecallProApi.credentials';
import { HousecallPro } from '../../../nodes/HousecallPro/HousecallPro.node';
import { Harness, type RunResult } from '../../harness/engine';
import {
	HCP_DEFAULT_APPLICATION_API_KEY,
	HCP_DEFAULT_COMPANY_API_KEY,
	HousecallProSimulator,
	type HcpJob,
} from '../../../tooling/simulators/housecallPro';

export const TYPE = 'n8n-nodes-field-service.housecallPro';
export const JOB_COUNT = 537;
export let sim: HousecallProSimulator;
export let harness: Harness;

export function makeHarness(data: IDataObject = {}): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: new HousecallPro() },
		credentialTypes: [new HousecallProApi()],
		credentials: [{ type: 'housecallProApi', data: { apiKey: HCP_DEFAULT_COMPANY_API_KEY, baseUrl: `${sim.baseUrl}/`, ...data } }],
	});
}

export const appHarness = () => makeHarness({ apiKey: HCP_DEFAULT_APPLICATION_API_KEY });

export async function run(parameters: INodeParameters, options: { h?: Harness; input?: INodeExecutionData[]; continueOnFail?: boolean } = {}): Promise<RunResult> {
	return await (options.h ?? harness).runNode({
		type: TYPE,
		parameters: { resource: 'job', ...parameters },
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
/** Change Status to Scheduled at `start`, through the schedule or the appointment. */
export const scheduleAt = async (jobId: string, start: string, through: 'schedule' | 'appointments') =>
	await run({ operation: 'changeStatus', jobId: byId(jobId), status: 'scheduled', scheduledStart: start, options: { scheduleThrough: through } });
export const ids = (result: RunResult) => result.items.map((item) => String(item.json.id));
export const listRequests = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/jobs');
export const wire = () => sim.requests.map((r) => `${r.method} ${r.path}`);
export const ms = (iso: string | null) => (iso ? Date.parse(iso) : NaN);
export const allJobs = () => [...sim.jobs.values()];
/** created_at ascending, ties by id ascending. */
export const oldestFirst = (jobs: HcpJob[]) =>
	[...jobs].sort((a, b) => ms(a.created_at) - ms(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((j) => j.id);
export const newestFirst = (jobs: HcpJob[]) => oldestFirst(jobs).reverse();
export const firstJob = (predicate: (job: HcpJob) => boolean): HcpJob => {
	const job = oldestFirst(allJobs()).map((id) => sim.jobs.get(id) as HcpJob).find(predicate);
	if (!job) throw new Error('test data has no such job');
	return job;
};

beforeAll(async () => {
	sim = new HousecallProSimulator({ jobCount: JOB_COUNT });
	await sim.start();
	harness = makeHarness();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.server.clearLog();
	sim.server.clearFaults();
	sim.onList = undefined;
});
