/**
 * What the sandbox (scripts/demo.ts) needs to know about one provider. Adding a provider to the demo
 * is one module in ./providers/ exporting a `DemoProvider`, one line in ./providers/index.ts, and
 * (optionally) example workflows in ./workflows/ that use its node and credential.
 */
import type { RecordedRequest } from '../../tooling/simulators/server';

/** The npm package name: node types are `<package>.<node name>`. */
export const PACKAGE_NAME = 'n8n-nodes-field-service';

export interface DemoProvider {
	/** Short key, used in messages and flags: 'fsmNavigator'. */
	readonly key: string;
	readonly displayName: string;
	/** Node types this provider brings (action node, later its trigger). */
	readonly nodeTypes: readonly string[];
	/** Credential type name, as in credentials/*.credentials.ts. */
	readonly credentialType: string;
	/** Fixed id and name of the imported credential; the example workflows reference them. */
	readonly credentialId: string;
	readonly credentialName: string;
	/** Fixed loopback port of the simulator (another free port is used when it is taken). */
	readonly defaultPort: number;
	/** Starts the provider's simulator (the same code the tests use) with demo data. */
	start(opts: { port: number; jobCount: number; now: Date }): Promise<RunningSimulator>;
}

export interface RunningSimulator {
	/** Where the simulated API answers (shown to the user). */
	readonly apiUrl: string;
	readonly port: number;
	/** Plain credential data for `n8n import:credentials` (encrypted on import). */
	readonly credentialData: Record<string, unknown>;
	/** One line on the demo data, e.g. "400 jobs (Pending 37, …), 8 technicians". */
	readonly dataSummary: string;
	/** Lines telling a human how to poke the simulator directly (curl examples, ids worth knowing). */
	readonly hints: readonly string[];
	/** Every request the simulator has seen so far (in order). */
	requests(): readonly RecordedRequest[];
	/** Turns a recorded request into a short, id-free route for summaries: 'GET /api/v0/jobs/{id}'. */
	route(request: RecordedRequest): string;
	stop(): Promise<void>;
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
