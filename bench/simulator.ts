/** The provider simulator of one case, with its requests timed by branch. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FloorConfig, ProviderTooling } from '../tooling/providers';
import type { RecordedRequest, SimulatorServer } from '../tooling/simulators/server';
import { benchSetup, BRANCH_HEADER, type BenchSetup } from './workflows';

export interface SimHandle {
	provider: ProviderTooling;
	setup: BenchSetup;
	requests(): readonly RecordedRequest[];
	/** Clears the request log and the simulator-time counters. */
	clear(): void;
	/** Wall time the simulator spent handling requests (read body, answer, serialize), by X-Bench-Branch tag ('' = untagged = ours). */
	simMs(tag: string): number;
	isList(req: RecordedRequest): boolean;
	isToken(req: RecordedRequest): boolean;
	tokensIssued(): number;
	floorConfig(): FloorConfig;
	stop(): Promise<void>;
}

type HandleFn = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Times every request the simulator handles (SimulatorServer's private `handle`: read the body, run
 * the API, serialize and send), by the X-Bench-Branch header. The client of each branch waits for
 * every page in turn, so this is the part of a branch's time spent inside the simulator.
 */
function instrument(server: SimulatorServer): { clear(): void; ms(tag: string): number } {
	const target = server as unknown as { handle: HandleFn };
	const original = target.handle;
	const totals = new Map<string, number>();
	target.handle = async function timedHandle(this: unknown, req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const raw = req.headers[BRANCH_HEADER.toLowerCase()];
		const tag = (Array.isArray(raw) ? raw[0] : raw) ?? '';
		try {
			await original.call(server, req, res);
		} finally {
			totals.set(tag, (totals.get(tag) ?? 0) + performance.now() - started);
		}
	};
	return { clear: () => totals.clear(), ms: (tag) => totals.get(tag) ?? 0 };
}

/** The provider's simulator with `size` jobs at its fixed reference date, rate limit lifted. */
export async function startSimulator(provider: ProviderTooling, size: number): Promise<SimHandle> {
	const running = await provider.startSimulator({ jobCount: size, noRateLimit: true });
	const timer = instrument(running.server);
	const profile = provider.bench;
	return {
		provider,
		setup: benchSetup(provider, running),
		requests: () => running.requests(),
		clear: () => {
			running.server.clearLog();
			timer.clear();
		},
		simMs: (tag) => timer.ms(tag),
		isList: (r) => profile.isList(r),
		isToken: (r) => profile.isToken(r),
		tokensIssued: () => profile.tokensIssued(running),
		floorConfig: () => profile.floorConfig(running, { [BRANCH_HEADER]: 'floor' }),
		stop: async () => await running.stop(),
	};
}
