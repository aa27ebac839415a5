import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/core/definition';
import { loadExample } from '../../../src/main/examples/example-library';
import { open } from './helpers';

describe('loadExample (first-start card and npm run seed)', () => {
  it('saves the child first and wires the parent to the child’s store id', () => {
    const store = open();
    const { definitions, alreadyLoaded } = loadExample(store, 'package-builder');
    expect(alreadyLoaded).toBe(false);
    expect(definitions.map((d) => d.name)).toEqual(['PackageBuild', 'PackageBuilder']);
    const [child, parent] = definitions;
    const stored = store.definitions.get(parent!.id).definition;
    const loop = stored.nodes.find((n) => n.kind === 'dynamicLoop');
    expect(loop?.data.child).toEqual({ definitionId: child!.id });
    expect(validateDefinition(stored).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is idempotent: a second load writes nothing and returns the same ids', () => {
    const store = open();
    const first = loadExample(store, 'package-builder');
    const second = loadExample(store, 'package-builder');
    expect(second.alreadyLoaded).toBe(true);
    expect(second.definitions.map((d) => [d.id, d.version])).toEqual(
      first.definitions.map((d) => [d.id, d.version]),
    );
    expect(store.definitions.list()).toHaveLength(2);
  });

  it('leaves an edited copy alone and saves a fresh one', () => {
    const store = open();
    const [, parent] = loadExample(store, 'package-builder').definitions;
    const edited = store.definitions.get(parent!.id).definition;
    store.definitions.save({ id: parent!.id, definition: { ...edited, description: 'mine' } });
    const again = loadExample(store, 'package-builder');
    expect(again.alreadyLoaded).toBe(false);
    expect(again.definitions[1]!.id).not.toBe(parent!.id);
    expect(store.definitions.get(parent!.id).definition.description).toBe('mine');
  });

  it('restore undoes a delete', () => {
    const store = open();
    const [child] = loadExample(store, 'package-builder').definitions;
    store.definitions.delete(child!.id);
    expect(store.definitions.list()).toHaveLength(1);
    expect(store.definitions.restore(child!.id)).toEqual({ restored: true });
    expect(store.definitions.list()).toHaveLength(2);
    expect(store.definitions.restore(child!.id)).toEqual({ restored: false });
  });
});
