/**
 * How often each key of the common job shape (Simplify) is null, per provider: every job of a
 * simulator read through its list (Get Many) and the first 100 through Get, mapped with the
 * provider's own `simplifyJob`, on the sandbox's demo data (400 jobs dated up to now) and on the
 * simulators' generated data (1,000 jobs at the generator's fixed reference date).
 *
 *   npm run build && npx tsc -p tsconfig.scripts.json && node .build/bench/simplifyNulls.js
 *
 * Prints one Markdown table per data set and read: a cell is the share of jobs whose key is null
 * (for `customer`, `location` and `assignees`: null or without a name / address / any entry).
 */
import type { IDataObject } from 'n8n-workflow';

import { simplifyJob as accelo, SIMPLIFY_FIELDS } from '../nodes/Accelo/simplify';
import { simplifyJob as fsmNavigator } from '../nodes/FsmNavigator/simplify';
import { simplifyJob as housecallPro } from '../nodes/HousecallPro/simplify';
import { simplifyJob as planado } from '../nodes/Planado/simplify';
import { simplifyJob as worklayer } from '../nodes/Worklayer/simplify';
import type { CommonJob, JobSimplifier } from '../nodes/shared/commonJob';
import { PROVIDERS, type ProviderTooling, type RunningSimulator } from '../tooling/providers';
import { getJson } from '../tooling/providers/util';

interface ProviderReads {
	simplify: JobSimplifier;
	/** The node's list URL for a page, from the floor loop's (Accelo: with the node's Simplify `_fields`). */
	listUrl?: (url: string) => string;
	/** The node's Get URL for one listed job. */
	getUrl: (baseUrl: string, job: Record<string, unknown>) => string;
	/** Get's answer → the job. */
	unwrap: (body: unknown) => Record<string, unknown>;
}

const field = (key: string) => (body: unknown) => (body as Record<string, Record<string, unknown>>)[key];
const base = (url: string) => url.replace(/\/+$/, '');

const READS: Record<string, ProviderReads> = {
	fsmNavigator: { simplify: fsmNavigator, getUrl: (b, j) => `${base(b)}/jobs?id=${String(j.job_id)}`, unwrap: field('data') },
	accelo: {
		simplify: accelo,
		listUrl: (url) => url.replace('_fields=_ALL', `_fields=${encodeURIComponent(SIMPLIFY_FIELDS)}`),
		getUrl: (b, j) => `${base(b)}/api/v0/jobs/${String(j.id)}?_fields=${encodeURIComponent(SIMPLIFY_FIELDS)}`,
		unwrap: field('response'),
	},
	housecallPro: { simplify: housecallPro, getUrl: (b, j) => `${base(b)}/jobs/${String(j.id)}`, unwrap: (body) => body as Record<string, unknown> },
	worklayer: { simplify: worklayer, getUrl: (b, j) => `${base(b)}/jobs/${String(j.id)}`, unwrap: (body) => body as Record<string, unknown> },
	planado: { simplify: planado, getUrl: (b, j) => `${base(b)}/jobs/${String(j.uuid)}`, unwrap: field('job') },
};

/** The keys measured: the shape's keys, with names and addresses inside the nested ones. */
const MEASURES: Array<[string, (job: CommonJob) => boolean]> = [
	...(['number', 'title', 'description', 'status', 'statusCategory'] as const).map((k): [string, (j: CommonJob) => boolean] => [k, (j) => j[k] === null]),
	['customer', (j) => j.customer === null],
	['customer.name', (j) => j.customer?.name == null],
	['location', (j) => j.location === null],
	['location.address', (j) => j.location?.address == null],
	['assignees[]', (j) => j.assignees.length === 0],
	['assignee name', (j) => !j.assignees.some((a) => a.name !== null)],
	...(['scheduledStart', 'scheduledEnd', 'dueAt', 'createdAt', 'updatedAt', 'completedAt', 'amount', 'url'] as const).map(
		(k): [string, (j: CommonJob) => boolean] => [k, (j) => j[k] === null],
	),
];

async function readJobs(provider: ProviderTooling, running: RunningSimulator, reads: ProviderReads): Promise<{ list: CommonJob[]; get: CommonJob[] }> {
	const config = provider.bench.floorConfig(running, {});
	const { headers } = await provider.bench.floor.authorize(config);
	const raw: Array<Record<string, unknown>> = [];
	for (let index = 0; ; index++) {
		const url = provider.bench.floor.pageUrl(config, index);
		const page = provider.bench.floor.readPage(await getJson(reads.listUrl ? reads.listUrl(url) : url, headers), config);
		raw.push(...page.items);
		if (page.last) break;
	}
	const get: CommonJob[] = [];
	for (const job of raw.slice(0, 100)) {
		get.push(reads.simplify(reads.unwrap(await getJson(reads.getUrl(config.baseUrl, job), headers)) as IDataObject));
	}
	return { list: raw.map((job) => reads.simplify(job as IDataObject)), get };
}

function share(jobs: CommonJob[], isNull: (job: CommonJob) => boolean): string {
	if (jobs.length === 0) return '–';
	const percent = (100 * jobs.filter(isNull).length) / jobs.length;
	return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

async function main(): Promise<void> {
	const sets: Array<[string, { jobCount: number; referenceDate?: Date }]> = [
		['demo data (400 jobs dated up to now)', { jobCount: 400, referenceDate: new Date() }],
		['generated data (1,000 jobs, fixed reference date)', { jobCount: 1000 }],
	];
	for (const [label, options] of sets) {
		const results = new Map<string, { list: CommonJob[]; get: CommonJob[] }>();
		for (const provider of PROVIDERS) {
			const running = await provider.startSimulator({ ...options, noRateLimit: true });
			try {
				results.set(provider.displayName, await readJobs(provider, running, READS[provider.key]));
			} finally {
				await running.stop();
			}
		}
		for (const read of ['list', 'get'] as const) {
			const names = [...results.keys()];
			process.stdout.write(`\n### Share of null, ${label}, ${read === 'list' ? 'Get Many (every job)' : 'Get (first 100 jobs)'}\n\n`);
			process.stdout.write(`| key | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|\n`);
			for (const [key, isNull] of MEASURES) {
				process.stdout.write(`| ${key} | ${names.map((name) => share(results.get(name)![read], isNull)).join(' | ')} |\n`);
			}
		}
	}
}

void main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
