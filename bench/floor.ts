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
 * token in the credential and reuses it). The provider's part (auth, page URLs, the end of the list)
 * is its bench profile's `floor` loop in tooling/providers/<provider>.ts.
 */
import { providerByKey, type FloorConfig, type FloorLoop } from '../tooling/providers';
import { getJson } from '../tooling/providers/util';

export type { FloorConfig };

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

/** Every job, page by page, as the provider's floor loop (tooling/providers/<provider>.ts) reads them. */
async function readAll(
	loop: FloorLoop,
	config: FloorConfig,
	headers: Record<string, string>,
): Promise<{ items: Array<Record<string, unknown>>; requests: number }> {
	const items: Array<Record<string, unknown>> = [];
	let requests = 0;
	for (let index = 0; ; index++) {
		const page = loop.readPage(await getJson(loop.pageUrl(config, index), headers), config);
		requests++;
		for (const job of page.items) items.push(job);
		if (page.last) break;
	}
	return { items, requests };
}

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2] ?? '{}') as FloorConfig;
	const provider = providerByKey(config.provider);
	const loop = provider.bench.floor;
	const t = performance.now();
	const auth = await loop.authorize(config);
	const tokenMs = auth.fetchedToken ? performance.now() - t : undefined;
	const headers = { ...config.headers, ...auth.headers, Accept: 'application/json' };
	// One untimed request first, so that the clock does not hold fetch's (undici's) lazy loading; the
	// bench does not count it (it carries X-Bench-Branch: floor-warmup).
	await getJson(loop.warmUpUrl(config), { ...headers, 'X-Bench-Branch': 'floor-warmup' });
	const rssBeforeKb = process.memoryUsage().rss / 1024;
	const start = performance.now();
	const { items, requests } = await readAll(loop, config, headers);
	const ms = performance.now() - start;
	const idKey = provider.bench.idField;
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
