/**
 * What a poll trigger does across restarts and activations, with the state n8n would have saved
 * (shared poll engine, FSM Navigator's trigger against its simulator, n8n-core's PollContext):
 * - "another process": the trigger module loaded again in an isolated module registry, as an n8n
 *   that was started again loads it;
 * - the in-memory scheduler saves the state when a poll emits, apart from the execution, so the
 *   next process reads the last batch again; the durable scheduler (a poll budget of its own)
 *   commits them together, so it does not;
 * - the durable scheduler keeps only the global static data of its activation poll;
 * - a user's activation starts from then; a restart ('init') or a saved edit ('update') resumes.
 * Real n8n with both schedulers and SIGKILL: tooling/crash (npm run crash-test) and the e2e suite.
 */
import type { IDataObject, INodeExecutionData, INodeType, WorkflowActivateMode } from 'n8n-workflow';

import { FsmNavigatorApi } from '../../credentials/FsmNavigatorApi.credentials';
import { FsmNavigatorTrigger } from '../../nodes/FsmNavigator/FsmNavigatorTrigger.node';
import { FSM_DEFAULT_API_KEY, FsmNavigatorSimulator, fsmIso, type FsmJobStatus } from '../../tooling/simulators/fsmNavigator';
import { Harness } from '../harness/engine';

const TYPE = 'n8n-nodes-field-service.fsmNavigatorTrigger';
/** What n8n 2.41's durable scheduler gives a poll by default (45 s timeout less its margin). */
const DURABLE_BUDGET_MS = 36_000;

const sim = new FsmNavigatorSimulator({ jobCount: 20 });
const realNow = Date.now.bind(Date);
let offset = 0;
let nextId = 70_000;

/** Moves the clock on by whole seconds (FSM Navigator dates jobs to the second). */
const tick = (seconds = 2): number => {
	offset += seconds * 1000;
	return Date.now();
};

function harnessWith(trigger: INodeType): Harness {
	return new Harness({
		nodeTypes: { [TYPE]: trigger },
		credentialTypes: [new FsmNavigatorApi()],
		credentials: [{ type: 'fsmNavigatorApi', data: { apiKey: FSM_DEFAULT_API_KEY, baseUrl: sim.baseUrl } }],
	});
}

/** The trigger node as a newly started n8n process loads it: its module evaluated afresh. */
function anotherProcess(): Harness {
	let trigger: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require('../../nodes/FsmNavigator/FsmNavigatorTrigger.node') as { FsmNavigatorTrigger: new () => INodeType };
		trigger = new module.FsmNavigatorTrigger();
	});
	return harnessWith(trigger!);
}

let thisProcess: Harness;

interface Options {
	event?: 'jobCreated' | 'jobUpdated' | 'jobStatusChanged';
	staticData?: IDataObject;
	durable?: boolean;
	catchUp?: boolean;
}

function trigger(harness: Harness, options: Options = {}) {
	const t = harness.pollTrigger({
		type: TYPE,
		// One workflow per test: n8n keys a trigger's state by workflow and node.
		workflowId: expect.getState().currentTestName,
		parameters: { event: options.event ?? 'jobCreated', options: options.catchUp ? { catchUp: true } : {} },
		staticData: options.staticData,
		pollBudgetMs: options.durable ? DURABLE_BUDGET_MS : undefined,
	});
	return {
		poll: async (activation: WorkflowActivateMode) => ids(await t.poll('trigger', activation)),
		pollRaw: async (activation: WorkflowActivateMode) => await t.poll('trigger', activation),
		saved: () => t.workflowStaticData(),
		savedWithoutNode: () => ({ global: t.workflowStaticData().global }),
	};
}

function ids(output: INodeExecutionData[][] | null): string[] {
	return (output?.[0] ?? []).map((item) => String(item.json.job_id)).sort();
}

function createJob(): string {
	const template = sim.jobs.ascending()[0];
	const id = nextId++;
	const at = fsmIso(tick());
	sim.putJob({ ...template, job_id: id, job_status: 'Pending', created_at: at, updated_at: at, assets: [] });
	return String(id);
}

function changeStatus(id: string): { from: FsmJobStatus; to: FsmJobStatus } {
	const job = sim.getJob(Number(id))!;
	const to: FsmJobStatus = job.job_status === 'Pending' ? 'Assigned' : 'Pending';
	sim.putJob({ ...job, job_status: to, updated_at: fsmIso(tick()) });
	return { from: job.job_status, to };
}

beforeAll(async () => {
	await sim.start();
	thisProcess = harnessWith(new FsmNavigatorTrigger());
	offset = Math.ceil(realNow() / 1000) * 1000 + 1000 - realNow();
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
});
// Every test activates a second after the last job of the one before.
beforeEach(() => tick(1));
afterAll(async () => {
	jest.restoreAllMocks();
	await sim.stop();
});

describe('in-memory scheduler', () => {
	it('emits the last batch again after a restart (its execution may be unsaved), and nothing is lost', async () => {
		const first = trigger(thisProcess);
		expect(await first.poll('activate')).toEqual([]);
		const a = createJob();
		expect(await first.poll('activate')).toEqual([a]);
		const b = createJob();
		const restarted = trigger(anotherProcess(), { staticData: first.saved() });
		expect(await restarted.poll('init')).toEqual([a, b].sort());
		expect(await restarted.poll('init')).toEqual([]);
	});

	it('does not emit the batch again when the same process reloads the state (an edited, saved workflow)', async () => {
		const first = trigger(thisProcess);
		await first.poll('activate');
		const a = createJob();
		expect(await first.poll('activate')).toEqual([a]);
		const b = createJob();
		const reloaded = trigger(thisProcess, { staticData: first.saved() });
		expect(await reloaded.poll('update')).toEqual([b]);
	});

	it('emits a status change again after a restart, with the status it came from', async () => {
		const existing = createJob();
		const first = trigger(thisProcess, { event: 'jobStatusChanged' });
		await first.pollRaw('activate');
		const change = changeStatus(existing);
		const before = await first.pollRaw('activate');
		expect(before?.[0].map((item) => item.json.statusChange)).toEqual([change]);
		const restarted = trigger(anotherProcess(), { event: 'jobStatusChanged', staticData: first.saved() });
		const again = await restarted.pollRaw('init');
		expect(again?.[0].map((item) => [String(item.json.job_id), item.json.statusChange])).toEqual([[existing, change]]);
		expect(await restarted.pollRaw('init')).toBeNull();
	});

	it('reports the status change of a job first seen by a poll that emitted nothing before a restart (from an unknown status)', async () => {
		const first = trigger(thisProcess, { event: 'jobStatusChanged' });
		await first.pollRaw('activate');
		// What n8n has saved: the state of the activation; the polls below emit nothing, so theirs stays in memory.
		const onDisk = first.saved();
		const created = createJob();
		expect(await first.pollRaw('activate')).toBeNull();
		const change = changeStatus(created);
		const restarted = trigger(anotherProcess(), { event: 'jobStatusChanged', staticData: onDisk });
		const output = await restarted.pollRaw('init');
		expect(output?.[0].map((item) => [String(item.json.job_id), item.json.statusChange])).toEqual([[created, { from: null, to: change.to }]]);
		expect(await restarted.pollRaw('init')).toBeNull();
	});
});

describe('durable scheduler (its own poll budget)', () => {
	it('does not emit the last batch again after a restart: n8n committed it with its execution', async () => {
		const first = trigger(thisProcess, { durable: true });
		await first.poll('activate');
		const a = createJob();
		expect(await first.poll('update')).toEqual([a]);
		const b = createJob();
		const restarted = trigger(anotherProcess(), { durable: true, staticData: first.saved() });
		expect(await restarted.poll('update')).toEqual([b]);
	});

	it('starts the first scheduled poll from the activation, though the activation poll’s node state was not kept', async () => {
		// The activation poll runs outside the scheduler (no budget of its own); n8n keeps its global static data only.
		const activation = trigger(thisProcess);
		expect(await activation.poll('activate')).toEqual([]);
		const a = createJob();
		tick();
		const scheduled = trigger(thisProcess, { durable: true, staticData: activation.savedWithoutNode() });
		expect(await scheduled.poll('update')).toEqual([a]);
		expect(await scheduled.poll('update')).toEqual([]);
	});
});

describe('overlapping polls (the durable scheduler runs the occurrences it missed after a restart)', () => {
	it('of two polls of one trigger started at once, one emits and the other hands over', async () => {
		const first = trigger(thisProcess, { durable: true });
		await first.poll('activate');
		const a = createJob();
		// Each scheduled poll gets its own copy of the committed state.
		const saved = first.saved();
		const one = trigger(thisProcess, { durable: true, staticData: saved });
		const two = trigger(thisProcess, { durable: true, staticData: saved });
		const results = await Promise.all([one.poll('update'), two.poll('update')]);
		expect(results.flat()).toEqual([a]);
	});

	it('a poll that starts from a copy older than one this process has handed over emits nothing', async () => {
		const first = trigger(thisProcess, { durable: true });
		await first.poll('activate');
		const a = createJob();
		const saved = first.saved();
		const one = trigger(thisProcess, { durable: true, staticData: saved });
		expect(await one.poll('update')).toEqual([a]);
		const stale = trigger(thisProcess, { durable: true, staticData: saved });
		expect(await stale.poll('update')).toEqual([]);
	});
});

describe('activations', () => {
	it('a user activating the workflow again starts from then: what changed while inactive is not replayed', async () => {
		const first = trigger(thisProcess);
		await first.poll('activate');
		const a = createJob();
		expect(await first.poll('activate')).toEqual([a]);
		createJob(); // while the workflow is inactive
		tick();
		const reactivated = trigger(thisProcess, { staticData: first.saved() });
		expect(await reactivated.poll('activate')).toEqual([]);
		const c = createJob();
		expect(await reactivated.poll('activate')).toEqual([c]);
	});

	it('with Catch Up After Deactivation, what changed while inactive is emitted', async () => {
		const first = trigger(thisProcess, { catchUp: true });
		await first.poll('activate');
		const a = createJob();
		expect(await first.poll('activate')).toEqual([a]);
		const whileInactive = createJob();
		const reactivated = trigger(thisProcess, { catchUp: true, staticData: first.saved() });
		expect(await reactivated.poll('activate')).toEqual([whileInactive]);
	});

	it.each(['init', 'update'] as const)("resumes in mode '%s' (n8n starting, an active workflow saved): nothing skipped", async (mode) => {
		const first = trigger(thisProcess);
		await first.poll('activate');
		const a = createJob();
		expect(await first.poll('activate')).toEqual([a]);
		const meanwhile = createJob();
		const resumed = trigger(thisProcess, { staticData: first.saved() });
		expect(await resumed.poll(mode)).toEqual([meanwhile]);
	});
});

describe('a long outage', () => {
	const DAY_MS = 86_400_000;
	const JOBS = 5_000;

	/** Three days inactive while 5,000 jobs are created and changed, spread over those days. */
	function outage(): string[] {
		const from = Date.now();
		offset += 3 * DAY_MS;
		const template = sim.jobs.ascending()[0];
		const ids: string[] = [];
		for (let i = 0; i < JOBS; i++) {
			const id = nextId++;
			const created = from + Math.floor((i / JOBS) * 2 * DAY_MS);
			const changed = created + DAY_MS / 2;
			sim.putJob({ ...template, job_id: id, job_status: 'Pending', created_at: fsmIso(created), updated_at: fsmIso(changed), assets: [] });
			ids.push(String(id));
		}
		tick();
		return ids;
	}

	it('three days inactive while 5,000 jobs change: the activation replays none of them, and the next change fires once', async () => {
		const first = trigger(thisProcess, { event: 'jobUpdated' });
		await first.poll('activate');
		outage();
		const reactivated = trigger(thisProcess, { event: 'jobUpdated', staticData: first.saved() });
		expect(await reactivated.poll('activate')).toEqual([]);
		const next = createJob();
		expect(await reactivated.poll('activate')).toEqual([next]);
	});

	it('with Catch Up After Deactivation, each of the 5,000 is emitted once, 500 a poll', async () => {
		const first = trigger(thisProcess, { event: 'jobUpdated', catchUp: true });
		await first.poll('activate');
		const changed = outage();
		const reactivated = trigger(thisProcess, { event: 'jobUpdated', catchUp: true, staticData: first.saved() });
		const seen: string[] = [];
		for (let poll = 0; poll < 12; poll++) {
			const batch = await reactivated.poll('activate');
			expect(batch.length).toBeLessThanOrEqual(500);
			seen.push(...batch);
		}
		expect(seen).toHaveLength(JOBS);
		expect(new Set(seen)).toEqual(new Set(changed));
		// 12 polls, each a scan of the 5,000 jobs (FSM Navigator has no update filter): 600 list requests.
	}, 180_000);
});
