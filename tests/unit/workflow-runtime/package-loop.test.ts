// Tier: quick (no server). The package loop's bookkeeping for skipped packages and remediation:
// a skipped package is recorded apart and unblocks its dependents; a failed build is remediated and
// built once more in the same slot. Only the workflow context is faked (workflow id, log, the
// cancellation scope) — the loop, the tracker and the outcome logic are the real ones; the same
// paths run on the real server in tests/integration/package-builder/skipped-remediation.test.ts.
import { ApplicationFailure } from '@temporalio/common';
import type * as Workflow from '@temporalio/workflow';
import { describe, expect, it, vi } from 'vitest';
import { DependencyGraph } from '../../../src/core/graph/dependency-graph';
import { isSkippedResult } from '../../../src/core/orchestration/child-result';
import {
  PackageLoop,
  type PackageChild,
  type RemediatePackage,
  type StartPackage,
} from '../../../src/workflow-runtime/package-loop';

vi.mock('@temporalio/workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof Workflow>();
  class Scope {
    consideredCancelled = false;
    run<T>(fn: () => Promise<T>): Promise<T> {
      return fn();
    }
    cancel(): void {
      this.consideredCancelled = true;
    }
    static current(): { consideredCancelled: boolean } {
      return { consideredCancelled: false };
    }
  }
  return {
    ...actual,
    CancellationScope: Scope,
    workflowInfo: () => ({ workflowId: 'parent', historyLength: 1, continueAsNewSuggested: false }),
    log: { info: () => undefined, warn: () => undefined },
  };
});

type Behaviour = (name: string, child: PackageChild) => unknown;

/** A fake child launcher: records each start and settles each child by `behaviour` on a later tick. */
function children(behaviour: Behaviour): { start: StartPackage; started: string[] } {
  const started: string[] = [];
  const start: StartPackage = (name, child) => {
    started.push(child.workflowId);
    return Promise.resolve({
      result: async () => {
        await new Promise((r) => setTimeout(r, 1));
        const value = behaviour(name, child);
        if (value instanceof Error) throw value;
        return value;
      },
    });
  };
  return { start, started };
}

const chain = DependencyGraph.fromPackages([
  { name: 'a' },
  { name: 'b', dependencies: ['a'] },
  { name: 'c', dependencies: ['b'] },
  { name: 'd' },
]);
const open = (n = 2): PackageLoop =>
  PackageLoop.open('build', chain, undefined, { maxConcurrent: n, policy: 'fifo', historyThreshold: 0 }, {});
const built = { build: { packageName: 'x', durationMs: 1 } };
const skipped = { build: { packageName: 'x', durationMs: 0, skipped: true } };

describe('isSkippedResult', () => {
  it('reads the flag on the result or on every node result that carries one', () => {
    expect(isSkippedResult({ skipped: true })).toBe(true);
    expect(isSkippedResult(skipped)).toBe(true);
    expect(isSkippedResult({ build: { skipped: true }, test: { skipped: true }, note: 'x' })).toBe(true);
    expect(isSkippedResult({ build: { skipped: true }, test: { skipped: false } })).toBe(false);
    expect(isSkippedResult({ build: { skipped: true }, test: { durationMs: 3 } })).toBe(true);
    expect(isSkippedResult(built)).toBe(false);
    expect(isSkippedResult(undefined)).toBe(false);
    expect(isSkippedResult([{ skipped: true }])).toBe(false);
    expect(isSkippedResult({ skipped: 'yes' })).toBe(false);
  });
});

describe('PackageLoop: skipped packages', () => {
  it('records a skipped package apart, and its dependents build', async () => {
    const loop = open();
    const { start, started } = children((name) => (name === 'a' ? skipped : built));
    await loop.build(start);
    const state = loop.describe();
    expect(state.skipped!.map((p) => p.name)).toEqual(['a']);
    expect(state.completed.map((p) => p.name).sort()).toEqual(['b', 'c', 'd']);
    expect(state.totals).toMatchObject({ packages: 4, completed: 3, skipped: 1, failed: 0, blocked: 0 });
    expect(started).toContain('parent/b#1');
    expect(started.indexOf('parent/b#1')).toBeGreaterThan(started.indexOf('parent/a#1'));
    const outcome = loop.close();
    expect(outcome).toMatchObject({ packages: 4, completed: 3, skipped: ['a'], failed: [], blocked: [] });
  });

  it('a checkpoint carries the skipped packages into the next run', async () => {
    const loop = open();
    await loop.build(children((name) => (name === 'd' ? skipped : built)).start);
    const json = JSON.parse(JSON.stringify(loop.checkpoint())) as ReturnType<PackageLoop['checkpoint']>;
    const restored = PackageLoop.open('build', undefined, json, loop.settings, {});
    expect(restored.describe().skipped!.map((p) => p.name)).toEqual(['d']);
    expect(restored.describe().totals).toMatchObject({ completed: 3, skipped: 1 });
  });

  it('a seed marks skipped packages skipped without building them', async () => {
    const loop = PackageLoop.open('build', chain, undefined, open().settings, {
      seed: { completed: ['a'], skipped: ['b'] },
    });
    const { start, started } = children(() => built);
    await loop.build(start);
    expect(started.sort()).toEqual(['parent/c#1', 'parent/d#1']);
    expect(loop.describe().skipped!.map((p) => p.name)).toEqual(['b']);
  });
});

describe('PackageLoop: remediation', () => {
  const boom = (): Error => ApplicationFailure.nonRetryable('stale dist', 'PackageBuildFailed');

  it('after a failed build: the remediation child, then one rebuild as the next attempt, in the same slot', async () => {
    const loop = open(1);
    const { start, started } = children((name, child) =>
      name === 'a' && child.attempt === 1 ? boom() : built,
    );
    const remediations: PackageChild[] = [];
    let activeDuringRemediation: unknown;
    const remediate: RemediatePackage = async (_name, child) => {
      remediations.push(child);
      activeDuringRemediation = loop.describe().active;
      await new Promise((r) => setTimeout(r, 1));
    };
    await loop.build(start, { remediate });
    expect(remediations).toEqual([{ workflowId: 'parent/a#1.remediation', attempt: 1 }]);
    expect(activeDuringRemediation).toEqual([
      expect.objectContaining({ name: 'a', childWorkflowId: 'parent/a#1.remediation', remediating: true }),
    ]);
    // N = 1: nothing else started while a was remediated; the rebuild came right after.
    expect(started.slice(0, 2)).toEqual(['parent/a#1', 'parent/a#2']);
    const state = loop.describe();
    expect(state.completed.find((p) => p.name === 'a')!.childWorkflowId).toBe('parent/a#2');
    expect(state.totals).toMatchObject({ completed: 4, failed: 0, blocked: 0 });
  });

  it('a remediation that fails leaves the package failed with both errors, and no rebuild', async () => {
    const loop = open();
    const { start, started } = children((name) => (name === 'a' ? boom() : built));
    const remediate: RemediatePackage = () => Promise.reject(ApplicationFailure.nonRetryable('rm: denied'));
    await loop.build(start, { remediate });
    const state = loop.describe();
    expect(state.failed).toEqual([
      {
        name: 'a',
        error: 'stale dist; remediation failed: rm: denied',
        childWorkflowId: 'parent/a#1.remediation',
      },
    ]);
    expect(state.blocked.map((b) => b.name).sort()).toEqual(['b', 'c']);
    expect(started.filter((id) => id.startsWith('parent/a'))).toEqual(['parent/a#1']);
  });

  it('a rebuild that fails again is final: one remediation per failure, not a loop', async () => {
    const loop = open();
    const { start, started } = children((name) => (name === 'a' ? boom() : built));
    const remediate = vi.fn<RemediatePackage>(() => Promise.resolve());
    await loop.build(start, { remediate });
    expect(remediate).toHaveBeenCalledTimes(1);
    expect(started.filter((id) => id.startsWith('parent/a'))).toEqual(['parent/a#1', 'parent/a#2']);
    expect(loop.describe().failed).toEqual([
      { name: 'a', error: 'stale dist', childWorkflowId: 'parent/a#2' },
    ]);
  });

  it('without remediation a failure is final at once', async () => {
    const loop = open();
    const { start, started } = children((name) => (name === 'a' ? boom() : built));
    await loop.build(start);
    expect(started.filter((id) => id.startsWith('parent/a'))).toEqual(['parent/a#1']);
    expect(loop.describe().totals).toMatchObject({ completed: 1, failed: 1, blocked: 2 });
  });
});
