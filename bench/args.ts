/** Command-line arguments of bench/run.ts. */
import { join, resolve } from 'node:path';

import { PROVIDERS, providerByKey } from '../tooling/providers';
import { REPO_ROOT } from '../tooling/repo';

export interface Args {
	sizes: number[];
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
					`node --expose-gc .build/bench/run.js [--sizes 1000,10000,50000] [--providers ${PROVIDERS.map((p) => p.key).join(',')}] [--repeats 4] [--floor-repeats 3] [--keep] [--out bench]\n`,
				);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return args;
}
