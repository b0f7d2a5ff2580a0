/**
 * A per-provider package's README, made from the pages users already read on GitHub
 * (docs/nodes/<provider>.md and docs/credentials/<provider>.md) so the two never disagree, plus what
 * only the package needs to say: install, compatibility, an example, and living next to the combined
 * package. Relative links become GitHub links, which also work on npm.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

import { COMBINED_PACKAGE, type ProviderPackage } from './catalog';
import { repositoryPage, type PackageManifest } from './manifest';

interface NodeSummary {
	displayName: string;
	name: string;
}

/** The display name and type name of a compiled node (the class named like its file). */
function nodeSummary(repoRoot: string, path: string): NodeSummary {
	const className = posix.basename(path, '.node.js');
	const module = require(join(repoRoot, path)) as Record<string, new () => { description: NodeSummary }>;
	const NodeClass = module[className];
	if (typeof NodeClass !== 'function') throw new Error(`${path} exports no class ${className}`);
	const { displayName, name } = new NodeClass().description;
	return { displayName, name };
}

/** A docs page without its title, its links made absolute, its headings one level down from `##`. */
function docsBody(repoRoot: string, combined: PackageManifest, page: string): string {
	const text = readFileSync(join(repoRoot, page), 'utf8');
	const body = text.replace(/^# .*\n+/, '');
	return body.replace(/\]\((\.\.?\/[^)#]+)(#[^)]*)?\)/g, (_match, target: string, anchor = '') => {
		return `](${repositoryPage(combined, posix.normalize(posix.join(posix.dirname(page), target)))}${anchor})`;
	});
}

export function providerReadme(repoRoot: string, combined: PackageManifest, pkg: ProviderPackage, manifest: PackageManifest): string {
	const nodes = manifest.n8n.nodes.map((path) => nodeSummary(repoRoot, path));
	const nodeList = nodes.map((node) => `**${node.displayName}** (\`${pkg.name}.${node.name}\`)`).join(', ');
	const credential = posix.basename(manifest.n8n.credentials[0], '.credentials.js');
	const credentialType = credential.charAt(0).toLowerCase() + credential.slice(1);
	const combinedPage = repositoryPage(combined, 'README.md').replace(/\/blob\/main\/README\.md$/, '#readme');
	return `# ${pkg.name}

n8n community nodes for ${pkg.about}: ${nodeList}, with the credential \`${credentialType}\`.
Jobs: Get Many, Get, Create, Update and Change Status, with pagination, rate-limit handling and
retries inside the node; a trigger for new jobs, changed jobs and status changes; and **Simplify**,
one job shape shared with the other providers of [${COMBINED_PACKAGE}](${combinedPage}).
No runtime dependencies.

This package holds ${pkg.displayName} only. Using several of the supported apps (Housecall Pro,
Accelo, FSM Navigator, Worklayer, Planado), or merging their jobs in the common job shape? Install
[${COMBINED_PACKAGE}](https://www.npmjs.com/package/${COMBINED_PACKAGE}) instead, which holds all five.

## Install

- **n8n Cloud and self-hosted n8n, from the editor:** **Settings → Community Nodes → Install**, enter
  \`${pkg.name}\` (see n8n's [installation guide](https://docs.n8n.io/integrations/community-nodes/installation/gui-install/)).
  n8n Cloud lists only packages n8n has verified.
- **Self-hosted, by hand (queue mode, Docker images):** \`npm install ${pkg.name}\` in
  \`~/.n8n/nodes\` ([manual install](https://docs.n8n.io/integrations/community-nodes/installation/manual-install/)),
  then restart n8n.

${docsBody(repoRoot, combined, `docs/nodes/${pkg.docsSlug}.md`)}
## Credential setup

${docsBody(repoRoot, combined, `docs/credentials/${pkg.docsSlug}.md`)}
## Example

${pkg.example}

## Compatibility

Tested by this repository's end-to-end suite in real n8n: 2.41.1 (Node.js 24) with every operation,
1.123.81 (the maintained 1.x line, Node.js 22), and queue mode (PostgreSQL, Redis, two workers).
\`n8nNodesApiVersion\` 1, strict mode. Published from GitHub Actions with an npm provenance statement.

## Next to ${COMBINED_PACKAGE}

The node types of this package are \`${pkg.name}.<node>\`; those of ${COMBINED_PACKAGE} are
\`${COMBINED_PACKAGE}.<node>\`, so both can be installed in one n8n and a workflow keeps the nodes it
was built with. The credential type \`${credentialType}\` has one name in n8n for both packages: it is
the same definition, built from the same source, and a saved ${pkg.displayName} credential works
with the nodes of either package. Keep both packages at the same version. Moving a workflow from one
package to the other is a change of the node type's package prefix only.

## License

[MIT](${repositoryPage(combined, 'LICENSE')})
`;
}
