/**
 * Drives a real n8n through its CLI and REST API, for the end-to-end suite, the sandbox and the
 * benchmark: any version pinned in versions.json (2.41.1 under Node 24 by default, 1.123.81 under
 * Node 22), installed by scripts/install-n8n.sh, in one process or in queue mode (main + workers on
 * PostgreSQL and Redis). Runs under any Node >= 20; n8n itself runs in child processes.
 *
 * Typical flow:
 *   const bins = await ensureN8n();                       // or ensureN8n({ version: '1.123.81' })
 *   const tgz = await packPackage(repoDir);
 *   const home = await createN8nHome({ packages: [tgz] }); // or { version, packages }
 *   const load = await checkPackageLoaded(home, 'n8n-nodes-field-service', { expectNodes: [...] });
 *   await importCredentials(home, [{ id: 'c1', name: 'x', type: 'fooApi', data: { ... } }]);
 *   await importWorkflow(home, workflow);
 *   const result = await executeWorkflow(home, workflow.id);
 *   home.cleanup();
 *
 * Community packages are discovered by n8n 2.41.1 the way its installer leaves them: a directory
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*` (or `@scope/n8n-nodes-*`) holding
 * `package.json` with an `n8n` block (n8n-core `dist/nodes-loader/scan-directory-for-packages.js`,
 * called from n8n `dist/modules/community-packages/community-packages.module.js` `nodeLoaders()`).
 * Node types come out as `<package name>.<node name>`. The installed_packages table is not consulted
 * for loading (it feeds the Settings > Community nodes page and the missing-package check).
 *
 * Files: versions.json + versions.ts (the pinned versions), types.ts (constants, types), process.ts
 * (child processes), install.ts (the pinned installs), packages.ts (npm pack, installing a tarball),
 * home.ts (user folders, environment), cli.ts (import/execute), runs.ts (workflows to run, run
 * JSON, webhook-started copies), load.ts (did the package load), rest.ts (`n8n start` + owner
 * login), executions.ts (publishing workflows, executions through REST), queue.ts and services/
 * (queue mode: PostgreSQL, Redis, workers), thrownErrors/ (what n8n throws for a failed request).
 */
export { REPO_ROOT } from '../repo';
export * from './types';
export { runProcess } from './process';
export { ensureN8n, INSTALL_SCRIPT } from './install';
export {
	DEFAULT_N8N_VERSION,
	majorOf,
	N8N_VERSIONS,
	readVersionPins,
	selectedVersions,
	versionPin,
	VERSIONS_FILE,
	type E2eSuite,
	type N8nVersionPin,
} from './versionPins';
export { installPackageTarball, packPackage } from './packages';
export { createN8nHome, freePort, n8nEnvironment, processEnv } from './home';
export { executeWorkflow, importCredentials, importWorkflow, runN8n } from './cli';
export { asWebhookWorkflow, manualTriggerWorkflow, nodeError, nodeOutput, parseRunJson, tagNode, type WorkflowStep } from './runs';
export {
	activateWorkflow,
	getExecution,
	isWorkflowActive,
	listExecutions,
	parseFlatted,
	restCall,
	testCredential,
	type ExecutionDetail,
	type ExecutionSummary,
} from './executions';
export {
	executionsByWorker,
	PROCESS_NAME_VARIABLE,
	publishWorkflows,
	queueEnvironment,
	startQueueCluster,
	startQueueServices,
	startWorker,
	type QueueCluster,
	type QueueServices,
	type RunningWorker,
} from './queue';
export { checkPackageLoaded, LOADER_PROBLEM_PATTERNS, parseJsonLog } from './load';
export { startN8n, type RunningN8n, type StartN8nOptions } from './rest';
