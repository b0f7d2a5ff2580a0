/**
 * End-to-end suite: real n8n (every version pinned in tooling/n8n/versions.json, installed by
 * scripts/install-n8n.sh, all at once in globalSetup) driven through its CLI and REST API.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	testTimeout: 900000,
	maxWorkers: 1,
};
