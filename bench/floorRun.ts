/** The floor runs of a case: bench/floor.ts in its own process under n8n's Node binary. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { N8nBins } from '../tooling/n8n';
import type { FloorResult } from './floor';
import type { FloorRecord } from './results';
import type { SimHandle } from './simulator';
import { collectGarbage, fail } from './util';

export async function runFloor(bins: N8nBins, sim: SimHandle, size: number): Promise<FloorRecord> {
	collectGarbage();
	sim.clear();
	const script = join(__dirname, 'floor.js');
	const config = sim.floorConfig();
	const output = await new Promise<string>((resolvePromise, reject) => {
		const child = spawn(bins.nodeBin, [script, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
		child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`floor exited ${String(code)}: ${err}`))));
	});
	const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as FloorResult;
	if (result.items !== size || result.distinctIds !== size) fail(`floor returned ${result.items} items (${result.distinctIds} distinct), expected ${size}`);
	const floorRequests = sim.timed().filter((e) => e.tag === 'floor');
	const simRequests = floorRequests.filter((e) => e.request && sim.isList(e.request)).length;
	const simMs = floorRequests.reduce((sum, e) => sum + e.ms, 0);
	return { ...result, simRequests, simMs: Math.round(simMs * 10) / 10 };
}
