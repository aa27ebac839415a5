import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the renderer in Debian's Chromium against a running browser-mode host.
 *
 * - The host is started by scripts/run-tests.mjs (one shared Temporal dev server + the host),
 *   which passes its URL, token fragment included, as WB_E2E_URL.
 * - The browser is the system Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium); Playwright's
 *   own browser download is never used. Under CI=true a missing browser fails the run (this
 *   config throws); locally the tests are skipped with the reason (see tests/e2e/fixtures.ts).
 * - Every run gets a fresh profile: `chromium.launch()` creates a temporary user-data-dir per
 *   browser launch and deletes it on close, so no state (storage, cache) leaks between runs.
 * - Quick tier: `--grep @smoke`; full tier: `--grep-invert @smoke`.
 */

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const isCI = process.env.CI === 'true' || process.env.CI === '1';

if (isCI && !existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH, or apt-get install chromium). Under CI a missing browser fails.`,
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // One shared host and a two-core machine: run serially for predictable timings.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: isCI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
