import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eSkipReason, expect, openApp, test } from './fixtures';

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

// Full tier. Settings → Workspaces and Commands: what the worker may run (docs/security.md).

test('Settings opens and closes a workspace, and keeps a command allow-list with field errors', async ({
  page,
  appUrl,
  pageErrors,
}, testInfo) => {
  // The host runs on this machine: a real folder to open.
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'wb-e2e-ws-')));
  try {
    await openApp(page, appUrl);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const workspaces = page.getByRole('form', { name: 'Workspaces' });
    await expect(workspaces).toBeVisible();

    // A folder that does not exist: main names it, under the field.
    await workspaces.getByLabel('Folder').fill(join(folder, 'missing'));
    await workspaces.getByRole('button', { name: 'Open workspace' }).click();
    await expect(page.getByTestId('workspace-root-error')).toHaveText(
      `The folder ${join(folder, 'missing')} does not exist`,
    );

    await workspaces.getByLabel('Folder').fill(folder);
    await workspaces.getByRole('button', { name: 'Open workspace' }).click();
    await expect(page.getByTestId('workspaces-list')).toContainText(folder);
    await expect(workspaces.getByLabel('Folder')).toHaveValue('');

    const commands = page.getByRole('form', { name: 'Commands' });
    // An invalid name is refused before anything is sent.
    await commands.getByLabel('Name').fill('rm -rf');
    await commands.getByLabel('Program').fill('rm');
    await commands.getByRole('button', { name: 'Add command' }).click();
    await expect(page.getByTestId('command-name-error')).toContainText('a name is 1-64 letters');

    await commands.getByLabel('Name').fill('clean');
    await commands.getByLabel('Arguments (one per line)').fill('-rf\ndist');
    await commands.getByRole('button', { name: 'Add command' }).click();
    await expect(page.getByTestId('commands-list')).toContainText('clean');
    await expect(page.getByTestId('commands-list')).toContainText('rm -rf dist');

    await page.screenshot({ path: testInfo.outputPath('worker-policy.png'), fullPage: true });

    // Both survive a reload (kept in the store).
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByTestId('workspaces-list')).toContainText(folder);
    await expect(page.getByTestId('commands-list')).toContainText('clean');

    await page.getByRole('button', { name: 'Remove clean' }).click();
    await expect(page.getByTestId('commands-list')).toContainText('No commands.');
    await page.getByRole('button', { name: `Close ${folder}` }).click();
    await expect(page.getByTestId('workspaces-list')).not.toContainText(folder);
    expect(pageErrors).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
