import { defineConfig } from 'vitest/config';

// unit: pure code, no database. integration-*: the server against a real database — PGlite always,
// PostgreSQL when DATABASE_URL is set (CI starts a throwaway cluster). Browser tests: e2e/vitest.config.ts.
const integration = (name: string, db: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['apps/**/*.int.test.ts'],
    env: { STRATUM_TEST_DB: db },
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      integration('integration-pglite', 'pglite'),
      ...(process.env.DATABASE_URL ? [integration('integration-postgres', 'postgres')] : []),
    ],
  },
});
