import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition/workflow-definition';
import { CHANNELS } from '../../../src/core/ipc';
import { DEFINITION_LIMITS, JSON_FIELD_LIMITS, PAYLOAD_LIMITS } from '../../../src/core/json/json-limits';
import { classifyServiceError } from '../../../src/main/ipc/classify-error';
import { createDispatcher, type Dispatch, type Handlers } from '../../../src/main/ipc/dispatcher';
import { createDefinitionsHandlers } from '../../../src/main/ipc/handlers/definitions-handlers';
import type { Store } from '../../../src/main/store';
import { open } from '../store/helpers';

/**
 * Limits on free-form JSON through the real dispatcher and store: a refused request is a clear
 * INVALID_INPUT naming the field and the limit, never a crash, and writes nothing.
 */

const startedRuns: unknown[] = [];

function setup(): { store: Store; dispatch: Dispatch } {
  const store = open();
  const unused = (): never => {
    throw new Error('not used in this test');
  };
  const handlers = {
    ...(Object.fromEntries(CHANNELS.map((c) => [c, unused])) as unknown as Handlers),
    ...createDefinitionsHandlers(store),
    'runs.start': (request: unknown) => {
      startedRuns.push(request);
      return unused();
    },
  } as Handlers;
  return { store, dispatch: createDispatcher(handlers, classifyServiceError) };
}

function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A definition whose activity node carries `args`. */
function withArgs(args: unknown[], extra: Record<string, unknown> = {}): WorkflowDefinition {
  return {
    schemaVersion: 1,
    name: 'Limits',
    nodes: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'act', kind: 'activity', data: { activity: 'noop', args: args as never } },
    ],
    edges: [{ id: 'e0', source: 'start', target: 'act' }],
    settings: {},
    ...extra,
  };
}

/** A string whose JSON text is exactly `bytes` bytes (quotes included). */
function jsonStringOfBytes(bytes: number): string {
  return 'x'.repeat(bytes - 2);
}

function rowCount(store: Store): number {
  return store.transaction(() => store.definitions.list().length);
}

describe('free-form JSON limits through the dispatcher', () => {
  it('refuses nesting 10,000 deep (~20 KB) in activity args cleanly, writing nothing', async () => {
    const { store, dispatch } = setup();
    // As it arrives from a WebSocket: JSON.parse copes with the depth (JSON.stringify does not).
    const text = '['.repeat(10_000) + '0' + ']'.repeat(10_000);
    expect(text.length).toBeLessThan(21_000);
    const deep: unknown = JSON.parse(text);
    const reply = await dispatch('definitions.save', { definition: withArgs([deep]) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (reply.ok) return;
    expect(reply.error.message).toContain(`deeper than the limit of ${PAYLOAD_LIMITS.maxDepth} levels`);
    expect(reply.error.message).toMatch(/^Invalid definitions\.save request: definition\.nodes\.1\.data\.args\.0/);
    expect(rowCount(store)).toBe(0);
  });

  it('takes args nested to the field limit and refuses one level more, naming the field', async () => {
    const { store, dispatch } = setup();
    const max = JSON_FIELD_LIMITS.maxDepth;
    expect(await dispatch('definitions.save', { definition: withArgs([nested(max)]) })).toMatchObject({ ok: true });
    const reply = await dispatch('definitions.save', { definition: withArgs([nested(max + 1)]) });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        path: 'definition.nodes.1.data.args.0',
        message: `Invalid definitions.save request: definition.nodes.1.data.args.0: is JSON nested deeper than the limit of ${max} levels`,
      },
    });
    expect(rowCount(store)).toBe(1);
  });

  it('refuses a 7.9 MB field and stores nothing', async () => {
    const { store, dispatch } = setup();
    const reply = await dispatch('definitions.save', { definition: withArgs(['x'.repeat(7_900_000)]) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'definition.nodes.1.data.args.0' } });
    if (!reply.ok) expect(reply.error.message).toContain('is JSON larger than the limit of 2 MiB (2,097,152 bytes)');
    expect(rowCount(store)).toBe(0);
  });

  it('takes a field of exactly the size limit and refuses one byte more', async () => {
    const { dispatch } = setup();
    const max = JSON_FIELD_LIMITS.maxBytes;
    expect(await dispatch('definitions.save', { definition: withArgs([jsonStringOfBytes(max)]) })).toMatchObject({ ok: true });
    expect(await dispatch('definitions.save', { definition: withArgs([jsonStringOfBytes(max + 1)]) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'definition.nodes.1.data.args.0' },
    });
  });

  it('caps input defaults and child inputs the same way', async () => {
    const { dispatch } = setup();
    const tooDeep = nested(JSON_FIELD_LIMITS.maxDepth + 1);
    const inputs = { inputs: [{ name: 'cfg', type: 'json', default: tooDeep }] };
    expect(await dispatch('definitions.save', { definition: withArgs([], { settings: inputs }) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'definition.settings.inputs.0.default' },
    });
    const child = withArgs([]);
    child.nodes.push({ id: 'child', kind: 'childWorkflow', data: { input: { cfg: tooDeep } } as never });
    expect(await dispatch('definitions.save', { definition: child })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'definition.nodes.2.data.input.cfg' },
    });
  });

  it('takes a whole definition of exactly the definition limit and refuses one byte more', async () => {
    const { store, dispatch } = setup();
    const max = DEFINITION_LIMITS.maxBytes;
    // Three args under the field limit each, sized so the stored JSON is exactly `size` bytes.
    const ofSize = (size: number): WorkflowDefinition => {
      const frame = Buffer.byteLength(JSON.stringify(withArgs(['', '', ''])));
      const rest = size - frame; // bytes the three strings add beyond their quotes
      const third = Math.floor(rest / 3);
      const definition = withArgs(['x'.repeat(third), 'x'.repeat(third), 'x'.repeat(rest - 2 * third)]);
      expect(Buffer.byteLength(JSON.stringify(definition))).toBe(size);
      return definition;
    };
    expect(await dispatch('definitions.save', { definition: ofSize(max) })).toMatchObject({ ok: true });
    const reply = await dispatch('definitions.save', { definition: ofSize(max + 1) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'definition' } });
    if (!reply.ok) expect(reply.error.message).toContain('the definition is JSON larger than the limit of 4 MiB (4,194,304 bytes)');
    expect(rowCount(store)).toBe(1);
  });

  it('still saves and reads back a 2,000-package inline definition', async () => {
    const { store, dispatch } = setup();
    const packages = Array.from({ length: 2000 }, (_, i) => ({
      name: `@acme/package-${String(i).padStart(4, '0')}`,
      dependencies: [1, 2, 3, 7].filter((d) => i - d >= 0).map((d) => `@acme/package-${String(i - d).padStart(4, '0')}`),
      estimatedDurationMs: 30_000 + i,
    }));
    const definition: WorkflowDefinition = {
      schemaVersion: 1,
      name: 'Monorepo',
      nodes: [
        { id: 'start', kind: 'start', data: {} },
        { id: 'graph', kind: 'dependencyGraph', data: { source: { type: 'inline', packages } } },
      ],
      edges: [{ id: 'e0', source: 'start', target: 'graph' }],
      settings: {},
    };
    const saved = await dispatch('definitions.save', { definition });
    expect(saved).toMatchObject({ ok: true });
    if (!saved.ok) return;
    const id = (saved.value as { id: string }).id;
    const read = store.definitions.get(id);
    expect((read.definition.nodes[1]?.data as { source: { packages: unknown[] } }).source.packages).toHaveLength(2000);
    // Also as a run input of type packages: under the field limit.
    startedRuns.length = 0;
    await dispatch('runs.start', { definitionId: id, input: { packages } });
    expect(startedRuns).toHaveLength(1);
  });

  it('caps run inputs, naming the input', async () => {
    const { dispatch } = setup();
    startedRuns.length = 0;
    const reply = await dispatch('runs.start', { definitionId: 'd', input: { cfg: nested(JSON_FIELD_LIMITS.maxDepth + 1) } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'input.cfg' } });
    expect(startedRuns).toHaveLength(0);
  });

  it('refuses a payload over the 8 MiB request limit before parsing it', async () => {
    const { dispatch } = setup();
    startedRuns.length = 0;
    const part = 'x'.repeat(JSON_FIELD_LIMITS.maxBytes - 100);
    const input = { a: part, b: part, c: part, d: part, e: part };
    const reply = await dispatch('runs.start', { definitionId: 'd', input });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!reply.ok) expect(reply.error.message).toContain('larger than the limit of 8 MiB (8,388,608 bytes)');
    expect(startedRuns).toHaveLength(0);
  });
});
