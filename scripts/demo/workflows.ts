/**
 * The example workflows: JSON files in scripts/demo/workflows/ (plain n8n workflow exports with a
 * fixed `id`, the package's real node types and the demo credentials' fixed ids), each listed by the
 * provider modules it uses (`exampleWorkflows` in tooling/providers/<provider>.ts). A workflow is used
 * when every node type of this package in it exists in the built package and belongs to a provider
 * the sandbox starts, so an example for a node that does not exist yet (a trigger, a new provider)
 * can be added early and joins on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nWorkflow } from '../../tooling/n8n';
import { credentialRef, type ProviderTooling } from '../../tooling/providers';
import { PACKAGE_NAME } from '../../tooling/repo';

export interface DemoWorkflow {
	file: string;
	workflow: N8nWorkflow;
	/** Providers whose nodes the workflow uses, in PROVIDERS order. */
	providers: ProviderTooling[];
	/** Whether `n8n execute` can run it (it starts with a Manual Trigger). */
	runnable: boolean;
}

export interface SkippedWorkflow {
	file: string;
	reason: string;
}

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** Node types the built package declares (`dist/nodes/Accelo/Accelo.node.js` → `<pkg>.accelo`). */
export function packageNodeTypes(packageJson: { n8n?: { nodes?: string[] } }): Set<string> {
	const types = new Set<string>();
	for (const path of packageJson.n8n?.nodes ?? []) {
		const stem = /([^/]+)\.node\.js$/.exec(path)?.[1];
		if (stem) types.add(`${PACKAGE_NAME}.${stem[0].toLowerCase()}${stem.slice(1)}`);
	}
	return types;
}

function isWorkflow(value: unknown): value is N8nWorkflow {
	if (typeof value !== 'object' || value === null) return false;
	const w = value as Partial<N8nWorkflow>;
	return typeof w.id === 'string' && typeof w.name === 'string' && Array.isArray(w.nodes) && typeof w.connections === 'object';
}

export function loadWorkflows(
	dir: string,
	providers: readonly ProviderTooling[],
	available: Set<string>,
): { workflows: DemoWorkflow[]; skipped: SkippedWorkflow[] } {
	const workflows: DemoWorkflow[] = [];
	const skipped: SkippedWorkflow[] = [];
	const ids = new Map<string, string>();
	const listed = [...new Set(providers.flatMap((p) => p.exampleWorkflows))];
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !listed.includes(f)).sort()) {
		skipped.push({ file, reason: 'no provider module lists it (exampleWorkflows in tooling/providers/)' });
	}
	for (const file of listed) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		} catch (error) {
			throw new Error(`scripts/demo/workflows/${file} is not valid JSON: ${(error as Error).message}`);
		}
		if (!isWorkflow(parsed)) {
			throw new Error(`scripts/demo/workflows/${file}: a workflow needs string "id" and "name", "nodes" and "connections"`);
		}
		const previous = ids.get(parsed.id);
		if (previous) throw new Error(`scripts/demo/workflows/${file}: id "${parsed.id}" is also used by ${previous}`);
		ids.set(parsed.id, file);

		const used = new Set<ProviderTooling>();
		const missing: string[] = [];
		for (const node of parsed.nodes) {
			if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
				const provider = providers.find((p) => Object.values(p.nodeTypes).includes(node.type));
				if (!available.has(node.type)) missing.push(`${node.type} (not in the package yet)`);
				else if (!provider) missing.push(`${node.type} (no provider module in tooling/providers)`);
				else used.add(provider);
			}
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				const provider = providers.find((p) => p.credentialType === type);
				if (!provider) missing.push(`credential ${type} (no provider module)`);
				else if (ref.id !== credentialRef(provider, 'demo').id) {
					throw new Error(
						`scripts/demo/workflows/${file}: node "${node.name}" uses ${type} id "${ref.id}"; the demo credential is "${credentialRef(provider, 'demo').id}"`,
					);
				}
			}
		}
		if (missing.length) {
			skipped.push({ file, reason: `needs ${[...new Set(missing)].join(', ')}` });
			continue;
		}
		workflows.push({
			file,
			workflow: parsed,
			providers: providers.filter((p) => used.has(p)),
			runnable: parsed.nodes.some((node) => node.type === MANUAL_TRIGGER && !node.disabled),
		});
	}
	// One-provider examples first (in provider order), then the ones that combine providers.
	const rank = (w: DemoWorkflow): number =>
		w.providers.length * 100 + Math.min(...w.providers.map((p) => providers.indexOf(p)), 99);
	workflows.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
	return { workflows, skipped };
}
