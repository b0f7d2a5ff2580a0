/** The Accelo simulator's state: options, the data store and the token and rate-limit helpers. */
import { SimulatorBase } from '../kit/base';
import { ascendingId, OrderedJobStore } from '../kit/orderedJobStore';
import { createRateLimiter, type RateLimiter } from '../kit/rateLimit';
import type { RecordedRequest } from '../server';
import { generateAcceloData } from './data';
import type { FilterSpec } from './filters';
import type { AcceloCompany, AcceloData, AcceloJob, AcceloJobStatus, AcceloJobType, AcceloProgression, AcceloProgressionHistory, AcceloRate, AcceloStaff, AcceloStanding } from './types';
import type { AcceloIssuedToken, ObjectDef } from './wire';

export interface AcceloSimulatorOptions {
	/** Default 'planet-express'. */
	deployment?: string;
	/** Default 'accelo-client'. */
	clientId?: string;
	/** Default 'accelo-secret'. */
	clientSecret?: string;
	/** Jobs to generate when `data` is not given (default 120). */
	jobCount?: number;
	/** Seed for generated data (default 1). */
	seed?: number;
	/** Use this data store (it is mutated in place by writes). */
	data?: AcceloData;
	/** 100 (current docs; a larger `_limit` is an error) or 50 (an old deployment that silently clamps). */
	limitCap?: 100 | 50;
	/** Default: the documented 5000 requests per hour. */
	rateLimit?: { limit: number; windowMs: number };
	/** Token lifetime when the token request has no `expires_in` (default 2592000 = 30 days). */
	tokenTtlSeconds?: number;
	/** Whether the API user may run progressions (default true). False: empty lists, 403 on run. */
	progressionPermission?: boolean;
	/** Clock for dates written by the API, in unix seconds (default: real time). */
	now?: () => number;
	/**
	 * Field names `POST /jobs` takes for what the job is against. Older research said `against_type` /
	 * `against_id` (default); the current vendor table for "Create a Job" lists `engagement_table` /
	 * `engagement_id`. 'both' accepts either pair (never both at once).
	 */
	createAgainstFields?: 'against' | 'engagement' | 'both';
	/** UNDOCUMENTED in the docs: whether `PUT /jobs/{id}` with `status_id` writes a history row (default false). */
	historyOnDirectStatusChange?: boolean;
}

/** Input of `insertJob`; anything omitted gets a plausible default. */
export type AcceloJobInput = Partial<AcceloJob> & { title: string };

export interface ParamSource {
	/** Parameter name → value (strings from the query, anything from a JSON body). */
	values: Map<string, unknown>;
}

export const GLOBAL_PARAMS = ['_bearer_token', '_method', '_suppress_http_status', '_suppress_message', '_suppress_meta', '_hide_defaults'];
export const LIST_PARAMS = ['_fields', '_filters', '_search', '_limit', '_offset', '_page'];
export const COUNT_PARAMS = ['_filters', '_search'];

export const CREATE_FIELDS = [
	'title',
	'against_type',
	'against_id',
	'engagement_table',
	'engagement_id',
	'manager_id',
	'type_id',
	'status_id',
	'rate_id',
	'contract_id',
	'affiliation_id',
	'rate_charged',
	'date_due',
	'date_started',
	'date_created',
	'is_billable',
];
export const UPDATE_FIELDS = [
	'title',
	'engagement_table',
	'engagement_id',
	'manager_id',
	'status_id',
	'contract_id',
	'affiliation_id',
	'rate_id',
	'rate_charged',
	'date_due',
	'date_created',
];
export const STANDINGS: readonly AcceloStanding[] = ['pending', 'active', 'paused', 'complete', 'inactive'];
export abstract class AcceloStore extends SimulatorBase {
	/** The live data store (mutated by POST/PUT/progressions). */
	readonly data: AcceloData;

	/** Every token issued, in order (count them to check token caching). */
	readonly issuedTokens: AcceloIssuedToken[] = [];

	readonly deployment: string;

	readonly clientId: string;

	readonly clientSecret: string;

	/** The staff member the service application acts as (modified_by of API writes). */
	readonly apiUserId: number;

	limitCap: 100 | 50;

	progressionPermission: boolean;

	readonly rateLimit: { limit: number; windowMs: number };

	tokenTtlSeconds: number;

	baseUrl: string | undefined;

	/** Jobs by id; its list is `data.jobs` itself. Writes change a job in place (the `data` option promises that). */
	protected readonly jobStore: OrderedJobStore<number, AcceloJob, number>;

	protected readonly clock: () => number;

	protected readonly createAgainstFields: 'against' | 'engagement' | 'both';

	protected readonly historyOnDirectStatusChange: boolean;

	protected readonly limiter: RateLimiter;

	protected failedLogins: number[] = [];

	protected tokenCounter = 0;

	protected readonly defs: {
		job: ObjectDef<AcceloJob>;
		status: ObjectDef<AcceloJobStatus>;
		type: ObjectDef<AcceloJobType>;
		staff: ObjectDef<AcceloStaff>;
		company: ObjectDef<AcceloCompany>;
		rate: ObjectDef<AcceloRate>;
		history: ObjectDef<AcceloProgressionHistory>;
	};

	protected readonly filters: {
		job: FilterSpec<AcceloJob>;
		status: FilterSpec<AcceloJobStatus>;
		type: FilterSpec<AcceloJobType>;
		staff: FilterSpec<AcceloStaff>;
		company: FilterSpec<AcceloCompany>;
		history: FilterSpec<AcceloProgressionHistory>;
	};

	constructor(options: AcceloSimulatorOptions = {}) {
		super();
		this.deployment = options.deployment ?? 'planet-express';
		this.clientId = options.clientId ?? 'accelo-client';
		this.clientSecret = options.clientSecret ?? 'accelo-secret';
		this.data = options.data ?? generateAcceloData(options.jobCount ?? 120, options.seed ?? 1);
		this.limitCap = options.limitCap ?? 100;
		this.progressionPermission = options.progressionPermission ?? true;
		this.rateLimit = options.rateLimit ?? { limit: 5000, windowMs: 3600_000 };
		this.limiter = createRateLimiter({ algorithm: 'fixed-window', ...this.rateLimit });
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 2592000;
		this.clock = options.now ?? (() => Math.floor(Date.now() / 1000));
		this.createAgainstFields = options.createAgainstFields ?? 'engagement';
		this.historyOnDirectStatusChange = options.historyOnDirectStatusChange ?? false;
		this.apiUserId = this.data.staff[0].id;
		this.jobStore = new OrderedJobStore(ascendingId((job: AcceloJob) => job.id), this.data.jobs);
		this.defs = this.buildObjectDefs();
		this.filters = this.buildFilterSpecs();
	}

	protected abstract buildObjectDefs(): AcceloStore['defs'];

	protected abstract buildFilterSpecs(): AcceloStore['filters'];

	/** Starts on loopback; resolves to the base URL without `/api/v0`. */
	async start(port?: number): Promise<string> {
		this.baseUrl = await this.server.start(port);
		return this.baseUrl;
	}

	/** Requests to the API (not the token endpoint). */
	get apiRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path.startsWith('/api/'));
	}

	/** Requests to the token endpoint. */
	get tokenRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path === '/oauth2/v0/token');
	}

	now(): number {
		return this.clock();
	}

	// ----- data helpers -----

	getJob(id: number | string): AcceloJob | undefined {
		return this.jobStore.get(Number(id));
	}

	get jobs(): readonly AcceloJob[] {
		return this.jobStore.ordered();
	}

	getStatus(id: number | string): AcceloJobStatus | undefined {
		return this.data.statuses.find((s) => s.id === Number(id));
	}

	/** Progressions available from a status, ascending id. */
	progressionsFrom(statusId: number): AcceloProgression[] {
		return this.data.progressions.filter((p) => p.from_status_id === statusId).sort((a, b) => a.id - b.id);
	}

	/** Inserts a job directly into the store (no request is logged). Returns the stored record. */
	insertJob(input: AcceloJobInput): AcceloJob {
		const now = this.now();
		const id = input.id ?? this.nextJobId();
		if (this.jobStore.has(id)) throw new Error(`job ${id} exists`);
		const status = this.getStatus(input.status_id ?? 1);
		if (!status) throw new Error(`unknown status ${String(input.status_id)}`);
		const job: AcceloJob = {
			id,
			title: input.title,
			against_type: input.against_type ?? 'company',
			against_id: input.against_id ?? this.data.companies[0].id,
			custom_id: input.custom_id ?? null,
			paused: input.paused ?? 0,
			staff_bookmarked: input.staff_bookmarked ?? false,
			date_created: input.date_created ?? now,
			date_modified: input.date_modified ?? input.date_created ?? now,
			date_commenced: input.date_commenced ?? (status.standing === 'active' ? now : null),
			date_started: input.date_started ?? null,
			date_due: input.date_due ?? null,
			date_completed: input.date_completed ?? null,
			date_last_interacted: input.date_last_interacted ?? null,
			job_type_id: input.job_type_id ?? this.data.jobTypes[0].id,
			rate_id: input.rate_id ?? null,
			rate_charged: input.rate_charged ?? '0.00',
			status_id: status.id,
			standing: status.standing,
			manager_id: input.manager_id ?? this.apiUserId,
			modified_by: input.modified_by ?? this.apiUserId,
			affiliation_id: input.affiliation_id ?? null,
			contract_id: input.contract_id ?? null,
			is_billable: input.is_billable ?? true,
		};
		return this.jobStore.put(job);
	}

	/** Changes a stored job directly (no request is logged). `status_id` also sets `standing`. */
	updateJob(id: number | string, patch: Partial<Omit<AcceloJob, 'id' | 'standing'>>): AcceloJob {
		const job = this.getJob(id);
		if (!job) throw new Error(`no job ${String(id)}`);
		Object.assign(job, patch);
		if (patch.status_id !== undefined) {
			const status = this.getStatus(patch.status_id);
			if (!status) throw new Error(`unknown status ${patch.status_id}`);
			job.standing = status.standing;
		}
		return job;
	}

	// ----- token helpers -----

	/** Makes every issued token expired (the next API call with one gets 401). */
	expireAllTokens(): void {
		const past = Date.now() - 1000;
		for (const t of this.issuedTokens) t.expiresAt = Math.min(t.expiresAt, past);
	}

	/** Revokes every issued token. */
	revokeAllTokens(): void {
		for (const t of this.issuedTokens) t.revoked = true;
	}

	/** Starts a fresh rate-limit window. */
	resetRateLimit(): void {
		this.limiter.reset();
	}


	protected nextJobId(): number {
		const jobs = this.jobs;
		return jobs.length === 0 ? 1 : jobs[jobs.length - 1].id + 1;
	}
}
