import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  NODE_KINDS,
  NODE_KIND_NAMES,
  WorkflowDefinitionSchema,
  validateDefinition,
  type WorkflowDefinition,
} from '../../../src/core/definition';

const minimal: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Minimal',
  nodes: [
    { id: 'start', kind: 'start', data: {} },
    { id: 'end', kind: 'end', data: {} },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'end' }],
  settings: {},
};

describe('WorkflowDefinitionSchema (the stored envelope)', () => {
  it('accepts the minimal definition unchanged (no defaults are added)', () => {
    expect(WorkflowDefinitionSchema.parse(minimal)).toEqual(minimal);
  });

  it('accepts a draft: a node whose required fields are not set yet', () => {
    const draft = { ...minimal, nodes: [...minimal.nodes, { id: 'n1', kind: 'activity', data: {} }] };
    expect(WorkflowDefinitionSchema.safeParse(draft).success).toBe(true);
  });

  it('refuses unknown fields, unknown kinds and wrongly typed data, naming the path', () => {
    const issues = (value: unknown): string[] =>
      WorkflowDefinitionSchema.safeParse(value).error?.issues.map(
        (i) => `${i.path.join('.')}: ${i.message}`,
      ) ?? [];
    expect(issues({ ...minimal, extra: 1 })).toEqual([': Unrecognized key: "extra"']);
    expect(issues({ ...minimal, nodes: [{ id: 'x', kind: 'teleport', data: {} }] })[0]).toMatch(
      /^nodes\.0\.kind: /,
    );
    expect(
      issues({ ...minimal, nodes: [{ id: 'x', kind: 'dynamicLoop', data: { maxConcurrent: 100 } }] }),
    ).toEqual(['nodes.0.data.maxConcurrent: must be at most 64']);
    expect(
      issues({
        ...minimal,
        nodes: [{ id: 'x', kind: 'activity', data: { activity: 'greet', bogus: true } }],
      }),
    ).toEqual(['nodes.0.data: Unrecognized key: "bogus"']);
    expect(
      issues({ ...minimal, edges: [{ id: 'e', source: 'a', target: 'b', branch: 'maybe' }] })[0],
    ).toMatch(/^edges\.0\.branch/);
  });

  it('reports the node id path first for a node without an id (the store relies on it)', () => {
    const result = WorkflowDefinitionSchema.safeParse({ ...minimal, nodes: [{ id: 7 }] });
    expect(result.error?.issues[0]?.path).toEqual(['nodes', 0, 'id']);
  });
});

describe('node kind modules', () => {
  it('each has a strict schema, default data the draft schema accepts, and display metadata', () => {
    for (const kind of NODE_KIND_NAMES) {
      const module = NODE_KINDS[kind];
      expect(module.kind).toBe(kind);
      expect(module.display.label.length).toBeGreaterThan(0);
      expect(module.display.description.length).toBeGreaterThan(10);
      expect(module.draftSchema.safeParse(module.defaultData).success, kind).toBe(true);
      expect(module.schema.safeParse({ ...module.defaultData, notAField: 1 }).success, kind).toBe(false);
    }
  });

  it('describes every field (the inspector shows the descriptions)', () => {
    for (const kind of NODE_KIND_NAMES) {
      const json = z.toJSONSchema(NODE_KINDS[kind].schema) as {
        properties?: Record<string, { description?: string }>;
      };
      for (const [field, schema] of Object.entries(json.properties ?? {})) {
        expect(schema.description, `${kind}.${field}`).toBeTruthy();
      }
    }
  });

  it('a new node of every kind, dropped on the canvas, is a valid draft of the whole definition', () => {
    const nodes = NODE_KIND_NAMES.map((kind) => ({
      id: kind,
      kind,
      data: NODE_KINDS[kind].defaultData as Record<string, unknown>,
    }));
    expect(WorkflowDefinitionSchema.safeParse({ ...minimal, nodes }).success).toBe(true);
  });
});

describe('validateDefinition on the minimal definition', () => {
  it('has no diagnostics and returns the structured body', () => {
    const check = validateDefinition(minimal);
    expect(check.diagnostics).toEqual([]);
    expect(check.body).toEqual([
      { type: 'node', nodeId: 'start' },
      { type: 'node', nodeId: 'end' },
    ]);
  });
});
