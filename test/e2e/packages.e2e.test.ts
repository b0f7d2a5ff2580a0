/**
 * The per-provider packages in real n8n (the default pinned version): each tarball alone in a fresh
 * n8n user folder (its nodes and credential load without a warning, a Get Many runs against the
 * provider's simulator, the credential's Test passes, the trigger publishes), then the combined
 * package and the Housecall Pro package side by side in one n8n: both load, one saved credential
 * serves the nodes of both, which package's credential definition n8n uses, and the saved
 * credential keeps working when the per-provider package is removed.
 *
 * Credential type names are global in n8n, node type names are `<package>.<node>`. n8n 2.41 scans
 * `n8n-nodes-*` before `@*\/n8n-nodes-*` (n8n-core scan-directory-for-packages.js) and a later
 * loader's definition of a credential type replaces an earlier one (n8n
 * load-nodes-and-credentials.js `postProcessLoaders`, `getCredential`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	activateWorkflow,
	checkPackageLoaded,
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	isWorkflowActive,
	manualTriggerWorkflow,
	nodeOutput,
	startN8n,
	testCredential,
	type N8nHome,
	type N8nWorkflow,
} from '../../tooling/n8n';
import { COMBINED_PACKAGE, packAll, PROVIDER_PACKAGES, providerPackage, type BuiltPackage } from '../../tooling/packages';
import { credentialFor, nodeCredentials, providerByKey, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';
import { REPO_ROOT } from '../../tooling/repo';

const packRoot = mkdtempSync(join(tmpdir(), 'n8n-e2e-packages-'));
let packages: BuiltPackage[] = [];
const running = new Map<string, RunningSimulator>();

function tarball(name: string): BuiltPackage {
	const found = packages.find((pkg) => pkg.name === name);
	if (!found) throw new Error(`${name} was not packed`);
	return found;
}

/** `n8n-nodes-field-service.housecallPro` → `housecallPro`. */
function shortType(type: string): string {
	return type.slice(type.indexOf('.') + 1);
}

function getManyWorkflow(id: string, packageName: string, provider: ProviderTooling): N8nWorkflow {
	return manualTriggerWorkflow(id, `${packageName}: Get Many`, [
		{
			name: 'Get Many',
			type: `${packageName}.${shortType(provider.nodeTypes.action)}`,
			credentials: nodeCredentials(provider, 'e2e'),
			parameters: { resource: 'job', operation: 'getAll', returnAll: false, limit: 5, filters: {}, options: {} },
		},
	]);
}

function triggerWorkflow(id: string, packageName: string, provider: ProviderTooling): N8nWorkflow {
	return {
		id,
		name: `${packageName}: trigger`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Trigger',
				type: `${packageName}.${shortType(provider.nodeTypes.trigger!)}`,
				typeVersion: 1,
				position: [0, 0],
				credentials: nodeCredentials(provider, 'e2e'),
				parameters: { event: 'jobCreated', pollTimes: { item: [{ mode: 'everyMinute' }] }, filters: {}, options: {} },
			},
		],
		connections: {},
	};
}

async function getManyItems(home: N8nHome, workflowId: string): Promise<number> {
	const result = await executeWorkflow(home, workflowId);
	if (result.run?.status !== 'success') throw new Error(`${workflowId}: ${result.run?.status ?? 'no run'}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
	return nodeOutput(result.run, 'Get Many').length;
}

beforeAll(async () => {
	packages = await packAll(REPO_ROOT, join(packRoot, 'tarballs'), join(packRoot, 'staging'));
	for (const pkg of PROVIDER_PACKAGES) {
		const provider = providerByKey(pkg.provider);
		running.set(pkg.provider, await provider.startSimulator({ jobCount: provider.e2e.jobCount }));
	}
});

afterAll(async () => {
	for (const sim of running.values()) await sim.stop();
	rmSync(packRoot, { recursive: true, force: true });
});

describe.each(PROVIDER_PACKAGES.map((pkg) => [pkg.name, pkg.provider] as const))('%s alone in a fresh n8n', (name, key) => {
	it('loads without a warning, runs a Get Many, passes the credential Test and publishes its trigger', async () => {
		const provider = providerByKey(key);
		const sim = running.get(key)!;
		const home = await createN8nHome({ packages: [tarball(name).tgz] });
		try {
			const report = await checkPackageLoaded(home, name, {
				expectNodes: Object.values(provider.nodeTypes).map(shortType),
				expectCredentials: [provider.credentialType],
			});
			expect(report.problems).toEqual([]);
			expect(report.otherLoaderProblems).toEqual([]);
			expect({ missingNodes: report.missingNodes, missingCredentials: report.missingCredentials }).toEqual({ missingNodes: [], missingCredentials: [] });
			expect(report.ok).toBe(true);
			expect(report.nodeTypes.every((type) => type.startsWith(`${name}.`))).toBe(true);

			const credential = credentialFor(provider, sim, 'e2e');
			await importCredentials(home, [credential]);
			const getMany = getManyWorkflow(`pkg-${key}-get-many`, name, provider);
			const trigger = triggerWorkflow(`pkg-${key}-trigger`, name, provider);
			await importWorkflow(home, [getMany, trigger]);
			expect(await getManyItems(home, getMany.id)).toBe(5);

			const server = await startN8n(home);
			try {
				expect(await testCredential(server, credential)).toMatchObject({ status: 'OK' });
				await activateWorkflow(server, trigger.id);
				expect(await isWorkflowActive(server, trigger.id)).toBe(true);
			} finally {
				await server.stop();
			}
		} finally {
			home.cleanup();
		}
	});
});

describe(`${COMBINED_PACKAGE} and the Housecall Pro package in one n8n`, () => {
	const single = providerPackage('housecallPro');
	const provider = providerByKey('housecallPro');
	let home: N8nHome;

	beforeAll(async () => {
		home = await createN8nHome({ packages: [tarball(COMBINED_PACKAGE).tgz, tarball(single.name).tgz] });
		// Marks the per-provider copy of the credential, so the simulator's log shows whose definition
		// n8n runs: its Test asks for 2 jobs instead of 1.
		const copy = join(home.nodesDir, 'node_modules', single.name, 'dist/credentials/HousecallProApi.credentials.js');
		const source = readFileSync(copy, 'utf8');
		expect(source).toContain('page_size: 1');
		writeFileSync(copy, source.replace('page_size: 1', 'page_size: 2'));
	});

	afterAll(() => home?.cleanup());

	it('loads both without a warning, and one saved credential serves the nodes of both', async () => {
		for (const name of [COMBINED_PACKAGE, single.name]) {
			const report = await checkPackageLoaded(home, name, { expectCredentials: [provider.credentialType] });
			expect({ name, problems: report.problems, ok: report.ok }).toEqual({ name, problems: [], ok: true });
		}
		await importCredentials(home, [credentialFor(provider, running.get('housecallPro')!, 'e2e')]);
		await importWorkflow(home, [getManyWorkflow('side-combined', COMBINED_PACKAGE, provider), getManyWorkflow('side-single', single.name, provider)]);
		expect(await getManyItems(home, 'side-combined')).toBe(5);
		expect(await getManyItems(home, 'side-single')).toBe(5);
	});

	it("uses the per-provider package's definition of the credential type (scoped packages load last)", async () => {
		const sim = running.get('housecallPro')!;
		const server = await startN8n(home);
		try {
			sim.server.clearLog();
			expect(await testCredential(server, credentialFor(provider, sim, 'e2e'))).toMatchObject({ status: 'OK' });
			const tests = sim.requests().filter((request) => request.path === '/jobs');
			expect(tests.map((request) => request.query.page_size)).toEqual(['2']);
			const types = (await (await fetch(`${server.baseUrl}/types/credentials.json`, { headers: { Cookie: server.authCookie } })).json()) as Array<{ name: string }>;
			// n8n lists a credential type once per package that defines it.
			expect(types.filter((type) => type.name === provider.credentialType)).toHaveLength(2);
		} finally {
			await server.stop();
		}
	});

	it('keeps the saved credential working for the combined package when the per-provider package is removed', async () => {
		rmSync(join(home.nodesDir, 'node_modules', single.name), { recursive: true, force: true });
		const report = await checkPackageLoaded(home, COMBINED_PACKAGE, { expectCredentials: [provider.credentialType] });
		expect(report.ok).toBe(true);
		expect(await getManyItems(home, 'side-combined')).toBe(5);
	});
});
