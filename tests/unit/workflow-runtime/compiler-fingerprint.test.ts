// The compiler's fingerprint (the CompileCache's keys): run from source it follows every file of
// src/core; built, every script of the build folder (whichever chunk holds the compiler), not maps.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compilerFingerprint,
  computeFingerprint,
} from '../../../src/main/workflow-runtime/compiler-fingerprint';
import { tempDir } from '../store/helpers';

describe('compilerFingerprint', () => {
  it('from source: src/core, stable within a process', () => {
    const source = fileURLToPath(
      new URL('../../../src/main/workflow-runtime/compiler-fingerprint.ts', import.meta.url),
    );
    expect(compilerFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(computeFingerprint(source)).toBe(compilerFingerprint());
  });

  it('from source: a changed file under core changes it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'core', 'compiler'), { recursive: true });
    mkdirSync(join(root, 'main', 'workflow-runtime'), { recursive: true });
    const module = join(root, 'main', 'workflow-runtime', 'compiler-fingerprint.ts');
    writeFileSync(join(root, 'core', 'compiler', 'emit.ts'), 'export const a = 1;');
    const before = computeFingerprint(module);
    writeFileSync(join(root, 'core', 'compiler', 'emit.ts'), 'export const a = 2;');
    expect(computeFingerprint(module)).not.toBe(before);
  });

  it('built: any script of the build folder or its chunks changes it; a source map or a data folder inside does not', () => {
    const out = tempDir();
    mkdirSync(join(out, 'chunks'));
    const module = join(out, 'index.js');
    writeFileSync(module, 'import "./chunks/compiler-abc.js";');
    writeFileSync(join(out, 'chunks', 'compiler-abc.js'), 'export const v = 1;');
    writeFileSync(join(out, 'index.js.map'), '{}');
    const before = computeFingerprint(module);
    writeFileSync(join(out, 'index.js.map'), '{"changed":true}');
    expect(computeFingerprint(module)).toBe(before);
    // A data folder inside the build folder: its bundles change with every run, the compiler does not.
    mkdirSync(join(out, 'data', 'bundles'), { recursive: true });
    writeFileSync(join(out, 'data', 'bundles', 'abc.js'), 'run 1');
    expect(computeFingerprint(module)).toBe(before);
    writeFileSync(join(out, 'chunks', 'compiler-abc.js'), 'export const v = 2;');
    expect(computeFingerprint(module)).not.toBe(before);
  });
});
