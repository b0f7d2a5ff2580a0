/**
 * Proves the real-n8n tooling in tooling/n8n/ with a throwaway community package generated on the fly
 * (`n8n-nodes-e2e-probe`: one programmatic node + one credential type, plain JS in dist/).
 *
 * Run: npx jest --rootDir . --roots test/e2e --testPathIgnorePatterns /node_modules/ --testTimeout 600000 test/e2e/probe
 * The first run installs n8n 2.41.1 + Node 24 into the cache (~9 minutes); later runs take ~1 minute.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	checkPackageLoaded,
	createN8nHome,
	ensureN8n,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	manualTriggerWorkflow,
	nodeError,
	nodeOutput,
	packPackage,
	startN8n,
	type N8nHome,
	type N8nWorkflow,
} from '../../tooling/n8n';

jest.setTimeout(600_000);

const PROBE = 'n8n-nodes-e2e-probe';
const BROKEN = 'n8n-nodes-e2e-broken';

function writeFiles(root: string, files: Record<string, string>): void {
	for (const [path, content] of Object.entries(files)) {
		const file = join(root, path);
		mkdirSync(join(file, '..'), { recursive: true });
		writeFileSync(file, content, 'utf8');
	}
}

/** A minimal community package: the shape n8n's loader needs, no build step. */
function writeProbePackage(dir: string): void {
	writeFiles(dir, {
		'package.json': JSON.stringify(
			{
				name: PROBE,
				version: '0.0.1',
				description: 'Throwaway package that proves the e2e tooling',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/nodes/Probe/Probe.node.js'],
					credentials: ['dist/credentials/ProbeApi.credentials.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
				devDependencies: { typescript: '*' },
			},
			null,
			2,
		),
		'dist/credentials/ProbeApi.credentials.js': `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.ProbeApi = void 0;
class ProbeApi {
	constructor() {
		this.name = 'probeApi';
		this.displayName = 'Probe API';
		this.documentationUrl = 'https://example.com/probe';
		this.properties = [
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
exports.ProbeApi = ProbeApi;
`,
		'dist/nodes/Probe/Probe.node.js': `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.Probe = void 0;
const n8n_workflow_1 = require('n8n-workflow');
class Probe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe',
			name: 'probe',
			icon: 'fa:vial',
			group: ['transform'],
			version: 1,
			description: 'Returns one item per input item',
			defaults: { name: 'E2E Probe' },
			inputs: ['main'],
			outputs: ['main'],
			usableAsTool: true,
			credentials: [{ name: 'probeApi', required: true }],
			properties: [
				{ displayName: 'Message', name: 'message', type: 'string', default: 'hello' },
				{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
			],
		};
	}
	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('probeApi');
		const returnData = [];
		for (let i = 0; i < items.length; i++) {
			if (this.getNodeParameter('fail', i)) {
				throw new n8n_workflow_1.NodeOperationError(this.getNode(), 'Probe failed on purpose', { itemIndex: i });
			}
			returnData.push({
				json: {
					probe: true,
					message: this.getNodeParameter('message', i),
					token: credentials.token,
					nodeVersion: process.version,
				},
				pairedItem: { item: i },
			});
		}
		return [returnData];
	}
}
exports.Probe = Probe;
`,
		'dist/nodes/Probe/Probe.node.json': JSON.stringify({
			node: `${PROBE}.probe`,
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: ['Development'],
			resources: { primaryDocumentation: [{ url: 'https://example.com/probe' }] },
		}),
	});
}

/** A package whose node throws while loading: checkPackageLoaded must report it. */
function writeBrokenPackage(dir: string): void {
	writeFiles(dir, {
		'package.json': JSON.stringify({
			name: BROKEN,
			version: '0.0.1',
			keywords: ['n8n-community-node-package'],
			files: ['dist'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['dist/Broken.node.js'], credentials: [] },
		}),
		'dist/Broken.node.js': "throw new Error('probe: broken on purpose');\n",
	});
}

function probeWorkflow(id: string, probeParameters: Record<string, unknown>): N8nWorkflow {
	return manualTriggerWorkflow(id, `Probe ${id}`, [
		{
			name: 'Probe',
			type: `${PROBE}.probe`,
			parameters: probeParameters,
			credentials: { probeApi: { id: 'probeCred01', name: 'Probe credential' } },
		},
	]);
}

function get(url: string, cookie: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { headers: { cookie }, timeout: 15_000 }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('real n8n 2.41.1 through the CLI (throwaway probe package)', () => {
	const timings: Record<string, number> = {};
	let work: string;
	let home: N8nHome;

	async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings[label] = Date.now() - started;
		}
	}

	beforeAll(async () => {
		await timed('ensureN8n', () => ensureN8n());
		work = mkdtempSync(join(tmpdir(), 'n8n-e2e-probe-'));
		writeProbePackage(join(work, 'probe'));
		writeBrokenPackage(join(work, 'broken'));
		const probeTgz = await timed('packPackage', () => packPackage(join(work, 'probe'), { destDir: join(work, 'packs') }));
		const brokenTgz = await packPackage(join(work, 'broken'), { destDir: join(work, 'packs') });
		home = await timed('createN8nHome', () => createN8nHome({ packages: [probeTgz, brokenTgz] }));
	});

	afterAll(() => {
		home?.cleanup();
		if (work && !process.env.N8N_E2E_KEEP) rmSync(work, { recursive: true, force: true });
		console.log(`e2e timings (ms): ${JSON.stringify(timings, null, 1)}`);
	});

	it('installs the tarball where n8n looks for community packages', () => {
		const dir = join(home.nodesDir, 'node_modules', PROBE);
		expect(existsSync(join(dir, 'dist/nodes/Probe/Probe.node.js'))).toBe(true);
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
		// n8n's installer strips these before `npm install` in the package folder.
		expect(manifest.peerDependencies).toBeUndefined();
		expect(manifest.devDependencies).toBeUndefined();
		const ledger = JSON.parse(readFileSync(join(home.nodesDir, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(ledger.dependencies).toEqual({ [PROBE]: '0.0.1', [BROKEN]: '0.0.1' });
		expect(home.packages.map((p) => p.name)).toEqual([PROBE, BROKEN]);
	});

	it('imports credentials (cold: runs the migrations) and workflows', async () => {
		const creds = await timed('import:credentials (cold)', () =>
			importCredentials(home, [
				{ id: 'probeCred01', name: 'Probe credential', type: 'probeApi', data: { token: 'tok-e2e-123' } },
			]),
		);
		expect(creds.stdout).toContain('Successfully imported 1 credential');
		const wf = await timed('import:workflow', () =>
			importWorkflow(home, [
				// An expression, so the run also goes through n8n's expression engine.
				probeWorkflow('probeOk00000001', { message: '={{ "hello from " + "e2e" }}' }),
				probeWorkflow('probeFail000001', { message: 'x', fail: true }),
			]),
		);
		expect(wf.stdout).toContain('Successfully imported 2 workflows');
	});

	it('n8n loaded the probe node and credential with no warnings', async () => {
		const report = await timed('checkPackageLoaded (export:nodes)', () =>
			checkPackageLoaded(home, PROBE, { expectNodes: ['probe'], expectCredentials: ['probeApi'] }),
		);
		expect(report.problems).toEqual([]);
		// usableAsTool: n8n adds an AI-tool variant `<node>Tool` of the node type.
		expect(report.nodeTypes).toEqual([`${PROBE}.probe`, `${PROBE}.probeTool`]);
		expect(report.nodeCredentialNames).toEqual(['probeApi']);
		expect(report.loadedCounts).toEqual({ nodes: 1, credentials: 1 });
		expect(report.ok).toBe(true);
		// The broken package sits in the same home: it is reported for itself, not for the probe.
		expect(report.otherLoaderProblems.map((e) => e.message)).toContain(`Failed to load package "${BROKEN}"`);
	});

	it('reports a package that fails to load', async () => {
		const report = await checkPackageLoaded(home, BROKEN, { expectNodes: ['broken'] });
		expect(report.ok).toBe(false);
		expect(report.nodeTypes).toEqual([]);
		expect(report.missingNodes).toEqual([`${BROKEN}.broken`]);
		expect(report.problems.map((e) => e.message)).toContain(`Failed to load package "${BROKEN}"`);
	});

	it('executes manualTrigger → probe and returns its item', async () => {
		const result = await timed('execute', () => executeWorkflow(home, 'probeOk00000001'));
		expect({ exitCode: result.exitCode, signal: result.signal }).toEqual({ exitCode: 0, signal: null });
		expect(result.crashedOnExit).toBe(false);
		expect(result.run).toBeDefined();
		const run = result.run!;
		expect(run.status).toBe('success');
		expect(run.data.resultData.error).toBeUndefined();
		const items = nodeOutput(run, 'Probe');
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			probe: true,
			message: 'hello from e2e',
			token: 'tok-e2e-123', // decrypted from the imported credential
			nodeVersion: expect.stringMatching(/^v24\./),
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('reports a failing run with the node error', async () => {
		const result = await timed('execute (failing run)', () => executeWorkflow(home, 'probeFail000001'));
		expect(result.exitCode).toBe(1);
		const run = result.run!;
		expect(run.status).toBe('error');
		expect(run.data.resultData.error).toMatchObject({ name: 'NodeOperationError', message: 'Probe failed on purpose' });
		expect(nodeError(run, 'Probe')).toMatchObject({ message: 'Probe failed on purpose' });
		expect(result.stdout).toContain('Probe failed on purpose');
	});

	it('reports an unknown workflow id without a run', async () => {
		const result = await executeWorkflow(home, 'doesNotExist001');
		expect(result.exitCode).not.toBe(0);
		expect(result.run).toBeUndefined();
		expect(result.stdout).toContain('does not exist');
	});

	it('starts the server, sets up the owner and serves the probe node type', async () => {
		const server = await timed('startN8n (to ready + owner)', () => startN8n(home));
		try {
			const types = await get(`${server.baseUrl}/types/nodes.json`, server.authCookie);
			expect(types.status).toBe(200);
			expect(types.body).toContain(`"${PROBE}.probe"`);
			const credentialTypes = await get(`${server.baseUrl}/types/credentials.json`, server.authCookie);
			expect(credentialTypes.body).toContain('"probeApi"');
			const me = await get(`${server.baseUrl}/rest/login`, server.authCookie);
			expect(me.status).toBe(200);
			expect(me.body).toContain(server.owner.email);
		} finally {
			await timed('stop', () => server.stop());
		}
		// A second start of the same home finds the owner and logs in instead.
		const again = await startN8n(home);
		try {
			expect(again.authCookie).toMatch(/^n8n-auth=/);
		} finally {
			await again.stop();
		}
	});
});
