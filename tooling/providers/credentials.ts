/** The credential the tooling stores for a running simulator, with a fixed id and name per use. */
import type { N8nCredential } from '../n8n/types';
import type { ProviderTooling, RunningSimulator } from './types';

/** Who stores the credential: the sandbox, the benchmark or the e2e suite. */
export type CredentialUse = 'demo' | 'bench' | 'e2e';

const NAME_SUFFIX: Record<CredentialUse, string> = { demo: 'demo simulator', bench: 'bench', e2e: 'simulator' };

/** Id and name, e.g. `demoFsmNavigator` / "FSM Navigator (demo simulator)"; the example workflows reference the demo ones. */
export function credentialRef(provider: ProviderTooling, use: CredentialUse): { id: string; name: string } {
	return {
		id: `${use}${provider.key[0].toUpperCase()}${provider.key.slice(1)}`,
		name: `${provider.displayName} (${NAME_SUFFIX[use]})`,
	};
}

/** The `credentials` entry of a node that uses the provider's credential. */
export function nodeCredentials(provider: ProviderTooling, use: CredentialUse): Record<string, { id: string; name: string }> {
	return { [provider.credentialType]: credentialRef(provider, use) };
}

/** The credential for `n8n import:credentials` (plain data; n8n encrypts it on import). */
export function credentialFor(provider: ProviderTooling, running: RunningSimulator, use: CredentialUse): N8nCredential {
	return { ...credentialRef(provider, use), type: provider.credentialType, data: { ...running.credentialData } };
}
