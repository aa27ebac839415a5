import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_CATALOG,
  buildLogRelativePath,
  findActivity,
  renderActivityTypes,
  safePathSegment,
} from '../../../src/core/activities';
import { createActivities } from '../../../src/main/activities';

describe('activity catalog', () => {
  it('lists the built-in activities, each implemented by createActivities()', () => {
    expect(ACTIVITY_CATALOG.map((e) => e.name)).toEqual([
      'greet',
      'buildPackage',
      'readWorkspace',
      'writeReport',
    ]);
    expect(Object.keys(createActivities()).sort()).toEqual(ACTIVITY_CATALOG.map((e) => e.name).sort());
    expect(Object.isFrozen(ACTIVITY_CATALOG)).toBe(true);
  });

  it('finds entries by name', () => {
    expect(findActivity('buildPackage')?.signature).toEqual({
      params: 'input: BuildPackageInput',
      returns: 'Promise<BuildPackageResult>',
    });
    expect(findActivity('nope')).toBeUndefined();
    expect(findActivity('toString')).toBeUndefined();
  });

  it('validates args arrays', () => {
    const build = findActivity('buildPackage')!.argsSchema;
    expect(
      build.safeParse([{ runId: 'r', packageName: 'p', attempt: 1, simulatedDurationMs: 10 }]).success,
    ).toBe(true);
    expect(
      build.safeParse([
        { runId: 'r', packageName: 'p', attempt: 1, workspaceRoot: '/x', scripts: ['build'], command: 'clean' },
      ]).success,
    ).toBe(true);
    // A program and its arguments, or where to run, never come from a definition or an input.
    expect(build.safeParse([{ runId: 'r', packageName: 'p', attempt: 1, command: ['node', '-v'] }]).success).toBe(false);
    expect(build.safeParse([{ runId: 'r', packageName: 'p', attempt: 1, cwd: '/x' }]).success).toBe(false);
    expect(build.safeParse([{ runId: 'r', packageName: 'p', attempt: 1, scripts: ['rm -rf /'] }]).success).toBe(false);
    const bad = build.safeParse([{ runId: 'r', packageName: 'p', attempt: 1, extra: true }]);
    expect(bad.success).toBe(false);
    expect(build.safeParse([{ runId: 'r', packageName: 'p', attempt: 1 }, 'second']).success).toBe(false);
    expect(findActivity('greet')!.argsSchema.safeParse(['Ada']).success).toBe(true);
    expect(findActivity('greet')!.argsSchema.safeParse([42]).success).toBe(false);
    expect(findActivity('readWorkspace')!.argsSchema.safeParse([{ root: '/repo' }]).success).toBe(true);
    expect(
      findActivity('writeReport')!.argsSchema.safeParse([{ runId: 'r', title: 't', report: { any: 1 } }])
        .success,
    ).toBe(true);
  });

  it('gives every activity a start-to-close timeout, and the long build a heartbeat timeout', () => {
    for (const entry of ACTIVITY_CATALOG) expect(entry.defaultTimeouts.startToCloseMs).toBeGreaterThan(0);
    expect(findActivity('buildPackage')!.defaultTimeouts.heartbeatTimeoutMs).toBeGreaterThan(1000);
  });

  it('renders activity-types.ts deterministically and already formatted', async () => {
    const text = renderActivityTypes();
    expect(renderActivityTypes()).toBe(text);
    // One header per generated file, and the compiler writes it: the declarations bring none.
    expect(text).not.toMatch(/^\/\/ /m);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110);
    expect(text).not.toMatch(/^import /m);
    expect(text).toContain('export interface Activities {\n');
    expect(text).toContain('  buildPackage(input: BuildPackageInput): Promise<BuildPackageResult>;\n');
    const formatted = await prettier.format(text, {
      parser: 'typescript',
      printWidth: 110,
      singleQuote: true,
      trailingComma: 'all',
    });
    expect(formatted).toBe(text);
  });

  it('renders a subset in the given order', () => {
    const text = renderActivityTypes([findActivity('greet')!]);
    expect(text).toContain('export interface Activities {\n  /** Returns a greeting');
    expect(text).not.toContain('BuildPackageInput');
  });
});

describe('log paths', () => {
  it('keeps scoped names and workflow ids readable and inside the folder', () => {
    expect(buildLogRelativePath('builder-42', '@acme/core', 1)).toBe('builder-42/@acme__core.attempt-1.log');
    expect(buildLogRelativePath('pb/@acme/db#2', 'x', 3)).toBe('pb__@acme__db#2/x.attempt-3.log');
    // One file per attempt, and no attempt that is not a positive integer.
    expect(() => buildLogRelativePath('r', 'x', 0)).toThrow(/positive integer/);
    expect(safePathSegment('..')).toBe('_..');
    expect(safePathSegment('')).toBe('_');
    expect(safePathSegment('a:b*c?')).toBe('a_b_c_');
  });
});
