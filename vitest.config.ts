import { defineConfig } from 'vitest/config';

// Two projects: the unit and API tests, and the browser tests (test/e2e), which need the web build
// and Chromium. `npm test` runs both; `npm run test:e2e` only the browser tests.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        // A browser test is a whole flow of pages; on two busy cores one can pass 30 s.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 },
      },
    ],
  },
});
