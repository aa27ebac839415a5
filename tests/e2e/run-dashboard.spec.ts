import type { Page } from '@playwright/test';
import { e2eSkipReason, expect, openApp, test } from './fixtures';
import { IpcClient, savePackageBuilder, startRun } from './ipc-client';

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

// Full tier: each test runs the PackageBuilder example (20 packages, ~20 s at N = 4) on the real
// dev server through the browser-mode host, and watches it on the run page.

const SHOTS = 'test-results/screenshots';
const DB_DEPENDENTS = [
  '@acme/auth',
  '@acme/search',
  '@acme/billing',
  '@acme/api-server',
  '@acme/worker',
  '@acme/web-app',
  '@acme/e2e-tests',
];

let ipc: IpcClient;
let definitionId: string;

test.beforeAll(async () => {
  ipc = await IpcClient.connect(process.env.WB_E2E_URL!);
  definitionId = await savePackageBuilder(ipc, 4);
});
test.afterAll(() => ipc?.close());

async function openRun(page: Page, appUrl: string, workflowId: string): Promise<void> {
  await openApp(page, appUrl);
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/runs/${encodeURIComponent(workflowId)}`)}`);
  await expect(page.getByTestId('run-page')).toBeVisible();
  await expect(page.getByTestId('package-node')).toHaveCount(20);
}

/** How many pixels of the minimap's canvas are of colour `rgb`. */
function minimapPixels(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid=rf__minimap] canvas');
    if (!canvas) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === ${rgb[0]} && data[i + 1] === ${rgb[1]} && data[i + 2] === ${rgb[2]} && data[i + 3] === 255) n++;
    return n;
  })()`);
}

const node = (page: Page, name: string) => page.locator(`[data-testid=package-node][data-package="${name}"]`);

test('a run is watched live: statuses change, "building 4 of 4", reload reattaches', async ({
  page,
  appUrl,
  pageErrors,
}) => {
  test.setTimeout(120_000);
  const run = await startRun(ipc, definitionId);
  await openRun(page, appUrl, run.workflowId);
  // Every package is on the graph from the start; dagre's layout replaces the placeholder.
  await expect(page.getByTestId('run-graph')).toHaveAttribute('data-layout', 'dagre');
  // What-if: from N = 4 on, the demo is bounded by its critical path.
  await expect(page.getByTestId('what-if')).toBeVisible();
  expect(Number(await page.getByTestId('what-if-saturation').textContent())).toBeLessThanOrEqual(4);
  await expect(page.getByTestId('building-summary')).toContainText('Building 4 of 4', { timeout: 30_000 });
  await expect(page.locator('[data-testid=package-node][data-status=building]')).toHaveCount(4);
  await page.screenshot({ path: `${SHOTS}/run-live.png` });

  // Statuses change without a reload.
  const completed = page.locator('[data-testid=package-node][data-status=completed]');
  const before = await completed.count();
  await expect.poll(() => completed.count(), { timeout: 15_000 }).toBeGreaterThan(before);

  // Details of a package not started yet (the longest build): its log appears and grows live.
  await node(page, '@acme/api-server').click();
  const details = page.getByTestId('package-details');
  await expect(details).toContainText('@acme/api-server');
  await expect(details).toContainText('Needed by');
  const lineCount = async () =>
    Number((await details.getByTestId('log-line-count').textContent())!.split(' ')[0]);
  await expect.poll(lineCount, { timeout: 30_000 }).toBeGreaterThan(0);
  const firstCount = await lineCount();
  await expect.poll(lineCount, { timeout: 10_000 }).toBeGreaterThan(firstCount);
  await expect(details.getByTestId('log-tail')).toContainText('progress');
  await page.screenshot({ path: `${SHOTS}/run-details-log.png` });

  // Reload mid-run: the page comes back to the run and keeps following it.
  await page.reload();
  await expect(page.getByTestId('run-page')).toBeVisible();
  await expect(page.getByTestId('package-node')).toHaveCount(20);
  const afterReload = await completed.count();
  await expect.poll(() => completed.count(), { timeout: 30_000 }).toBeGreaterThan(afterReload);
  await expect(completed).toHaveCount(20, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 30_000 });
  // Browser mode says so in the page (the run was running when the page loaded).
  await expect(page.getByTestId('run-end-notice').filter({ hasText: run.workflowId })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/run-completed.png` });
  // The minimap (a canvas) draws the packages in their status colour, all completed now, with the
  // view's hole in its veil inside it.
  await expect.poll(() => minimapPixels(page, [0x1f, 0x9d, 0x55]), { timeout: 5_000 }).toBeGreaterThan(50);
  // At rest the minimap's frame holds the view: the hole (the veil's box less its 200 / 150 px
  // border) lies inside the minimap.
  const minimap = (await page.getByTestId('rf__minimap').boundingBox())!;
  const veil = (await page.locator('.canvas-minimap__veil').boundingBox())!;
  const hole = { x: veil.x + 200, y: veil.y + 150, width: veil.width - 400, height: veil.height - 300 };
  expect(hole.width).toBeGreaterThan(20);
  expect(hole.x).toBeGreaterThanOrEqual(minimap.x - 1);
  expect(hole.y).toBeGreaterThanOrEqual(minimap.y - 1);
  expect(hole.x + hole.width).toBeLessThanOrEqual(minimap.x + minimap.width + 1);
  expect(hole.y + hole.height).toBeLessThanOrEqual(minimap.y + minimap.height + 1);

  // The runs list shows it, with its counts.
  await page.getByTestId('nav-runs').click();
  const row = page.locator(`[data-testid=run-row][data-workflow-id="${run.workflowId}"]`);
  await expect(row).toContainText('Completed');
  await expect(row.getByTestId('run-counts')).toContainText('20 / 0');
  // Filtering by id leaves this run; by a status it does not have, none.
  await page.getByTestId('runs-filter-text').fill(run.workflowId);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await page.getByTestId('runs-filter-status').selectOption('failed');
  await expect(page.getByTestId('run-row')).toHaveCount(0);
  await page.getByTestId('runs-filter-status').selectOption('all');
  await page.getByTestId('runs-filter-text').fill('');
  await page.screenshot({ path: `${SHOTS}/runs-list.png` });
  expect(pageErrors).toEqual([]);
});

test('a failure blocks exactly its dependents; Retry failed rebuilds it and completes them', async ({
  page,
  appUrl,
}) => {
  test.setTimeout(120_000);
  const run = await startRun(ipc, definitionId, { failures: { '@acme/db': 'migration 042 failed' } });
  await openRun(page, appUrl, run.workflowId);
  await expect(node(page, '@acme/db')).toHaveAttribute('data-status', 'failed', { timeout: 40_000 });
  await expect(page.getByTestId('retry-failed')).toBeVisible({ timeout: 40_000 });
  const blocked = page.locator('[data-testid=package-node][data-status=blocked]');
  await expect(blocked).toHaveCount(DB_DEPENDENTS.length);
  const names = await blocked.evaluateAll((els) => els.map((e) => e.getAttribute('data-package')));
  expect(names.sort()).toEqual([...DB_DEPENDENTS].sort());
  await expect(page.getByTestId('failures')).toContainText('@acme/db');
  await page.screenshot({ path: `${SHOTS}/run-failed.png` });

  await page.getByTestId('retry-failed').click();
  // The failed package builds again (attempt 2) and its dependents wait on it, not blocked.
  await expect(blocked).toHaveCount(0, { timeout: 15_000 });
  await expect(node(page, '@acme/auth')).toHaveAttribute(
    'data-status',
    /pending|waiting-for-slot|ready|building|completed/,
  );
  // The demo's failure injection applies to the first attempt only: the retry completes them all.
  await expect(node(page, '@acme/db')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 60_000 });
  for (const name of DB_DEPENDENTS)
    await expect(node(page, name)).toHaveAttribute('data-status', 'completed');
});

test('Cancel stops a run', async ({ page, appUrl }) => {
  test.setTimeout(90_000);
  const run = await startRun(ipc, definitionId);
  await openRun(page, appUrl, run.workflowId);
  await expect(page.locator('[data-testid=package-node][data-status=building]').first()).toBeVisible({
    timeout: 30_000,
  });
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('Cancelled', { timeout: 30_000 });
  await expect(page.locator('[data-testid=package-node][data-status=building]')).toHaveCount(0);
  const record = await ipc.call('runs.get', { workflowId: run.workflowId });
  expect(record.status).toBe('cancelled');
});

test('Retry one package keeps the other failure; Run again with edits (N = 2) reuses the completed packages', async ({
  page,
  appUrl,
}) => {
  test.setTimeout(240_000);
  const run = await startRun(ipc, definitionId, {
    failures: { '@acme/db': 'migration 042 failed', '@acme/notifications': 'flaky template test' },
  });
  await openRun(page, appUrl, run.workflowId);
  await expect(page.getByTestId('retry-failed')).toBeVisible({ timeout: 60_000 });
  const reason = page.getByTestId('failure-reason');
  await expect(reason).toContainText('@acme/notifications');
  // Only notifications builds again: its dependents also need db, so they stay blocked.
  await reason.getByTestId('retry-package-@acme/notifications').click();
  await expect(node(page, '@acme/notifications')).toHaveAttribute('data-status', 'completed', {
    timeout: 60_000,
  });
  await expect(node(page, '@acme/db')).toHaveAttribute('data-status', 'failed');
  const blocked = page.locator('[data-testid=package-node][data-status=blocked]');
  await expect(blocked).toHaveCount(DB_DEPENDENTS.length);
  await expect(page.getByTestId('retry-failed')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('finish-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  await expect(page.getByTestId('failure-message')).toContainText('@acme/db');
  // After a failure the default (first) button retries the failures, not everything.
  await expect(page.locator('.run-actions button').first()).toHaveAttribute('data-testid', 'retry-closed');

  await page.getByTestId('run-again-edit').click();
  await page.getByTestId('run-again-n').fill('2');
  await page.getByTestId('run-again-input-failures').fill('{}');
  await expect(page.getByTestId('run-again-reuse')).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/run-again-dialog.png` });
  await page.getByTestId('run-again-start').click();
  await expect(page.getByTestId('run-page')).not.toHaveAttribute('data-workflow-id', run.workflowId);
  await expect(page.getByTestId('building-summary')).toContainText('of 2', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 120_000 });
  // The 12 packages the first run completed were reused (up to date), the other 8 built.
  await expect(page.locator('[data-testid=package-node][data-status=up-to-date]')).toHaveCount(12);
  await expect(page.locator('[data-testid=package-node][data-status=completed]')).toHaveCount(8);
});
