/** Debian packages a suite needs, installed with apt-get when missing (needs root, as on CI machines). */
import { runProcess, tail } from '../process';

export interface DebianTool {
	/** The Debian package that provides it. */
	package: string;
	/** Where the installed tool is, or undefined when it is not installed. */
	find(): string | undefined;
}

let updated = false;

async function aptGet(args: string[], timeoutMs: number): Promise<void> {
	const result = await runProcess('apt-get', args, {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		timeoutMs,
		label: `apt-get ${args.join(' ')}`,
	});
	if (result.exitCode !== 0) {
		throw new Error(`apt-get ${args.join(' ')} failed (exit ${String(result.exitCode)}):\n${tail(result.stdout)}\n${tail(result.stderr)}`);
	}
}

/**
 * Installs the packages of the tools that are missing (`apt-get update` once, then one
 * `apt-get install`). Returns the packages it installed and how long that took. Services are not
 * started by the install on machines with a policy-rc.d that forbids it (Docker-style images); the
 * suites start their own instances on loopback ports.
 */
export async function ensureDebianPackages(
	tools: DebianTool[],
	opts: { timeoutMs?: number } = {},
): Promise<{ installed: string[]; durationMs: number }> {
	const missing = [...new Set(tools.filter((tool) => tool.find() === undefined).map((tool) => tool.package))];
	if (missing.length === 0) return { installed: [], durationMs: 0 };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`missing Debian packages ${missing.join(', ')}: install them (sudo apt-get install -y ${missing.join(' ')}) and run again`);
	}
	const started = Date.now();
	const timeoutMs = opts.timeoutMs ?? 15 * 60_000;
	if (!updated) {
		await aptGet(['update'], timeoutMs);
		updated = true;
	}
	await aptGet(['install', '-y', '--no-install-recommends', ...missing], timeoutMs);
	const stillMissing = tools.filter((tool) => tool.find() === undefined).map((tool) => tool.package);
	if (stillMissing.length) throw new Error(`apt-get installed ${missing.join(', ')} but ${stillMissing.join(', ')} is still not usable`);
	return { installed: missing, durationMs: Date.now() - started };
}
