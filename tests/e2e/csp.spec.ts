import { e2eSkipReason, expect, openApp, test } from './fixtures';

/**
 * The strict CSP (no 'unsafe-inline' styles, connect-src narrowed to the host's own port) holds
 * for the built renderer: every page renders with no violation. A library that injected <style>
 * elements, or a fetch to another port, would raise a `securitypolicyviolation` event here.
 */

const skip = e2eSkipReason();
test.skip(skip !== null, skip ?? '');

type ViolationGlobals = {
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  __violations?: string[];
};

test('the built renderer runs under the strict CSP with no violation, on every page @smoke', async ({
  page,
  appUrl,
  pageErrors,
}) => {
  await page.addInitScript(() => {
    const g = globalThis as unknown as ViolationGlobals;
    g.__violations = [];
    g.addEventListener('securitypolicyviolation', (event) => {
      g.__violations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const response = await page.goto(appUrl);
  const headers = response?.headers() ?? {};
  const port = new URL(appUrl).port;
  expect(headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port};`);
  expect(headers['content-security-policy']).toContain("style-src 'self';");
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');

  await openApp(page, appUrl);
  await page.getByRole('link', { name: 'Settings' }).or(page.getByRole('button', { name: 'Settings' })).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const violations = await page.evaluate(() => (globalThis as unknown as ViolationGlobals).__violations ?? []);
  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
});
