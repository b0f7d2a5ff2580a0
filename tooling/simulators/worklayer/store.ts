/** The Worklayer simulator's state: options, reference data and the job store. */
import { SimulatorBase } from '../kit/base';
import { JobStore } from '../kit/jobStore';
import { createRateLimiter, type RateLimiter } from '../kit/rateLimit';
import { mulberry32 } from '../random';
import type { RecordedRequest } from '../server';
import { compareJobs, generateWorklayerData } from './data';
import type { WorklayerFilterGrammar } from './filter';
import { WORKLAYER_API_PREFIX, WORKLAYER_AUDIENCE, WORKLAYER_DEFAULT_CLIENT_ID, WORKLAYER_DEFAULT_CLIENT_SECRET, WORKLAYER_DEFAULT_MAX_PAGE_SIZE, WORKLAYER_TOKEN_PATH, type WorklayerData, type WorklayerDocument, type WorklayerErrorBody, type WorklayerJob, type WorklayerJobTemplate, type WorklayerMember, type WorklayerPro, type WorklayerServicePackage } from './types';

/** What the API client's machine member may do (403 Forbidden when denied). */
export type WorklayerPermission = 'jobs.list' | 'jobs.get' | 'jobs.create' | 'jobs.write' | 'members.list' | 'templates.list' | 'servicePackages.list' | 'documents.list';

export interface WorklayerIssuedToken {
	accessToken: string;
	clientId: string;
	/** ms since epoch, by the simulator's clock. */
	expiresAt: number;
}

export interface WorklayerListHookInfo {
	/** 0 for the first page (no `page_token`), 1 for the page read with the first page's token, and so on. */
	pageIndex: number;
	pageToken: string | undefined;
	filter: string | undefined;
	request: RecordedRequest;
}

export interface WorklayerSimulatorOptions {
	/** Generated jobs when neither `data` nor `jobs` is given (default 25). */
	jobCount?: number;
	/** Seed for generated data (default 1). */
	seed?: number;
	/** Reference data and jobs (copied). */
	data?: WorklayerData;
	/** Use exactly these jobs (copied); members, templates, ... come from `data` or the defaults. */
	jobs?: WorklayerJob[];
	clientId?: string;
	clientSecret?: string;
	/** The audience the token endpoint accepts (default `WORKLAYER_AUDIENCE`). */
	audience?: string;
	/** Access token lifetime (default 3600, as in the docs). */
	tokenTtlSeconds?: number;
	/** Rolling-window limit per API client (429 above it). Default: unlimited. */
	rateLimit?: { limit: number; windowMs: number };
	/** Clock for timestamps of writes, token expiry and the rate limit (default: real time). */
	now?: () => Date;
	/** A fixed wait before every answer, as a distant API has. */
	latencyMs?: number;
	/** Default 100 (undocumented). */
	maxPageSize?: number;
	/** What `page_size` above the maximum does (default 'clamp'). */
	pageSizeAboveMax?: 'clamp' | 'error';
	/** End of a list: `next_page_token: ""` (default, documented) or no field at all. */
	endSignal?: 'empty' | 'missing';
	filterGrammar?: WorklayerFilterGrammar;
	/** Get answers `{ data: job }` instead of the bare job. */
	wrapSingle?: boolean;
	/** Permissions the machine member lacks. */
	deniedPermissions?: WorklayerPermission[];
	/** Called before each page of `GET /jobs` is computed; may change the store. */
	onList?: (info: WorklayerListHookInfo) => void | Promise<void>;
}

export interface ApiResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: WorklayerErrorBody['error'],
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'NotFound', message);

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { isRecord } from '../kit/body';

export function copyJob(job: WorklayerJob): WorklayerJob {
	return { ...job, members: job.members.map((m) => ({ ...m })) };
}
export abstract class WorklayerStore extends SimulatorBase {
	/** The job store, by id. Prefer `putJob` / `deleteJob`, which keep the list order index. */
	readonly jobs = new JobStore<string, WorklayerJob>();

	readonly members: WorklayerMember[];

	readonly pros: WorklayerPro[];

	readonly templates: WorklayerJobTemplate[];

	readonly servicePackages: WorklayerServicePackage[];

	readonly documents: Map<string, WorklayerDocument[]>;

	/** Job id → job template id (set on create; used for the questionnaire and answers). */
	readonly jobTemplates = new Map<string, string>();

	readonly workspaceId: string;

	readonly clientId: string;

	readonly clientSecret: string;

	readonly audience: string;

	/** Every access token issued, in order. */
	readonly issuedTokens: WorklayerIssuedToken[] = [];

	tokenTtlSeconds: number;

	latencyMs: number;

	maxPageSize: number;

	pageSizeAboveMax: 'clamp' | 'error';

	endSignal: 'empty' | 'missing';

	filterGrammar: WorklayerFilterGrammar;

	wrapSingle: boolean;

	deniedPermissions: Set<WorklayerPermission>;

	onList: ((info: WorklayerListHookInfo) => void | Promise<void>) | undefined;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/v1.0`. */
	baseUrl = '';

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/oauth/token`. */
	tokenUrl = '';

	protected readonly now: () => Date;

	protected readonly limiter: RateLimiter | undefined;

	protected readonly requestedProviders = new Map<string, string>();

	protected readonly packageAnswers = new Map<string, Array<{ service_package_id: string; answers: Record<string, unknown> }>>();

	protected readonly questionnaireAnswers = new Map<string, Record<string, unknown>>();

	protected readonly tokenPages = new Map<string, number>();

	protected readonly rand: () => number;

	protected lastWriteMicros = 0;

	protected tokenCounter = 0;

	constructor(options: WorklayerSimulatorOptions = {}) {
		super();
		const seed = options.seed ?? 1;
		const data = options.data ?? generateWorklayerData(options.jobs ? 0 : (options.jobCount ?? 25), seed);
		this.members = data.members.map((m) => ({ ...m }));
		this.pros = data.pros.map((p) => ({ ...p }));
		this.templates = data.templates.map((t) => ({ ...t, supported_service_packages: [...t.supported_service_packages] }));
		this.servicePackages = data.servicePackages.map((p) => ({ ...p, required_questions: p.required_questions.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o })) })) }));
		this.documents = new Map([...data.documents].map(([id, docs]) => [id, docs.map((d) => ({ ...d }))]));
		this.workspaceId = data.workspaceId;
		for (const [jobId, templateId] of data.jobTemplates) this.jobTemplates.set(jobId, templateId);
		for (const job of options.jobs ?? data.jobs) this.jobs.set(job.id, copyJob(job));
		this.clientId = options.clientId ?? WORKLAYER_DEFAULT_CLIENT_ID;
		this.clientSecret = options.clientSecret ?? WORKLAYER_DEFAULT_CLIENT_SECRET;
		this.audience = options.audience ?? WORKLAYER_AUDIENCE;
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
		this.limiter = options.rateLimit ? createRateLimiter({ algorithm: 'rolling-window', limit: options.rateLimit.limit, windowMs: options.rateLimit.windowMs }) : undefined;
		this.now = options.now ?? (() => new Date());
		this.latencyMs = options.latencyMs ?? 0;
		this.maxPageSize = options.maxPageSize ?? WORKLAYER_DEFAULT_MAX_PAGE_SIZE;
		this.pageSizeAboveMax = options.pageSizeAboveMax ?? 'clamp';
		this.endSignal = options.endSignal ?? 'empty';
		this.filterGrammar = { ...options.filterGrammar };
		this.wrapSingle = options.wrapSingle ?? false;
		this.deniedPermissions = new Set(options.deniedPermissions ?? []);
		this.onList = options.onList;
		this.rand = mulberry32(seed ^ 0x5eed);
	}

	/** Starts on loopback; resolves to the API base URL including `/v1.0`. */
	async start(port?: number): Promise<string> {
		const origin = await this.server.start(port ?? 0);
		this.baseUrl = `${origin}${WORKLAYER_API_PREFIX}`;
		this.tokenUrl = `${origin}${WORKLAYER_TOKEN_PATH}`;
		return this.baseUrl;
	}

	/** Requests to the API (not the token endpoint). */
	get apiRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path.startsWith(`${WORKLAYER_API_PREFIX}/`));
	}

	/** Requests to the token endpoint. */
	get tokenRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path === WORKLAYER_TOKEN_PATH);
	}

	// ----- store -----

	getJob(id: string): WorklayerJob | undefined {
		return this.jobs.get(id);
	}

	getJobByShortId(shortId: string): WorklayerJob | undefined {
		for (const job of this.jobs.values()) if (job.short_id === shortId) return job;
		return undefined;
	}

	/** Adds or replaces a job as given (no timestamps are touched). */
	putJob(job: WorklayerJob): WorklayerJob {
		this.jobs.set(job.id, job);
		return job;
	}

	deleteJob(id: string): boolean {
		return this.jobs.delete(id);
	}

	/** Every job in the API's list order: `create_time` ascending, then `id`. */
	listJobs(): readonly WorklayerJob[] {
		return this.jobs.cached('list', () => [...this.jobs.values()].sort(compareJobs));
	}

	/** The Pro requested for a job through `requested-provider`, if any. */
	requestedProviderOf(jobId: string): string | undefined {
		return this.requestedProviders.get(jobId);
	}

	/** Makes every issued token expired (the next API call with one gets 401). */
	expireTokens(): void {
		for (const t of this.issuedTokens) t.expiresAt = Number.NEGATIVE_INFINITY;
	}

	resetRateLimit(): void {
		this.limiter?.reset();
	}
}
