/** Fuzzing with fast-check (seeded). FUZZ_RUNS sets the count: `npm run fuzz` runs 100,000 of each. */
const base = require('./jest.config');
module.exports = { ...base, roots: ['<rootDir>/test/fuzz'], testMatch: ['**/*.fuzz.ts'], testTimeout: 3600000, maxWorkers: 1 };
