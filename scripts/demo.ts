/**
 * The sandbox: `npm run demo` (README's first command).
 *
 *   npm run demo                   build, start the simulators and n8n with the package installed,
 *                                  credentials and example workflows imported; print URL and login;
 *                                  run until Ctrl+C
 *   npm run demo -- --headless     same setup, but run every example workflow once with
 *                                  `n8n execute`, print a summary, exit non-zero on any failure (CI)
 *   npm run demo -- --headless --repeat 10
 *                                  the same, each example run 10 times in a row in the same sandbox;
 *                                  any failed run, or one that finds nothing, fails the whole run
 *
 * Options: --fresh (start from an empty n8n user folder), --port=<n8n port> (default 5678),
 * --jobs=<jobs per simulator> (default 400), --timeout=<seconds> (headless time limit after the
 * one-time n8n install, default 600 per round), --keep (headless: keep its n8n user folder), --quiet
 * (do not echo the simulators' requests), --help. Values go as `--jobs=500` or `--jobs 500`.
 *
 * n8n runs in this machine's time zone (GENERIC_TIMEZONE and TZ), so "tomorrow 9:00" in an example
 * is local time; `TZ=Europe/Berlin npm run demo` picks another.
 *
 * Pieces: tooling/providers/ (one module per provider: its simulator with demo data, its credential,
 * hints, example workflows), scripts/demo/workflows/*.json (the examples), tooling/n8n/ (drives the
 * real n8n 2.41.1 that scripts/install-n8n.sh keeps in a cache outside the repository),
 * scripts/demo/state.ts (the run's state: clean-ups, signals, time limit). Files live in .demo/ (n8n
 * user folders, the packed tarball).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import {
	freePort,
	importCredentials,
	importWorkflow,
	N8N_VERSION,
	packPackage,
	startN8n,
	TIMEOUTS,
	type N8nHome,
	type RunningN8n,
} from '../tooling/n8n';
import { PACKAGE_NAME, REPO_ROOT } from '../tooling/repo';
import { ensureN8nInstalled, installPackageTarball, n8nInstallPending, openHome } from './demo/n8nHome';
import { credentialFor, credentialRef, PROVIDERS, type ProviderTooling, type RunningSimulator } from '../tooling/providers';
import { runHeadless } from './demo/headless';
import { startInstantEvents, withDemoSigningSecret } from './demo/instant';
import { ACTIVITY_MAX_MS, ACTIVITY_MIN_MS, startLiveActivity } from './demo/liveActivity';
import { guardN8n, stopStaleN8n } from './demo/n8nProcess';
import { AbortedError, SandboxState } from './demo/state';
import { loadWorkflows, packageNodeTypes, type DemoWorkflow } from './demo/workflows';

const OWNER = { email: 'demo@example.com', password: 'Demo-Sandbox-1', firstName: 'Demo', lastName: 'User' };
const DEFAULT_N8N_PORT = 5678;

interface Args {
	headless: boolean;
	fresh: boolean;
	keep: boolean;
	quiet: boolean;
	jobs: number;
	port: number | undefined;
	/** Seconds; undefined: 600 per round of examples. */
	timeoutSec: number | undefined;
	repeat: number;
}

/** Headless time limit per round of example runs, unless --timeout says otherwise. */
const TIMEOUT_PER_ROUND_SEC = 600;
const VALUED = new Set(['--jobs', '--port', '--timeout', '--repeat']);

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' {
	const args: Args = { headless: false, fresh: false, keep: false, quiet: false, jobs: 400, port: undefined, timeoutSec: undefined, repeat: 1 };
	const int = (name: string, value: string | undefined, min: number, max: number): number => {
		const n = Number(value);
		if (!value || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} needs a whole number from ${min} to ${max}`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
		// `--repeat 10` as well as `--repeat=10`.
		const value = inline === undefined && VALUED.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : inline;
		switch (name) {
			case '--headless': args.headless = true; break;
			case '--fresh': args.fresh = true; break;
			case '--keep': args.keep = true; break;
			case '--quiet': args.quiet = true; break;
			case '--jobs': args.jobs = int('jobs', value, 200, 50_000); break;
			case '--port': args.port = int('port', value, 1, 65535); break;
			case '--timeout': args.timeoutSec = int('timeout', value, 30, 7200); break;
			case '--repeat': args.repeat = int('repeat', value, 1, 100); break;
			case '-h': case '--help': return 'help';
			default: throw new UsageError(`unknown option ${arg} (try --help)`);
		}
	}
	if (args.repeat > 1 && !args.headless) {
		throw new UsageError('--repeat runs the examples without the editor: use it with --headless (npm run demo -- --headless --repeat 10)');
	}
	return args;
}

/** This machine's time zone (TZ if set, else the system's), for n8n's GENERIC_TIMEZONE. */
function machineTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
	});
}

/** Starts a provider's simulator on its fixed port (or a free one when that is taken), dated up to `now`. */
async function startSimulator(state: SandboxState, provider: ProviderTooling, jobCount: number, now: Date): Promise<RunningSimulator> {
	try {
		return await provider.startSimulator({ port: provider.demo.defaultPort, jobCount, referenceDate: now });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		state.log(`port ${provider.demo.defaultPort} is taken; ${provider.displayName} simulator uses a free port instead`);
		return await provider.startSimulator({ port: 0, jobCount, referenceDate: now });
	}
}

// ---------------------------------------------------------------------------------------------------

async function main(state: SandboxState, args: Args): Promise<number> {
	const repoRoot = REPO_ROOT;
	const demoDir = join(repoRoot, '.demo');

	const manifestPath = join(repoRoot, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string; n8n?: { nodes?: string[] } };
	const missingDist = (manifest.n8n?.nodes ?? []).filter((file) => !existsSync(join(repoRoot, file)));
	if (missingDist.length) {
		throw new UsageError(`the package is not built (${missingDist[0]} is missing): run \`npm run build\` first (\`npm run demo\` does)`);
	}

	state.log(`${PACKAGE_NAME} ${manifest.version} sandbox${args.headless ? ' (headless)' : ''}`);
	if (n8nInstallPending()) {
		state.log(`n8n ${N8N_VERSION} is not installed yet: installing Node 24 and n8n into a cache outside the repository, once`);
		state.log('this takes 5 to 10 minutes, depending on the machine and the network; progress follows');
	}
	const installing = n8nInstallPending();
	const installStarted = Date.now();
	const bins = await ensureN8nInstalled();
	state.log(
		installing
			? `n8n ${N8N_VERSION} installed in ${((Date.now() - installStarted) / 1000).toFixed(0)} s: ${bins.n8nBin}`
			: `n8n ${N8N_VERSION} is installed (${bins.n8nBin}); it starts later, once the package and demo data are set up`,
	);
	// The headless time limit starts after the one-time install.
	const headlessStart = Date.now();
	if (args.headless) state.startTimeLimit(args.timeoutSec ?? TIMEOUT_PER_ROUND_SEC * args.repeat);
	state.checkAborted();

	mkdirSync(demoDir, { recursive: true });
	// Per process, so a headless run (CI, a second terminal) never trips over another sandbox.
	const packDir = join(demoDir, `pack-${process.pid}`);
	state.onCleanUp('removing the packed tarball', async () => rmSync(packDir, { recursive: true, force: true }));
	const tgz = await packPackage(repoRoot, { destDir: packDir, timeoutMs: state.budget(TIMEOUTS.pack) });
	state.log(`packed ${tgz.slice(repoRoot.length + 1)}`);

	// Interactive: one n8n user folder, reused (your own workflows and executions stay); headless: a
	// fresh one per run, removed afterwards unless --keep.
	const homeDir = join(demoDir, args.headless ? `headless-${process.pid}` : 'n8n');
	const reused = !args.headless && !args.fresh && existsSync(join(homeDir, '.n8n', 'database.sqlite'));
	const timeZone = machineTimeZone();
	const home: N8nHome = openHome(homeDir, bins, { fresh: args.headless || args.fresh, timeZone });
	if (args.headless && !args.keep) state.onCleanUp('removing the headless n8n folder', async () => home.cleanup());
	const installed = await installPackageTarball(home, tgz);
	rmSync(packDir, { recursive: true, force: true });
	state.log(`n8n user folder ${homeDir.slice(repoRoot.length + 1)}/ (${reused ? 'reused; --fresh starts over' : 'new'}), ${installed.name}@${installed.version} installed as a community package`);
	state.log(`time zone ${timeZone} (this machine's; n8n's GENERIC_TIMEZONE, so $now and "tomorrow 9:00" are ${timeZone} time; TZ=<zone> npm run demo picks another)`);

	const { workflows, skipped } = loadWorkflows(join(repoRoot, 'scripts', 'demo', 'workflows'), PROVIDERS, packageNodeTypes(manifest));
	for (const s of skipped) state.log(`workflow ${s.file} left out: ${s.reason}`);
	if (workflows.length === 0) throw new Error('no example workflow can run with this package');
	state.checkAborted();

	// Simulators: the same code as the tests, with demo data dated up to now.
	const now = new Date();
	const simulators = new Map<ProviderTooling, RunningSimulator>();
	for (const provider of PROVIDERS) {
		const sim = await startSimulator(state, provider, args.jobs, now);
		simulators.set(provider, sim);
		state.onCleanUp(`stopping the ${provider.displayName} simulator`, () => sim.stop());
		state.log(`${provider.displayName} simulator at ${sim.apiUrl}: ${provider.demo.summary(sim)}`);
	}
	state.checkAborted();

	await importCredentials(
		home,
		PROVIDERS.map((p) => withDemoSigningSecret(p, credentialFor(p, simulators.get(p)!, 'demo'))),
		{ timeoutMs: state.budget(TIMEOUTS.cli) },
	);
	state.log(`credentials imported: ${PROVIDERS.map((p) => `"${credentialRef(p, 'demo').name}" (${p.credentialType})`).join(', ')}`);
	state.checkAborted();
	await importWorkflow(home, workflows.map((w) => w.workflow), { timeoutMs: state.budget(TIMEOUTS.cli) });
	state.log(`workflows imported: ${workflows.map((w) => `"${w.workflow.name}"`).join(', ')}`);
	state.checkAborted();

	return args.headless
		? await runHeadless(state, home, workflows, simulators, { repeat: args.repeat, started: headlessStart })
		: await runInteractive(state, home, workflows, simulators, args, timeZone);
}

async function runInteractive(
	state: SandboxState,
	home: N8nHome,
	workflows: DemoWorkflow[],
	simulators: Map<ProviderTooling, RunningSimulator>,
	args: Args,
	timeZone: string,
): Promise<number> {
	const stale = await stopStaleN8n(home.root);
	let port = args.port ?? DEFAULT_N8N_PORT;
	if (stale) {
		state.log(stale);
		// Its port is released a moment after the process is gone.
		for (let waited = 0; waited < 20_000 && !(await portIsFree(port)); waited += 500) await new Promise((r) => setTimeout(r, 500));
	}
	if (!(await portIsFree(port))) {
		if (args.port !== undefined) throw new UsageError(`port ${port} is taken; pick another with --port=<port>`);
		const other = await freePort();
		state.log(`port ${port} is taken; n8n uses ${other} instead (or choose with --port=<port>)`);
		port = other;
	}
	state.log(`starting n8n on port ${port} (usually 10–30 s)…`);
	const startedAt = Date.now();
	let n8n: RunningN8n;
	try {
		n8n = await startN8n(home, { port, owner: OWNER });
	} catch (error) {
		const message = (error as Error).message;
		throw new Error(/login failed/.test(message) ? `${message}\n(changed the demo password? \`npm run demo -- --fresh\` starts over)` : message);
	}
	const forgetN8n = guardN8n(home.root, n8n.pid, port);
	state.onCleanUp('stopping n8n', async () => {
		await n8n.stop();
		forgetN8n();
	});
	state.log(`n8n is up: started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
	state.checkAborted();
	const stopInstantEvents = await startInstantEvents(state, n8n, workflows, simulators);
	state.onCleanUp('stopping the instant-trigger events', async () => stopInstantEvents());

	const lines = [
		'',
		'  n8n with n8n-nodes-field-service is running',
		'',
		`  URL:       ${n8n.baseUrl}/`,
		`  login:     ${n8n.owner.email}`,
		`  password:  ${n8n.owner.password}`,
		`  time zone: ${timeZone} (this machine's; TZ=<zone> npm run demo picks another)`,
		'',
		'  Example workflows (open one and press "Execute workflow"):',
		...workflows.filter((w) => w.runnable).map((w) => `    - ${w.workflow.name}: ${n8n.baseUrl}/workflow/${w.workflow.id}`),
		'    (each run that finds nothing stops with an error saying so; the simulators add new pending jobs as',
		'    the examples use them up, and every start begins again from fresh demo data dated up to now)',
		'',
		'  Trigger examples (open one and press "Publish", top right; it then polls every minute):',
		...workflows.filter((w) => !w.runnable).map((w) => `    - ${w.workflow.name}: ${n8n.baseUrl}/workflow/${w.workflow.id}`),
		`    (each simulator creates a job and changes another one's status every ${ACTIVITY_MIN_MS / 1000}–${ACTIVITY_MAX_MS / 1000} s, logged below,`,
		'    so a published trigger runs within a minute or two; see its runs under Executions)',
		'',
		'  Every example is imported again at every start: to keep your changes, save a copy under another name.',
		'',
		'  Credentials (Overview → Credentials), pointing at the local simulators:',
		...PROVIDERS.map((p) => `    - ${credentialRef(p, 'demo').name} (${p.credentialType}) → ${simulators.get(p)!.apiUrl}`),
		'',
		'  Things to try:',
		'    - run each example, then click a node to see the jobs it returned (paired with its input)',
		...PROVIDERS.flatMap((p) => p.demo.tryThis.map((line) => `    - ${line}`)),
		`    - add a node of your own: search ${PROVIDERS.map((p) => `"${p.displayName}"`).join(' or ')} in the nodes panel (also as AI agent tools)`,
		'',
		'  The simulators (the same code the tests use):',
		...PROVIDERS.flatMap((p) => [`    ${p.displayName}:`, ...p.demo.hints(simulators.get(p)!).map((h) => `      ${h}`)]),
		'',
		args.quiet
			? '  The simulators\' activity is shown below. Press Ctrl+C to stop.'
			: '  Requests to the simulators and their activity are shown below as they happen. Press Ctrl+C to stop.',
		'',
	];
	state.write(`${lines.join('\n')}\n`);
	const stopActivity = PROVIDERS.map((p) => startLiveActivity(state, p, simulators.get(p)!));
	state.onCleanUp('stopping the simulated activity', async () => stopActivity.forEach((stop) => stop()));

	const seen = new Map([...simulators].map(([p, sim]) => [p, sim.requests().length]));
	const echo = args.quiet
		? undefined
		: setInterval(() => {
				for (const [provider, sim] of simulators) {
					const all = sim.requests();
					for (const req of all.slice(seen.get(provider) ?? 0)) {
						const url = req.rawUrl.length > 160 ? `${req.rawUrl.slice(0, 157)}…` : req.rawUrl;
						state.log(`${provider.displayName}: ${req.method} ${url}`);
					}
					seen.set(provider, all.length);
				}
			}, 300);
	await new Promise<void>((resolvePromise) => {
		state.stopRequested = resolvePromise;
		if (state.abortReason) resolvePromise();
	});
	if (echo) clearInterval(echo);
	state.log(`${state.abortReason ?? 'stop'}: stopping n8n and the simulators…`);
	return 0;
}

const HELP = `Usage: npm run demo [-- options]

Starts the ${PACKAGE_NAME} sandbox: the provider simulators with demo data, n8n 2.41.1 with this
package installed, credentials and example workflows imported.

  --headless        run each example workflow once (n8n execute), print a summary, exit 1 on failure
  --repeat=<n>      headless: run each example n times in a row (1 to 100) in the same sandbox; exit 1
                    if any run fails or finds nothing
  --fresh           start from an empty n8n user folder (.demo/n8n is reused otherwise)
  --port=<port>     n8n's port (default ${DEFAULT_N8N_PORT}; a free one is used if it is taken)
  --jobs=<n>        jobs per simulator, 200 to 50000 (default 400)
  --timeout=<s>     headless: time limit after the one-time n8n install (default 600 per round)
  --keep            headless: keep its n8n user folder (.demo/headless-<pid>) afterwards
  --quiet           do not echo the requests the simulators receive

Values go as --repeat=10 or --repeat 10. n8n runs in this machine's time zone (now ${machineTimeZone()});
TZ=<zone> npm run demo picks another.
`;

void (async () => {
	let code = 1;
	let args: Args | 'help';
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`demo: ${(error as Error).message}\n`);
		process.exit(2);
	}
	if (args === 'help') {
		process.stdout.write(HELP);
		process.exit(0);
	}
	const state = new SandboxState();
	// Every way the sandbox can be asked to end stops n8n and the simulators: Ctrl+C, kill, a closed
	// terminal, a closed pipe (`npm run demo | head`, a killed `tee`), and npm or the shell going away.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, (s) => state.onSignal(s));
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') state.onOutputClosed();
		});
	}
	const parent = process.ppid;
	const orphanWatch = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(orphanWatch);
		state.onSignal('the npm or shell that started the sandbox ended');
	}, 1000).unref();
	// An error nothing caught: say it, and exit (n8n's process group still gets SIGTERM, n8nProcess.ts).
	process.on('uncaughtException', (error) => {
		process.stderr.write(`\ndemo: FAILED: ${error.stack ?? error.message}\n`);
		process.exit(1);
	});
	try {
		code = await main(state, args);
	} catch (error) {
		if (error instanceof AbortedError) {
			state.log(error.message);
			code = 130;
		} else {
			const message = state.overTime() ? `${state.timeLimitNote}\n(${(error as Error).message.split('\n')[0]})` : (error as Error).message;
			if (state.abortReason !== 'output closed') process.stderr.write(`\ndemo: ${error instanceof UsageError ? '' : 'FAILED: '}${message}\n`);
			code = error instanceof UsageError ? 2 : 1;
		}
	} finally {
		await state.cleanUp();
	}
	state.log(`done (exit ${code})`);
	// Exit when nothing is left to do rather than at once: tooling/n8n/process.ts escalates a timed-out
	// `n8n execute` to SIGKILL 5 s after its SIGTERM, and that timer must get to run. A last-resort
	// timer (unref'd, so it does not keep the process alive) ends it if some handle lingers.
	process.exitCode = code;
	setTimeout(() => process.exit(code), 20_000).unref();
})();
