/**
 * Quick tier (unit; .tsx so it is type-checked with the renderer, whose types it uses). Proves the zoomed-out edges drawn as one path take the curves React Flow's
 * default edge draws: a Bézier from the source handle's outer edge to the target handle's, the
 * named handle of a condition's branch, the side's middle for a node not measured yet, and no
 * segment for an edge whose node is missing or hidden.
 */
import { Position, getBezierPath, type Edge, type InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { edgesPath } from '../../../src/renderer/src/components/run-graph/edges-path';

type Bounds = { id: string | null; x: number; y: number; width: number; height: number; position: Position };

function node(
  id: string,
  at: { x: number; y: number },
  handles?: { source: Bounds[]; target: Bounds[] },
  hidden = false,
): InternalNode {
  return {
    id,
    position: at,
    data: {},
    hidden,
    measured: { width: 200, height: 60 },
    internals: {
      positionAbsolute: at,
      z: 0,
      userNode: { id, position: at, data: {} },
      handleBounds: handles
        ? {
            source: handles.source.map((h) => ({ ...h, type: 'source' as const, nodeId: id })),
            target: handles.target.map((h) => ({ ...h, type: 'target' as const, nodeId: id })),
          }
        : undefined,
    },
  } as InternalNode;
}

const bottom: Bounds = { id: null, x: 94, y: 54, width: 12, height: 12, position: Position.Bottom };
const top: Bounds = { id: null, x: 94, y: -6, width: 12, height: 12, position: Position.Top };
const bezier = (sx: number, sy: number, tx: number, ty: number) =>
  getBezierPath({
    sourceX: sx,
    sourceY: sy,
    sourcePosition: Position.Bottom,
    targetX: tx,
    targetY: ty,
    targetPosition: Position.Top,
  })[0];

describe('edgesPath', () => {
  it('draws each edge from the source handle to the target handle as React Flow does', () => {
    const lookup = new Map([
      ['a', node('a', { x: 0, y: 0 }, { source: [bottom], target: [top] })],
      ['b', node('b', { x: 300, y: 200 }, { source: [bottom], target: [top] })],
    ]);
    const edges: Edge[] = [{ id: 'e', source: 'a', target: 'b' }];
    expect(edgesPath(edges, lookup)).toBe(bezier(100, 66, 400, 194));
  });

  it("uses a branch's own handle", () => {
    const t: Bounds = { ...bottom, id: 'true', x: 54 };
    const f: Bounds = { ...bottom, id: 'false', x: 134 };
    const lookup = new Map([
      ['c', node('c', { x: 0, y: 0 }, { source: [t, f], target: [top] })],
      ['d', node('d', { x: 0, y: 200 }, { source: [bottom], target: [top] })],
    ]);
    expect(edgesPath([{ id: 'e', source: 'c', target: 'd', sourceHandle: 'false' }], lookup)).toBe(
      bezier(140, 66, 100, 194),
    );
  });

  it('falls back to the middle of the side for unmeasured handles, and skips missing or hidden nodes', () => {
    const lookup = new Map([
      ['a', node('a', { x: 0, y: 0 })],
      ['b', node('b', { x: 0, y: 100 })],
      ['h', node('h', { x: 0, y: 300 }, undefined, true)],
    ]);
    const edges: Edge[] = [
      { id: '1', source: 'a', target: 'b' },
      { id: '2', source: 'a', target: 'gone' },
      { id: '3', source: 'b', target: 'h' },
    ];
    expect(edgesPath(edges, lookup)).toBe(bezier(100, 60, 100, 100));
  });
});
