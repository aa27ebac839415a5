import { describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../../../src/core/ipc';
import { runGraphOf } from '../../../src/main/run-view/run-graph';

const stored = (nodes: unknown[]): StoredDefinition =>
  ({
    id: 'd',
    version: 1,
    name: 'x',
    definition: { schemaVersion: 1, name: 'x', nodes, edges: [], settings: {} },
  }) as unknown as StoredDefinition;

describe('runGraphOf', () => {
  it('says a workflow without a package loop has no graph (its run answers no package-state query)', () => {
    const graph = runGraphOf(
      stored([
        { id: 'start', kind: 'start', data: {} },
        { id: 'greet', kind: 'activity', data: { activity: 'greet', args: ['Ada'] } },
        { id: 'end', kind: 'end', data: {} },
      ]),
    );
    expect(graph).toEqual({ source: 'none', packages: [] });
  });

  it('leaves a loop over a graph read at run time to the names the run reports', () => {
    const graph = runGraphOf(
      stored([
        { id: 'graph', kind: 'dependencyGraph', data: { source: { type: 'input', input: 'packages' } } },
        { id: 'build', kind: 'dynamicLoop', data: {} },
      ]),
    );
    expect(graph).toBeUndefined();
  });

  it('does not guess without the definition', () => {
    expect(runGraphOf(undefined)).toBeUndefined();
  });
});
