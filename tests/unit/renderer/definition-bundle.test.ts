/**
 * Proves the one-file export of a parent with its children (src/renderer/src/lib/definition-bundle.ts):
 * children of children are collected and referred to by stable name, the file is byte-equal after
 * export → import (into another store) → export, identical children are reused rather than
 * duplicated, and a malformed bundle or a cycle is refused with a message naming it. Quick tier.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition';
import { fromPortable } from '../../../src/renderer/src/lib/definition-file';
import {
  bundleFileName,
  bundleFileText,
  collectBundle,
  importBundle,
  readBundle,
  type BundleStore,
} from '../../../src/renderer/src/lib/definition-bundle';

const parentFile = JSON.parse(readFileSync('examples/package-builder.json', 'utf8')) as WorkflowDefinition;
const childFile = JSON.parse(readFileSync('examples/package-build.json', 'utf8')) as WorkflowDefinition;

/** An in-memory store of definitions by id. */
function memoryStore(prefix: string) {
  const byId = new Map<string, WorkflowDefinition>();
  let n = 0;
  const store: BundleStore & { byId: typeof byId } = {
    byId,
    list: async () => [...byId].map(([id, d]) => ({ id, name: d.name })),
    get: async (id) => {
      const definition = byId.get(id);
      if (!definition) throw new Error(`no ${id}`);
      return { definition };
    },
    create: async (definition) => {
      const id = `${prefix}-${++n}`;
      byId.set(id, structuredClone(definition) as WorkflowDefinition);
      return { id };
    },
  };
  return store;
}

/** A store holding the example as `npm run seed` does: the child first, the parent wired to its id. */
async function seeded(prefix: string) {
  const store = memoryStore(prefix);
  const child = await store.create(childFile);
  const parent = await store.create(fromPortable(parentFile, new Map([['package-build', child.id]])));
  return { store, parentId: parent.id };
}

const exportFrom = async (store: ReturnType<typeof memoryStore>, id: string) =>
  bundleFileText(
    await collectBundle(store.byId.get(id)!, async (ref) => ({
      id: ref,
      definition: (await store.get(ref)).definition,
    })),
  );

describe('definition bundles', () => {
  it('holds the parent and its child by stable name, main first', async () => {
    const { store, parentId } = await seeded('a');
    const text = await exportFrom(store, parentId);
    const bundle = JSON.parse(text) as { main: string; definitions: Record<string, WorkflowDefinition> };
    expect(bundle.main).toBe('package-builder');
    expect(Object.keys(bundle.definitions)).toEqual(['package-builder', 'package-build']);
    expect(text).toContain('"definitionId": "package-build"');
    expect(text).not.toContain('"a-1"');
    expect(bundleFileName(parentFile)).toBe('package-builder-with-children.json');
  });

  it('is byte-equal after export → import into another store → export', async () => {
    const a = await seeded('a');
    const text = await exportFrom(a.store, a.parentId);
    const read = readBundle(JSON.parse(text));
    if (!read.ok) throw new Error(read.message);
    expect(read.order.map((e) => e.name)).toEqual(['package-build', 'package-builder']); // children first
    const b = memoryStore('b');
    const ids = await importBundle(read, b);
    expect(b.byId.size).toBe(2);
    // The imported parent refers to the imported child by this store's id.
    expect(JSON.stringify(b.byId.get(ids.get('package-builder')!))).toContain(
      `"definitionId":"${ids.get('package-build')}"`,
    );
    expect(await exportFrom(b, ids.get('package-builder')!)).toBe(text);
  });

  it('reuses a stored child with the same content, imports the parent as a new definition', async () => {
    const a = await seeded('a');
    const read = readBundle(JSON.parse(await exportFrom(a.store, a.parentId)));
    if (!read.ok) throw new Error(read.message);
    const ids = await importBundle(read, a.store);
    expect(ids.get('package-build')).toBe('a-1');
    expect(ids.get('package-builder')).toBe('a-3');
    expect(a.store.byId.size).toBe(3);
    // A changed child of the same name is not overwritten or reused: it is imported beside it.
    const changed = structuredClone(read.order);
    (changed[0]!.definition as WorkflowDefinition).description = 'changed elsewhere';
    const again = await importBundle({ main: read.main, order: changed }, a.store);
    expect(again.get('package-build')).toBe('a-4');
  });

  it('collects children of children', async () => {
    const store = memoryStore('c');
    const leaf = await store.create({ ...childFile, name: 'Leaf' });
    const middle = await store.create(
      fromPortable({ ...parentFile, name: 'Middle' }, new Map([['package-build', leaf.id]])),
    );
    const top = await store.create(
      fromPortable({ ...parentFile, name: 'Top' }, new Map([['package-build', middle.id]])),
    );
    const bundle = JSON.parse(await exportFrom(store, top.id)) as { definitions: Record<string, unknown> };
    expect(Object.keys(bundle.definitions)).toEqual(['top', 'leaf', 'middle']);
  });

  it('refuses malformed bundles and cycles with a message naming the problem', () => {
    const base = { format: 'workflow-builder/definition-bundle', formatVersion: 1 };
    expect(readBundle({ ...base, formatVersion: 2, main: 'x', definitions: { x: {} } })).toEqual({
      ok: false,
      message: 'bundle formatVersion 2 is not supported (expected 1)',
    });
    expect(readBundle({ ...base, main: 'y', definitions: { x: {} } })).toEqual({
      ok: false,
      message: `the bundle's "main" (y) is not one of its definitions`,
    });
    const loop = (to: string) => ({ nodes: [{ data: { child: { definitionId: to } } }] });
    expect(readBundle({ ...base, main: 'a', definitions: { a: loop('b'), b: loop('a') } })).toEqual({
      ok: false,
      message: `the bundle's workflows run each other in a cycle: a → b → a`,
    });
  });
});
