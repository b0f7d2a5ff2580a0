/** End-to-end suite: real n8n (installed by scripts/install-n8n.sh) driven through its CLI. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 900000,
	maxWorkers: 1,
};
