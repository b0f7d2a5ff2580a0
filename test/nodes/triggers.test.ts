/**
 * Every provider's polling trigger through n8n-core's own poll machinery (PollContext +
 * PollTriggerExecutor, static data kept on the workflow across ticks) against its simulator, with
 * jobs created and changed between polls. Expected values come from what the test did to the
 * simulator, not from the trigger.
 */
import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { MAX_JOBS_PER_POLL, type JobEvent } from '../../nodes/shared/poll';
import { acceloTriggerFixture } from '../../tooling/providers/accelo/triggerFixture';
import { fsmNavigatorTriggerFixture } from '../../tooling/providers/fsmNavigator/triggerFixture';
import { housecallProTriggerFixture } from '../../tooling/providers/housecallPro/triggerFixture';
import { planadoTriggerFixture } from '../../tooling/providers/planado/triggerFixture';
import { worklayerTriggerFixture } from '../../tooling/providers/worklayer/triggerFixture';
import { Harness, type HarnessOptions } from '../harness/engine';
import type { TriggerFixture } from './triggers/fixture';

const makeHarness = (setup: HarnessOptions): Harness => new Harness(setup);

const fixtures: TriggerFixture[] = [
	fsmNavigatorTriggerFixture(makeHarness),
	acceloTriggerFixture(makeHarness),
	housecallProTriggerFixture(makeHarness),
	worklayerTriggerFixture(makeHarness),
	planadoTriggerFixture(makeHarness),
];

function emitted(fx: TriggerFixture, output: INodeExecutionData[][] | null): string[] {
	return (output?.[0] ?? []).map((item) => fx.idOf(item.json));
}

describe.each(fixtures.map((fx) => [fx.name, fx] as const))('%s trigger', (_name, fx) => {
	/**
	 * A clock on whole seconds that only moves forward across the suite, one step per call: every
	 * job a test creates is later than every trigger activated before it, and earlier than every
	 * trigger activated after it (activation reads `Date.now()`, which follows this clock).
	 */
	let clock = Math.ceil(Date.now() / 1000) * 1000;
	const later = () => (clock += 2 * fx.resolutionMs);
	const realNow = Date.now.bind(Date);
	let skew = 0;

	const trigger = (event: JobEvent, staticData?: IDataObject) => {
		const t = fx.harness().pollTrigger({ type: fx.type, parameters: { event }, staticData });
		return {
			...t,
			poll: async (mode?: 'trigger' | 'manual', activation?: WorkflowActivateMode) => {
				if (!staticData && t.staticData().cursor === undefined) skew = later() - realNow();
				return await t.poll(mode, activation);
			},
		};
	};

	beforeAll(async () => {
		await fx.start();
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skew);
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await fx.stop();
	});
	beforeEach(() => {
		fx.clearLog();
	});

	it('starts from now on activation: nothing from history, and jobCreated sends no request', async () => {
		const t = trigger('jobCreated');
		expect(await t.poll()).toBeNull();
		expect(fx.listRequests()).toHaveLength(0);
		expect(typeof t.staticData().cursor).toBe('number');
	});

	it.each(['jobCreated', 'jobUpdated', 'jobStatusChanged'] as const)('an idle %s poll costs the fewest requests', async (event) => {
		const t = trigger(event);
		await t.poll();
		fx.clearLog();
		expect(await t.poll()).toBeNull();
		// One request where the API filters by the event's time; a scan reads the window (40 jobs: one page).
		expect(fx.listRequests()).toHaveLength(1);
	});

	it('emits each new job once, including one that shares the cursor timestamp', async () => {
		const t = trigger('jobCreated');
		await t.poll();
		const at = later();
		const a = fx.createJob(at);
		const b = fx.createJob(at);
		expect(emitted(fx, await t.poll()).sort()).toEqual([a, b].sort());
		// Same timestamp as the cursor, created after the poll that moved it there.
		const c = fx.createJob(at);
		expect(emitted(fx, await t.poll())).toEqual([c]);
		expect(await t.poll()).toBeNull();
	});

	it('keeps its cursor when a poll fails; the next poll brings the jobs', async () => {
		const t = trigger('jobCreated');
		await t.poll();
		const before = t.staticData();
		const a = fx.createJob(later());
		fx.failListRequests(1);
		await expect(t.poll()).rejects.toThrow();
		expect(t.staticData()).toEqual(before);
		expect(emitted(fx, await t.poll())).toEqual([a]);
		expect(await t.poll()).toBeNull();
	});

	it('goes on where it stopped after a restart (state saved and reloaded)', async () => {
		const first = trigger('jobCreated');
		await first.poll();
		const a = fx.createJob(later());
		expect(emitted(fx, await first.poll())).toEqual([a]);
		const saved = { [`node:${first.node.name}`]: first.staticData() };
		const b = fx.createJob(later());
		// n8n starting up activates its active workflows in mode 'init'.
		const restarted = trigger('jobCreated', saved);
		expect(emitted(fx, await restarted.poll('trigger', 'init'))).toEqual([b]);
		expect(await restarted.poll()).toBeNull();
	});

	it('jobUpdated emits a changed job once per change', async () => {
		const t = trigger('jobUpdated');
		await t.poll();
		const id = fx.createJob(later());
		expect(emitted(fx, await t.poll())).toEqual([id]);
		fx.touchJob(id, later());
		expect(emitted(fx, await t.poll())).toEqual([id]);
		expect(await t.poll()).toBeNull();
	});

	it('jobStatusChanged emits the old and the new status once, and not for other changes', async () => {
		const existing = fx.createJob(later());
		const t = trigger('jobStatusChanged');
		await t.poll();
		fx.touchJob(existing, later());
		expect(await t.poll()).toBeNull();
		const change = fx.changeStatus(existing, later());
		const output = await t.poll();
		expect(emitted(fx, output)).toEqual([existing]);
		expect(output?.[0][0].json.statusChange).toEqual(change);
		expect(await t.poll()).toBeNull();
	});

	it('Fetch Test Event returns the newest job and leaves the saved state alone', async () => {
		const t = trigger('jobCreated');
		await t.poll();
		const saved = t.staticData();
		const newest = fx.createJob(later());
		expect(emitted(fx, await t.poll('manual'))).toEqual([newest]);
		expect(t.staticData()).toEqual(saved);
		expect(emitted(fx, await t.poll())).toEqual([newest]);
	});

	it(`drains a backlog across polls, ${MAX_JOBS_PER_POLL} jobs at most each, none missed or twice`, async () => {
		const t = trigger('jobCreated');
		await t.poll();
		const created = new Set<string>();
		// Groups of jobs sharing a timestamp, so that a poll's end falls inside one.
		for (let group = 0; group < 40; group++) {
			const at = later();
			for (let i = 0; i < 30; i++) created.add(fx.createJob(at));
		}
		const seen: string[] = [];
		for (let poll = 0; poll < 5; poll++) {
			const ids = emitted(fx, await t.poll());
			expect(ids.length).toBeLessThanOrEqual(MAX_JOBS_PER_POLL);
			seen.push(...ids);
		}
		expect(seen).toHaveLength(created.size);
		expect(new Set(seen)).toEqual(created);
	});
});
