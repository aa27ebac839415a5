import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWorkflow, markerNodeId } from '../../../src/core/compiler';
import { readRuntimeSources } from '../../../src/main/workflow-runtime/runtime-sources';
import { RUNTIME_GOLDEN_DIR, loadFixtures, readTree } from './fixtures';

// UPDATE_GOLDEN=1 npx vitest run tests/unit/compiler/golden.test.ts rewrites expected/ from the compiler.
const update = process.env.UPDATE_GOLDEN === '1';

/** Replaces the files of `dir` with `files` (UPDATE_GOLDEN). */
function rewrite(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe('golden output per pattern', () => {
  for (const fixture of loadFixtures()) {
    it(`${fixture.name} compiles to exactly its expected files`, async () => {
      const result = await compileWorkflow(fixture.definition, fixture.options);
      if (!result.ok) throw new Error(`diagnostics: ${JSON.stringify(result.diagnostics, null, 2)}`);
      expect(result.value.diagnostics).toEqual([]);
      const expectedDir = join(fixture.dir, 'expected');
      if (update) rewrite(expectedDir, result.value.files);
      const expected = readTree(expectedDir);
      expect(Object.keys(result.value.files).sort(), 'files (UPDATE_GOLDEN=1 regenerates)').toEqual(
        Object.keys(expected),
      );
      for (const [file, text] of Object.entries(result.value.files)) {
        expect(text, `${fixture.name}/${file} differs from expected/ (UPDATE_GOLDEN=1 regenerates)`).toBe(
          expected[file],
        );
      }
    });
  }

  it('the runtime, as every generated project vendors it, is exactly __fixtures__/runtime', async () => {
    const runtime = await readRuntimeSources();
    if (update) rewrite(RUNTIME_GOLDEN_DIR, runtime);
    expect(runtime).toEqual(readTree(RUNTIME_GOLDEN_DIR));
    // Only what workflows use: the app's schedule simulation stays out.
    expect(Object.keys(runtime)).not.toContain('graph/schedule-simulation.ts');
    expect(Object.keys(runtime)).not.toContain('graph/index.ts');
    // The workflow runtime's own files read the engine from beside them.
    expect(runtime['package-loop.ts']).toContain("from './graph/dependency-graph'");
    expect(Object.values(runtime).join('\n')).not.toContain("'../core/");
  });
});

/** Line diff (LCS): the removed lines of `a` and the added lines of `b`, by index. */
function lineDiff(a: string[], b: string[]): { removed: number[]; added: number[] } {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) removed.push(i++);
    else added.push(j++);
  }
  while (i < n) removed.push(i++);
  while (j < m) added.push(j++);
  return { removed, added };
}

/**
 * The node whose region holds line `index`: the nearest `// node: <id>` marker above it. Lines of
 * the import block are `(imports)`: a node that starts using another API adds a name there.
 */
function regionOf(lines: string[], index: number): string | undefined {
  for (let k = index; k >= 0; k--) {
    const id = markerNodeId(lines[k]!);
    if (id !== undefined) return id;
  }
  return /^(import | {2}[A-Za-z, ]+,?$|\} from ')/.test(lines[index]!) ? '(imports)' : undefined;
}

/** Regions other than the node's own and the import block. */
function outside(regions: Set<string | undefined>, nodeId: string): Array<string | undefined> {
  return [...regions].filter((r) => r !== nodeId && r !== '(imports)');
}

/** Compiles a fixture with one node's data changed and returns the regions the diff touches. */
async function touchedRegions(
  name: string,
  nodeId: string,
  change: (data: Record<string, unknown>) => void,
): Promise<Set<string | undefined>> {
  const fixture = loadFixtures().find((f) => f.name === name)!;
  const before = await compileWorkflow(fixture.definition, fixture.options);
  const edited = structuredClone(fixture.definition) as {
    nodes: Array<{ id: string; data: Record<string, unknown> }>;
  };
  change(edited.nodes.find((n) => n.id === nodeId)!.data);
  const after = await compileWorkflow(edited, fixture.options);
  if (!before.ok || !after.ok) throw new Error('fixture does not compile');
  const regions = new Set<string | undefined>();
  let changedLines = 0;
  for (const file of ['workflows.ts', 'shared.ts']) {
    const a = before.value.files[file]!.split('\n');
    const b = after.value.files[file]!.split('\n');
    const { removed, added } = lineDiff(a, b);
    changedLines += removed.length + added.length;
    for (const i of removed) regions.add(regionOf(a, i));
    for (const j of added) regions.add(regionOf(b, j));
  }
  expect(changedLines).toBeGreaterThan(0);
  return regions;
}

describe('a change to one node changes only that node’s lines', () => {
  it('dynamic loop: maxConcurrent 4 → 6 and policy → fifo', async () => {
    const regions = await touchedRegions('dynamic-loop', 'build', (data) => {
      data.maxConcurrent = 6;
      data.policy = 'fifo';
    });
    expect(regions.has('build')).toBe(true);
    expect(outside(regions, 'build')).toEqual([]);
  });

  it('activity: timeouts and retry policy', async () => {
    const regions = await touchedRegions('linear-activities', 'again', (data) => {
      data.startToCloseTimeoutMs = 45_000;
      data.retry = { maximumAttempts: 9 };
    });
    expect(regions.has('again')).toBe(true);
    expect(outside(regions, 'again')).toEqual([]);
  });

  it('child workflow: mode execute → start', async () => {
    const regions = await touchedRegions('child-workflows', 'compile', (data) => {
      data.mode = 'start';
    });
    expect(regions.has('compile')).toBe(true);
    expect(outside(regions, 'compile')).toEqual([]);
  });

  it('condition: operator and value', async () => {
    const regions = await touchedRegions('condition-parallel', 'many', (data) => {
      data.op = '>=';
      data.right = 5;
    });
    expect(regions.has('many')).toBe(true);
    expect(outside(regions, 'many')).toEqual([]);
  });
});
