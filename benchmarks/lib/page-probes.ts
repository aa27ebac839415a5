import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { percentile } from './stats';

/**
 * Measurements taken inside the page by the Chromium benchmarks. Scripts run in the page are
 * strings: tsx would wrap functions with helpers the page lacks.
 */

export { percentile } from './stats';

let traces = 0;

/** One line on the frames of a gesture: how many, their median / 90th / 95th percentile, and how many missed 20 ms (50 fps). */
export function describeFrames(frames: readonly number[]): string {
  const slow = frames.filter((f) => f > 20).length;
  const at = (p: number) => percentile(frames, p).toFixed(1);
  return `${frames.length} frames, median ${at(50)} / p90 ${at(90)} / p95 ${at(95)} ms, ${slow} over 20 ms`;
}

/** 5th-percentile frame rate of frame durations (the 95th-percentile duration). */
export function fps5(frames: readonly number[]): number {
  return 1000 / percentile(frames, 95);
}

/**
 * Pans (drags) and zooms (wheel) over `selector` for a while; returns every frame's duration (ms).
 * With `profilePath`, the page's CPU profile of the gesture is written there; with
 * `WB_BENCH_TRACE=<prefix>`, a Chrome trace of it (style, layout, paint, layerize per frame) as
 * `<prefix>-<n>.json`, numbered per pan of the run (chrome://tracing or DevTools opens it).
 */
export async function panFrames(page: Page, selector: string, profilePath?: string): Promise<number[]> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`nothing to pan: ${selector} is not on screen`);
  const browser = page.context().browser();
  const tracePrefix = process.env.WB_BENCH_TRACE;
  if (tracePrefix && browser)
    await browser.startTracing(page, {
      path: `${tracePrefix}-${++traces}.json`,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'],
    });
  const cdp = profilePath ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let round = 0; round < 3; round++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 200, cy - 120, { steps: 30 });
    await page.mouse.move(cx + 150, cy + 100, { steps: 30 });
    await page.mouse.up();
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, i < 4 ? -120 : 120);
  }
  if (cdp && profilePath) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    writeFileSync(profilePath, JSON.stringify(profile));
    await cdp.detach();
  }
  if (tracePrefix && browser) await browser.stopTracing();
  return page.evaluate<number[]>(`(() => { window.__stop = true; return window.__frames.slice(2); })()`);
}

/** The page's JS heap after a full garbage collection, bytes. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize;
}

/** The `wb:layout` User Timing measures the layout client recorded (see lib/layout-client.ts). */
export interface LayoutMeasure {
  duration: number;
  detail: { kind: string; nodes: number; cached: boolean; workerMs: number };
}

export function layoutMeasures(page: Page): Promise<LayoutMeasure[]> {
  return page.evaluate<LayoutMeasure[]>(
    `performance.getEntriesByName('wb:layout').map((e) => ({ duration: e.duration, detail: e.detail }))`,
  );
}
