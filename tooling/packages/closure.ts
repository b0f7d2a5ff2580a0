/**
 * The compiled files a set of entry files needs: the relative `require()`s of tsc's CommonJS output,
 * followed from file to file. A per-provider package ships exactly this closure of its nodes and
 * credential, so it carries the shared code it uses and nothing of the other providers. Any other
 * `require()` must be `n8n-workflow` (the peer dependency n8n provides) or a Node.js built-in:
 * anything else would be a runtime dependency, which an n8n community package may not have.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ALLOWED_BARE = new Set(['n8n-workflow']);
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** `require("…")` specifiers in compiled CommonJS. */
export function requiredSpecifiers(source: string): string[] {
	return [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
}

function resolveRelative(fromFile: string, specifier: string): string {
	const base = resolve(dirname(fromFile), specifier);
	for (const candidate of [base, `${base}.js`, `${base}.json`, join(base, 'index.js')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	throw new Error(`${fromFile}: cannot resolve require("${specifier}")`);
}

/**
 * Every file reachable from `entries` (absolute paths) through relative requires, as paths relative
 * to `root`, sorted. Throws on a bare require that is neither n8n-workflow nor a built-in, and on a
 * require that leaves `root`.
 */
export function requireClosure(root: string, entries: readonly string[]): string[] {
	const seen = new Set<string>();
	const queue = [...entries];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		if (!file.endsWith('.js')) continue;
		for (const specifier of requiredSpecifiers(readFileSync(file, 'utf8'))) {
			if (specifier.startsWith('.')) {
				const target = resolveRelative(file, specifier);
				if (relative(root, target).startsWith('..')) throw new Error(`${file}: require("${specifier}") leaves ${root}`);
				queue.push(target);
			} else if (!ALLOWED_BARE.has(specifier) && !BUILTINS.has(specifier)) {
				throw new Error(`${relative(root, file)}: require("${specifier}") would be a runtime dependency`);
			}
		}
	}
	return [...seen].map((file) => relative(root, file)).sort();
}
