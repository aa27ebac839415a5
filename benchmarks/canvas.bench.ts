/**
 * Canvas benchmark in Chromium (issue 8): open a 50- and a 500-node definition on the canvas
 * (load + layout + first paint), pan and zoom it (5th-percentile frame rate), and type into a
 * property field (input to paint); plus the layout alone on the main thread, ours beside dagre's
 * defaults. Prints Markdown tables; no asserts.
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
import dagre from '@dagrejs/dagre';
import { chromium, type Page } from '@playwright/test';
import type { WorkflowDefinition } from '../src/core/definition';
import { layoutDefinition, NODE_SIZE } from '../src/core/editor';
import { median, ms, printTable } from './lib/stats';

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

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
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

/** Pans and zooms for a while; returns every frame's duration (ms). */
async function panFrames(page: Page): Promise<number[]> {
  const box = await page.getByTestId('canvas').boundingBox();
  if (!box) throw new Error('no canvas');
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
  return page.evaluate<number[]>(`(() => { window.__stop = true; return window.__frames.slice(2); })()`);
}

/** Types into the selected node's label field; returns input-to-paint per keystroke (ms). */
async function typingLatency(page: Page): Promise<number[]> {
  await page.locator('.react-flow__node').first().click();
  const field = page.getByTestId('field-label');
  await field.click();
  await page.evaluate(`(() => {
    window.__latency = [];
    document.addEventListener('input', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__latency.push(performance.now() - t0), 0));
    }, true);
  })()`);
  for (const ch of 'hello world') {
    await page.keyboard.type(ch);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  return page.evaluate<number[]>('window.__latency');
}

function dagreDefaults(def: WorkflowDefinition): void {
  const g = new dagre.graphlib.Graph();
  g.setGraph({});
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of def.nodes) g.setNode(n.id, { ...NODE_SIZE });
  for (const e of def.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
}

function timeIt(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
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
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByTestId('new-workflow').waitFor();
    for (const size of SIZES) {
      const def = definitionOf(size);
      const file = join(dir, `bench-${size}.json`);
      writeFileSync(file, JSON.stringify(def));
      const open = await openTime(page, size, file);
      const frames = await panFrames(page);
      const fps5 = 1000 / percentile(frames, 95);
      const typing = await typingLatency(page);
      rows.push([
        `${size} nodes`,
        ms(open),
        `${fps5.toFixed(0)} fps`,
        ms(median(typing)),
        ms(percentile(typing, 95)),
      ]);
      const edges = def.edges;
      const ours = timeIt(() =>
        layoutDefinition({ nodes: def.nodes, edges }),
      );
      const baseline = timeIt(() => dagreDefaults(def));
      layoutRows.push([`${size} nodes`, ms(ours), ms(baseline)]);
    }
  } finally {
    await browser.close();
    host.stop();
    rmSync(dir, { recursive: true, force: true });
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
    'Layout on the main thread (median of 5)',
    ['definition', 'layoutGraph (ours)', "dagre's defaults"],
    layoutRows,
  );
  console.log('\nTargets (issue 8): open 500 < 1 s, pan ≥ 50 fps at the 5th percentile, typing < 50 ms.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
