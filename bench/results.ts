/** The shape of bench/results.json (written by run.ts, read by report.ts). */
import type { Branch } from './workflows';
import type { FloorResult } from './floor';

export interface MemoryWindow {
	/** VmRSS of the n8n process at the last sample before the branch's first node started. */
	rssAtStartMb: number;
	/** Highest resident set while the branch's nodes ran: VmHWM if it rose during the window, else the highest VmRSS sample. */
	peakMb: number;
	/** peakMb - rssAtStartMb. */
	growthMb: number;
	samples: number;
}

/** Self time of one function in a CPU profile. */
export interface ProfileEntry {
	functionName: string;
	/** Script, shortened to the package and file (`n8n-core/dist/…`, `ours: nodes/shared/transport.js`). */
	where: string;
	category: string;
	selfMs: number;
}

/** A CPU profile of `n8n execute` with our Get Many, cut to the node's run. */
export interface ProfileSummary {
	provider: string;
	size: number;
	latencyMs: number;
	/** The node's executionTime in that run. */
	nodeMs: number;
	/** First to last sample with our package on the stack: the window the figures below cover. */
	windowMs: number;
	/** Sampled time in the window (idle included). */
	sampledMs: number;
	/** Self time in the window by category (ours, n8n, JSON, HTTP, GC, idle, …). */
	categories: Record<string, number>;
	/** Time with a frame of these on the stack (inclusive), e.g. credential resolution. */
	inclusive: Record<string, number>;
	/** Top self-time functions in the window. */
	top: ProfileEntry[];
	/** Top self-time functions of our package in the window. */
	topOurs: ProfileEntry[];
	pages: number;
}

export interface BranchRun {
	branch: Branch;
	/** Sum of the branch's nodes' executionTime from n8n's run data (baseline: HTTP Request + Split Out). */
	execMs: number;
	/** executionTime per node. */
	nodeMs: Record<string, number>;
	/** First node's start to last node's end (includes n8n's hand-over between the two baseline nodes). */
	spanMs: number;
	startTime: number;
	items: number;
	distinctIds: number;
	/** Baseline: items the HTTP Request node emitted (one per page). */
	pages?: number;
	/** List-page requests. */
	requests: number;
	/** API requests besides list pages (Accelo's `/jobs/count`), tokens not counted. */
	otherRequests: number;
	/** Most requests of this branch the simulator was answering at once. */
	maxInFlight: number;
	/** Time the simulator spent answering this branch's requests (part of execMs). */
	simMs: number;
	memory?: MemoryWindow;
}

export interface ExecutionRecord {
	workflowId: string;
	kind: 'combined' | 'solo' | 'warmup' | 'idle';
	order: Branch[];
	/** Wall time of the whole `n8n execute` process (start-up, run, printing the run JSON, exit). */
	processMs: number;
	/** Size of what n8n printed (the run JSON of every item, plus a few log lines). */
	outputBytes: number;
	/** VmHWM of the n8n process over the whole execute (start-up and printing the run JSON included). */
	processPeakMb: number | undefined;
	/** Highest VmHWM of n8n's child processes (task runner), for reference. */
	childPeakMb: number | undefined;
	tokenRequests: number;
	otherRequests: number;
	branches: BranchRun[];
}

export interface FloorRecord extends FloorResult {
	/** Requests the simulator saw from the floor's timed loop (tagged with the branch header). */
	simRequests: number;
	/** Time the simulator spent answering them. */
	simMs: number;
}

/** One figure per branch; `oursSeq` only where the node reads pages in parallel (else it equals `ours`). */
export interface PerBranch<T> {
	ours: T;
	oursSeq?: T;
	baseline: T;
	floor: T;
}

export interface CaseSummary {
	/** API requests (list pages, plus Accelo's count), tokens not counted. */
	requests: PerBranch<number>;
	/** Of those, list-page requests. */
	listRequests: PerBranch<number>;
	timeMs: PerBranch<number>;
	/** Individual samples behind the medians. */
	timeSamplesMs: PerBranch<number[]>;
	ratios: {
		oursToBaseline: number;
		oursToFloor: number;
		baselineToFloor: number;
		oursSeqToBaseline?: number;
		oursSeqToFloor?: number;
		/** ours (default) / ours (parallelRequests 1). */
		oursToOursSeq?: number;
	};
	/** Pages in flight at once in our node's default (1 where it reads one page at a time). */
	parallelRequests: number;
	/**
	 * The latency limit: list pages ÷ parallel requests × latency, the least time any client with that
	 * many requests in flight needs for the read (undefined at 0 ms).
	 */
	latencyLimitMs?: number;
	/** ours / latencyLimitMs. */
	oursToLimit?: number;
	/** Median time the simulator spent answering each branch (inside the times above; with latency, the wait is in it). */
	simMs: PerBranch<number>;
	/** Time outside the simulator (time - simulator time, medians of the per-run differences) and its ratios. */
	clientMs: PerBranch<number>;
	clientRatios: { oursToBaseline: number; oursToFloor: number };
	memory: {
		ours: MemoryWindow;
		baseline: MemoryWindow;
		peakRatio: number;
		growthRatio: number;
		processPeakMb: { ours: number | undefined; baseline: number | undefined };
	};
	/** Execution times of the solo (memory) runs, for reference. */
	soloTimeMs: { ours: number; baseline: number };
}

export interface CaseResult {
	/** Provider key (tooling/providers). */
	provider: string;
	size: number;
	/** Wait before every simulator answer (ms), as a distant API has. */
	latencyMs: number;
	executions: ExecutionRecord[];
	floor: FloorRecord[];
	tokensIssuedToN8n: number;
	summary: CaseSummary;
	durationMs: number;
}

export interface BenchResults {
	date: string;
	machine: { cpuModel: string; cores: number; memoryGb: number; os: string; kernel: string };
	versions: {
		n8n: string;
		n8nNodesBase: string;
		nodeForN8n: string;
		nodeForBench: string;
		package: string;
		gitCommit: string | undefined;
	};
	config: {
		sizes: number[];
		/** Simulator latencies (ms); every case runs at each. */
		latencies: number[];
		providers: string[];
		pageSize: number;
		httpRequestTypeVersion: number;
		repeats: number;
		floorRepeats: number;
		sampleIntervalMs: number;
		expressionEngine: string;
		/** Whether the bench process ran a full GC before each measured run (node --expose-gc). */
		gcBetweenRuns: boolean;
	};
	idle: ExecutionRecord;
	cases: CaseResult[];
	/** Where the CPU time of one Get Many goes inside n8n (`--cpu-prof`), when the bench took a profile. */
	profile?: ProfileSummary;
	totalMs: number;
}
