import type { Page } from '@playwright/test';
import { e2eSkipReason, expect, openApp, test } from './fixtures';
import { IpcClient, savePackageBuilder, startRun } from './ipc-client';

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

// Full tier (not @smoke): runs the PackageBuilder example (20 packages, ~20 s at N = 4) on the
// real dev server through the browser-mode host, and proves the run page's charts draw its real
// data: the concurrency chart never shows more than N in flight, the Gantt has a bar per package
// and selects the package of the bar clicked (graph and details follow), a package selected on
// the graph is highlighted in the slowest list, the why-was-it-slow panel lists ten packages,
// and the what-if panel sets the prediction against the actual makespan. No CSP violation.

const SHOTS = 'test-results/screenshots';

type ViolationGlobals = {
  addEventListener(
    type: string,
    listener: (event: { violatedDirective: string; blockedURI: string }) => void,
  ): void;
  reportCsp(violation: string): void;
};
const N = 4;

let ipc: IpcClient;
let definitionId: string;

test.beforeAll(async () => {
  ipc = await IpcClient.connect(process.env.WB_E2E_URL!);
  definitionId = await savePackageBuilder(ipc, N);
});
test.afterAll(() => ipc?.close());

/** Moves along the Gantt row of `name` until the tooltip names one of its builds; returns that point. */
async function findBuildBar(page: Page, name: string): Promise<{ x: number; y: number }> {
  const gantt = page.getByTestId('gantt');
  const order = await gantt.getAttribute('data-order');
  const index = order!.split('\n').indexOf(name);
  expect(index).toBeGreaterThanOrEqual(0);
  const visible = Number(await gantt.getAttribute('data-visible-rows'));
  const box = (await gantt.locator('.u-over').boundingBox())!;
  const y = box.y + ((index + 0.5) * box.height) / visible;
  const tooltip = page.getByTestId('gantt-tooltip');
  for (let x = box.x + 2; x < box.x + box.width; x += 4) {
    await page.mouse.move(x, y);
    if (
      (await tooltip.isVisible()) &&
      (await tooltip.getAttribute('data-package')) === name &&
      (await tooltip.getAttribute('data-segment')) === 'building'
    )
      return { x, y };
  }
  throw new Error(`no build bar of ${name} found on its Gantt row`);
}

test('the run charts draw a real run: concurrency within N, a Gantt bar per package, why it was slow, predicted against actual', async ({
  page,
  appUrl,
  pageErrors,
}) => {
  test.setTimeout(150_000);
  const csp: string[] = [];
  await page.exposeFunction('reportCsp', (v: string) => csp.push(v));
  await page.addInitScript(() => {
    const g = globalThis as unknown as ViolationGlobals;
    g.addEventListener('securitypolicyviolation', (event) =>
      g.reportCsp(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const run = await startRun(ipc, definitionId);
  await openApp(page, appUrl);
  await page.evaluate(
    `window.location.hash = ${JSON.stringify(`#/runs/${encodeURIComponent(run.workflowId)}`)}`,
  );
  await expect(page.getByTestId('run-page')).toBeVisible();

  // Live: the charts fill in while the run builds, and never show more than N in flight.
  const concurrency = page.getByTestId('concurrency-chart');
  // The first state can take a while on a fresh host (the worker loads the workflow bundle).
  await expect(concurrency).toHaveAttribute('data-slots', String(N), { timeout: 60_000 });
  await expect
    .poll(async () => Number(await concurrency.getAttribute('data-max-in-flight')), { timeout: 40_000 })
    .toBe(N);
  await expect(page.getByTestId('gantt')).not.toHaveAttribute('data-bars', '0');
  await page.getByTestId('run-charts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/run-charts-live.png`, fullPage: true });

  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 90_000 });
  // Every package built once: one bar each, and the in-flight line stayed at or under N.
  const gantt = page.getByTestId('gantt');
  await expect(gantt).toHaveAttribute('data-rows', '20');
  await expect(gantt).toHaveAttribute('data-bars', '20');
  expect(Number(await concurrency.getAttribute('data-max-in-flight'))).toBeLessThanOrEqual(N);
  expect(Number(await concurrency.getAttribute('data-points'))).toBeGreaterThan(10);
  await expect(concurrency.locator('canvas')).toHaveCount(1);

  // Why was it slow: ten packages, slowest first, and the panel's figures.
  const why = page.getByTestId('why-slow');
  await expect(why.getByTestId('slowest-item')).toHaveCount(10);
  const utilisation = parseInt((await why.getByTestId('slot-utilisation').textContent())!, 10);
  expect(utilisation).toBeGreaterThan(0);
  expect(utilisation).toBeLessThanOrEqual(100);
  await expect(why.getByTestId('critical-share')).toContainText('%');
  await expect(why.getByTestId('idle-critical')).not.toBeEmpty();

  // What-if after the run: the prediction at N = 4 against the real makespan.
  const actual = page.getByTestId('what-if-actual');
  await expect(actual).toContainText(`at N = ${N}`);
  const predictedMs = Number(await actual.getByTestId('what-if-predicted-ms').getAttribute('data-ms'));
  const actualMs = Number(await actual.getByTestId('what-if-actual-ms').getAttribute('data-ms'));
  expect(predictedMs).toBeGreaterThan(10_000); // the demo's critical path is 18.1 s (scaled estimates)
  expect(actualMs).toBeGreaterThan(0);

  // Clicking a Gantt bar selects that package: details open and the graph highlights it.
  const target = '@acme/api-server';
  await gantt.scrollIntoViewIfNeeded();
  const bar = await findBuildBar(page, target);
  await page.mouse.click(bar.x, bar.y);
  await expect(page.getByTestId('package-details')).toContainText(target);
  await expect(page.locator(`[data-testid=package-node][data-package="${target}"]`)).toHaveClass(
    /package-node--selected/,
  );
  await expect(gantt).toHaveAttribute('data-selected', target);
  await page.screenshot({ path: `${SHOTS}/run-charts-gantt-selected.png`, fullPage: true });

  // And the other way: a package clicked on the graph is the Gantt's and the slow list's selection.
  const other = '@acme/utils';
  await page.locator(`[data-testid=package-node][data-package="${other}"]`).click();
  await expect(gantt).toHaveAttribute('data-selected', other);
  await page.screenshot({ path: `${SHOTS}/run-charts-completed.png`, fullPage: true });
  // The charts alone, for docs/user-guide/monitoring.md (images/monitoring-run-charts.png).
  await page.getByTestId('run-charts').screenshot({ path: `${SHOTS}/run-charts.png` });

  expect(csp).toEqual([]);
  expect(pageErrors).toEqual([]);
});
