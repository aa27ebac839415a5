import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { e2eSkipReason, expect, openApp, test } from './fixtures';

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

// Full tier: from first start to a running workflow, on the real dev server (issue 8's proof).

/** Keeps a screenshot of the screen as a test artifact. */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags from one handle to another with the mouse, as a user draws an edge. */
async function connect(page: Page, source: string, target: string): Promise<void> {
  const from = await node(page, source).locator('.react-flow__handle.source').boundingBox();
  const to = await node(page, target).locator('.react-flow__handle.target').boundingBox();
  if (!from || !to) throw new Error(`handles of ${source} → ${target} not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 10, { steps: 8 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 2 });
  await page.mouse.up();
}

test('first start to Run: load the example, author, validate, undo/redo, save, run, import/export', async ({
  page,
  appUrl,
  pageErrors,
}, testInfo) => {
  test.setTimeout(240_000);
  await openApp(page, appUrl);

  // First start: the example loads in one click and opens as a readable diagram.
  const loadExample = page.getByTestId('load-example');
  await expect(page.locator('[data-testid=welcome], [data-testid=definitions-list]').first()).toBeVisible();
  await shot(page, testInfo, '1-first-start');
  if (await loadExample.isVisible()) {
    await loadExample.click();
  } else {
    await page
      .getByTestId('definition-row')
      .filter({ hasText: /^PackageBuilder/ })
      .getByTestId('open-definition')
      .click();
  }
  await expect(page.getByTestId('editor-title')).toHaveText('PackageBuilder');
  await expect(node(page, 'build')).toContainText('Dynamic loop');
  await expect(node(page, 'build')).toContainText('N = 4 · child PackageBuild');
  await expect(page.getByTestId('problems')).toContainText('none, ready to run');
  await shot(page, testInfo, '2-package-builder');
  // Exporting the parent offers its child too.
  await page.getByTestId('export-definition').click();
  await expect(page.getByTestId('export-dialog')).toContainText('package-build.json');
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Cancel' }).click();

  // A new workflow: Start → End, then a third node dragged from the palette.
  await page.getByRole('button', { name: '← Workflows' }).click();
  await page.getByTestId('new-workflow').click();
  await expect(page.getByTestId('editor-title')).toHaveText('Untitled workflow');
  await expect(page.getByTestId('code')).toBeVisible();
  const codeBefore = await page.getByTestId('code').textContent();
  await page
    .getByTestId('palette-activity')
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x: 150, y: 330 } });
  await expect(node(page, 'activity')).toBeVisible();
  // The new node is not connected yet: the problems panel says so, and its badge shows.
  await expect(page.getByTestId('node-badge-activity')).toBeVisible();

  // Rewire: delete start → end, then start → activity → end by dragging between handles.
  await page.locator('[data-testid="rf__edge-e1"]').click({ force: true });
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-testid="rf__edge-e1"]')).toHaveCount(0);
  await connect(page, 'start', 'activity');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  // An illegal connection (the same edge again) is refused with the reason.
  await connect(page, 'start', 'activity');
  await expect(page.getByTestId('editor-notice')).toContainText('is already connected to');
  await connect(page, 'activity', 'end');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByTestId('node-badge-activity')).toHaveCount(0);

  // A validation error on a field, then fixed: the greeting's name refers to an undeclared input.
  await node(page, 'activity').click();
  const args = page.getByTestId('field-args');
  await args.fill('[{ "$ref": "$input.who" }]');
  await expect(page.getByTestId('field-error-args')).toBeVisible();
  await expect(page.getByTestId('node-badge-activity')).toBeVisible();
  await shot(page, testInfo, '3-field-error');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page
    .getByTestId('field-inputs')
    .fill('[{ "name": "who", "type": "string", "required": true, "description": "Who to greet" }]');
  await node(page, 'activity').click();
  await expect(page.getByTestId('field-error-args')).toHaveCount(0);
  await expect(page.getByTestId('problems')).toContainText('none, ready to run');

  // Copy two nodes and paste them: one undo step removes both, one redo brings both back.
  await node(page, 'activity').click();
  await node(page, 'end').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await shot(page, testInfo, '4-pasted');
  await page.getByTestId('undo').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await page.getByTestId('redo').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  // Save: a new version; the generated code follows the edits.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved version 2');
  await expect(page.getByTestId('code')).toContainText('greet');
  await expect.poll(() => page.getByTestId('code').textContent()).not.toBe(codeBefore);
  await shot(page, testInfo, '5-saved');

  // Export the definition, keep the file for the import below.
  await page.getByTestId('export-definition').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const exportedPath = testInfo.outputPath('exported.json');
  await download.saveAs(exportedPath);
  const exported = readFileSync(exportedPath);

  // Run with an input, validated first; then the run's page.
  await page.getByTestId('run').click();
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-dialog')).toContainText('Who to greet');
  await expect(page.getByTestId('run-dialog').getByRole('alert')).toContainText('is required');
  await page.getByTestId('run-input-who').fill('Ada');
  await shot(page, testInfo, '6-run-form');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-page')).toBeVisible({ timeout: 120_000 });
  // Run lands on the run dashboard (issue 9's page), which names the run's status.
  await expect(page.getByTestId('run-status')).toHaveText(/^(Running|Completed)$/);
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 60_000 });
  // A workflow without a package loop has no graph: the page says so instead of failing.
  await expect(page.getByTestId('run-no-packages')).toBeVisible();
  await shot(page, testInfo, '7-run-page');

  // Import the exported file and export it again: byte-equal.
  await page.getByRole('button', { name: 'Workflows' }).first().click();
  await page.getByTestId('import-file').setInputFiles(exportedPath);
  await expect(page.getByTestId('editor-title')).toHaveText('Untitled workflow');
  await page.getByTestId('export-definition').click();
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const againPath = testInfo.outputPath('exported-again.json');
  await again.saveAs(againPath);
  expect(readFileSync(againPath).equals(exported)).toBe(true);
  await shot(page, testInfo, '8-imported');

  expect(pageErrors).toEqual([]);
});
