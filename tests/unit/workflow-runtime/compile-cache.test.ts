// The CompileCache (issue 12): a compiled project is reused across processes only for the same
// compiler fingerprint and the same inputs; a damaged entry is compiled again, never trusted.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompileCache, type CompiledProject } from '../../../src/main/workflow-runtime/compile-cache';
import { tempDir as dataDir } from '../store/helpers';

const project = (text: string): CompiledProject => ({
  ok: true,
  files: { 'workflows.ts': text },
  workflows: [{ workflowType: 'Build_v1', taskQueue: 'q', definitionId: 'd1', version: 1 }],
  diagnostics: [],
});

describe('CompileCache', () => {
  it('gives back what was put, to a new instance on the same data folder (another process)', async () => {
    const dir = dataDir();
    await new CompileCache({ dataDir: dir, fingerprint: 'f1' }).put('roots a', project('export {}'));
    expect(new CompileCache({ dataDir: dir, fingerprint: 'f1' }).get('roots a')).toEqual(
      project('export {}'),
    );
  });

  it('misses for other inputs and for another compiler fingerprint', async () => {
    const dir = dataDir();
    await new CompileCache({ dataDir: dir, fingerprint: 'f1' }).put('roots a', project('a'));
    expect(new CompileCache({ dataDir: dir, fingerprint: 'f1' }).get('roots b')).toBeUndefined();
    expect(new CompileCache({ dataDir: dir, fingerprint: 'f2' }).get('roots a')).toBeUndefined();
  });

  it('drops an entry it cannot read (torn, foreign, or another key inside) and says so', async () => {
    const dir = dataDir();
    const warnings: string[] = [];
    const cache = new CompileCache({ dataDir: dir, fingerprint: 'f1', log: (_l, m) => warnings.push(m) });
    await cache.put('roots a', project('a'));
    const file = join(dir, 'compiled', `${cache.keyOf('roots a')}.json`);
    for (const damaged of [
      '{"format":1,"key":',
      JSON.stringify({ format: 1, key: cache.keyOf('roots a'), result: { ok: true, files: { x: 1 } } }),
      JSON.stringify({ format: 1, key: cache.keyOf('other'), result: project('a') }),
    ]) {
      writeFileSync(file, damaged);
      expect(cache.get('roots a')).toBeUndefined();
      expect(existsSync(file)).toBe(false);
    }
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain(file);
  });

  it('keeps the most recently written entries beyond maxEntries', async () => {
    const dir = dataDir();
    const cache = new CompileCache({ dataDir: dir, fingerprint: 'f1', maxEntries: 2 });
    await cache.put('k1', project('1'));
    const first = join(dir, 'compiled', `${cache.keyOf('k1')}.json`);
    utimesSync(first, new Date(2020, 0, 1), new Date(2020, 0, 1));
    await cache.put('k2', project('2'));
    await cache.put('k3', project('3'));
    expect(readdirSync(join(dir, 'compiled'))).toHaveLength(2);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k3')).toEqual(project('3'));
  });

  it('a data folder it cannot write to costs a compilation, not an error', async () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'compiled'));
    // A file where the entry's temporary file would go: the write fails.
    const cache = new CompileCache({ dataDir: dir, fingerprint: 'f1', log: () => undefined });
    mkdirSync(join(dir, 'compiled', `${cache.keyOf('k')}.json.${process.pid}.tmp`));
    await expect(cache.put('k', project('x'))).resolves.toBeUndefined();
    expect(cache.get('k')).toBeUndefined();
  });
});
