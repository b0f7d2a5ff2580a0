/**
 * The floor: a plain Node.js loop (global fetch, no n8n) that reads the same pages from the simulator
 * with the same auth and page size as the node. Run by bench/run.ts as its own process, under the
 * same Node 24 binary that runs n8n, so it neither shares a thread with the simulator nor a runtime
 * different from n8n's:
 *
 *   node .build/bench/floor.js '<json FloorConfig>'   → prints one line of JSON (FloorResult)
 *
 * Timed: the page loop only (first request to last parsed page), items collected into one array,
 * as a node would return them. Accelo's token is fetched before the clock starts (n8n too keeps the
 * token in the credential and reuses it).
 */

export interface FloorConfig {
	provider: 'fsmNavigator' | 'accelo';
	/** FSM Navigator: API base incl. /api/v1. Accelo: origin (API at /api/v0, token at /oauth2/v0/token). */
	baseUrl: string;
	apiKey?: string;
	clientId?: string;
	clientSecret?: string;
	scope?: string;
	pageSize: number;
	/** Extra headers on every API request (the bench tags its requests with X-Bench-Branch). */
	headers: Record<string, string>;
}

export interface FloorResult {
	ms: number;
	items: number;
	distinctIds: number;
	requests: number;
	tokenMs?: number;
	/** Peak RSS of the floor process (getrusage). */
	maxRssKb: number;
	/** maxRssKb minus the RSS just before the timed loop: the loop's own memory, comparable to the branches' growth. */
	growthKb: number;
	node: string;
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
	const res = await fetch(url, { headers });
	if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
	return (await res.json()) as unknown;
}

async function fsm(config: FloorConfig): Promise<{ items: Array<Record<string, unknown>>; requests: number }> {
	const headers = { ...config.headers, 'X-API-Key': config.apiKey ?? '', Accept: 'application/json' };
	const base = config.baseUrl.replace(/\/+$/, '');
	const items: Array<Record<string, unknown>> = [];
	let requests = 0;
	for (let page = 1; ; page++) {
		const body = (await getJson(`${base}/jobs?page=${page}&per_page=${config.pageSize}`, headers)) as {
			data: Array<Record<string, unknown>>;
			pagination: { page: number; total_pages: number };
		};
		requests++;
		for (const job of body.data) items.push(job);
		if (body.data.length === 0 || body.pagination.page >= body.pagination.total_pages) break;
	}
	return { items, requests };
}

async function acceloToken(config: FloorConfig): Promise<string> {
	const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
	const res = await fetch(`${config.baseUrl.replace(/\/+$/, '')}/oauth2/v0/token`, {
		method: 'POST',
		headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', ...config.headers },
		body: new URLSearchParams({ grant_type: 'client_credentials', scope: config.scope ?? 'read(all)' }).toString(),
	});
	if (!res.ok) throw new Error(`token: HTTP ${res.status}: ${await res.text()}`);
	return ((await res.json()) as { access_token: string }).access_token;
}

async function accelo(config: FloorConfig, token: string): Promise<{ items: Array<Record<string, unknown>>; requests: number }> {
	const headers = { ...config.headers, Authorization: `Bearer ${token}`, Accept: 'application/json' };
	const base = `${config.baseUrl.replace(/\/+$/, '')}/api/v0`;
	const items: Array<Record<string, unknown>> = [];
	let requests = 0;
	for (let offset = 0; ; offset += config.pageSize) {
		const body = (await getJson(`${base}/jobs?_fields=_ALL&_limit=${config.pageSize}&_offset=${offset}`, headers)) as {
			response: Array<Record<string, unknown>>;
		};
		requests++;
		for (const job of body.response) items.push(job);
		if (body.response.length < config.pageSize) break;
	}
	return { items, requests };
}

async function warmUp(config: FloorConfig, token: string | undefined): Promise<void> {
	const headers = { ...config.headers, 'X-Bench-Branch': 'floor-warmup', Accept: 'application/json' };
	if (config.provider === 'accelo') {
		await getJson(`${config.baseUrl.replace(/\/+$/, '')}/api/v0/jobs?_fields=_ALL&_limit=1`, { ...headers, Authorization: `Bearer ${token}` });
	} else {
		await getJson(`${config.baseUrl.replace(/\/+$/, '')}/jobs?page=1&per_page=1`, { ...headers, 'X-API-Key': config.apiKey ?? '' });
	}
}

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2] ?? '{}') as FloorConfig;
	let token: string | undefined;
	let tokenMs: number | undefined;
	if (config.provider === 'accelo') {
		const t = performance.now();
		token = await acceloToken(config);
		tokenMs = performance.now() - t;
	}
	// One untimed request first, so that the clock does not hold fetch's (undici's) lazy loading; the
	// bench does not count it (it carries X-Bench-Branch: floor-warmup).
	await warmUp(config, token);
	const rssBeforeKb = process.memoryUsage().rss / 1024;
	const start = performance.now();
	const { items, requests } = config.provider === 'accelo' ? await accelo(config, token!) : await fsm(config);
	const ms = performance.now() - start;
	const idKey = config.provider === 'accelo' ? 'id' : 'job_id';
	const distinctIds = new Set(items.map((item) => String(item[idKey]))).size;
	const result: FloorResult = {
		ms,
		items: items.length,
		distinctIds,
		requests,
		tokenMs,
		maxRssKb: process.resourceUsage().maxRSS,
		growthKb: Math.round(process.resourceUsage().maxRSS - rssBeforeKb),
		node: process.version,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	});
}
