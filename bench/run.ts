/**
 * Benchmark: Get Many with Return All through real n8n (2.41.1, Node 24) against the loopback
 * simulators, next to the baseline a user would otherwise build (HTTP Request with pagination +
 * Split Out) and the floor (a plain Node.js fetch loop). Not part of the tests.
 *
 *   npm run build && npx tsc -p tsconfig.scripts.json && \
 *     node --expose-gc --max-old-space-size=6144 .build/bench/run.js [--sizes 1000,10000,50000] \
 *       [--latency 0,100] [--cpu-profile fsmNavigator:10000] [--providers fsmNavigator,accelo] \
 *       [--repeats 4] [--floor-repeats 3] [--keep] [--out bench]
 *
 * Writes bench/results.json (raw), bench/results.md and bench/results.svg (+ results.png when
 * rsvg-convert is installed). Scratch files (the n8n home, the packed tarball) go to bench/.work/.
 *
 * Per latency, provider and size: one simulator with N jobs that waits `latency` ms before every
 * answer (as a distant API would); credentials and workflows imported into one n8n home; then
 *   - `--repeats` executions (default 4) of ONE workflow holding every branch from one Manual
 *     Trigger (ours with its default Parallel Requests, ours with Parallel Requests 1 where the
 *     default reads in parallel, the baseline), rotating which branch runs first (n8n's v1 order:
 *     topmost branch first). Time and requests come from these; the median is reported.
 *   - one execution per branch on its own (a workflow with only that branch), for memory: the peak
 *     RSS of the `n8n execute` process while the branch's nodes ran belongs to that branch alone.
 *   - `--floor-repeats` runs of bench/floor.ts (its own process, same Node 24 binary).
 *
 * Providers come from the registry in tooling/providers (each module's `bench` profile: page size,
 * the HTTP Request baseline's pagination and auth, the floor loop). Files: args.ts, simulator.ts
 * (a case's simulator, timed by branch), workflows.ts, execute.ts (`n8n execute` sampled, runs
 * measured), floorRun.ts + floor.ts, case.ts (one provider and size), machine.ts, results.ts (the
 * shape of results.json), report.ts (results.md/.svg), util.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createN8nHome, ensureN8n, importWorkflow, N8N_VERSION, packPackage } from '../tooling/n8n';
import { providerByKey } from '../tooling/providers';
import { REPO_ROOT } from '../tooling/repo';
import { parseArgs } from './args';
import { runCase } from './case';
import { runExecution } from './execute';
import { machineInfo, versions } from './machine';
import { takeProfile } from './profile';
import { writeReport } from './report';
import type { BenchResults, CaseResult } from './results';
import { benchStart, log, SAMPLE_INTERVAL_MS } from './util';
import { benchWorkflow, HTTP_REQUEST_VERSION } from './workflows';

export type * from './results';
export { median } from './util';

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[] } };
	if ((manifest.n8n?.nodes ?? []).some((file) => !existsSync(join(REPO_ROOT, file)))) {
		throw new Error('dist/ is missing: run `npm run build` first (the bench installs the packed package into n8n)');
	}
	const workDir = join(REPO_ROOT, 'bench', '.work');
	mkdirSync(workDir, { recursive: true });
	log(`sizes ${args.sizes.join(', ')}; providers ${args.providers.join(', ')}; ${args.repeats} combined run(s) per size, ${args.floorRepeats} floor run(s)`);
	const bins = await ensureN8n();
	const tgz = await packPackage(REPO_ROOT, { destDir: workDir });
	log(`packed ${tgz}`);
	const home = await createN8nHome({ packages: [tgz], parentDir: workDir });
	log(`n8n home ${home.root}`);
	try {
		// The idle run: n8n's own footprint (a Manual Trigger only) and a warm file cache.
		const idleWorkflow = benchWorkflow('idle', undefined, []);
		await importWorkflow(home, idleWorkflow);
		const idle = await runExecution(home, undefined, idleWorkflow, 'idle', [], 0);

		// The profile first: it is short, and a problem with it shows before the long part.
		const profile = args.cpuProfile ? await takeProfile(home, args.cpuProfile.provider, args.cpuProfile.size, 0) : undefined;
		const cases: CaseResult[] = [];
		for (const latency of args.latencies) {
			for (const provider of args.providers) {
				for (const size of args.sizes) cases.push(await runCase(home, bins, provider, size, latency, args));
			}
		}
		const results: BenchResults = {
			date: new Date().toISOString(),
			machine: machineInfo(),
			versions: versions(bins),
			config: {
				sizes: args.sizes,
				latencies: args.latencies,
				providers: args.providers,
				pageSize: providerByKey(args.providers[0]).bench.pageSize,
				httpRequestTypeVersion: HTTP_REQUEST_VERSION,
				repeats: args.repeats,
				floorRepeats: args.floorRepeats,
				sampleIntervalMs: SAMPLE_INTERVAL_MS,
				expressionEngine: home.expressionEngine,
				gcBetweenRuns: typeof (globalThis as { gc?: unknown }).gc === 'function',
			},
			idle,
			cases,
			...(profile ? { profile } : {}),
			totalMs: Date.now() - benchStart,
		};
		if (results.versions.n8n !== N8N_VERSION) log(`warning: n8n reports ${results.versions.n8n}, expected ${N8N_VERSION}`);
		mkdirSync(args.outDir, { recursive: true });
		writeFileSync(join(args.outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`, 'utf8');
		const written = writeReport(results, args.outDir);
		log(`wrote ${['results.json', ...written].map((f) => join(args.outDir, f)).join(', ')}`);
	} finally {
		if (args.keep) log(`kept ${home.root}`);
		else home.cleanup();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	});
}
