/** The Planado simulator's state: options, reference data and the job store. */
import { SimulatorBase } from '../kit/base';
import { createRateLimiter, type RateLimiter } from '../kit/rateLimit';
import { mulberry32 } from '../random';
import type { RecordedRequest } from '../server';
import { PlanadoWebhooks } from '../webhooks';
import { generatePlanadoData } from './data';
import { millisIso, PLANADO_DEFAULT_API_KEY, PLANADO_JOBS_PAGE_SIZE, PLANADO_REFERENCE_PAGE_SIZE, planadoTimestamp } from './format';
import { copyJob, PlanadoJobStore } from './jobStore';
import type { PlanadoClient, PlanadoData, PlanadoJob, PlanadoJobDetail, PlanadoJobResolution, PlanadoJobStatus, PlanadoJobType, PlanadoResolution, PlanadoSite, PlanadoSkill, PlanadoTeam, PlanadoTemplate, PlanadoTerritory, PlanadoUser, PlanadoWrite } from './types';

export interface PlanadoListHookInfo {
	/** 0 for the first page of a listing (no `after`), then 1, 2, … following the cursors this simulator handed out. */
	pageIndex: number;
	after: string | undefined;
	request: RecordedRequest;
}

export interface PlanadoSimulatorOptions {
	/** Valid API keys (sent as `Authorization: Bearer <key>`). Default `[PLANADO_DEFAULT_API_KEY]`. */
	apiKeys?: string[];
	/** Generated jobs when neither `jobs` nor `data` is given (default 25). */
	jobCount?: number;
	/** Seed for the generated data (default 1). */
	seed?: number;
	/** Reference lists and jobs (copied). */
	data?: PlanadoData;
	/** Use exactly these jobs (copied); reference lists come from `data` or the generated defaults. */
	jobs?: PlanadoJob[];
	/** Enforce the leaky bucket (the real API: 90 per 60 000 ms). `body: 'json'` for a JSON 429 body. */
	rateLimit?: { limit: number; windowMs: number; body?: 'text' | 'json' };
	/** Clock for writes and the rate limit. */
	now?: () => Date;
	/** Wait this long before every answer. */
	latencyMs?: number;
	/** Jobs per page of GET /jobs (default `PLANADO_JOBS_PAGE_SIZE`). */
	pageSize?: number;
	/** Items per page of the reference lists (default `PLANADO_REFERENCE_PAGE_SIZE`). */
	referencePageSize?: number;
	/** Called before each GET /jobs page is computed; may change the store. */
	onList?: (info: PlanadoListHookInfo) => void | Promise<void>;
}
export abstract class PlanadoStore extends SimulatorBase {
	readonly jobs = new PlanadoJobStore();

	/** Webhook subscriptions (`/v2/webhooks`) and their deliveries (webhooks.ts). */
	readonly webhooks = new PlanadoWebhooks();

	readonly jobTypes: PlanadoJobType[];

	readonly templates: PlanadoTemplate[];

	readonly territories: PlanadoTerritory[];

	readonly users: PlanadoUser[];

	readonly teams: PlanadoTeam[];

	readonly skills: PlanadoSkill[];

	readonly resolutions: PlanadoResolution[];

	readonly clients: PlanadoClient[];

	readonly sites: PlanadoSite[];

	readonly apiKeys: Set<string>;

	/** Every successful create/update, in order. */
	readonly writes: PlanadoWrite[] = [];

	readonly pageSize: number;

	readonly referencePageSize: number;

	/** Called before each GET /jobs page is computed (settable at any time). */
	onList: ((info: PlanadoListHookInfo) => void | Promise<void>) | undefined;

	latencyMs: number;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/v2`. */
	baseUrl = '';

	protected readonly now: () => Date;

	protected readonly limiter: RateLimiter | undefined;

	protected readonly rateLimitBody: 'text' | 'json';

	protected readonly pageOfCursor = new Map<string, number>();

	protected nextSerial: number;

	protected readonly rand: () => number;

	constructor(options: PlanadoSimulatorOptions = {}) {
		super();
		const data = options.data ?? generatePlanadoData(options.jobs ? 0 : (options.jobCount ?? 25), options.seed ?? 1);
		this.jobTypes = data.jobTypes.map((x) => ({ ...x }));
		this.templates = data.templates.map((x) => ({ ...x }));
		this.territories = data.territories.map((x) => ({ ...x }));
		this.users = data.users.map((x) => ({ ...x }));
		this.teams = data.teams.map((x) => ({ ...x, worker_uuids: [...x.worker_uuids] }));
		this.skills = data.skills.map((x) => ({ ...x }));
		this.resolutions = data.resolutions.map((x) => ({ ...x }));
		this.clients = data.clients.map((x) => ({ ...x }));
		this.sites = data.sites.map((x) => ({ ...x }));
		for (const job of options.jobs ?? data.jobs) this.jobs.put(copyJob(job));
		this.apiKeys = new Set(options.apiKeys ?? [PLANADO_DEFAULT_API_KEY]);
		this.now = options.now ?? (() => new Date());
		this.limiter = options.rateLimit ? createRateLimiter({ algorithm: 'leaky-bucket', limit: options.rateLimit.limit, windowMs: options.rateLimit.windowMs }) : undefined;
		this.rateLimitBody = options.rateLimit?.body ?? 'text';
		this.latencyMs = options.latencyMs ?? 0;
		this.pageSize = options.pageSize ?? PLANADO_JOBS_PAGE_SIZE;
		this.referencePageSize = options.referencePageSize ?? PLANADO_REFERENCE_PAGE_SIZE;
		this.onList = options.onList;
		this.nextSerial = this.jobs.maxSerial() + 1;
		this.rand = mulberry32((options.seed ?? 1) ^ 0x5eed);
	}

	protected abstract detail(job: PlanadoJob): PlanadoJobDetail;

	/** Starts on loopback; resolves to the API base URL including `/v2`. */
	async start(port?: number): Promise<string> {
		const origin = await this.server.start(port ?? 0);
		this.baseUrl = `${origin}/v2`;
		return this.baseUrl;
	}

	// ----- store access for tests ---------------------------------------------------------------------------

	/** By uuid or external_id. */
	getJob(id: string): PlanadoJob | undefined {
		return this.jobs.find(id);
	}

	/** Adds or replaces a job as is (no version bump). */
	putJob(job: PlanadoJob): PlanadoJob {
		if (job.serial_no >= this.nextSerial) this.nextSerial = job.serial_no + 1;
		return this.jobs.put(copyJob(job));
	}

	/** A job as GET /v2/jobs/<uuid> answers it (what a webhook carries). */
	jobDetail(uuid: string): PlanadoJobDetail | undefined {
		const job = this.jobs.find(uuid);
		return job ? this.detail(job) : undefined;
	}

	deleteJob(uuid: string): boolean {
		return this.jobs.delete(uuid);
	}

	/** Every job in the API's default list order (newest first). */
	listJobs(): PlanadoJob[] {
		return [...this.jobs.ordered()];
	}

	/**
	 * Changes the status as the dispatcher's web UI or the worker's mobile app would: sets the matching timestamp,
	 * the resolution of finished/canceled jobs (default: the first successful / unsuccessful one), bumps `version`
	 * and `updated_at`.
	 */
	setStatus(uuid: string, status: PlanadoJobStatus, options: { resolutionUuid?: string; comment?: string | null; at?: Date } = {}): PlanadoJob {
		const job = this.jobs.get(uuid);
		if (!job) throw new Error(`No job ${uuid}`);
		const atMs = (options.at ?? this.now()).getTime();
		const timestamps = { ...job.timestamps };
		if (status === 'en_route') timestamps.en_route_at = millisIso(atMs);
		if (status === 'started' && !timestamps.started_at) timestamps.started_at = millisIso(atMs);
		if (status === 'suspended') timestamps.suspended_at = millisIso(atMs);
		if (status === 'finished') {
			timestamps.started_at ??= millisIso(atMs);
			timestamps.finished_at = millisIso(atMs);
		}
		let resolution: PlanadoJobResolution | null = null;
		if (status === 'finished' || status === 'canceled') {
			const fallback = this.resolutions.find((r) => r.successful === (status === 'finished')) ?? this.resolutions[0];
			resolution = { uuid: options.resolutionUuid ?? fallback.uuid, comment: options.comment ?? null };
		}
		return this.jobs.put({ ...job, status, timestamps, resolution, version: job.version + 1, updated_at: this.stamp(atMs) });
	}

	resetRateLimit(): void {
		this.limiter?.reset();
	}


	protected stamp(ms: number): string {
		return planadoTimestamp(ms, Math.floor(this.rand() * 1000));
	}
}
