/**
 * The fault suite (issue #14): drives one provider's node through n8n's engine against its simulator
 * while a seeded fault plan spoils requests and changes jobs between pages, and checks every item's
 * outcome:
 * - a Get Many that succeeds returns every job that matched its filter for the whole read, once;
 * - a write the simulator applied is applied once at most, and exactly once when the node says it
 *   succeeded; a write whose answer was lost is reported as an error;
 * - every failure is a clear error (no crash, no hang, no secret in the run data);
 * - with Continue On Fail, every input item gets its outputs, paired to it.
 * The seed is printed; `FAULT_SEED=<seed>` repeats a run.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Harness, type RunResult } from '../harness/engine';
import { leakedSecrets, messageShape, unclearError } from './checks';
import type { FaultFixture, FaultWorld, ItemPlan, ListFilter, OperationPlan } from './fixture';
import { FaultPlan, skippedFromEnv, type PlanOptions, type RequestRecord } from './plan';
import { Random, runSeed } from './random';
import { HangError, describeRequests, isErrorOutput, itemIndexOf, pairedIndex, within, type ItemOutcome, type SuiteOptions } from './execution';
import { formatReport, formatViolations, merge, type Category, type FaultReport, type Operation, type Violation } from './report';

const OPERATION_WEIGHTS: Record<Operation, number> = { getAll: 30, get: 20, create: 20, update: 15, changeStatus: 15 };

export class FaultRun {
	private readonly rng: Random;

	private readonly harness: Harness;

	private readonly plan: FaultPlan;

	private markerCount = 0;

	private readonly errorShapes = new Map<string, number>();

	readonly report: FaultReport;

	constructor(
		private readonly fixture: FaultFixture,
		private readonly world: FaultWorld,
		readonly seed: number,
		readonly lane: number,
		private readonly options: Required<SuiteOptions>,
		rng: Random,
	) {
		this.rng = rng;
		this.harness = new Harness({
			nodeTypes: { [fixture.nodeType]: fixture.node },
			credentialTypes: fixture.credentialTypes,
			credentials: world.credentials,
		});
		this.plan = new FaultPlan(world, rng.seed, {
			timeoutMs: options.timeoutMs,
			faultRate: options.faultRate,
			mutationRate: options.mutationRate,
			skip: skippedFromEnv(),
		});
		this.report = {
			provider: fixture.name,
			seed,
			executions: 0,
			operations: { getAll: 0, get: 0, create: 0, update: 0, changeStatus: 0 },
			itemsSucceeded: 0,
			itemsFailed: 0,
			faults: this.plan.faultCounts,
			mutations: this.plan.mutationCounts,
			violations: [],
			errors: [],
			runMs: 0,
			slowestExecutionMs: 0,
		};
	}

	private marker(): string {
		this.markerCount++;
		return `fault-${this.seed.toString(36)}l${this.lane}-${this.markerCount}`;
	}

	/** Runs executions until `options.operations` items have run, or one hangs. */
	async run(): Promise<FaultReport> {
		const started = Date.now();
		let items = 0;
		while (items < this.options.operations) {
			const operation = this.rng.weighted(OPERATION_WEIGHTS);
			const ran = await this.execute(operation);
			if (ran === 'hang') break;
			items += ran;
		}
		this.report.runMs = Date.now() - started;
		this.report.errors = [...this.errorShapes.entries()].sort((a, b) => b[1] - a[1]);
		return this.report;
	}

	private planFor(operation: Operation): { plan: OperationPlan; filter?: ListFilter } {
		const count = operation === 'getAll' ? this.rng.int(1, 3) : this.rng.int(1, 4);
		switch (operation) {
			case 'getAll': {
				const filter = this.rng.pick(this.world.listFilters);
				const items: ItemPlan[] = [];
				for (let i = 0; i < count; i++) items.push({ json: { returnAll: this.rng.chance(0.6), limit: this.rng.int(1, 180) } });
				// The node's default number of pages in flight, or one at a time, or a few.
				const parallel = this.rng.pick([undefined, undefined, 1, 3]);
				const options = { ...((filter.parameters.options as IDataObject | undefined) ?? {}), ...(parallel ? { parallelRequests: parallel } : {}) };
				return {
					filter,
					plan: { parameters: { ...filter.parameters, returnAll: '={{ $json.returnAll }}', limit: '={{ $json.limit }}', options }, items },
				};
			}
			case 'get':
				return { plan: this.world.get(this.rng, count) };
			case 'create':
				return { plan: this.world.create(this.rng, Array.from({ length: count }, () => this.marker())) };
			case 'update':
				return { plan: this.world.update(this.rng, Array.from({ length: count }, () => this.marker())) };
			case 'changeStatus':
				return { plan: this.world.changeStatus(this.rng, count) };
		}
	}

	/**
	 * One execution; resolves to the number of items it ran ('hang' stops the run). An operation with
	 * nothing to act on (no job left in a status it needs) runs nothing.
	 */
	private async execute(operation: Operation): Promise<number | 'hang'> {
		const { plan, filter } = this.planFor(operation);
		if (plan.items.length === 0) return 0;
		const execution = ++this.report.executions;
		const continueOnFail = this.rng.chance(0.4);
		const options = (plan.parameters.options as IDataObject | undefined) ?? {};
		const parameters: INodeParameters = {
			resource: 'job',
			operation,
			...plan.parameters,
			options: { ...options, timeout: this.options.timeoutMs },
		};
		const snapshots: Array<Set<string>> = [];
		if (filter) snapshots.push(new Set(filter.ids()));
		this.plan.begin(execution, operation === 'getAll');
		if (filter) this.plan.afterMutation = () => snapshots.push(new Set(filter.ids()));
		const started = Date.now();
		let result: RunResult | undefined;
		let thrown: unknown;
		try {
			result = await within(
				this.harness.runNode({ type: this.fixture.nodeType, parameters, input: plan.items.map((item) => ({ json: item.json })), continueOnFail }),
				this.options.hangMs,
			);
		} catch (error) {
			thrown = error;
		}
		const log = this.plan.end();
		const elapsed = Date.now() - started;
		this.report.slowestExecutionMs = Math.max(this.report.slowestExecutionMs, elapsed);
		if (filter) snapshots.push(new Set(filter.ids()));
		this.report.operations[operation] += plan.items.length;

		const context = [
			`lane ${this.lane}, execution ${execution}: ${operation} with ${plan.items.length} item(s)${continueOnFail ? ', Continue On Fail' : ''}${filter ? `, filter ${filter.label}` : ''}, ${elapsed} ms`,
			`  items: ${JSON.stringify(plan.items.map((item) => item.json))}; options: ${JSON.stringify(parameters.options)}`,
			`  requests:\n${describeRequests(log)}`,
		].join('\n');
		const violate = (category: Violation['category'], what: string, item?: number) =>
			this.report.violations.push({ category, execution, item, what, context });

		if (thrown !== undefined || !result) {
			const hang = thrown instanceof HangError;
			violate('unclear', hang ? `a hang: ${String((thrown as Error).message)}` : `the engine threw: ${String(thrown)}`);
			return hang ? 'hang' : plan.items.length;
		}

		const leaked = leakedSecrets(result.run, this.world.secrets());
		if (leaked.length) violate('unclear', `the run data holds a secret: ${leaked.map((s) => `${s.slice(0, 3)}…`).join(', ')}`);

		const outcomes = this.outcomes(result, plan, operation, continueOnFail, violate);
		for (const [index, outcome] of outcomes.entries()) {
			if (outcome.state === 'success' || outcome.state === 'doneBeforeFailure') this.report.itemsSucceeded++;
			if (outcome.state === 'error') {
				this.report.itemsFailed++;
				const message = outcome.message ?? '';
				const shape = messageShape(message);
				this.errorShapes.set(shape, (this.errorShapes.get(shape) ?? 0) + 1);
				const unclear = outcome.checked ? undefined : unclearError(this.fixture.name, outcome.errorName, outcome.message);
				if (unclear) violate('unclear', `item ${index} failed with ${unclear}`, index);
			}
			const item = plan.items[index];
			if (operation === 'getAll') this.checkList(outcome, item, snapshots, index, violate);
			else if (operation === 'get') this.checkGet(outcome, item, index, log, violate);
			else this.checkWrite(operation, outcome, item, index, log, violate);
		}
		return plan.items.length;
	}

	/** Each input item's outcome, from the run's output or its error. */
	private outcomes(
		result: RunResult,
		plan: OperationPlan,
		operation: Operation,
		continueOnFail: boolean,
		violate: (category: Category, what: string, item?: number) => void,
	): ItemOutcome[] {
		const count = plan.items.length;
		if (result.error) {
			if (continueOnFail) violate('unclear', `with Continue On Fail the whole run failed: ${result.error.message}`);
			if (result.items.length) violate('unclear', 'a failed run also returned items');
			const failed = itemIndexOf(result.error.context);
			if (failed === undefined || failed < 0 || failed >= count) {
				const unclear = unclearError(this.fixture.name, result.error.name, result.error.message);
				violate('unclear', `the error names no input item${unclear ? ` and is ${unclear}` : `: ${result.error.message}`}`);
				return plan.items.map(() => ({ state: 'error', outputs: [], message: result.error?.message, errorName: result.error?.name, checked: true }));
			}
			return plan.items.map((_, index) =>
				index < failed
					? { state: 'doneBeforeFailure', outputs: [] }
					: index === failed
						? { state: 'error', outputs: [], message: result.error?.message, errorName: result.error?.name }
						: { state: 'notRun', outputs: [] },
			);
		}
		const groups: IDataObject[][] = plan.items.map(() => []);
		let previous = 0;
		for (const out of result.items) {
			const index = pairedIndex(out);
			if (index === undefined || index < 0 || index >= count) {
				violate('unclear', `an output item is not paired to an input item: ${JSON.stringify(out.pairedItem)}`);
				continue;
			}
			if (index < previous) violate('unclear', `outputs are out of order: item ${index} after item ${previous}`, index);
			previous = index;
			groups[index].push(out.json);
		}
		return groups.map((outputs, index) => {
			const errors = outputs.filter(isErrorOutput);
			if (errors.length) {
				if (!continueOnFail) violate('unclear', 'an error output without Continue On Fail', index);
				if (outputs.length !== 1) violate('unclear', `an error output next to ${outputs.length - 1} other output(s)`, index);
				return { state: 'error', outputs: [], message: String(errors[0].error) };
			}
			if (operation !== 'getAll' && outputs.length !== 1) {
				violate('unclear', `${outputs.length} outputs for one input item`, index);
			}
			return { state: 'success', outputs };
		});
	}

	private checkList(
		outcome: ItemOutcome,
		item: ItemPlan,
		snapshots: Array<Set<string>>,
		index: number,
		violate: (category: Category, what: string, item?: number) => void,
	): void {
		if (outcome.state !== 'success') return;
		const ids = outcome.outputs.map((json) => this.world.outputId(json));
		if (ids.some((id) => id === undefined)) violate('unclear', 'a job without an id in the output', index);
		const seen = new Set<string>();
		const twice = new Set<string>();
		for (const id of ids) if (id !== undefined) (seen.has(id) ? twice : seen).add(id);
		if (twice.size) violate('doubled', `${twice.size} job(s) returned twice: ${[...twice].slice(0, 10).join(', ')}`, index);
		const union = new Set<string>();
		for (const snapshot of snapshots) for (const id of snapshot) union.add(id);
		const stranger = [...seen].filter((id) => !union.has(id));
		if (stranger.length) violate('unclear', `${stranger.length} job(s) that never matched the filter: ${stranger.slice(0, 10).join(', ')}`, index);
		const limit = item.json.returnAll === true ? undefined : Number(item.json.limit);
		if (limit !== undefined && ids.length > limit) violate('unclear', `${ids.length} jobs for a limit of ${limit}`, index);
		if (limit !== undefined && ids.length >= limit) return;
		const stable = [...snapshots[0]].filter((id) => snapshots.every((snapshot) => snapshot.has(id)));
		const missing = stable.filter((id) => !seen.has(id));
		if (missing.length) {
			const left = [...union].some((id) => snapshots.some((snapshot) => !snapshot.has(id)) && snapshots[0].has(id));
			const joined = [...union].some((id) => !snapshots[0].has(id));
			const sameTotal = snapshots[snapshots.length - 1].size === snapshots[0].size;
			const blind = this.world.blindSpot !== undefined && left && joined && sameTotal;
			violate(
				blind ? 'blindSpot' : 'lost',
				`${missing.length} of ${stable.length} jobs that matched throughout the read are missing (read ${seen.size}${limit !== undefined ? `, limit ${limit}` : ''}): ${missing.slice(0, 10).join(', ')}`,
				index,
			);
		}
	}

	private checkGet(
		outcome: ItemOutcome,
		item: ItemPlan,
		index: number,
		log: RequestRecord[],
		violate: (category: Category, what: string, item?: number) => void,
	): void {
		if (outcome.state === 'success') {
			const id = this.world.outputId(outcome.outputs[0] ?? {});
			if (item.missing) violate('unclear', `a job that does not exist was returned as ${String(id)}`, index);
			else if (id !== item.jobId) violate('unclear', `asked for job ${String(item.jobId)}, got ${String(id)}`, index);
		}
		if (outcome.state === 'error' && item.missing && log.every((r) => !r.fault) && !this.world.notFoundMessage.test(outcome.message ?? '')) {
			violate('unclear', `a missing job failed without the provider's message: ${JSON.stringify(outcome.message)}`, index);
		}
	}

	private checkWrite(
		operation: Operation,
		outcome: ItemOutcome,
		item: ItemPlan,
		index: number,
		log: RequestRecord[],
		violate: (category: Category, what: string, item?: number) => void,
	): void {
		const key = item.writeKey;
		if (key === undefined) throw new Error(`the fixture gave ${operation} item ${index} no write key`);
		const applied = log.filter(
			(r) =>
				r.kind === 'write' &&
				r.handledStatus !== undefined &&
				r.handledStatus >= 200 &&
				r.handledStatus < 300 &&
				this.world.writeKey(r.req) === key,
		).length;
		if (applied > 1) violate('doubled', `the write was applied ${applied} times (${outcome.state})`, index);
		const done = outcome.state === 'success' || outcome.state === 'doneBeforeFailure';
		if (done && applied === 0) violate('lost', `reported done, but the simulator applied no write`, index);
		if (outcome.state === 'notRun' && applied > 0) violate('unclear', 'applied although the run stopped before this item', index);
		if (operation === 'create') {
			const stored = this.world.jobsTitled(key);
			if (stored.length !== applied) {
				violate(stored.length > applied ? 'doubled' : 'lost', `${stored.length} job(s) titled ${key} for ${applied} applied create(s)`, index);
			}
			if (outcome.state === 'success') {
				const id = this.world.outputId(outcome.outputs[0] ?? {});
				if (id === undefined || !stored.includes(id)) {
					violate('unclear', `reported success without the created job (output id ${String(id)}, created ${stored.join(', ') || 'none'})`, index);
				}
			}
		} else if (outcome.state === 'success') {
			const id = this.world.outputId(outcome.outputs[0] ?? {});
			if (id !== item.jobId) violate('unclear', `reported success for job ${String(item.jobId)} with output id ${String(id)}`, index);
		}
	}
}

/**
 * The suite for one provider: `lanes` simulators, each with its own node run and its own generator
 * drawn from the seed, run side by side (the waits of retries dominate, not the CPU); the report
 * adds them up. It is printed, and the test fails with the seed and the first violations.
 */
export function faultSuite(fixture: FaultFixture, options: SuiteOptions & { lanes?: number } = {}): void {
	const settings: Required<SuiteOptions> = {
		operations: options.operations ?? 1000,
		jobCount: options.jobCount ?? 150,
		timeoutMs: options.timeoutMs ?? 300,
		faultRate: options.faultRate ?? { list: 0.2, read: 0.2, write: 0.25, auth: 0.1 },
		mutationRate: options.mutationRate ?? 0.4,
		hangMs: options.hangMs ?? 60_000,
	};
	const lanes = options.lanes ?? 8;
	const seed = runSeed();
	describe(`${fixture.name} under injected faults`, () => {
		const worlds: FaultWorld[] = [];
		const generators: Random[] = [];

		beforeAll(async () => {
			for (let lane = 0; lane < lanes; lane++) {
				// Each lane's generator depends on the seed and the lane only, so a run repeats exactly.
				const rng = new Random((seed + lane * 0x9e3779b1) >>> 0);
				generators.push(rng);
				worlds.push(await fixture.start(settings.jobCount, rng));
			}
		});

		afterAll(async () => {
			for (const world of worlds) await world.stop();
		});

		it(`loses no job, applies no write twice and fails clearly over ${settings.operations} operations`, async () => {
			const started = Date.now();
			const share = Math.ceil(settings.operations / lanes);
			const parts = await Promise.all(
				worlds.map(async (world, lane) =>
					await new FaultRun(fixture, world, seed, lane, { ...settings, operations: share }, generators[lane]).run(),
				),
			);
			const [report, ...rest] = parts;
			for (const part of rest) merge(report, part);
			report.runMs = Date.now() - started;
			console.log(formatReport(report));
			const failures = report.violations.filter((v) => v.category !== 'blindSpot');
			if (failures.length) {
				throw new Error(
					`${failures.length} violation(s) for ${fixture.name}, seed ${seed} (repeat with FAULT_SEED=${seed}):\n${formatViolations({ ...report, violations: failures }, Number(process.env.FAULT_SHOW ?? 8))}`,
				);
			}
		}, 600_000);
	});
}
