/** The provider simulator of one case, with its requests timed and tagged by branch. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FloorConfig, ProviderTooling } from '../tooling/providers';
import type { RecordedRequest, SimulatorServer } from '../tooling/simulators/server';
import { benchSetup, BRANCH_HEADER, type BenchSetup } from './workflows';

/** One request as the bench saw it: when it arrived, how long the simulator took, the branch tag. */
export interface TimedRequest {
	/** X-Bench-Branch ('' = untagged = one of our node's branches). */
	tag: string;
	/** Date.now() when the simulator started handling it (same clock as n8n's run data). */
	at: number;
	/** Handling time (read the body, wait the latency, answer, serialize). */
	ms: number;
	/** Requests the simulator was answering when it arrived, itself included. */
	inFlight: number;
	request: RecordedRequest | undefined;
}

export interface SimHandle {
	provider: ProviderTooling;
	setup: BenchSetup;
	latencyMs: number;
	/** Every request since the last clear(), in arrival order. */
	timed(): readonly TimedRequest[];
	/** Clears the request log and the timings. */
	clear(): void;
	isList(req: RecordedRequest): boolean;
	isToken(req: RecordedRequest): boolean;
	tokensIssued(): number;
	floorConfig(): FloorConfig;
	stop(): Promise<void>;
}

type HandleFn = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Times every request the simulator handles (SimulatorServer's private `handle`: read the body, run
 * the API, serialize and send) and keeps its X-Bench-Branch tag and arrival time. Our node sends no
 * tag; with two of our branches in one execution, the arrival time says which one sent it (n8n runs
 * the branches one after the other).
 */
function instrument(server: SimulatorServer): { clear(): void; timed: TimedRequest[] } {
	const target = server as unknown as { handle: HandleFn };
	const original = target.handle;
	const timed: TimedRequest[] = [];
	// The log entry keeps the IncomingMessage's headers object itself: that links it to the timing.
	const byHeaders = new WeakMap<object, TimedRequest>();
	const previousHook = server.onRequest;
	server.onRequest = (req: RecordedRequest) => {
		const entry = byHeaders.get(req.headers);
		if (entry) {
			entry.request = req;
			entry.inFlight = req.inFlight ?? 1;
		}
		previousHook?.(req);
	};
	target.handle = async function timedHandle(this: unknown, req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const raw = req.headers[BRANCH_HEADER.toLowerCase()];
		const entry: TimedRequest = { tag: (Array.isArray(raw) ? raw[0] : raw) ?? '', at: Date.now(), ms: 0, inFlight: 1, request: undefined };
		byHeaders.set(req.headers, entry);
		timed.push(entry);
		try {
			await original.call(server, req, res);
		} finally {
			entry.ms = performance.now() - started;
		}
	};
	return {
		clear: () => {
			timed.length = 0;
		},
		timed,
	};
}

/** The provider's simulator with `size` jobs at its fixed reference date, rate limit lifted, `latencyMs` before every answer. */
export async function startSimulator(provider: ProviderTooling, size: number, latencyMs: number): Promise<SimHandle> {
	const running = await provider.startSimulator({ jobCount: size, noRateLimit: true });
	running.server.latency = latencyMs;
	const timer = instrument(running.server);
	const profile = provider.bench;
	return {
		provider,
		setup: benchSetup(provider, running),
		latencyMs,
		timed: () => timer.timed,
		clear: () => {
			running.server.clearLog();
			timer.clear();
		},
		isList: (r) => profile.isList(r),
		isToken: (r) => profile.isToken(r),
		tokensIssued: () => profile.tokensIssued(running),
		floorConfig: () => profile.floorConfig(running, { [BRANCH_HEADER]: 'floor' }),
		stop: async () => await running.stop(),
	};
}
