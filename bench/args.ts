/** Command-line arguments of bench/run.ts. */
import { join, resolve } from 'node:path';

import { PROVIDERS, providerByKey } from '../tooling/providers';
import { REPO_ROOT } from '../tooling/repo';

export interface Args {
	sizes: number[];
	/** Wait before every simulator answer (ms); every case runs at each. */
	latencies: number[];
	/** Take a CPU profile of one Get Many (`--cpu-prof`) before the cases: `provider:size`. */
	cpuProfile: { provider: string; size: number } | undefined;
	/** Provider keys (tooling/providers). */
	providers: string[];
	repeats: number;
	floorRepeats: number;
	keep: boolean;
	outDir: string;
}

export function parseArgs(argv: string[]): Args {
	const args: Args = {
		sizes: [1000, 10000, 50000],
		latencies: [0],
		cpuProfile: undefined,
		providers: PROVIDERS.map((p) => p.key),
		repeats: 4,
		floorRepeats: 3,
		keep: false,
		outDir: join(REPO_ROOT, 'bench'),
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--sizes':
				args.sizes = value()
					.split(',')
					.map((s) => Number(s.trim().replace(/_/g, '')));
				if (args.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes: positive integers, comma-separated');
				break;
			case '--latency':
				args.latencies = value()
					.split(',')
					.map((s) => Number(s.trim()));
				if (args.latencies.some((n) => !Number.isInteger(n) || n < 0)) throw new Error('--latency: whole milliseconds, comma-separated (0,100)');
				break;
			case '--cpu-profile': {
				const [provider, size] = value().split(':');
				providerByKey(provider);
				args.cpuProfile = { provider, size: Number(size ?? 10000) };
				if (!Number.isInteger(args.cpuProfile.size) || args.cpuProfile.size < 1) throw new Error('--cpu-profile: provider:size, e.g. fsmNavigator:10000');
				break;
			}
			case '--providers':
				args.providers = value()
					.split(',')
					.map((s) => s.trim());
				for (const p of args.providers) providerByKey(p);
				break;
			case '--repeats':
				args.repeats = Number(value());
				if (!Number.isInteger(args.repeats) || args.repeats < 1) throw new Error('--repeats: a positive integer');
				break;
			case '--floor-repeats':
				args.floorRepeats = Number(value());
				if (!Number.isInteger(args.floorRepeats) || args.floorRepeats < 1) throw new Error('--floor-repeats: a positive integer');
				break;
			case '--keep':
				args.keep = true;
				break;
			case '--out':
				args.outDir = resolve(value());
				break;
			case '-h':
			case '--help':
				process.stdout.write(
					`node --expose-gc .build/bench/run.js [--sizes 1000,10000,50000] [--latency 0,100] [--cpu-profile fsmNavigator:10000] [--providers ${PROVIDERS.map((p) => p.key).join(',')}] [--repeats 4] [--floor-repeats 3] [--keep] [--out bench]\n`,
				);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return args;
}
