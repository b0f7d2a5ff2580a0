/** The FSM Navigator simulator's state: options, reference data and the job store. */
import { SimulatorBase } from '../kit/base';
import { createRateLimiter, type RateLimiter } from '../kit/rateLimit';
import { generateFsmData } from './data';
import { FsmJobStore } from './jobStore';
import type { FsmAsset, FsmCustomer, FsmCustomerLocation, FsmData, FsmJob, FsmScope, FsmTechnician } from './types';

export interface FsmNavigatorSimulatorOptions {
	/** Key → scopes. Default `{ fsm_test_key: ['jobs:read', 'jobs:write', 'technicians:read', 'assets:read'] }`. */
	apiKeys?: Record<string, FsmScope[]>;
	/** Generated jobs when neither `jobs` nor `data` is given (default 25). */
	jobCount?: number;
	/** Use exactly these jobs (copied). Technicians/customers/locations/assets come from `data` or the defaults. */
	jobs?: FsmJob[];
	/** Reference data and jobs (copied, so one generated data set can feed several simulators). */
	data?: FsmData;
	/** Enforce a rolling-window limit per key. */
	rateLimit?: { limit: number; windowMs: number };
	/** Clock for created_at/updated_at/actual_* of writes and for the rate limit. */
	now?: () => Date;
}

export const FSM_DEFAULT_API_KEY = 'fsm_test_key';

export function copyJob(job: FsmJob): FsmJob {
	return { ...job, assets: (job.assets ?? []).map((a) => ({ ...a })) };
}
export abstract class FsmStore extends SimulatorBase {
	readonly jobs = new FsmJobStore();

	readonly technicians = new Map<number, FsmTechnician>();

	readonly customers = new Map<number, FsmCustomer>();

	readonly locations = new Map<number, FsmCustomerLocation>();

	readonly assets = new Map<number, FsmAsset>();

	readonly apiKeys: Record<string, FsmScope[]>;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/api/v1`. */
	baseUrl = '';

	protected readonly now: () => Date;

	protected readonly limiter: RateLimiter;

	protected nextJobId: number;

	protected readonly createdMsCache = new WeakMap<FsmJob, { iso: string; ms: number }>();

	constructor(options: FsmNavigatorSimulatorOptions = {}) {
		super();
		this.apiKeys = options.apiKeys ?? { [FSM_DEFAULT_API_KEY]: ['jobs:read', 'jobs:write', 'technicians:read', 'assets:read'] };
		this.now = options.now ?? (() => new Date());
		this.limiter = options.rateLimit
			? createRateLimiter({ algorithm: 'rolling-window', limit: options.rateLimit.limit, windowMs: options.rateLimit.windowMs })
			: createRateLimiter({ algorithm: 'rolling-window', limit: 100_000, windowMs: 60_000, enforce: false });
		const data = options.data ?? generateFsmData(options.jobs ? 0 : (options.jobCount ?? 25));
		for (const t of data.technicians) this.technicians.set(t.technician_id, { ...t });
		for (const c of data.customers) this.customers.set(c.customer_id, { ...c });
		for (const l of data.locations) this.locations.set(l.customer_location_id, { ...l });
		for (const a of data.assets) this.assets.set(a.asset_id, { ...a });
		for (const job of options.jobs ?? data.jobs) this.jobs.put(copyJob(job));
		// New ids follow the highest existing id (1001 for an empty store).
		this.nextJobId = this.jobs.size ? this.jobs.maxId() + 1 : 1001;
	}

	/** Starts on loopback; resolves to the API base URL including `/api/v1`. */
	async start(port?: number): Promise<string> {
		const origin = await this.server.start(port ?? 0);
		this.baseUrl = `${origin}/api/v1`;
		return this.baseUrl;
	}

	getJob(id: number): FsmJob | undefined {
		return this.jobs.get(id);
	}

	/** Adds or replaces a job directly (test setup). */
	putJob(job: FsmJob): FsmJob {
		return this.jobs.put(job);
	}

	/** Forgets all rate-limit history. */
	resetRateLimit(): void {
		this.limiter.reset();
	}
}
