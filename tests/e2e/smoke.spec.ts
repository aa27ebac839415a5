import type { Page } from '@playwright/test';
import { e2eSkipReason, expect, openApp, originOf, test, TOKEN_STORAGE_KEY } from './fixtures';

/** Page globals used inside `page.evaluate`, typed here because the Node test program has no DOM lib. */
type PageGlobals = { sessionStorage: { getItem(key: string): string | null }; location: { host: string } };

async function storedToken(page: Page): Promise<string | null> {
  return page.evaluate(
    (key) => (globalThis as unknown as PageGlobals).sessionStorage.getItem(key),
    TOKEN_STORAGE_KEY,
  );
}

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

test.describe('home page', () => {
  test('loads, takes the token out of the address bar, and logs no errors @smoke', async ({
    page,
    appUrl,
    pageErrors,
  }) => {
    await openApp(page, appUrl);
    await expect(page).toHaveTitle('Workflow Builder');
    await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
    expect(page.url()).not.toContain('token=');
    expect(await storedToken(page)).toBe(new URL(appUrl).hash.replace('#token=', ''));
    await expect(page.locator('html')).toHaveAttribute('data-transport', 'browser');
    await expect(page.getByTestId('connection-banner')).toHaveCount(0);
    // CSP violations and render errors are reported on the console.
    expect(pageErrors).toEqual([]);
  });

  test('shows the Temporal server ready @smoke', async ({ page, appUrl }) => {
    await openApp(page, appUrl);
    const status = page.getByTestId('server-status');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    // Embedded dev server → `ready`; a host started with --temporal-address (as scripts/run-tests.mjs
    // does, on the shared dev server) reports a reachable external cluster as `external`.
    await expect(
      page.locator('[data-testid=server-status]:is([data-state=ready], [data-state=external])'),
    ).toBeVisible({
      timeout: 60_000,
    });
    const details = page.getByTestId('server-details');
    const external = (await details.textContent())?.includes('External server') ?? false;
    await expect(status).toHaveAttribute('data-state', external ? 'external' : 'ready');
    await expect(status).toContainText(external ? 'Connected' : 'Ready');
    await expect(details).toContainText(/Address\s*\d+\.\d+\.\d+\.\d+:\d+/);
    await expect(details).toContainText('Namespace');
  });

  test('shows the definitions list or the empty state @smoke', async ({ page, appUrl }) => {
    await openApp(page, appUrl);
    const listOrEmpty = page.locator('[data-testid=definitions-list], [data-testid=empty-state]');
    await expect(listOrEmpty).toBeVisible();
    if (await page.getByTestId('empty-state').isVisible()) {
      await expect(page.getByTestId('empty-state')).toContainText('No workflows yet');
      await expect(page.getByTestId('empty-state')).toContainText('New workflow');
    } else {
      await expect(page.getByTestId('definitions-list').getByRole('columnheader')).toHaveText([
        'Name',
        'Version',
        'Updated',
        'Last run',
        'Actions',
      ]);
    }
  });

  test('still connects after a reload (token kept for the tab) @smoke', async ({ page, appUrl }) => {
    await openApp(page, appUrl);
    await page.reload();
    await expect(page.locator('[data-testid=definitions-list], [data-testid=empty-state]')).toBeVisible();
    await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  });
});

test.describe('host security', () => {
  /** Opens a WebSocket from the page and reports whether it opened or closed first. */
  async function tryWebSocket(page: Page, protocols: string[]): Promise<string> {
    return page.evaluate(
      (protocols) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(
            `ws://${(globalThis as unknown as PageGlobals).location.host}/ipc`,
            protocols,
          );
          const timer = setTimeout(() => resolve('timeout'), 10_000);
          ws.onopen = () => {
            clearTimeout(timer);
            ws.close();
            resolve('open');
          };
          ws.onclose = (event) => {
            clearTimeout(timer);
            resolve(`closed:${event.code}`);
          };
        }),
      protocols,
    );
  }

  test('refuses a WebSocket without a valid token @smoke', async ({ page, appUrl }) => {
    await openApp(page, appUrl);
    const token = await storedToken(page);
    expect(token).toBeTruthy();
    // Control: the same request with the real token opens, so the refusals below are about the token.
    expect(await tryWebSocket(page, ['wb.v1', `wb.token.${token}`])).toBe('open');
    expect(await tryWebSocket(page, ['wb.v1'])).toMatch(/^closed:/);
    expect(await tryWebSocket(page, ['wb.v1', 'wb.token.not-the-token-0123456789'])).toMatch(/^closed:/);
    expect(await tryWebSocket(page, ['wb.v1', `wb.token.${token}x`])).toMatch(/^closed:/);
  });

  test('does not answer a plain HTTP request on /ipc with data @smoke', async ({ request, appUrl }) => {
    const response = await request.get(`${originOf(appUrl)}/ipc`);
    const body = await response.body();
    expect(
      response.status() === 200 && body.length > 0,
      `GET /ipc → ${response.status()} with ${body.length} bytes`,
    ).toBe(false);
    expect(body.toString()).not.toContain('"kind"');
  });
});
