import { defineConfig } from 'vitest/config';

// One config for every tier; the tier is chosen by the folder given on the command line
// (scripts/run-tests.mjs). Integration tests reach the shared dev server through
// WB_TEST_TEMPORAL_ADDRESS, set by the script that started it.
export default defineConfig({
  // Renderer component tests (*.test.tsx) use the same automatic JSX runtime as the app.
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    setupFiles: ['tests/support/vitest-setup.ts'],
    pool: 'forks',
    // Two cores: integration tests start workers and servers; keep the run predictable.
    maxWorkers: 2,
  },
});
