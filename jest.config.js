/**
 * Unit tests need no database; integration tests (*.int.test.ts) and browser tests (*.browser.test.ts,
 * real headless Chromium) get a real Neo4j from the global setup. Slow tests (*.slow.test.ts: faults
 * that stop Neo4j, seeding killed, property laws and the oracle on a corpus of their own, the
 * benchmark smoke) start the Neo4j instances they need; `npm run test:slow`, and CI, run them.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

/** @type {import('jest').Config} */
module.exports = {
  // Starting a local Neo4j takes seconds; the database work itself is bounded by the driver timeouts.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
    {
      displayName: 'slow',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/slow/**/*.slow.test.ts'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
  ],
};
