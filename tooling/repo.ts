/** Where the repository is, found from any file in it, whether run from source or compiled under .build/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The npm package name: node types are `<package>.<node name>`. */
export const PACKAGE_NAME = 'n8n-nodes-field-service';

/** The first folder above `start` whose package.json is this package's. */
export function findRepoRoot(start: string = __dirname): string {
	for (let dir = start; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			try {
				if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
			} catch {
				// not ours
			}
		}
		if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} repository above ${start}`);
	}
}

export const REPO_ROOT = findRepoRoot();
