/** Browser tests: headless Debian Chromium driven by playwright-core (run `bash scripts/ensure-chromium.sh` first). */
const base = require('./jest.config');
module.exports = { ...base, roots: ['<rootDir>/test/browser'], testMatch: ['**/*.browser.ts'], testTimeout: 60000, maxWorkers: 1 };
