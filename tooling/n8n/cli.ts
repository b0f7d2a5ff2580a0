/** n8n's CLI in a home: import credentials and workflows, execute a workflow. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { processEnv } from './home';
import { runProcess, tail } from './process';
import { parseRunJson } from './runs';
import { TIMEOUTS, type CliOptions, type ExecuteResult, type N8nCredential, type N8nHome, type N8nWorkflow, type ProcessResult } from './types';

const BROKER_PORT_IN_USE = /Task Broker's port \d+ is already in use/;

/**
 * Runs `n8n <args>` in a home (any exit code resolves; a timeout rejects). When the task broker's
 * port is taken (n8n exits 1 before doing anything), retries twice with a fresh port.
 */
export async function runN8n(home: N8nHome, args: string[], opts: CliOptions = {}): Promise<ProcessResult> {
	const extra: Record<string, string> = { ...(opts.env ?? {}) };
	if (opts.logLevel) extra.N8N_LOG_LEVEL = opts.logLevel;
	for (let attempt = 0; ; attempt++) {
		const result = await runProcess(home.bins.nodeBin, [home.bins.n8nBin, ...args], {
			cwd: home.root,
			env: await processEnv(home, extra),
			timeoutMs: opts.timeoutMs ?? TIMEOUTS.cli,
			label: `n8n ${args.join(' ')}`,
		});
		const portTaken = result.exitCode !== 0 && BROKER_PORT_IN_USE.test(result.stdout + result.stderr);
		if (!portTaken || attempt >= 2 || home.brokerPort !== undefined) return result;
	}
}

export function assertSuccess(result: ProcessResult, what: string): ProcessResult {
	if (result.exitCode !== 0) {
		throw new Error(
			`${what} failed (exit ${String(result.exitCode)}${result.signal ? `, ${result.signal}` : ''}):\n` +
				`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
		);
	}
	return result;
}

let fileCounter = 0;
function writeInputFile(home: N8nHome, prefix: string, data: unknown): string {
	const dir = join(home.root, 'input');
	mkdirSync(dir, { recursive: true });
	fileCounter += 1;
	const file = join(dir, `${prefix}-${Date.now()}-${fileCounter}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2), 'utf8');
	return file;
}

/** `n8n import:credentials --input=<file>`: plain `data` is encrypted with the home's key on import. */
export async function importCredentials(
	home: N8nHome,
	credentials: N8nCredential[],
	opts: CliOptions = {},
): Promise<ProcessResult> {
	const file = writeInputFile(home, 'credentials', credentials);
	const result = await runN8n(home, ['import:credentials', `--input=${file}`], opts);
	return assertSuccess(result, 'n8n import:credentials');
}

/** `n8n import:workflow --input=<file>`. The workflow needs an `id` (used by executeWorkflow). */
export async function importWorkflow(
	home: N8nHome,
	workflow: N8nWorkflow | N8nWorkflow[],
	opts: CliOptions = {},
): Promise<ProcessResult> {
	const list = Array.isArray(workflow) ? workflow : [workflow];
	const file = writeInputFile(
		home,
		'workflow',
		list.map((w) => ({ active: false, settings: {}, ...w })),
	);
	const result = await runN8n(home, ['import:workflow', `--input=${file}`], opts);
	return assertSuccess(result, 'n8n import:workflow');
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves for failed runs too (exit 1 with the run JSON of the
 * failure); check `exitCode`, `run.status` and `run.data.resultData.error`.
 */
export async function executeWorkflow(home: N8nHome, id: string, opts: CliOptions = {}): Promise<ExecuteResult> {
	const level = opts.logLevel ?? 'info';
	if (level !== 'info' && level !== 'debug') {
		throw new Error('executeWorkflow: the run JSON is only printed at log level info or debug');
	}
	const result = await runN8n(home, ['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs: TIMEOUTS.execute,
		...opts,
		env: { ...(opts.env ?? {}), N8N_LOG_FORMAT: 'text' },
		logLevel: level,
	});
	const run = parseRunJson(result.stdout);
	const crashedOnExit =
		run !== undefined && result.exitCode === null && (result.signal === 'SIGSEGV' || result.signal === 'SIGABRT');
	return { ...result, run, crashedOnExit };
}
