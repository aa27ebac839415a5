import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition';
import {
  definitionFileName,
  definitionFileText,
  fromPortable,
  parseDefinitionFile,
  portableName,
  referencedDefinitionIds,
  toPortable,
} from '../../../src/renderer/src/lib/definition-file';

const parent = JSON.parse(readFileSync('examples/package-builder.json', 'utf8')) as WorkflowDefinition;

describe('definition files', () => {
  it('a parent refers to its children by stable name in a file and by id in a store', () => {
    const stored = fromPortable(parent, new Map([['package-build', 'uuid-1']])) as WorkflowDefinition;
    expect(referencedDefinitionIds(stored)).toEqual(['uuid-1']);
    const file = toPortable(stored, new Map([['uuid-1', portableName({ name: 'PackageBuild' })]]));
    expect(file).toEqual(parent);
    expect(definitionFileText(file)).toBe(definitionFileText(parent));
  });

  it('writes keys in the schema’s order, so a round trip through the store is byte-equal', () => {
    const shuffled = {
      settings: parent.settings,
      edges: parent.edges,
      nodes: parent.nodes,
      name: parent.name,
      schemaVersion: 1,
      description: parent.description,
    } as WorkflowDefinition;
    expect(definitionFileText(shuffled)).toBe(definitionFileText(parent));
    expect(definitionFileText(parent).endsWith('}\n')).toBe(true);
  });

  it('names files after the workflow and reports a file that is not JSON', () => {
    expect(definitionFileName({ name: 'PackageBuilder: demo!' })).toBe('package-builder-demo.json');
    expect(definitionFileName({ name: '***' })).toBe('workflow.json');
    expect(parseDefinitionFile('{')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a JSON file'),
    });
  });
});
