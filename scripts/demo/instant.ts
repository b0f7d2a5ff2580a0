/**
 * The instant-trigger examples in the interactive sandbox: their workflows are published once n8n is
 * up (Planado's trigger then subscribes n8n's URL in its simulator), and every EVENT_INTERVAL_MS each
 * provider's simulator sends one signed job event to its trigger, so executions appear in n8n while
 * the sandbox runs. The demo credentials carry the signing secret Worklayer and Housecall Pro would
 * have given.
 */
import { activateWorkflow, type N8nCredential, type RunningN8n } from '../../tooling/n8n';
import type { ProviderTooling, RunningSimulator } from '../../tooling/providers';
import { INSTANT_TOOLING, instantTriggerUrl, type InstantProviderKey } from '../../tooling/providers/instant';
import type { SandboxState } from './state';
import type { DemoWorkflow } from './workflows';

export const DEMO_SIGNING_SECRET = 'demo-webhook-signing-secret';
const EVENT_INTERVAL_MS = 20_000;

function instantOf(key: string): (typeof INSTANT_TOOLING)[InstantProviderKey] | undefined {
	return (INSTANT_TOOLING as Record<string, (typeof INSTANT_TOOLING)[InstantProviderKey] | undefined>)[key];
}

/** The demo credential, with the webhook signing secret where the provider's credential holds one. */
export function withDemoSigningSecret(provider: ProviderTooling, credential: N8nCredential): N8nCredential {
	return instantOf(provider.key)?.signingSecretInCredential
		? { ...credential, data: { ...credential.data, webhookSigningSecret: DEMO_SIGNING_SECRET } }
		: credential;
}

/** Publishes the instant-trigger examples and starts sending events; resolves to a stop function. */
export async function startInstantEvents(
	state: SandboxState,
	n8n: RunningN8n,
	workflows: DemoWorkflow[],
	simulators: Map<ProviderTooling, RunningSimulator>,
): Promise<() => void> {
	const targets: Array<{ provider: ProviderTooling; url: string; workflow: string }> = [];
	for (const { workflow } of workflows) {
		for (const node of workflow.nodes) {
			const provider = [...simulators.keys()].find((p) => p.nodeTypes.instantTrigger === node.type);
			if (!provider || !node.webhookId) continue;
			await activateWorkflow(n8n, workflow.id);
			targets.push({ provider, url: instantTriggerUrl(n8n.baseUrl, node.webhookId), workflow: workflow.name });
			state.log(`"${workflow.name}" is published: ${provider.displayName}'s simulator sends it an event every ${EVENT_INTERVAL_MS / 1000} s`);
		}
	}
	let n = 0;
	const send = async (): Promise<void> => {
		n += 1;
		for (const { provider, url, workflow } of targets) {
			const tooling = instantOf(provider.key)!;
			try {
				const result = await tooling.sendEvent(simulators.get(provider)!, url, n, DEMO_SIGNING_SECRET);
				state.log(`${provider.displayName} simulator → "${workflow}": ${tooling.event} answered ${result?.status ?? 'nothing (no subscription)'}`);
			} catch (error) {
				state.log(`${provider.displayName} simulator → "${workflow}": ${(error as Error).message}`);
			}
		}
	};
	const timer = targets.length ? setInterval(() => void send(), EVENT_INTERVAL_MS) : undefined;
	return () => {
		if (timer) clearInterval(timer);
	};
}
