import { e2eSkipReason, expect, openApp, test } from './fixtures';

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

// Full tier: saving reconnects the host to its Temporal server.

test('Settings shows the current connection, and Save reconnects', async ({
  page,
  appUrl,
  pageErrors,
}, testInfo) => {
  await openApp(page, appUrl);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Workflows' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Temporal connection' })).toBeVisible();

  // The E2E host runs against the shared server in external mode.
  await expect(page.getByRole('radio', { name: /External cluster/ })).toBeChecked();
  const address = page.getByLabel('Address', { exact: true });
  await expect(address).toHaveValue(/^[^:]+:\d+$/);
  await expect(page.getByLabel('Namespace')).not.toHaveValue('');
  // Browser mode has no keychain: the option is offered but disabled, with the alternatives named.
  await expect(page.locator('#conn-api-key-source option[value=stored]')).toBeDisabled();
  await expect(page.getByTestId('keychain-unavailable')).toContainText(/environment variable/);

  await page.getByRole('button', { name: 'Save' }).click();
  const outcome = page.getByTestId('settings-save-status');
  await expect(outcome).toContainText(/Saved/, { timeout: 60_000 });
  const badge = page.getByTestId('server-status');
  await expect(badge).toHaveAttribute('data-state', 'external', { timeout: 60_000 });
  await expect(badge).toContainText('Connected');
  await expect(outcome).toHaveText('Saved — connected.');
  await expect(page.getByTestId('server-details')).toContainText('External server');

  await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true });

  // Back to Workflows: unchanged.
  await nav.getByRole('button', { name: 'Workflows' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('Settings checks the address before saving', async ({ page, appUrl }) => {
  let saves = 0;
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (String(frame.payload).includes('settings.saveConnection')) saves++;
    }),
  );
  await openApp(page, appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const address = page.getByLabel('Address', { exact: true });
  await expect(address).not.toHaveValue('');
  await address.fill('localhost');
  await page.getByRole('button', { name: 'Save' }).click();

  const error = page.getByTestId('conn-address-error');
  await expect(error).toHaveText('The address must be host:port, e.g. temporal.example.com:7233.');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toBeFocused();
  await expect(page.getByTestId('settings-save-status')).toHaveText('');
  // Editing the field clears its error; nothing was sent to the host.
  await address.fill('localhost:7233');
  await expect(error).toHaveCount(0);
  expect(saves).toBe(0);
});
