/**
 * Simplify: every provider's Get, Get Many and trigger output, with `options.simplify` on, validates
 * against the published JSON Schema (dist/job.schema.json's source), and a sample job's common values
 * match what the simulator holds for it.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { IDataObject } from 'n8n-workflow';

import schema from '../../nodes/shared/job.schema.json';
import { acceloSimplifyFixture } from '../../tooling/providers/accelo/simplifyFixture';
import { fsmNavigatorSimplifyFixture } from '../../tooling/providers/fsmNavigator/simplifyFixture';
import { housecallProSimplifyFixture } from '../../tooling/providers/housecallPro/simplifyFixture';
import { planadoSimplifyFixture } from '../../tooling/providers/planado/simplifyFixture';
import { worklayerSimplifyFixture } from '../../tooling/providers/worklayer/simplifyFixture';
import { Harness, type HarnessOptions } from '../harness/engine';
import type { SimplifyFixture } from './simplify/fixture';

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(jobs: IDataObject[]): void {
	expect(jobs.length).toBeGreaterThan(0);
	for (const job of jobs) {
		const ok = validate(job);
		if (!ok) throw new Error(`not a common job: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(job, null, 1)}`);
	}
}

const makeHarness = (setup: HarnessOptions): Harness => new Harness(setup);

const fixtures: SimplifyFixture[] = [
	fsmNavigatorSimplifyFixture(makeHarness),
	acceloSimplifyFixture(makeHarness),
	housecallProSimplifyFixture(makeHarness),
	worklayerSimplifyFixture(makeHarness),
	planadoSimplifyFixture(makeHarness),
];

describe.each(fixtures.map((fx) => [fx.name, fx] as const))('%s: the common job shape', (_name, fx) => {
	beforeAll(async () => await fx.start());
	afterAll(async () => await fx.stop());

	const run = async (parameters: IDataObject) =>
		await fx.harness().runNode({ type: fx.type, parameters: { resource: 'job', options: { simplify: true }, ...parameters } });

	it('Get Many: every job validates against the schema', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, ...fx.listParameters });
		expect(result.error?.message).toBeUndefined();
		expectValid(result.items.map((item) => item.json));
		expect(new Set(result.items.map((item) => item.json.statusCategory)).size).toBeGreaterThan(2);
	});

	it("Get: the job's values, mapped as the README's table says", async () => {
		const id = fx.sampleJobId();
		const result = await run({ operation: 'get', jobId: { __rl: true, mode: 'id', value: id } });
		expectValid(result.items.map((item) => item.json));
		// Compared as instants: the node may leave out zero milliseconds.
		const times = ['scheduledStart', 'scheduledEnd', 'dueAt', 'createdAt', 'updatedAt', 'completedAt'];
		const json = Object.fromEntries(
			Object.entries(result.items[0].json).map(([key, value]) => [
				key,
				times.includes(key) && typeof value === 'string' ? new Date(value).toISOString() : value,
			]),
		);
		expect(json).toMatchObject(fx.expected(id));
	});

	it('Simplify off: the job exactly as the API returns it', async () => {
		const id = fx.sampleJobId();
		const raw = await fx.harness().runNode({
			type: fx.type,
			parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: id } },
		});
		expect(raw.items[0].json.provider).toBeUndefined();
		expect(validate(raw.items[0].json)).toBe(false);
	});

	it('the trigger emits jobs in the common shape', async () => {
		const trigger = fx.harness().pollTrigger({ type: fx.triggerType, parameters: { event: 'jobCreated', options: { simplify: true } } });
		await trigger.poll();
		const id = fx.createJob(Date.now() + 60_000);
		const output = await trigger.poll();
		const jobs = (output?.[0] ?? []).map((item) => item.json);
		expectValid(jobs);
		expect(jobs.map((job) => job.id)).toEqual([id]);
	});
});
