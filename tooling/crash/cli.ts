/**
 * `npm run crash-test`: the full count, run on demand (the e2e suite runs a few crashes of each).
 *
 *   npm run crash-test -- [--crashes 20] [--scheduler legacy|durable|both] [--point between|during|both] [--queue] [--activations]
 *
 * `--activations`: after the crashes, every workflow edited and published again, then deactivated
 * and activated (see run.ts); its rows: 'while inactive' must be all lost (not replayed).
 *
 * `--queue`: n8n in queue mode (PostgreSQL and Redis started here, two workers); only main is killed.
 *
 * Runs scheduler × crash point one after the other (each in a fresh n8n home), prints the table
 * lost / twice / once per cell and writes it to .e2e/crash-test.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createN8nHome, DEFAULT_N8N_VERSION, packPackage, REPO_ROOT, startQueueServices } from '../n8n';
import { runCrashTest, type CrashPoint, type CrashRunResult, type Scheduler } from './run';

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function choices<T extends string>(value: string, all: readonly T[]): T[] {
	if (value === 'both') return [...all];
	if (!all.includes(value as T)) throw new Error(`expected one of ${all.join(', ')} or both, got ${value}`);
	return [value as T];
}

export function table(results: CrashRunResult[]): string {
	const lines = [
		'| scheduler | crash point | crashes (kills at the point) | events | lost | twice | once | executions |',
		'|---|---|---|---|---|---|---|---|',
	];
	for (const r of results) {
		const executions = Object.entries(r.executions).map(([status, n]) => `${status} ${n}`).join(', ');
		for (const [point, { crashes, killsAtPoint, tally }] of Object.entries(r.cells)) {
			const events = tally.lost + tally.once + tally.twice;
			lines.push(`| ${r.scheduler} | ${point} | ${crashes} (${killsAtPoint}) | ${events} | ${tally.lost} | ${tally.twice} | ${tally.once} | ${executions} |`);
		}
	}
	for (const r of results) {
		for (const [step, tally] of Object.entries(r.activations)) {
			lines.push(`| ${r.scheduler} | ${step} (no crash) | – | ${tally.lost + tally.once + tally.twice} | ${tally.lost} | ${tally.twice} | ${tally.once} | |`);
		}
	}
	return lines.join('\n');
}

async function main(): Promise<void> {
	const crashes = Number(arg('crashes', '20'));
	const schedulers = choices<Scheduler>(arg('scheduler', 'both'), ['legacy', 'durable']);
	const points = choices<CrashPoint>(arg('point', 'both'), ['between', 'during']);
	const tgz = await packPackage(REPO_ROOT);
	const results: CrashRunResult[] = [];
	const queue = process.argv.includes('--queue');
	// One database for the run: one scheduler and crash point.
	if (queue && schedulers.length * points.length > 1) throw new Error('--queue runs one scheduler and one crash point (--scheduler, --point)');
	const services = queue ? await startQueueServices() : undefined;
	try {
		for (const scheduler of schedulers) {
			for (const point of points) {
				const result = await runCrashTest({
					scheduler,
					points: [point],
					crashes,
					queue: services ? { services, workers: 2 } : undefined,
					activations: process.argv.includes('--activations'),
					makeHome: async (env) => await createN8nHome({ version: DEFAULT_N8N_VERSION, packages: [tgz], env }),
					log: (line) => console.log(line),
				});
				results.push(result);
				console.log(table([result]));
			}
		}
	} finally {
		await services?.stop();
		rmSync(dirname(tgz), { recursive: true, force: true });
	}
	const dir = join(REPO_ROOT, '.e2e');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'crash-test.json'), `${JSON.stringify({ n8n: DEFAULT_N8N_VERSION, results }, null, '\t')}\n`, 'utf8');
	console.log(`\n${table(results)}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
