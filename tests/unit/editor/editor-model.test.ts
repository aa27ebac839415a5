import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkflowDefinitionSchema, type WorkflowDefinition } from '../../../src/core/definition';
import {
  ChangeError,
  addNodeChange,
  applyChanges,
  checkConnection,
  commit,
  copySelection,
  createHistory,
  deleteSelection,
  parseClipboard,
  pasteChanges,
  placeUnpositioned,
  redo,
  tidyUpChanges,
  undo,
} from '../../../src/core/editor';

const base: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Base',
  nodes: [
    { id: 'start', kind: 'start', data: {}, position: { x: 0, y: 0 } },
    { id: 'greet', kind: 'activity', data: { activity: 'greet' }, position: { x: 0, y: 100 } },
    { id: 'end', kind: 'end', data: {}, position: { x: 0, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'greet' },
    { id: 'e2', source: 'greet', target: 'end' },
  ],
  settings: {},
};

describe('applyChanges', () => {
  it('applies every change kind and its inverse restores the original exactly', () => {
    const { definition, inverse } = applyChanges(base, [
      { type: 'removeEdge', id: 'e2' },
      { type: 'addNode', node: { id: 'cond', kind: 'condition', data: { op: '==' } } },
      { type: 'addEdge', edge: { id: 'e3', source: 'greet', target: 'cond' } },
      { type: 'moveNode', id: 'greet', position: { x: 5, y: 6 } },
      { type: 'setNodeData', id: 'greet', data: { activity: 'writeReport' } },
      { type: 'setNodeLabel', id: 'greet', label: 'Say hi' },
      { type: 'setMeta', name: 'Renamed', description: 'about' },
      { type: 'setSettings', settings: { taskQueue: 'q' } },
    ]);
    expect(definition.name).toBe('Renamed');
    expect(definition.description).toBe('about');
    expect(definition.nodes.map((n) => n.id)).toEqual(['start', 'greet', 'end', 'cond']);
    expect(definition.nodes[1]).toEqual({
      id: 'greet',
      kind: 'activity',
      label: 'Say hi',
      data: { activity: 'writeReport' },
      position: { x: 5, y: 6 },
    });
    expect(definition.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(applyChanges(definition, inverse).definition).toEqual(base);
    // The input is never mutated.
    expect(base.nodes).toHaveLength(3);
  });

  it('refuses a change naming a missing element or duplicating an id, with the element named', () => {
    expect(() => applyChanges(base, [{ type: 'moveNode', id: 'nope', position: { x: 0, y: 0 } }])).toThrow(
      new ChangeError('no node "nope"'),
    );
    expect(() =>
      applyChanges(base, [{ type: 'addNode', node: { id: 'greet', kind: 'end', data: {} } }]),
    ).toThrow('a node "greet" already exists');
    expect(() => applyChanges(base, [{ type: 'removeNode', id: 'greet' }])).toThrow(
      'node "greet" still has edge "e1"',
    );
    expect(() =>
      applyChanges(base, [{ type: 'addEdge', edge: { id: 'x', source: 'start', target: 'ghost' } }]),
    ).toThrow('no node "ghost"');
  });
});

describe('history', () => {
  it('a bulk delete is one undo step and redo replays it', () => {
    let h = createHistory(base);
    h = commit(h, 'Delete', deleteSelection(base, ['greet']));
    expect(h.definition.nodes.map((n) => n.id)).toEqual(['start', 'end']);
    expect(h.definition.edges).toEqual([]);
    h = undo(h);
    expect(h.definition).toEqual(base);
    expect(h.future).toHaveLength(1);
    h = redo(h);
    expect(h.definition.nodes.map((n) => n.id)).toEqual(['start', 'end']);
    expect(h.past).toHaveLength(1);
  });

  it('a new step clears the redo log; undo with nothing to undo is a no-op', () => {
    let h = createHistory(base);
    expect(undo(h)).toBe(h);
    h = commit(h, 'Move', [{ type: 'moveNode', id: 'end', position: { x: 1, y: 1 } }]);
    h = undo(h);
    h = commit(h, 'Rename', [{ type: 'setMeta', name: 'X' }]);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });
});

describe('history merging', () => {
  it('consecutive steps with one merge key are one undo step', () => {
    let h = createHistory(base);
    h = commit(h, 'Edit', [{ type: 'setNodeData', id: 'greet', data: { activity: 'g' } }], 'greet.activity');
    h = commit(h, 'Edit', [{ type: 'setNodeData', id: 'greet', data: { activity: 'gr' } }], 'greet.activity');
    expect(h.past).toHaveLength(1);
    h = commit(h, 'Move', [{ type: 'moveNode', id: 'end', position: { x: 9, y: 9 } }]);
    h = commit(h, 'Edit', [{ type: 'setNodeData', id: 'greet', data: { activity: 'x' } }], 'greet.activity');
    expect(h.past).toHaveLength(3);
    h = undo(undo(undo(h)));
    expect(h.definition).toEqual(base);
  });
});

describe('checkConnection', () => {
  const withCondition = applyChanges(base, [
    { type: 'addNode', node: { id: 'cond', kind: 'condition', data: {} } },
  ]).definition;

  it('refuses illegal edges with a reason', () => {
    expect(checkConnection(base, { source: 'end', target: 'greet' })).toEqual({
      ok: false,
      reason: '"end" is a End node: nothing runs after it.',
    });
    expect(checkConnection(base, { source: 'greet', target: 'start' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('nothing can lead into it'),
    });
    expect(checkConnection(base, { source: 'greet', target: 'greet' })).toMatchObject({ ok: false });
    expect(checkConnection(base, { source: 'start', target: 'greet' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('already connected'),
    });
    expect(checkConnection(withCondition, { source: 'cond', target: 'greet' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"true" or "false" handle'),
    });
    expect(checkConnection(withCondition, { source: 'greet', target: 'end', branch: 'true' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses an edge that would close a cycle', () => {
    const def = applyChanges(base, [
      { type: 'addNode', node: { id: 'b', kind: 'activity', data: {} } },
      { type: 'addEdge', edge: { id: 'e9', source: 'greet', target: 'b' } },
    ]).definition;
    expect(checkConnection(def, { source: 'b', target: 'greet' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('cycle'),
    });
  });

  it('accepts a legal edge with a fresh id and the branch', () => {
    expect(checkConnection(withCondition, { source: 'cond', target: 'end', branch: 'true' })).toEqual({
      ok: true,
      edge: { id: 'e', source: 'cond', target: 'end', branch: 'true' },
    });
  });
});

describe('copy and paste', () => {
  it('pastes copied nodes with fresh ids and their inner edges, skipping a second start', () => {
    const clip = parseClipboard(JSON.stringify(copySelection(base, ['start', 'greet', 'end'])));
    expect(clip?.nodes).toHaveLength(3);
    const { changes, nodeIds } = pasteChanges(base, clip!);
    expect(nodeIds).toEqual(['greet2', 'end2']);
    const { definition } = applyChanges(base, changes);
    expect(definition.edges.at(-1)).toEqual({ id: 'e3', source: 'greet2', target: 'end2' });
    expect(definition.nodes.at(-1)?.position).toEqual({ x: 40, y: 240 });
    expect(WorkflowDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"format":"other"}')).toBeUndefined();
  });

  it('a new node takes its kind default data and a fresh id', () => {
    const change = addNodeChange(base, 'dynamicLoop', { x: 1, y: 2 });
    expect(change).toEqual({
      type: 'addNode',
      node: {
        id: 'dynamicLoop',
        kind: 'dynamicLoop',
        position: { x: 1, y: 2 },
        data: { maxConcurrent: 4, policy: 'critical-path-first', dependencyMode: 'on' },
      },
    });
  });
});

describe('tidy up', () => {
  it('lays out PackageBuilder top to bottom in flow order, as one change list', () => {
    const example = JSON.parse(readFileSync('examples/package-builder.json', 'utf8')) as WorkflowDefinition;
    const scrambled = { ...example, nodes: example.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    const { definition } = applyChanges(scrambled, tidyUpChanges(scrambled));
    const ys = definition.nodes.map((n) => n.position!.y);
    // start → graph → build → report → end: each strictly below the one before.
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThan(ys[i - 1]!);
    expect(tidyUpChanges(definition)).toEqual([]);
  });

  it('places only the nodes that have no position', () => {
    const partial = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'start' ? n : { ...n, position: undefined })),
    };
    const placed = placeUnpositioned(partial);
    expect(placed.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(placed.nodes[2]!.position!.y).toBeGreaterThan(placed.nodes[1]!.position!.y);
    expect(placeUnpositioned(base)).toBe(base);
  });
});
