import { describe, expect, it, vi } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition';
import type { WorkflowBuilderApi } from '../../../src/core/ipc/api';
import type { Channel } from '../../../src/core/ipc/channels';
import { fail, ok, type IpcResult } from '../../../src/core/ipc/result';
import { initialText, inputText, parseRunInputs } from '../../../src/renderer/src/editor/run-inputs';
import { fieldErrorsOf } from '../../../src/renderer/src/editor/field-errors';
import { createEditorStore, isDirty } from '../../../src/renderer/src/stores/editor-store';

const def: WorkflowDefinition = {
  schemaVersion: 1,
  name: 'Three',
  nodes: [
    { id: 'start', kind: 'start', data: {}, position: { x: 0, y: 0 } },
    { id: 'greet', kind: 'activity', data: { activity: 'greet', args: ['x'] }, position: { x: 0, y: 100 } },
    { id: 'end', kind: 'end', data: {}, position: { x: 0, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'greet' },
    { id: 'e2', source: 'greet', target: 'end' },
  ],
  settings: {},
};

const stored = (version: number, definition = def) => ({
  id: 'd1',
  name: definition.name,
  version,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  definition,
});

/** An API answering from a handler table; records every call. */
function fakeApi(handlers: Partial<Record<Channel, (request: never) => IpcResult<unknown>>>) {
  const calls: { channel: Channel; request: unknown }[] = [];
  const api = {
    invoke: (channel: Channel, request: unknown) => {
      calls.push({ channel, request });
      const handler = handlers[channel] as ((r: unknown) => IpcResult<unknown>) | undefined;
      return Promise.resolve(handler ? handler(request) : fail('INTERNAL', `no fake for ${channel}`));
    },
    on: () => () => undefined,
  } as unknown as WorkflowBuilderApi;
  return { api, calls };
}

const defaults = {
  'definitions.get': () => ok(stored(1)),
  'definitions.versions': () => ok([]),
  'compiler.compile': () => ok({ code: '// code', diagnostics: [] }),
};

async function loaded(extra: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({ ...defaults, ...extra });
  const store = createEditorStore({ api: fake.api, debounceMs: 0 });
  await store.getState().actions.load('d1');
  return { store, ...fake };
}

describe('editor store', () => {
  it('loads a definition, with its diagnostics and its code', async () => {
    const { store } = await loaded();
    await vi.waitFor(() => expect(store.getState().code.code).toBe('// code'));
    expect(store.getState().status).toBe('ready');
    expect(store.getState().diagnostics).toEqual([]);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('a paste of two nodes is one undo step, and redo brings both back', async () => {
    const { store } = await loaded();
    const a = store.getState().actions;
    a.select(['greet', 'end']);
    const text = a.copySelection();
    a.paste(text);
    expect(store.getState().history!.definition.nodes.map((n) => n.id)).toEqual([
      'start',
      'greet',
      'end',
      'greet2',
      'end2',
    ]);
    expect(store.getState().selection.nodes).toEqual(['greet2', 'end2']);
    a.undo();
    expect(store.getState().history!.definition).toEqual(def);
    // The pasted nodes are gone, and so is their selection (a later click must not add to it).
    expect(store.getState().selection.nodes).toEqual([]);
    a.redo();
    expect(store.getState().history!.definition.nodes).toHaveLength(5);
  });

  it('refuses an illegal connection with its reason as a notice', async () => {
    const { store } = await loaded();
    const reason = store.getState().actions.connect({ source: 'end', target: 'greet' });
    expect(reason).toBe('"end" is a End node: nothing runs after it.');
    expect(store.getState().notice).toBe(reason);
    expect(store.getState().history!.past).toHaveLength(0);
  });

  it('edits report live diagnostics on the field after the debounce', async () => {
    const { store } = await loaded();
    store.getState().actions.addNode('dynamicLoop', { x: 0, y: 0 });
    await vi.waitFor(() =>
      expect(fieldErrorsOf(store.getState().diagnostics, 'dynamicLoop').get('graph')).toEqual([
        'is required',
      ]),
    );
  });

  it('the compiler’s own findings (e.g. an unknown child workflow) join the problems, once', async () => {
    const unknownChild = {
      code: 'unknown-child-workflow',
      severity: 'error' as const,
      nodeId: 'greet',
      path: 'nodes[1].data.workflow',
      message: 'no stored definition "x"',
    };
    const { store } = await loaded({
      'compiler.compile': () => ok({ code: null, diagnostics: [unknownChild] }),
    });
    await vi.waitFor(() => expect(store.getState().diagnostics).toEqual([unknownChild]));
    await store.getState().actions.refreshCode();
    expect(store.getState().diagnostics).toEqual([unknownChild]);
  });

  it('a definition the live checks reject is not sent to the compiler: its errors stand in for the code', async () => {
    const { store, calls } = await loaded();
    await vi.waitFor(() => expect(store.getState().code.code).toBe('// code'));
    const compiles = () => calls.filter((c) => c.channel === 'compiler.compile').length;
    const before = compiles();
    store
      .getState()
      .actions.apply('Edit', [
        { type: 'setNodeData', id: 'greet', data: { activity: 'greet', args: [{ $ref: '$input.nope' }] } },
      ]);
    await vi.waitFor(() => expect(store.getState().code.diagnostics).toHaveLength(1));
    expect(store.getState().code).toMatchObject({ status: 'ready', code: null });
    expect(store.getState().code.diagnostics[0]).toMatchObject({ nodeId: 'greet', severity: 'error' });
    expect(compiles()).toBe(before);
    store.getState().actions.undo();
    await vi.waitFor(() => expect(store.getState().code.code).toBe('// code'));
    expect(compiles()).toBe(before + 1);
  });

  it('saves with the version it was based on; a conflict is reported, not overwritten', async () => {
    let version = 1;
    const { store, calls } = await loaded({
      'definitions.save': (request: { expectedVersion?: number }) =>
        request.expectedVersion === version
          ? ok({ ...stored(++version), definition: undefined })
          : fail('CONFLICT', `definition d1 is at version ${version}, not ${request.expectedVersion}`),
    });
    const a = store.getState().actions;
    a.apply('Rename', [{ type: 'setMeta', name: 'Renamed' }]);
    expect(isDirty(store.getState())).toBe(true);
    await a.save();
    expect(calls.filter((c) => c.channel === 'definitions.save').at(-1)?.request).toMatchObject({
      id: 'd1',
      expectedVersion: 1,
    });
    expect(store.getState().summary?.version).toBe(2);
    expect(isDirty(store.getState())).toBe(false);
    version = 5; // someone else saved meanwhile
    a.apply('Rename', [{ type: 'setMeta', name: 'Again' }]);
    await a.save();
    expect(store.getState().save.status).toBe('conflict');
    expect(store.getState().history!.definition.name).toBe('Again');
  });

  it('an older version opens read-only: edits are ignored until it is restored', async () => {
    const fake = fakeApi({
      ...defaults,
      'definitions.get': (r: { version?: number }) => ok(stored(r.version ?? 3)),
    });
    const store = createEditorStore({ api: fake.api, debounceMs: 0 });
    await store.getState().actions.load('d1', 1);
    expect(store.getState().readOnlyVersion).toBe(1);
    store.getState().actions.apply('Rename', [{ type: 'setMeta', name: 'nope' }]);
    expect(store.getState().history!.definition.name).toBe('Three');
  });
});

describe('run inputs', () => {
  const specs = [
    { name: 'root', type: 'string' as const, required: true },
    { name: 'n', type: 'number' as const },
    { name: 'failures', type: 'json' as const },
  ];
  it('parses typed values and leaves empty optional ones out', () => {
    expect(parseRunInputs(specs, { root: '/repo', n: '4', failures: '{"a":"x"}' })).toEqual({
      input: { root: '/repo', n: 4, failures: { a: 'x' } },
      errors: {},
    });
    expect(parseRunInputs(specs, { root: '/repo' }).input).toEqual({ root: '/repo' });
  });
  it('names the problem of each field before anything starts', () => {
    expect(parseRunInputs(specs, { n: '"four"', failures: '{' }).errors).toEqual({
      root: 'is required',
      n: 'must be a number',
      failures: 'must be any JSON value (as JSON)',
    });
  });
  it('edits a list of strings one per line and a map as “key: value” lines (JSON is read too)', () => {
    const lists = [
      { name: 'scripts', type: 'strings' as const },
      { name: 'failures', type: 'record' as const, default: {} },
    ];
    expect(
      parseRunInputs(lists, {
        scripts: 'build\n\n  test  \n',
        failures: '@acme/db: migration 042 failed: timeout\n@acme/ui:',
      }),
    ).toEqual({
      input: {
        scripts: ['build', 'test'],
        failures: { '@acme/db': 'migration 042 failed: timeout', '@acme/ui': '' },
      },
      errors: {},
    });
    expect(parseRunInputs(lists, { scripts: '["build"]', failures: '{}' }).input).toEqual({
      scripts: ['build'],
      failures: {},
    });
    expect(parseRunInputs(lists, { scripts: '[1]', failures: 'a: x\nno colon' }).errors).toEqual({
      scripts: 'must be a list of strings',
      failures: 'line 2 must be “key: value”',
    });
    expect(parseRunInputs(lists, { failures: 'a: x\na: y' }).errors).toEqual({
      failures: 'names “a” more than once',
    });
    // Shown as lines when they read back the same, else as JSON; an empty optional map as nothing.
    expect(inputText(lists[0]!, ['build', 'test'])).toBe('build\ntest');
    expect(inputText(lists[1]!, { '@acme/db': 'failed: x' })).toBe('@acme/db: failed: x');
    expect(inputText(lists[1]!, { 'a:b': 'x' })).toBe('{"a:b":"x"}');
    expect(inputText(lists[0]!, ['[x]'])).toBe('["[x]"]');
    expect(initialText(lists[1]!)).toBe('');
    for (const value of [['build', 'test'], { '@acme/db': 'failed: x' }]) {
      const spec = Array.isArray(value) ? lists[0]! : lists[1]!;
      expect(parseRunInputs([spec], { [spec.name]: inputText(spec, value) }).input[spec.name]).toEqual(value);
    }
  });
});
