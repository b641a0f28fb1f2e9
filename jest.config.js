/** Unit, workflow-level (real n8n-core) and sandbox integration tests. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
	testTimeout: 30000,
	maxWorkers: 2,
	// test/harness runs on its own, after these (jest.harness.config.js).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/harness/'],
};
