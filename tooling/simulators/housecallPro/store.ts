/** The Housecall Pro simulator's state: options, reference data, the job store and its sorting and paging. */
import { SimulatorBase } from '../kit/base';
import { JobStore } from '../kit/jobStore';
import { createRateLimiter, type RateLimiter } from '../kit/rateLimit';
import type { RecordedRequest } from '../server';
import { COMPANIES, FRANCHISEE_IDS, isoMs } from './catalog';
import { generateHousecallProData } from './data';
import { type ApiResult, badRequest, DIGITS_RE, toMs } from './errors';
import type { HcpCompany, HcpCustomer, HcpData, HcpEmployee, HcpJob, HcpJobExtras, HcpJobType, HcpKeyKind, HcpPipelineStage, HcpResourceType, HcpSortField, HcpTag } from './types';

/** What a key is: its kind and the companies (locations) it may act for; more than one = multi-location. */
export interface HcpApiKey {
	kind: HcpKeyKind;
	companyIds: string[];
}

export const HCP_DEFAULT_COMPANY_API_KEY = 'hcp_company_test_key';
export const HCP_DEFAULT_APPLICATION_API_KEY = 'hcp_application_test_key';
/** A Company key of a single-company account (the first company): sending `X-Company-Id` gets 401. */
export const HCP_SINGLE_COMPANY_API_KEY = 'hcp_single_company_test_key';
export const HCP_COMPANY_IDS: readonly string[] = COMPANIES.map((c) => c.id);
export const HCP_FRANCHISEE_IDS: readonly string[] = FRANCHISEE_IDS;
export const HCP_MAX_PAGE_SIZE = 200;
export const HCP_DEFAULT_PAGE_SIZE = 10;

export interface HousecallProSimulatorOptions {
	/** Jobs to generate when neither `data` nor `jobs` is given (default 25). */
	jobCount?: number;
	/** Seed of the generated data (default 1). */
	seed?: number;
	/** Reference date of the generated data (default `HCP_REFERENCE_DATE`; the sandbox passes `new Date()`). */
	referenceDate?: Date | string;
	/** Reference data and jobs (jobs copied shallowly; the store never mutates a stored job in place). */
	data?: HcpData;
	/** Use exactly these jobs (extras default to empty); reference data from `data` or generated. */
	jobs?: HcpJob[];
	/** Key → kind and companies. Default: the three `HCP_*_API_KEY` constants. */
	apiKeys?: Record<string, HcpApiKey>;
	/** Rolling-window limit per key; without it, unlimited. `retryAfter` adds a `Retry-After` header. */
	rateLimit?: { limit: number; windowMs: number; retryAfter?: boolean };
	/** Clock for written timestamps and the rate limit (default: real time). */
	now?: () => Date;
	/** Fixed wait before every answer. */
	latencyMs?: number;
	/** What `page_size` > 200 does (undocumented): clamp to 200 (default) or 400. */
	pageSizeCap?: 'clamp' | 'error';
	/** Answer to a key of the wrong kind (undocumented). Default 401 `{"message":"Unauthorized"}`. */
	keyKindRefusal?: { status: number; body: unknown };
	/** Whether pipelines are on (default true); off → every status list is empty. */
	pipelineEnabled?: boolean;
	/** Called on every GET /jobs before the page is computed, with the requested (1-based) page. */
	onList?: (page: number, req: RecordedRequest) => void;
}

export interface Caller {
	key: string;
	kind: HcpKeyKind;
	/** The company chosen with X-Company-Id, if any. */
	companyId: string | undefined;
	/** The companies this call may see. */
	visibleCompanies: ReadonlySet<string>;
}

export function emptyExtras(): HcpJobExtras {
	return { franchisee_id: null, line_items: [], appointments: [], attachments: [], pipeline_status_id: null, amount_paid: 0 };
}
export abstract class HcpStore extends SimulatorBase {
	/** The live job store by id. Replace a job to change it (`putJob`); writes never mutate in place. */
	readonly jobs = new JobStore<string, HcpJob>();

	/** Sub-resources and filter-only facts per job id. */
	readonly extras = new Map<string, HcpJobExtras>();

	readonly employees: HcpEmployee[];

	readonly customers: HcpCustomer[];

	readonly tags: HcpTag[];

	readonly jobTypes: HcpJobType[];

	readonly businessUnits: HcpJobType[];

	readonly pipeline: Record<HcpResourceType, HcpPipelineStage[]>;

	readonly companies: HcpCompany[];

	readonly apiKeys: Record<string, HcpApiKey>;

	latencyMs: number;

	pageSizeCap: 'clamp' | 'error';

	pipelineEnabled: boolean;

	keyKindRefusal: { status: number; body: unknown };

	onList: ((page: number, req: RecordedRequest) => void) | undefined;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234` (the real API has no path prefix). */
	baseUrl = '';

	protected readonly now: () => Date;

	protected readonly limiter: RateLimiter | undefined;

	protected readonly retryAfter: boolean;

	protected filterCache: { version: number; key: string; jobs: readonly HcpJob[] } | undefined;

	constructor(options: HousecallProSimulatorOptions = {}) {
		super();
		const data = options.data ?? generateHousecallProData(options.jobs ? 0 : (options.jobCount ?? 25), options.seed ?? 1, options.referenceDate);
		this.companies = data.companies.map((c) => ({ ...c }));
		this.employees = data.employees.map((e) => ({ ...e }));
		this.customers = data.customers.map((c) => ({ ...c, addresses: c.addresses.map((a) => ({ ...a })) }));
		this.tags = data.tags.map((t) => ({ ...t }));
		this.jobTypes = data.jobTypes.map((t) => ({ ...t }));
		this.businessUnits = data.businessUnits.map((t) => ({ ...t }));
		this.pipeline = { job: data.pipeline.job.map((s) => ({ ...s })), lead: data.pipeline.lead.map((s) => ({ ...s })), estimate: data.pipeline.estimate.map((s) => ({ ...s })) };
		for (const job of options.jobs ?? data.jobs) {
			const extras = options.jobs ? undefined : data.extras[job.id];
			this.putJob({ ...job }, extras ? { ...extras } : undefined);
		}
		const ids = this.companies.map((c) => c.id);
		this.apiKeys = options.apiKeys ?? {
			[HCP_DEFAULT_COMPANY_API_KEY]: { kind: 'company', companyIds: ids },
			[HCP_DEFAULT_APPLICATION_API_KEY]: { kind: 'application', companyIds: ids },
			[HCP_SINGLE_COMPANY_API_KEY]: { kind: 'company', companyIds: ids.slice(0, 1) },
		};
		this.now = options.now ?? (() => new Date());
		this.limiter = options.rateLimit ? createRateLimiter({ algorithm: 'rolling-window', limit: options.rateLimit.limit, windowMs: options.rateLimit.windowMs }) : undefined;
		this.retryAfter = options.rateLimit?.retryAfter ?? false;
		this.latencyMs = options.latencyMs ?? 0;
		this.pageSizeCap = options.pageSizeCap ?? 'clamp';
		this.pipelineEnabled = options.pipelineEnabled ?? true;
		this.keyKindRefusal = options.keyKindRefusal ?? { status: 401, body: { message: 'Unauthorized' } };
		this.onList = options.onList;
	}

	/** Starts on loopback; resolves to the base URL (origin only: the real API has no `/v1`). */
	async start(port?: number): Promise<string> {
		this.baseUrl = await this.server.start(port ?? 0);
		return this.baseUrl;
	}

	// ----- direct store access (tests) ---------------------------------------------------------------------

	getJob(id: string): HcpJob | undefined {
		return this.jobs.get(id);
	}

	getExtras(id: string): HcpJobExtras | undefined {
		return this.extras.get(id);
	}

	/** Adds or replaces a job; `extras` default to the job's current extras or empty ones. */
	putJob(job: HcpJob, extras?: Partial<HcpJobExtras>): HcpJob {
		this.jobs.set(job.id, job);
		this.extras.set(job.id, { ...(this.extras.get(job.id) ?? emptyExtras()), ...extras });
		return job;
	}

	deleteJob(id: string): boolean {
		this.extras.delete(id);
		return this.jobs.delete(id);
	}

	/** All jobs in the API's default order (`created_at` desc, ties by `id` desc). */
	listJobs(): HcpJob[] {
		return [...this.sorted('created_at', 'desc')];
	}

	getPipelineStatusId(jobId: string): string | null | undefined {
		return this.extras.get(jobId)?.pipeline_status_id;
	}

	resetRateLimit(): void {
		this.limiter?.reset();
	}

	protected visibleJob(id: string, caller: Caller): HcpJob | undefined {
		const job = this.jobs.get(id);
		return job && caller.visibleCompanies.has(job.company_id) ? job : undefined;
	}

	protected extrasOf(job: HcpJob): HcpJobExtras {
		let extras = this.extras.get(job.id);
		if (!extras) this.extras.set(job.id, (extras = emptyExtras()));
		return extras;
	}

	/** Replaces a job (and optionally its extras) with `updated_at` = now. */
	protected write(job: HcpJob, nowMs: number, extras?: Partial<HcpJobExtras>): HcpJob {
		const updated: HcpJob = { ...job, updated_at: isoMs(nowMs) };
		this.putJob(updated, extras);
		return updated;
	}

	// ----- paging ------------------------------------------------------------------------------------------

	protected pageParams(req: RecordedRequest): { page: number; pageSize: number } | ApiResult {
		const read = (name: string, fallback: number): number | ApiResult => {
			const raw = req.query[name];
			if (raw === undefined) return fallback;
			if (typeof raw !== 'string' || !DIGITS_RE.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) return badRequest(name, 'must be a positive integer');
			return Number(raw);
		};
		const page = read('page', 1);
		if (typeof page !== 'number') return page;
		let pageSize = read('page_size', HCP_DEFAULT_PAGE_SIZE);
		if (typeof pageSize !== 'number') return pageSize;
		if (pageSize > HCP_MAX_PAGE_SIZE) {
			if (this.pageSizeCap === 'error') return badRequest('page_size', `must be less than or equal to ${HCP_MAX_PAGE_SIZE}`);
			pageSize = HCP_MAX_PAGE_SIZE;
		}
		return { page, pageSize };
	}

	protected envelope<T>(key: string, items: readonly T[], page: number, pageSize: number): ApiResult {
		return {
			status: 200,
			body: {
				page,
				page_size: pageSize,
				total_pages: Math.ceil(items.length / pageSize),
				total_items: items.length,
				[key]: items.slice((page - 1) * pageSize, page * pageSize),
			},
		};
	}

	protected paged<T>(req: RecordedRequest, key: string, items: readonly T[]): ApiResult {
		const params = this.pageParams(req);
		if ('status' in params) return params;
		return this.envelope(key, items, params.page, params.pageSize);
	}

	// ----- sorting ------------------------------------------------------------------------------

	protected sorted(sortBy: HcpSortField, direction: 'asc' | 'desc'): HcpJob[] {
		return this.jobs.cached(`sort|${sortBy}|${direction}`, () => this.sort(sortBy, direction));
	}

	private sort(sortBy: HcpSortField, direction: 'asc' | 'desc'): HcpJob[] {
		const sign = direction === 'asc' ? 1 : -1;
		const keyed = [...this.jobs.values()].map((job) => {
			let key: number | string;
			if (sortBy === 'created_at' || sortBy === 'updated_at') key = toMs(job[sortBy]);
			else if (sortBy === 'invoice_number') key = Number(job.invoice_number);
			else key = job[sortBy] ?? '';
			if (typeof key === 'number' && Number.isNaN(key)) key = -Infinity;
			return { key, job };
		});
		keyed.sort((a, b) => {
			if (a.key < b.key) return -sign;
			if (a.key > b.key) return sign;
			return a.job.id < b.job.id ? -sign : a.job.id > b.job.id ? sign : 0;
		});
		return keyed.map((k) => k.job);
	}
}
