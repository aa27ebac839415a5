/**
 * Canvas benchmark in Chromium (issue 8): open a 50- and a 500-node definition on the canvas
 * (load + layout in the Web Worker + first paint), pan and zoom it (5th-percentile frame rate),
 * and type into a property field (input to paint); the layout's time in the worker is printed
 * beside dagre's defaults run synchronously (what a main-thread layout blocks for), measured in
 * the same run. Prints Markdown tables; no asserts.
 *
 *   npx vite build --config vite.renderer.config.ts   # the built renderer the host serves
 *   npx tsx benchmarks/canvas.bench.ts                 # or WB_BENCH_URL=<host url with #token=…>
 *
 * Without WB_BENCH_URL it starts a browser-mode host on a temporary data folder, pointed at an
 * unreachable Temporal address: the canvas needs no server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { WorkflowDefinition } from '../src/core/definition';
import { NODE_SIZE } from '../src/core/editor';
import { dagreDefaultsMs } from './lib/dagre-baseline';
import { fps5, layoutMeasures, panFrames, percentile } from './lib/page-probes';
import { median, ms, printTable, ratio } from './lib/stats';

const SIZES = [50, 500];
const CHAINS = 10;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** start → CHAINS parallel chains of activities → end, without positions (the editor lays it out on open). */
function definitionOf(nodes: number): WorkflowDefinition {
  const inner = nodes - 2;
  const defNodes: WorkflowDefinition['nodes'] = [{ id: 'start', kind: 'start', data: {} }];
  const edges: WorkflowDefinition['edges'] = [];
  const perChain = Math.ceil(inner / CHAINS);
  for (let i = 0; i < inner; i++) {
    const id = `a${i}`;
    defNodes.push({ id, kind: 'activity', label: `Step ${i}`, data: { activity: 'greet', args: [`n${i}`] } });
    const first = i % perChain === 0;
    edges.push({ id: `e${i}`, source: first ? 'start' : `a${i - 1}`, target: id });
    if (i % perChain === perChain - 1 || i === inner - 1)
      edges.push({ id: `x${i}`, source: id, target: 'end' });
  }
  defNodes.push({ id: 'end', kind: 'end', data: {} });
  return { schemaVersion: 1, name: `Bench ${nodes}`, nodes: defNodes, edges, settings: {} };
}

async function startHost(): Promise<{ url: string; stop: () => void }> {
  if (process.env.WB_BENCH_URL) return { url: process.env.WB_BENCH_URL, stop: () => undefined };
  if (!existsSync('out/renderer/index.html'))
    throw new Error('Build the renderer first: npx vite build --config vite.renderer.config.ts');
  const dir = mkdtempSync(join(tmpdir(), 'wb-canvas-bench-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/browser-mode/main.ts',
      '--data-dir',
      dir,
      '--temporal-address',
      '127.0.0.1:9',
      '--print-ready',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /WB_BROWSER_HOST (\{.*\})/.exec(out);
      if (m) resolve((JSON.parse(m[1]!) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Imports a definition file through the UI and returns the ms from clicking its row to every node on screen and a frame painted. */
async function openTime(page: Page, nodes: number, file: string): Promise<number> {
  await page.getByRole('button', { name: 'Workflows' }).first().click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('editor').waitFor();
  await page.getByRole('button', { name: '← Workflows' }).click();
  const row = page
    .getByTestId('definition-row')
    .filter({ hasText: `Bench ${nodes}` })
    .first();
  await row.waitFor();
  // Scripts run in the page are strings: tsx would wrap functions with helpers the page lacks.
  return page.evaluate<number>(`new Promise((resolve) => {
    const t0 = performance.now();
    const rows = [...document.querySelectorAll('[data-testid="definition-row"]')];
    rows.find((r) => r.textContent.includes('Bench ${nodes}')).querySelector('[data-testid="open-definition"]').click();
    const check = () => {
      if (document.querySelectorAll('.react-flow__node').length >= ${nodes})
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

/** Types into the selected node's label field; returns input-to-paint per keystroke (ms). */
async function typingLatency(page: Page, nodeId: string): Promise<number[]> {
  // Back to the whole drawing (the pans left nodes under the side panels), then a node mid-canvas.
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(300);
  await page.getByTestId(`node-${nodeId}`).click();
  const field = page.getByTestId('field-label');
  await field.click();
  await page.evaluate(`(() => {
    window.__latency = [];
    document.addEventListener('input', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__latency.push(performance.now() - t0), 0));
    }, true);
  })()`);
  // WB_BENCH_PROFILE=<prefix>: the page's CPU profile while typing, as <prefix>-typing-<nodes>.cpuprofile.
  const profile = process.env.WB_BENCH_PROFILE;
  const cdp = profile ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  for (const ch of 'hello world') {
    await page.keyboard.type(ch);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  if (cdp) {
    const { profile: data } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    const nodes = await page.locator('.react-flow__node').count();
    writeFileSync(`${profile}-typing-${nodes}.cpuprofile`, JSON.stringify(data));
    await cdp.detach();
  }
  return page.evaluate<number[]>('window.__latency');
}

async function main(): Promise<void> {
  const host = await startHost();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const dir = mkdtempSync(join(tmpdir(), 'wb-canvas-defs-'));
  const rows: string[][] = [];
  const layoutRows: string[][] = [];
  const workerMs = new Map<number, number>();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByTestId('new-workflow').waitFor();
    for (const size of SIZES) {
      const def = definitionOf(size);
      const file = join(dir, `bench-${size}.json`);
      writeFileSync(file, JSON.stringify(def));
      const open = await openTime(page, size, file);
      const layout = (await layoutMeasures(page))
        .filter((m) => m.detail.nodes === size && !m.detail.cached)
        .at(-1);
      workerMs.set(size, layout?.detail.workerMs ?? NaN);
      const profile = process.env.WB_BENCH_PROFILE;
      const frames = await panFrames(
        page,
        '[data-testid=canvas]',
        profile && `${profile}-pan-${size}.cpuprofile`,
      );
      const perChain = Math.ceil((size - 2) / CHAINS);
      const typing = await typingLatency(page, `a${perChain * 4 + Math.floor(perChain / 2)}`);
      rows.push([
        `${size} nodes`,
        ms(open),
        `${fps5(frames).toFixed(0)} fps`,
        ms(median(typing)),
        ms(percentile(typing, 95)),
      ]);
      console.error(`${size}: ${rows.at(-1)!.join(' | ')}`);
    }
  } finally {
    await browser.close();
    host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // The baseline after the browser is gone, so that it does not share the CPU with the page.
  for (const size of SIZES) {
    const def = definitionOf(size);
    const base = await dagreDefaultsMs(
      def.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
      def.edges,
      60_000,
    );
    const ours = workerMs.get(size) ?? NaN;
    layoutRows.push([
      `${size} nodes`,
      ms(ours),
      base.stopped ? `> ${ms(base.ms)}` : ms(base.ms),
      '0 ms (in the worker)',
      ms(base.ms),
      ratio(base.ms / ours),
    ]);
  }
  printTable(
    'Canvas in Chromium (1280×800)',
    [
      'definition',
      'open: load + layout + first paint',
      'pan/zoom, 5th-percentile frame rate',
      'typing: input to paint (median)',
      '(95th pct)',
    ],
    rows,
  );
  printTable(
    "Layout: ours in the Web Worker beside dagre's defaults on the main thread (same run)",
    [
      'definition',
      'layout in the worker (ours)',
      "dagre's defaults (baseline)",
      'main thread blocked, ours',
      'main thread blocked, baseline',
      'ours vs baseline',
    ],
    layoutRows,
  );
  console.log('\nTargets (issue 8): open 500 < 1 s, pan ≥ 50 fps at the 5th percentile, typing < 50 ms.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
