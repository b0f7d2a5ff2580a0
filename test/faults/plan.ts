/**
 * The fault plan: for every request a simulator receives, a seeded draw decides whether it is
 * answered normally or spoiled (rate limit, server error, dropped connection, slow, truncated or
 * non-JSON answer), and, for a page of the job list, whether jobs are created, changed or deleted
 * first. Each request's draw comes from its own generator, seeded by the run's seed, the execution,
 * the request's method and URL and how many such requests came before it in the execution: pages
 * read in parallel arrive in any order and still get the same faults. It logs each request with its fault and the status the simulator's handler gave, which is
 * how the suite counts the writes the simulator really applied.
 */
import type { FaultResponse, RecordedRequest, SimResponse } from '../../tooling/simulators/server';
import type { FaultWorld, RequestKind } from './fixture';
import { Random } from './random';

/** FNV-1a, 32 bits (http://www.isthe.com/chongo/tech/comp/fnv/): a request's own seed from its key. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export const FAULT_KINDS = [
	'429 with Retry-After',
	'429 without Retry-After',
	'500',
	'502 (HTML page)',
	'503',
	'504 (HTML page)',
	'connection reset before handling',
	'connection reset after handling',
	'slow answer past the timeout',
	'truncated body',
	'non-JSON body',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const MUTATION_KINDS = ['create', 'change', 'delete'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface PlanOptions {
	/** The node's Timeout option in every operation (ms); slow answers come this + 400 ms late. */
	timeoutMs: number;
	/** Chance that a request of each kind is spoiled. */
	faultRate: Record<RequestKind, number>;
	/** Chance that jobs change before a page of the list is served. */
	mutationRate: number;
	/** See `skippedFromEnv`. */
	skip?: string[];
}

export interface RequestRecord {
	req: RecordedRequest;
	kind: RequestKind | undefined;
	fault?: FaultKind;
	/** The status the simulator's handler answered with (absent: it never ran, the fault replaced it). */
	handledStatus?: number;
	mutation?: string;
}

const GATEWAY_PAGE = (status: number, text: string) =>
	`<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/**
 * `FAULT_SKIP`: comma-separated words; fault kinds whose name contains one are not injected, `token`
 * spares the credential's token endpoint and `changes` the jobs during Get Many (to look at one kind
 * of finding at a time).
 */
export function skippedFromEnv(): string[] {
	return (process.env.FAULT_SKIP ?? '')
		.split(',')
		.map((word) => word.trim())
		.filter((word) => word !== '');
}

export class FaultPlan {
	readonly faultCounts = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

	readonly mutationCounts = Object.fromEntries(MUTATION_KINDS.map((kind) => [kind, 0])) as Record<MutationKind, number>;

	/** The requests of the current execution. */
	log: RequestRecord[] = [];

	/** Whether requests are spoiled now (off while the suite sets up). */
	faultsOn = false;

	/** Whether pages of the list may see jobs change (Get Many executions only). */
	mutationsOn = false;

	/** Called after each change to the jobs (the suite takes a snapshot of what the filter selects). */
	afterMutation: (() => void) | undefined;

	private readonly records = new WeakMap<RecordedRequest, RequestRecord>();

	private execution = 0;

	private readonly occurrences = new Map<string, number>();

	private readonly kinds: readonly FaultKind[];

	private readonly skipTokens: boolean;

	private readonly skipChanges: boolean;

	constructor(
		private readonly world: FaultWorld,
		private readonly seed: number,
		private readonly options: PlanOptions,
	) {
		const skip = options.skip ?? [];
		this.kinds = FAULT_KINDS.filter((kind) => !skip.some((word) => kind.includes(word)));
		this.skipTokens = skip.includes('token');
		this.skipChanges = skip.includes('changes');
		world.server.onRequest = (req) => this.onRequest(req);
		world.server.onHandled = (req, response) => this.onHandled(req, response);
	}

	/** Starts a new execution's log. */
	begin(execution: number, mutations: boolean): void {
		this.execution = execution;
		this.occurrences.clear();
		this.log = [];
		this.faultsOn = true;
		this.mutationsOn = mutations;
	}

	end(): RequestRecord[] {
		this.faultsOn = false;
		this.mutationsOn = false;
		this.afterMutation = undefined;
		return this.log;
	}

	private onRequest(req: RecordedRequest): void {
		const record: RequestRecord = { req, kind: this.world.classify(req) };
		this.log.push(record);
		this.records.set(req, record);
		const key = `${req.method} ${req.rawUrl}`;
		const nth = (this.occurrences.get(key) ?? 0) + 1;
		this.occurrences.set(key, nth);
		const rng = new Random(hash(`${this.seed}|${this.execution}|${key}|${nth}`));
		if (this.mutationsOn && !this.skipChanges && record.kind === 'list' && rng.chance(this.options.mutationRate)) {
			const kind = rng.pick(MUTATION_KINDS);
			record.mutation = this.world.mutate[kind](rng);
			this.mutationCounts[kind]++;
			this.afterMutation?.();
		}
		if (!this.faultsOn || record.kind === undefined || !rng.chance(this.options.faultRate[record.kind])) return;
		if ((record.kind === 'auth' && this.skipTokens) || this.kinds.length === 0) return;
		const fault = rng.pick(this.kinds);
		record.fault = fault;
		this.faultCounts[fault]++;
		// Matched on this request's method and path and taken at once, by this very request.
		this.world.server.injectFault({ method: req.method, path: req.path }, this.response(fault, rng), 1);
	}

	private onHandled(req: RecordedRequest, response: SimResponse): void {
		const record = this.records.get(req);
		if (record) record.handledStatus = response.status;
	}

	private response(fault: FaultKind, rng: Random): FaultResponse {
		const body = (status: number) => this.world.errorBody(status, rng);
		switch (fault) {
			case '429 with Retry-After':
				return { status: 429, headers: { 'Retry-After': rng.chance(0.75) ? '0' : '1' }, body: body(429) };
			case '429 without Retry-After':
				return { status: 429, body: body(429) };
			case '500':
				return { status: 500, body: body(500) };
			case '502 (HTML page)':
				return { status: 502, headers: { 'Content-Type': 'text/html' }, body: GATEWAY_PAGE(502, 'Bad Gateway') };
			case '503':
				return { status: 503, body: body(503) };
			case '504 (HTML page)':
				return { status: 504, headers: { 'Content-Type': 'text/html' }, body: GATEWAY_PAGE(504, 'Gateway Time-out') };
			case 'connection reset before handling':
				return 'reset';
			case 'connection reset after handling':
				return { spoil: 'reset' };
			case 'slow answer past the timeout':
				return { spoil: 'late', delayMs: this.options.timeoutMs + 400 };
			case 'truncated body':
				return { spoil: 'truncate' };
			case 'non-JSON body':
				return { spoil: 'notJson', body: GATEWAY_PAGE(200, 'OK') };
		}
	}
}
