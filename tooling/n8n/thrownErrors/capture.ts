/**
 * Captures, in one real n8n version, what `httpRequestWithAuthentication` throws for each probe
 * case: installs the error-probe package into a fresh user folder, runs one workflow with
 * `n8n execute`, and returns the written-down errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { executeWorkflow, importCredentials, importWorkflow } from '../cli';
import { createN8nHome, freePort } from '../home';
import { packPackage } from '../packages';
import { manualTriggerWorkflow, nodeError, nodeOutput } from '../runs';
import { PROBE_KEY_CREDENTIAL, PROBE_NODE_TYPE, PROBE_OAUTH2_CREDENTIAL, writeErrorProbePackage } from './probePackage';
import { PROBE_CASES, startProbeServer, type ProbeCase } from './server';
import { normalizeShape, type Shape } from './shape';

export interface CaseCapture {
	/** The thrown error, normalized (ports, timestamps); null when the request did not throw. */
	thrown: Shape;
	/** The answer when the request did not throw. */
	answered: Shape;
}

export interface ThrownErrorCapture {
	version: string;
	cases: Record<string, CaseCapture>;
	/** Requests the probe API saw (`METHOD /path`), in order. */
	seen: string[];
}

const WORKFLOW_ID = 'errorProbe00001';

/** Runs every probe case (default: PROBE_CASES) in n8n `version`. */
export async function captureThrownErrors(version: string, cases: readonly ProbeCase[] = PROBE_CASES): Promise<ThrownErrorCapture> {
	const server = await startProbeServer();
	const work = mkdtempSync(join(tmpdir(), 'n8n-error-probe-'));
	try {
		writeErrorProbePackage(join(work, 'package'));
		const tgz = await packPackage(join(work, 'package'), { destDir: join(work, 'packs') });
		const home = await createN8nHome({ version, packages: [tgz] });
		try {
			await importCredentials(home, [
				{ id: 'probeKeyCred001', name: 'Probe key', type: PROBE_KEY_CREDENTIAL, data: { apiKey: 'probe-key', baseUrl: server.origin } },
				{
					id: 'probeOAuthCred1',
					name: 'Probe OAuth2',
					type: PROBE_OAUTH2_CREDENTIAL,
					data: {
						baseUrl: server.origin,
						accessTokenUrl: `${server.origin}/token`,
						clientId: 'probe-client',
						clientSecret: 'probe-secret',
						grantType: 'clientCredentials',
						authentication: 'header',
						scope: '',
					},
				},
			]);
			await importWorkflow(
				home,
				manualTriggerWorkflow(WORKFLOW_ID, 'Error probe', [
					{
						name: 'Error Probe',
						type: PROBE_NODE_TYPE,
						parameters: { cases: JSON.stringify(cases), closedPortUrl: `http://127.0.0.1:${await freePort()}` },
						credentials: {
							[PROBE_KEY_CREDENTIAL]: { id: 'probeKeyCred001', name: 'Probe key' },
							[PROBE_OAUTH2_CREDENTIAL]: { id: 'probeOAuthCred1', name: 'Probe OAuth2' },
						},
					},
				]),
			);
			const result = await executeWorkflow(home, WORKFLOW_ID);
			if (!result.run) throw new Error(`n8n ${version}: the error probe printed no run:\n${result.stdout}\n${result.stderr}`);
			const failure = nodeError(result.run, 'Error Probe');
			if (failure) throw new Error(`n8n ${version}: the error probe node failed: ${JSON.stringify(failure)}`);
			const captured: Record<string, CaseCapture> = {};
			for (const item of nodeOutput(result.run, 'Error Probe')) {
				const json = item.json as { case: string; thrown: Shape; answered: Shape };
				captured[json.case] = { thrown: normalizeShape(json.thrown), answered: json.answered };
			}
			return { version, cases: captured, seen: [...server.seen] };
		} finally {
			home.cleanup();
		}
	} finally {
		await server.stop();
		if (!process.env.N8N_E2E_KEEP) rmSync(work, { recursive: true, force: true });
	}
}
