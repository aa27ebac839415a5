import { e2eSkipReason, expect, openApp, test } from './fixtures';

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

// Full tier: these change the host's data (a new definition) or tamper with the connection.

test('"New workflow" saves a definition, opens it on the canvas and lists it', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await expect(page.locator('[data-testid=definitions-list], [data-testid=empty-state]')).toBeVisible();
  const rows = page.getByTestId('definition-row');
  const before = await rows.count();
  await page.getByTestId('new-workflow').click();
  await expect(page.getByTestId('editor-title')).toHaveText('Untitled workflow');
  await page.getByRole('button', { name: '← Workflows' }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(page.getByTestId('empty-state')).toHaveCount(0);
  const created = page.locator('[data-testid=definition-row].table__row--new');
  await expect(created).toContainText('Untitled workflow');
  await expect(created).toContainText('v1');
  // It is really stored: a fresh page lists it too.
  await page.reload();
  await expect(rows).toHaveCount(before + 1);
});

test('shows a banner while the host connection is down, and recovers', async ({ page, appUrl }) => {
  let refuse = false;
  const open: { close: (options?: { code?: number; reason?: string }) => Promise<void> }[] = [];
  // Sits between the page and the host: passes connections through, or refuses them.
  await page.routeWebSocket(/\/ipc$/, (route) => {
    if (refuse) {
      void route.close({ code: 4000, reason: 'test: host down' });
      return;
    }
    route.connectToServer();
    open.push(route);
  });
  await openApp(page, appUrl);
  const banner = page.getByTestId('connection-banner');
  await expect(page.locator('[data-testid=definitions-list], [data-testid=empty-state]')).toBeVisible();
  await expect(banner).toHaveCount(0);

  refuse = true;
  for (const route of open.splice(0)) await route.close({ code: 4001, reason: 'test: drop' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Disconnected — reconnecting');
  await expect(page.getByTestId('server-status')).toBeVisible();

  refuse = false;
  await banner
    .getByRole('button', { name: 'Retry now' })
    .click({ timeout: 10_000 })
    .catch(() => {
      // The banner may have been between attempts ("connecting") and reconnected by itself.
    });
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('[data-testid=definitions-list], [data-testid=empty-state]')).toBeVisible();
});
