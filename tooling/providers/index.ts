/**
 * The providers the tooling knows, in order: the e2e suite, the sandbox and the benchmark iterate
 * this list. A new provider is one module next to these (a `ProviderTooling`, see ./types.ts) and
 * one entry here.
 */
import { accelo } from './accelo';
import { fsmNavigator } from './fsmNavigator';
import { housecallPro } from './housecallPro';
import { planado } from './planado';
import type { ProviderTooling } from './types';
import { worklayer } from './worklayer';

export const PROVIDERS: readonly ProviderTooling[] = [fsmNavigator, accelo, housecallPro, worklayer, planado];

/** The provider with this key; throws with the known keys when there is none. */
export function providerByKey(key: string): ProviderTooling {
	const provider = PROVIDERS.find((p) => p.key === key);
	if (!provider) throw new Error(`unknown provider ${key} (${PROVIDERS.map((p) => p.key).join(', ')})`);
	return provider;
}

export { credentialFor, credentialRef, nodeCredentials, type CredentialUse } from './credentials';
export type * from './types';
