import type { Page, TestInfo } from '@playwright/test';
import { e2eSkipReason, expect, openApp, test } from './fixtures';

/**
 * Full tier (not @smoke). Proves the canvas works without a mouse: a small workflow is authored
 * with the keyboard only (Tab opens the palette, Enter adds, Alt+↓/↑ walk the nodes, Shift adds to
 * the selection, C connects, Delete removes, Enter opens the properties, Ctrl+S saves), focus is
 * visible on the node it rests on, nodes carry ARIA labels, the Dynamic Loop's child input
 * completes `$…` references by keyboard, the Run dialog predicts the makespan at N = 1…16 before
 * the run, and the editor fits 1280×800 and a tablet's 820 px.
 * After the first page.goto no mouse event is sent (focus() on the first button stands for
 * tabbing to it). Screenshots are kept as artifacts.
 */

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** The id of the node that holds focus ('' when focus is elsewhere). */
const focusedNode = (page: Page) =>
  page.evaluate(() => {
    // The page's globals, typed here (the E2E tsconfig has no DOM lib).
    type Found = { getAttribute(name: string): string | null } | null;
    const doc = (
      globalThis as unknown as { document: { activeElement: { closest(s: string): Found } | null } }
    ).document;
    return doc.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? '';
  });

test('a workflow authored with the keyboard only: add, walk, connect, delete, edit, save', async ({
  page,
  appUrl,
  pageErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, appUrl);
  await page.getByTestId('new-workflow').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-title')).toHaveText('Untitled workflow');
  await expect(node(page, 'end')).toBeVisible();

  // Tab on the canvas opens the palette search (as n8n does); Enter adds the first match, which
  // is selected and focused on the canvas, with a visible focus ring.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('palette-search')).toBeFocused();
  await page.keyboard.type('activity');
  await page.keyboard.press('Enter');
  await expect(node(page, 'activity')).toBeVisible();
  await expect.poll(() => focusedNode(page)).toBe('activity');
  const ring = await node(page, 'activity').evaluate(
    (el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle ?? 'none',
  );
  expect(ring).not.toBe('none');
  await expect(node(page, 'activity')).toHaveAttribute('aria-label', /^Activity node activity, \d+ problem/);

  // Alt+↓ walks the nodes in order; Delete removes End and its edge from Start.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => focusedNode(page)).toBe('start');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => focusedNode(page)).toBe('activity');
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => focusedNode(page)).toBe('end');
  await page.keyboard.press('Delete');
  await expect(node(page, 'end')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  // Ctrl+K also opens the palette; End comes back.
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-search')).toBeFocused();
  await page.keyboard.type('end');
  await page.keyboard.press('Enter');
  await expect(node(page, 'end')).toBeVisible();
  await shot(page, testInfo, 'keyboard-1-added');

  // Connect Start → Activity → End: select the source, Shift+Alt+↓ adds the target, C connects.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+ArrowDown'); // start
  await page.keyboard.press('Shift+Alt+ArrowDown'); // + activity
  await page.keyboard.press('c');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await page.keyboard.press('Alt+ArrowDown'); // end
  await page.keyboard.press('Alt+ArrowUp'); // activity
  await page.keyboard.press('Shift+Alt+ArrowDown'); // + end
  await page.keyboard.press('c');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByTestId('problems')).toContainText('none, ready to run');
  await expect(node(page, 'activity')).toHaveAttribute('aria-label', 'Activity node activity');

  // Enter opens the selected node's properties: its first field takes focus.
  await page.keyboard.press('Alt+ArrowUp'); // activity alone
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-label')).toBeFocused();
  await page.keyboard.type('Say hello');
  await expect(node(page, 'activity')).toContainText('Say hello');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toHaveText('Saved version 2');
  await shot(page, testInfo, 'keyboard-2-saved');

  // Controls have names: every button of the editor says what it does.
  const unnamed = await page
    .getByTestId('editor')
    .locator('button')
    .evaluateAll(
      (buttons) =>
        buttons.filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim() || b.title)).length,
    );
  expect(unnamed).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('the Dynamic Loop child input completes $input and $package references by keyboard; the editor fits 1280 and 820 px', async ({
  page,
  appUrl,
  pageErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, appUrl);
  await expect(page.locator('[data-testid=welcome], [data-testid=definitions-list]').first()).toBeVisible();
  const loadExample = page.getByTestId('load-example');
  if (await loadExample.isVisible()) await loadExample.focus();
  else
    await page
      .getByTestId('definition-row')
      .filter({ hasText: /^PackageBuilder/ })
      .getByTestId('open-definition')
      .focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-title')).toHaveText('PackageBuilder');

  // What-if before the run: the Run dialog predicts N = 1…16 from the graph's estimates.
  await page.getByTestId('run').focus();
  await page.keyboard.press('Enter');
  const whatIf = page.getByTestId('run-what-if');
  await expect(whatIf.locator('tbody tr')).toHaveCount(16);
  await expect(whatIf.locator('tr.what-if__row--current th')).toHaveText('4');
  const saturation = Number(await whatIf.getByTestId('what-if-saturation').textContent());
  expect(saturation).toBeGreaterThan(1);
  await expect(whatIf.locator('tr.what-if__row--saturation th')).toHaveText(String(saturation));
  await shot(page, testInfo, 'keyboard-3-run-what-if');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-dialog')).toHaveCount(0);

  // start → graph → build, then its properties.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => focusedNode(page)).toBe('build');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-label')).toBeFocused();

  // The second child-input row (failWith) is re-typed with completion only.
  const value = page.getByTestId('field-childInput-value-1');
  await expect(value).toHaveValue('$input.failures.$package');
  await value.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('$in');
  const options = page.getByRole('listbox', { name: 'References' }).getByRole('option');
  await expect(options).toHaveText([/^\$input\./]);
  await page.keyboard.press('Enter'); // $input. — the list goes on with the declared inputs
  await expect(value).toHaveValue('$input.');
  await expect(options.first()).toContainText('$input.failures');
  await expect(options.first()).toContainText('Packages whose builds fail');
  await page.keyboard.press('Tab'); // Tab takes the option too
  await expect(value).toHaveValue('$input.failures');
  await page.keyboard.type('.');
  await expect(options).toHaveText([/^\$input\.failures\.\$package/]);
  await page.keyboard.press('Enter');
  await expect(value).toHaveValue('$input.failures.$package');
  await expect(value).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('field-error-childInput')).toHaveCount(0);

  // The first row: $package fields, ↓ to the second option.
  const first = page.getByTestId('field-childInput-value-0');
  await first.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('$package.');
  await expect(options).toHaveText([/name/, /estimatedDurationMs/, /expectedDurationMs/, /attempt/]);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await shot(page, testInfo, 'keyboard-4-child-input');
  await page.keyboard.press('Enter');
  await expect(first).toHaveValue('$package.estimatedDurationMs');

  // 1280×800 (the default viewport) and a tablet's 820 px: nothing wider than the window.
  for (const width of [1280, 820]) {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 1180 });
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(page.getByTestId('code-panel')).toBeVisible();
    const overflow = await page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, testInfo, `keyboard-5-width-${width}`);
  }
  expect(pageErrors).toEqual([]);
});
