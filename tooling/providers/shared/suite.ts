/**
 * The trigger and Simplify fixtures' common part: a provider's simulator started with its kit's
 * credential, the harness built on it, and (triggers) the list requests and edits the suite makes.
 */
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import type { HarnessSetup, SimplifyFixture, TriggerFixture } from '../fixtures';
import { nodeType } from '../util';
import type { ProviderKit, SuiteSimulator } from './kit';
import { isListRequest } from './kit';

type MakeHarness<H> = (setup: HarnessSetup) => H;

/** Start, stop and the harness of a fixture whose harness has `nodeTypes` and the kit's credential. */
export function suiteHarness<S extends SuiteSimulator, H>(
	kit: ProviderKit<S>,
	sim: S,
	nodeTypes: Record<string, INodeType | IVersionedNodeType>,
	makeHarness: MakeHarness<H>,
): Pick<TriggerFixture<H>, 'start' | 'stop' | 'harness'> {
	let harness: H | undefined;
	let undo: (() => void) | undefined;
	return {
		async start() {
			undo = kit.beforeStart?.();
			const baseUrl = await sim.start();
			harness = makeHarness({ nodeTypes, credentialTypes: kit.credentialTypes(), credentials: [kit.credential(sim, baseUrl)] });
		},
		async stop() {
			undo?.();
			await sim.stop();
		},
		harness: () => {
			if (!harness) throw new Error('not started');
			return harness;
		},
	};
}

/** What a provider's trigger fixture adds to its kit. */
export interface TriggerSpec<S> {
	node: INodeType | IVersionedNodeType;
	sim: S;
	scansForChanges: boolean;
	resolutionMs: number;
	/** The body of the HTTP 500 the list requests fail with. */
	listErrorBody: unknown;
	/** Creates a job at `atMs`; returns its id. */
	createJob(atMs: number): string;
}

export function triggerFixture<S extends SuiteSimulator, H>(kit: ProviderKit<S>, makeHarness: MakeHarness<H>, spec: TriggerSpec<S>): TriggerFixture<H> {
	const { sim } = spec;
	const type = nodeType(`${kit.key}Trigger`);
	return {
		name: kit.name,
		type,
		events: ['jobCreated', 'jobUpdated', 'jobStatusChanged'],
		scansForChanges: spec.scansForChanges,
		resolutionMs: spec.resolutionMs,
		...suiteHarness(kit, sim, { [type]: spec.node }, makeHarness),
		listRequests: () => sim.requests.filter((r) => isListRequest(kit, r)),
		clearLog: () => sim.server.clearLog(),
		failListRequests: (times) => sim.server.injectFault({ method: 'GET', path: kit.listPath }, { status: 500, body: spec.listErrorBody }, times),
		createJob: (atMs) => spec.createJob(atMs),
		changeStatus(id, atMs) {
			const { from, to } = kit.changeStatus(sim, id, atMs);
			return { from, to };
		},
		touchJob: (id, atMs) => void kit.touch(sim, id, atMs),
		idOf: (json) => String(json[kit.idField]),
	};
}

/** A Simplify fixture: the action node and the trigger on the kit's simulator, and what the provider knows of its jobs. */
export function simplifyFixture<S extends SuiteSimulator, H>(
	kit: ProviderKit<S>,
	sim: S,
	nodes: { action: INodeType | IVersionedNodeType; trigger: INodeType | IVersionedNodeType },
	makeHarness: MakeHarness<H>,
	jobs: Pick<SimplifyFixture<H>, 'sampleJobId' | 'expected' | 'createJob' | 'listParameters'>,
): SimplifyFixture<H> {
	const type = nodeType(kit.key);
	const triggerType = nodeType(`${kit.key}Trigger`);
	return { name: kit.name, type, triggerType, ...suiteHarness(kit, sim, { [type]: nodes.action, [triggerType]: nodes.trigger }, makeHarness), ...jobs };
}
