/** What the e2e suites set up alike: an n8n home holding the packed package, and every provider's credentials. */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

import { createN8nHome, packPackage, REPO_ROOT, type CreateN8nHomeOptions, type N8nCredential, type N8nHome } from '../../tooling/n8n';
import { credentialFor, PROVIDERS, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';

/** A fresh n8n home with this repository packed (`npm pack`) and installed as a community package. */
export async function homeWithPackage(options: Omit<CreateN8nHomeOptions, 'packages'> = {}): Promise<N8nHome> {
	const tgz = await packPackage(REPO_ROOT);
	const home = await createN8nHome({ ...options, packages: [tgz] });
	// The home holds the unpacked package; the tarball's temp folder can go.
	rmSync(dirname(tgz), { recursive: true, force: true });
	return home;
}

/** Every provider's e2e credential for its running simulator, and the extra ones its workflows use. */
export function e2eCredentials(running: ReadonlyMap<ProviderTooling, RunningSimulator>): N8nCredential[] {
	return PROVIDERS.flatMap((provider) => {
		const sim = running.get(provider)!;
		return [credentialFor(provider, sim, 'e2e'), ...provider.e2e.extraCredentials(sim)];
	});
}
