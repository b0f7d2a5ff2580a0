/** The machine and the versions a benchmark ran on. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

import type { N8nBins } from '../tooling/n8n';
import { REPO_ROOT } from '../tooling/repo';
import type { BenchResults } from './results';

export function machineInfo(): BenchResults['machine'] {
	let os: string = process.platform;
	try {
		const osRelease = readFileSync('/etc/os-release', 'utf8');
		os = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? os;
	} catch {
		// not Linux
	}
	const list = cpus();
	return {
		cpuModel: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		os,
		kernel: release(),
	};
}

export function versions(bins: N8nBins): BenchResults['versions'] {
	const n8nDir = dirname(dirname(bins.n8nBin));
	const readVersion = (file: string): string => {
		try {
			return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
		} catch {
			return 'unknown';
		}
	};
	const nodeVersion = spawnSync(bins.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
	return {
		n8n: readVersion(join(n8nDir, 'package.json')),
		n8nNodesBase: readVersion(join(dirname(n8nDir), 'n8n-nodes-base', 'package.json')),
		nodeForN8n: nodeVersion,
		nodeForBench: process.version,
		package: readVersion(join(REPO_ROOT, 'package.json')),
		gitCommit: git.status === 0 ? git.stdout.trim() : undefined,
	};
}
