import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition/workflow-definition';
import { DEFAULT_KEEP_VERSIONS, KEEP_VERSIONS_SETTING } from '../../../src/main/store/definitions-repository';
import { open, sampleDefinition } from './helpers';

function versionsOf(store: ReturnType<typeof open>, id: string): number[] {
  return store.definitions.versions(id).map((v) => v.version).sort((a, b) => a - b);
}

function saveTimes(store: ReturnType<typeof open>, id: string, times: number, definition = sampleDefinition()): void {
  for (let i = 0; i < times; i++) store.definitions.save({ id, definition: { ...definition, name: `v${i}` } });
}

describe('stored versions per definition', () => {
  it(`keeps the newest ${DEFAULT_KEEP_VERSIONS} by default and prunes older ones on save`, () => {
    const store = open();
    const { id } = store.definitions.save({ definition: sampleDefinition() });
    saveTimes(store, id, DEFAULT_KEEP_VERSIONS - 1);
    expect(versionsOf(store, id)).toHaveLength(DEFAULT_KEEP_VERSIONS); // exactly K: nothing pruned yet
    saveTimes(store, id, 10);
    const kept = versionsOf(store, id);
    expect(kept).toHaveLength(DEFAULT_KEEP_VERSIONS);
    expect(kept[0]).toBe(11);
    expect(kept.at(-1)).toBe(DEFAULT_KEEP_VERSIONS + 10);
    expect(store.definitions.get(id).version).toBe(DEFAULT_KEEP_VERSIONS + 10);
  });

  it('follows the setting, and never prunes a version a stored run refers to', () => {
    const store = open();
    store.settings.set(KEEP_VERSIONS_SETTING, 3);
    const { id } = store.definitions.save({ definition: sampleDefinition() });
    saveTimes(store, id, 1); // version 2
    store.runs.upsert({
      workflowId: 'wf-1',
      runId: 'r1',
      definitionId: id,
      definitionVersion: 2,
      workflowType: 'generatedWorkflow',
      taskQueue: 'wb',
      status: 'completed',
      startedAt: '2025-01-01T00:00:00.000Z',
      closedAt: '2025-01-01T00:01:00.000Z',
    });
    saveTimes(store, id, 8); // versions 3..10
    expect(versionsOf(store, id)).toEqual([2, 8, 9, 10]);
    // The run's version still reads back, whole.
    expect(store.definitions.get(id, 2).definition.name).toBe('v0');
  });

  it('never prunes a version a child-workflow node pins', () => {
    const store = open();
    store.settings.set(KEEP_VERSIONS_SETTING, 2);
    const { id: childId } = store.definitions.save({ definition: sampleDefinition('Child') });
    const parent: WorkflowDefinition = {
      ...sampleDefinition('Parent'),
      nodes: [
        { id: 'n0', kind: 'start', data: {} },
        { id: 'n1', kind: 'childWorkflow', data: { workflow: { definitionId: childId, version: 1 } } },
      ],
    };
    store.definitions.save({ definition: parent });
    saveTimes(store, childId, 5);
    expect(versionsOf(store, childId)).toEqual([1, 5, 6]);
  });

  it('keeps every version when the setting holds nonsense', () => {
    const store = open();
    store.settings.set(KEEP_VERSIONS_SETTING, 'few');
    const { id } = store.definitions.save({ definition: sampleDefinition() });
    saveTimes(store, id, 60);
    expect(versionsOf(store, id)).toHaveLength(61);
  });
});
