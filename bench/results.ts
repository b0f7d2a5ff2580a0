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
	requests: number;
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

export interface CaseSummary {
	requests: { ours: number; baseline: number; floor: number };
	timeMs: { ours: number; baseline: number; floor: number };
	/** Individual samples behind the medians. */
	timeSamplesMs: { ours: number[]; baseline: number[]; floor: number[] };
	ratios: { oursToBaseline: number; oursToFloor: number; baselineToFloor: number };
	/** Median time the simulator spent answering each branch (inside the times above). */
	simMs: { ours: number; baseline: number; floor: number };
	/** Time outside the simulator (time - simulator time, medians of the per-run differences) and its ratios. */
	clientMs: { ours: number; baseline: number; floor: number };
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
	totalMs: number;
}
