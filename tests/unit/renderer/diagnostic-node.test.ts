/**
 * Proves that a compile error leads back to its node (src/renderer/src/editor/diagnostic-node.ts):
 * by its nodeId, else by the node index in its path, in the diagnostics' form (`nodes[2]…`) and
 * in a refused request's (`definition.nodes.2…`). Quick tier.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticNodeId } from '../../../src/renderer/src/editor/diagnostic-node';

const definition = { nodes: [{ id: 'start' }, { id: 'graph' }, { id: 'build' }] } as Parameters<
  typeof diagnosticNodeId
>[1];

describe('diagnosticNodeId', () => {
  it('uses the nodeId, else the path’s node index', () => {
    expect(diagnosticNodeId({ nodeId: 'graph', path: 'nodes[2].data' }, definition)).toBe('graph');
    expect(diagnosticNodeId({ path: 'nodes[2].data.maxConcurrent' }, definition)).toBe('build');
    expect(
      diagnosticNodeId(
        {
          path: 'Invalid compiler.compile request: definition.nodes.2.data.maxConcurrent: must be at least 1',
        },
        definition,
      ),
    ).toBe('build');
  });

  it('is undefined for paths outside the nodes or an index past the end', () => {
    expect(diagnosticNodeId({ path: 'settings.inputs[0].name' }, definition)).toBeUndefined();
    expect(diagnosticNodeId({ path: 'nodes[7].data' }, definition)).toBeUndefined();
    expect(diagnosticNodeId({ path: 'edges[0]' }, null)).toBeUndefined();
  });
});
