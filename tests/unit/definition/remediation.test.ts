// Tier: quick (pure). The dynamic loop's remediation option: off unless set, a command *name* of
// the Settings allow-list (never a program and its arguments), with help text for the generated
// property form.
import { describe, expect, it } from 'vitest';
import { DynamicLoopDataSchema, validateDefinition } from '../../../src/core/definition';

const loop = (data: Record<string, unknown>): unknown => ({
  schemaVersion: 1,
  name: 'Remediation',
  nodes: [
    { id: 'start', kind: 'start', data: {} },
    { id: 'graph', kind: 'dependencyGraph', data: { source: { type: 'inline', packages: [{ name: 'a' }] } } },
    {
      id: 'build',
      kind: 'dynamicLoop',
      data: { graph: 'graph', child: { workflowType: 'Build_v1' }, maxConcurrent: 2, ...data },
    },
    { id: 'end', kind: 'end', data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'graph' },
    { id: 'e2', source: 'graph', target: 'build' },
    { id: 'e3', source: 'build', target: 'end' },
  ],
  settings: {},
});

describe('dynamicLoop remediation', () => {
  it('is optional, and accepts a command name', () => {
    expect(validateDefinition(loop({})).diagnostics).toEqual([]);
    expect(validateDefinition(loop({ remediation: { command: 'clean' } })).diagnostics).toEqual([]);
  });

  it('refuses a program with arguments, an empty name and unknown fields, naming the field', () => {
    for (const remediation of [
      { command: 'rm -rf dist' },
      { command: '' },
      { command: ['rm', '-rf'] },
      { command: 'clean', args: ['x'] },
      {},
    ]) {
      const { diagnostics } = validateDefinition(loop({ remediation }));
      expect(diagnostics.length, JSON.stringify(remediation)).toBeGreaterThan(0);
      expect(diagnostics.map((d) => `${d.nodeId} ${String(d.path)}`).join('\n')).toMatch(
        /^build nodes\[2\]\.data\.remediation/m,
      );
    }
  });

  it('carries help text for the property form', () => {
    const shape = DynamicLoopDataSchema.shape.remediation;
    expect(shape.description).toMatch(/^Off unless set/);
    expect(shape.unwrap().shape.command.description).toMatch(/Settings → Commands/);
  });
});
