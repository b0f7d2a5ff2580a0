/** `npm pack` of a package folder, with what npm reports about the tarball. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { runProcess, tail } from '../n8n/process';

export interface PackedTarball {
	name: string;
	version: string;
	/** Absolute path of the .tgz. */
	tgz: string;
	/** Bytes of the .tgz. */
	size: number;
	unpackedSize: number;
	fileCount: number;
}

interface NpmPackEntry {
	name: string;
	version: string;
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
}

/** Packs `dir` into `destDir` (lifecycle scripts skipped). */
export async function packDirectory(dir: string, destDir: string, timeoutMs = 120_000): Promise<PackedTarball> {
	mkdirSync(destDir, { recursive: true });
	const result = await runProcess('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destDir], {
		cwd: dir,
		env: process.env,
		timeoutMs,
		label: `npm pack in ${dir}`,
	});
	if (result.exitCode !== 0) throw new Error(`npm pack failed in ${dir} (exit ${String(result.exitCode)}):\n${tail(result.stderr)}`);
	const [entry] = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as NpmPackEntry[];
	if (!entry?.filename) throw new Error(`npm pack printed no file name:\n${result.stdout}`);
	// npm names "@scope/name" tarballs "scope-name-<version>.tgz".
	const tgz = join(destDir, entry.filename.replace(/^@/, '').replace(/\//g, '-'));
	if (!existsSync(tgz)) throw new Error(`npm pack reported ${entry.filename} but ${tgz} does not exist`);
	return { name: entry.name, version: entry.version, tgz, size: entry.size, unpackedSize: entry.unpackedSize, fileCount: entry.entryCount };
}
