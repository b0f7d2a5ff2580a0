/** Small helpers the provider modules share. */
import type { INodeParameters } from 'n8n-workflow';

import type { WorkflowStep } from '../n8n/runs';
import { PACKAGE_NAME } from '../repo';
import type { RecordedRequest, SimulatorServer } from '../simulators/server';
import type { ProviderTooling, RunningSimulator } from './types';

/** `<package>.<node name>`: the node type n8n gives a node of this package. */
export function nodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

/** Counts values: `{ Pending: 3, Closed: 10 }` → "Pending 3, Closed 10" (in first-seen order). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): string {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return [...counts].map(([name, count]) => `${name} ${count}`).join(', ');
}

/** Replaces numeric path segments by `{id}`. */
export function idFreePath(path: string): string {
	return path.replace(/\/\d+(?=\/|$)/g, '/{id}');
}

/** A resource locator value "By ID" holding an expression. */
export function byExpression(expression: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: `={{ ${expression} }}` };
}

/** GET a JSON body (the floor loop); throws on a non-2xx answer. */
export async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
	const res = await fetch(url, { headers });
	if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
	return (await res.json()) as unknown;
}

/** What every simulator has: its HTTP server, the request log, a stop. */
interface Simulator {
	readonly server: SimulatorServer;
	readonly requests: readonly RecordedRequest[];
	stop(): Promise<void>;
}

/** A started simulator as a provider module hands it out; `origin` is where it listens. */
export function runningSimulator<S extends Simulator>(
	sim: S,
	origin: string,
	details: { apiUrl?: string; credentialData: Record<string, string>; route(request: RecordedRequest): string },
): RunningSimulator<S> {
	return {
		sim,
		server: sim.server,
		apiUrl: details.apiUrl ?? origin,
		port: Number(new URL(origin).port),
		credentialData: details.credentialData,
		requests: () => sim.requests,
		route: details.route,
		stop: () => sim.stop(),
	};
}

/** The node types of provider `key`: its action node, its polling trigger and, where it has one, its instant trigger. */
export function providerNodeTypes(key: string, instant: boolean): ProviderTooling['nodeTypes'] {
	return { action: nodeType(key), trigger: nodeType(`${key}Trigger`), ...(instant ? { instantTrigger: nodeType(`${key}InstantTrigger`) } : {}) };
}

type RunningDetails = Parameters<typeof runningSimulator>[2];

/** Starts `sim` on `port` (a free one when undefined) and hands it out with what depends on the URL it answers at. */
export async function startRunning<S extends Simulator & { start(port: number): Promise<string> }>(
	sim: S,
	port: number | undefined,
	details: (url: string) => RunningDetails,
): Promise<RunningSimulator<S>> {
	const url = await sim.start(port ?? 0);
	return runningSimulator(sim, url, details(url));
}

/** A job operation of a provider's action node in an e2e workflow. */
export function jobStep(node: Pick<WorkflowStep, 'type' | 'credentials'>, name: string, operation: string, parameters: INodeParameters = {}, extra: Partial<WorkflowStep> = {}): WorkflowStep {
	return { ...node, name, ...extra, parameters: { resource: 'job', operation, ...parameters } };
}
