import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { atMinute as at, open, thrown } from './helpers';

describe('package build history', () => {
  it('returns recent successful durations per package, newest first, limited', () => {
    const store = open();
    [100, 200, 300, 400].forEach((d, i) =>
      store.packageBuilds.record({
        definitionId: 'def-a',
        packageName: 'core',
        workflowId: `wf-${i}`,
        status: 'succeeded',
        durationMs: d,
        finishedAt: at(i),
      }),
    );
    store.packageBuilds.record({
      definitionId: 'def-a',
      packageName: 'core',
      status: 'failed',
      durationMs: 5,
      finishedAt: at(10),
    });
    store.packageBuilds.record({
      definitionId: 'def-a',
      packageName: 'ui',
      status: 'succeeded',
      durationMs: 1000.4,
      finishedAt: at(1),
    });
    store.packageBuilds.record({
      definitionId: 'def-b',
      packageName: 'core',
      status: 'succeeded',
      durationMs: 9000,
      finishedAt: at(20),
    });
    store.packageBuilds.record({ packageName: 'docs', status: 'cancelled', durationMs: 50 });

    expect(store.packageBuilds.durationHistory()).toEqual(
      new Map([
        ['core', [9000, 400, 300, 200, 100]],
        ['ui', [1000]],
      ]),
    );
    expect(store.packageBuilds.durationHistory('def-a')).toEqual(
      new Map([
        ['core', [400, 300, 200, 100]],
        ['ui', [1000]],
      ]),
    );
    expect(store.packageBuilds.durationHistory('def-a', ['core', 'docs'], 2)).toEqual(
      new Map([['core', [400, 300]]]),
    );
    expect(store.packageBuilds.durationHistory(undefined, [])).toEqual(new Map());
    expect(
      thrown(() => store.packageBuilds.record({ packageName: 'x', status: 'succeeded', durationMs: -1 })),
    ).toMatchObject({ code: 'INVALID', path: 'durationMs' });
    expect(thrown(() => store.packageBuilds.durationHistory(undefined, undefined, 0))).toMatchObject({
      code: 'INVALID',
    });
  });
});

describe('settings', () => {
  it('stores JSON values by key', () => {
    const store = open();
    expect(store.settings.get('theme')).toBeUndefined();
    store.settings.set('theme', 'dark');
    store.settings.set('window', { width: 1200, height: 800 });
    store.settings.set('theme', 'light');
    expect(store.settings.get('theme')).toBe('light');
    expect(store.settings.get('window', z.object({ width: z.number(), height: z.number() }))).toEqual({
      width: 1200,
      height: 800,
    });
    expect(store.settings.get('theme', z.number())).toBeUndefined();
    expect(store.settings.delete('theme')).toBe(true);
    expect(store.settings.get('theme')).toBeUndefined();
    expect(thrown(() => store.settings.set('x', undefined))).toMatchObject({ code: 'INVALID' });
  });
});
