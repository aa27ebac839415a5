import { existsSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';

/** Shared E2E helpers. See playwright.config.ts for how the host and the browser are provided. */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Why the E2E tests cannot run here, or null. Under CI nothing is skipped: a missing browser
 * fails in playwright.config.ts and a missing WB_E2E_URL fails in the `appUrl` fixture.
 */
export function e2eSkipReason(): string | null {
  if (isCI) return null;
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`;
  if (!process.env.WB_E2E_URL) return 'WB_E2E_URL is not set (run the tests through scripts/run-tests.mjs)';
  return null;
}

/** The storage key the renderer keeps the token under (src/renderer/src/api/token.ts). */
export const TOKEN_STORAGE_KEY = 'workflow-builder.token';

export interface E2eFixtures {
  /** The browser-mode host's URL, with `#token=…`. */
  appUrl: string;
  /** Console errors and uncaught exceptions of the page (CSP violations land here too). */
  pageErrors: string[];
}

export const test = base.extend<E2eFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring pattern.
  appUrl: async ({}, use) => {
    const url = process.env.WB_E2E_URL;
    if (!url)
      throw new Error(
        'WB_E2E_URL is not set: scripts/run-tests.mjs starts the browser-mode host and sets it.',
      );
    if (!new URL(url).hash.includes('token=')) throw new Error(`WB_E2E_URL has no #token=…: ${url}`);
    await use(url);
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect };

/** Opens the app and waits until it has rendered its shell. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('banner')).toContainText('Workflow Builder');
}

/** The origin of the host (`http://127.0.0.1:PORT`). */
export function originOf(url: string): string {
  return new URL(url).origin;
}
