/**
 * The harness's own tests (test/harness): they run `npm run dev` and `npm run test:e2e`, which build the package,
 * so they run after the other tests rather than beside them (a build beside n8n-core's workflow tests slowed
 * those past n8n-workflow's 250 ms regular-expression limit).
 */
const base = require('./jest.config');
module.exports = { ...base, roots: ['<rootDir>/test/harness'], testPathIgnorePatterns: [], maxWorkers: 1, testTimeout: 300000 };
