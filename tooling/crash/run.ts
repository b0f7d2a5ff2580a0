/**
 * Crashes a real n8n while its poll triggers run, and counts what the triggers emitted.
 *
 * One run: the packed package in a fresh n8n home (SQLite, or PostgreSQL in queue mode with workers), every provider's simulator, one trigger
 * workflow per provider and event (15), polling every 10 s, on n8n's in-memory scheduler or its
 * durable one (with durable cursors). Each cycle changes jobs in every simulator (two new jobs, a
 * change to an older one, a status change of another), then kills n8n with SIGKILL at the run's
 * crash point and starts it again:
 * - `between`: while no poll runs (5 s after a poll tick), right after the changes;
 * - `during`: a poll's job list has been answered, before n8n has saved what it started: the kill
 *   comes a random 5–250 ms after the simulator answers the first list request after the changes.
 * Every expected event is then looked up in n8n's executions: lost, once or twice.
 */
import {
	activateWorkflow,
	importCredentials,
	importWorkflow,
	queueEnvironment,
	startN8n,
	startWorker,
	type N8nHome,
	type QueueServices,
	type RunningN8n,
	type RunningWorker,
} from '../n8n';
import { credentialFor, PROVIDERS, type ProviderTooling, type RunningSimulator } from '../providers';
import { deactivate, editAndPublish, openInEditor } from './activations';
import { Ledger, type Tally } from './ledger';
import { jobChangesFor, type JobChanges, type MadeChange } from './providers';
import { EVENTS, triggerWorkflow, triggerWorkflowId, type TriggerEvent } from './workflows';

export type Scheduler = 'legacy' | 'durable';
export type CrashPoint = 'between' | 'during';

/** n8n's environment per scheduler; the durable one as n8n's own poll-trigger tests run it (1 s passes). */
export const SCHEDULER_ENV: Record<Scheduler, Record<string, string>> = {
	legacy: {},
	durable: {
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
		N8N_SCHEDULER_MATERIALIZATION_INTERVAL: '1',
		N8N_SCHEDULER_EXECUTOR_INTERVAL: '1',
	},
};

export interface CrashRunOptions {
	scheduler: Scheduler;
	/** Crash points, taken in turn crash after crash. */
	points: readonly CrashPoint[];
	crashes: number;
	/** Providers to watch (default: all five). */
	providers?: readonly ProviderTooling[];
	/** Makes the n8n home (the packed package installed); the caller removes it. */
	makeHome(env: Record<string, string>): Promise<N8nHome>;
	/**
	 * After the crashes: every workflow edited in an editor opened before a poll, saved and
	 * published (labels 'before edit', 'edit and publish'), then deactivated, changed while
	 * inactive ('while inactive': expected never emitted) and activated ('after activation').
	 */
	activations?: boolean;
	/** Queue mode on these PostgreSQL and Redis: `workers` n8n workers run the executions, only main is killed. */
	queue?: { services: QueueServices; workers: number };
	log?: (line: string) => void;
}

export interface CrashRunResult {
	scheduler: Scheduler;
	/** Per crash point: crashes, kills that landed where asked (`during`: after a list answer), and the events of its cycles. */
	cells: Record<string, { crashes: number; killsAtPoint: number; tally: Tally }>;
	/** Per step of `activations` (`while inactive`: lost = not replayed, as it should be). */
	activations: Record<string, Tally>;
	byWorkflow: Record<string, Tally>;
	executions: Record<string, number>;
	restartMs: number[];
	wallMs: number;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function until(timeoutMs: number, done: () => Promise<boolean>): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await done()) return true;
		await sleep(1_000);
	}
	return false;
}

/** Waits until the wall clock is `second` (mod 10) into a 10 s poll period. */
async function atSecondOfPeriod(second: number): Promise<void> {
	const ms = Date.now() % 10_000;
	const target = second * 1000;
	await sleep((target - ms + 10_000) % 10_000);
}

interface Watched {
	provider: ProviderTooling;
	changes: JobChanges;
	/** Jobs of the last cycle, to change in the next. */
	recent: MadeChange[];
}

export async function runCrashTest(options: CrashRunOptions): Promise<CrashRunResult> {
	const log = options.log ?? (() => undefined);
	const started = Date.now();
	const providers = options.providers ?? PROVIDERS;
	const running = new Map<ProviderTooling, RunningSimulator>();
	let main: RunningN8n | undefined;
	const env = { ...SCHEDULER_ENV[options.scheduler], ...(options.queue ? queueEnvironment(options.queue.services) : {}) };
	const home = await options.makeHome(env);
	const workers: RunningWorker[] = [];
	try {
		for (const provider of providers) running.set(provider, await provider.startSimulator({ jobCount: provider.e2e.jobCount }));
		await importCredentials(home, providers.map((provider) => credentialFor(provider, running.get(provider)!, 'e2e')));
		const ledger = new Ledger();
		const watched: Watched[] = [];
		const workflows = providers.flatMap((provider) => EVENTS.map((event) => triggerWorkflow(provider, event)));
		await importWorkflow(home, workflows);
		for (const provider of providers) {
			const changes = jobChangesFor(provider.key, running.get(provider)!.sim);
			watched.push({ provider, changes, recent: [] });
			for (const event of EVENTS) ledger.watch(triggerWorkflowId(provider, event), event, changes);
		}
		for (let i = 1; i <= (options.queue?.workers ?? 0); i++) workers.push(await startWorker(home, { name: `worker-${i}`, concurrency: 5 }));
		main = await startN8n(home, { env });
		// Published as the editor does: each trigger's activation poll runs now.
		for (const workflow of workflows) await activateWorkflow(main, workflow.id);
		// Let the first scheduled poll pass.
		await sleep(12_000);

		const change = (label: string): void => {
			for (const entry of watched) {
				const at = Date.now();
				const created = [entry.changes.create(at), entry.changes.create(at)];
				const made: Array<{ change: MadeChange; events: TriggerEvent[] }> = created.map((c) => ({ change: c, events: ['jobCreated', 'jobUpdated'] }));
				const [toTouch, toChange] = entry.recent;
				if (toTouch) made.push({ change: entry.changes.touch(toTouch.id, at), events: ['jobUpdated'] });
				if (toChange) made.push({ change: entry.changes.changeStatus(toChange.id, at), events: ['jobUpdated', 'jobStatusChanged'] });
				for (const { change: c, events } of made) {
					for (const event of events) ledger.expect(triggerWorkflowId(entry.provider, event), c, label);
				}
				entry.recent = created;
			}
		};
		const delivered = async (label: string, timeoutMs: number): Promise<boolean> =>
			await until(timeoutMs, async () => {
				await ledger.refresh(main!);
				return ledger.missing(label) === 0;
			});

		log(`${options.scheduler}: n8n started, ${workflows.length} triggers active`);
		// A first round without a crash: jobs the next cycle changes, seen by every trigger.
		change('warm-up');
		if (!(await delivered('warm-up', 60_000))) log(`warm-up: ${ledger.missing('warm-up')} events not delivered within 60 s`);

		const kills: Record<string, { crashes: number; killsAtPoint: number }> = {};
		const restartMs: number[] = [];
		for (let crash = 1; crash <= options.crashes; crash++) {
			const point = options.points[(crash - 1) % options.points.length];
			const cell = (kills[point] ??= { crashes: 0, killsAtPoint: 0 });
			cell.crashes++;
			await atSecondOfPeriod(5);
			change(point);
			if (point === 'between') {
				await main.kill();
				cell.killsAtPoint++;
			} else if (await killAfterListAnswer(main, watched, running)) {
				cell.killsAtPoint++;
			}
			const restartStarted = Date.now();
			main = await startN8n(home, { env });
			restartMs.push(Date.now() - restartStarted);
			const ok = await delivered(point, 60_000);
			log(`${options.scheduler}/${point} crash ${crash}/${options.crashes}: restart ${restartMs.at(-1)} ms, ${ok ? 'all delivered' : `${ledger.missing(point)} not delivered yet`}`);
		}
		if (options.activations) {
			// Edited in an editor opened before the last poll, then saved and published.
			const opened = await Promise.all(workflows.map(async (workflow) => await openInEditor(main!, workflow.id)));
			change('before edit');
			if (!(await delivered('before edit', 60_000))) log(`before edit: ${ledger.missing('before edit')} not delivered`);
			change('edit and publish');
			for (const [i, workflow] of workflows.entries()) await editAndPublish(main, workflow.id, opened[i]);
			if (!(await delivered('edit and publish', 60_000))) log(`edit and publish: ${ledger.missing('edit and publish')} not delivered`);
			// Deactivated, changes made, activated again.
			for (const workflow of workflows) await deactivate(main, workflow.id);
			change('while inactive');
			await sleep(15_000);
			for (const workflow of workflows) await activateWorkflow(main, workflow.id);
			await sleep(12_000);
			change('after activation');
			if (!(await delivered('after activation', 60_000))) log(`after activation: ${ledger.missing('after activation')} not delivered`);
			log(`${options.scheduler}: edits and activations done`);
		}
		// Stragglers (a replayed batch, a reclaimed poll): one more poll period.
		await sleep(12_000);
		await ledger.refresh(main);
		const { byLabel, byWorkflow, executions } = ledger.tally();
		const cells: CrashRunResult['cells'] = {};
		for (const [point, cell] of Object.entries(kills)) cells[point] = { ...cell, tally: byLabel[point] };
		const activations = Object.fromEntries(
			['before edit', 'edit and publish', 'while inactive', 'after activation'].filter((label) => byLabel[label]).map((label) => [label, byLabel[label]]),
		);
		return {
			scheduler: options.scheduler,
			cells,
			activations,
			byWorkflow,
			executions,
			restartMs,
			wallMs: Date.now() - started,
		};
	} finally {
		await main?.stop();
		for (const worker of workers) await worker.stop();
		for (const sim of running.values()) {
			sim.server.onHandled = undefined;
			await sim.stop();
		}
		home.cleanup();
	}
}

/**
 * Kills n8n a random 5–250 ms after a simulator has answered the first job-list request made
 * after now: the poll has its answer, n8n has not yet saved (all) it started from it. True when
 * that happened; false when no poll came within 30 s (then it kills anyway).
 */
async function killAfterListAnswer(main: RunningN8n, watched: Watched[], running: Map<ProviderTooling, RunningSimulator>): Promise<boolean> {
	let armed = true;
	const answered = new Promise<void>((resolve) => {
		for (const { provider, changes } of watched) {
			const server = running.get(provider)!.server;
			server.onHandled = (request) => {
				if (!armed || !changes.isListRequest(request)) return;
				armed = false;
				resolve();
			};
		}
	});
	const hit = await Promise.race([answered.then(() => true), sleep(30_000).then(() => false)]);
	armed = false;
	for (const { provider } of watched) running.get(provider)!.server.onHandled = undefined;
	if (hit) await sleep(5 + Math.floor(Math.random() * 245));
	await main.kill();
	return hit;
}
