import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { e2eSkipReason, expect, openApp, test } from './fixtures';

/**
 * Full tier. Proves the Build a monorepo page end to end on the real dev server: the folder
 * chooser (served by main, browser mode) walks to a copy of a small fixture workspace, the page
 * shows its packages and build graph, a devDependency cycle in another folder is named and the
 * "drop dev edges" option lets it through; Run at N = 2 (after the consent to open the folder as a
 * workspace) lands on the run dashboard, the run completes, and its report is shown on the run
 * page and written as report.html, which opens in the browser.
 */

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

const SHOTS = 'test-results/screenshots';
const FIXTURES = resolve('tests/fixtures/workspaces');

test('build a monorepo chosen in the app: preview, cycle, run at N=2, report', async ({
  page,
  appUrl,
  pageErrors,
}) => {
  test.setTimeout(180_000);
  const chooserRoot = process.env.WB_FOLDER_CHOOSER_ROOTS;
  if (!chooserRoot)
    throw new Error('WB_FOLDER_CHOOSER_ROOTS is not set: scripts/run-tests.mjs sets it for the host');
  const folder = `build-e2e-${Date.now()}`;
  mkdirSync(join(chooserRoot, folder));
  cpSync(join(FIXTURES, 'ui-small'), join(chooserRoot, folder, 'ui-small'), { recursive: true });
  cpSync(join(FIXTURES, 'pnpm-dev-cycle'), join(chooserRoot, folder, 'dev-cycle'), { recursive: true });

  await openApp(page, appUrl);
  await page.getByTestId('nav-build').click();
  const chooser = page.getByTestId('folder-chooser');
  await chooser.locator(`[data-testid=folder-entry][data-name="${folder}"]`).click();

  // A devDependency cycle is named with the page's own remedy, which then lets it through.
  await chooser.locator('[data-testid=folder-entry][data-name="dev-cycle"]').click();
  await page.getByTestId('folder-choose').click();
  await expect(page.getByTestId('workspace-problems')).toContainText('(dev)');
  await expect(page.getByTestId('workspace-problems')).toContainText('Drop dev edges that close a cycle');
  await page.getByTestId('build-break-dev-cycles').check();
  await expect(page.getByTestId('dropped-edges')).toContainText('(dev)');
  await page.getByTestId('build-break-dev-cycles').uncheck();

  // The small workspace: 4 packages in 3 layers, on the graph and in the table.
  await page.getByTestId('folder-up').click();
  await chooser.locator('[data-testid=folder-entry][data-name="ui-small"]').click();
  await page.getByTestId('folder-choose').click();
  await expect(page.getByTestId('workspace-summary')).toContainText(
    '4 of 4 packages will be built, in 3 layers',
  );
  await expect(page.getByTestId('graph-node')).toHaveCount(4);
  await expect(page.getByTestId('workspace-packages')).toContainText('@ui/right (dev)');

  await page.getByTestId('build-concurrency').fill('2');
  const run = page.getByTestId('build-run');
  await expect(run).toBeDisabled(); // not yet an open workspace: consent first
  await page.getByTestId('build-consent').getByRole('checkbox').check();
  await page.screenshot({ path: `${SHOTS}/build-monorepo.png`, fullPage: true });
  await run.click();

  await expect(page.getByTestId('run-page')).toBeVisible({ timeout: 60_000 });
  expect(page.url()).toContain('#/runs/');
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 120_000 });

  await page.getByTestId('run-report-toggle').click();
  const packages = page.getByTestId('run-report-packages');
  await expect(packages).toContainText('@ui/app');
  await expect(packages.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('run-report-totals')).toContainText('4 completed, 0 failed');
  await expect(page.getByTestId('run-report-schedule')).toContainText('N=2');
  await page.getByTestId('run-report').screenshot({ path: `${SHOTS}/build-monorepo-report.png` });

  // report.html, written beside report.json, opens as a page of its own.
  const htmlPath = (await page.getByTestId('run-report-body').locator('code').first().textContent())!;
  expect(htmlPath).toMatch(/report\.html$/);
  expect(readFileSync(htmlPath, 'utf8')).toContain('@ui/base');
  const report = await page.context().newPage();
  await report.goto(pathToFileURL(htmlPath).href);
  await expect(report.locator('h2', { hasText: 'Schedule' })).toBeVisible();
  await expect(report.locator('table').last()).toContainText('@ui/left');
  expect(pageErrors).toEqual([]);
});
