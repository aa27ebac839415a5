import { WorkflowDefinitionSchema, type WorkflowDefinition } from '../../../core/definition';
import {
  definitionFileName,
  fromPortable,
  portableName,
  referencedDefinitionIds,
  toPortable,
} from './definition-file';

/**
 * One file holding a parent and every child workflow it runs (children of children too), so a
 * parent moves between machines in one piece. Each definition is keyed by its stable name (the
 * name the others refer to it by, `{"definitionId": "package-build"}`), the parent is `main`:
 *
 *   { "format": "workflow-builder/definition-bundle", "formatVersion": 1,
 *     "main": "package-builder", "definitions": { "package-builder": {…}, "package-build": {…} } }
 *
 * Written as pretty JSON with the main definition first and the others by name, each in the
 * schema's key order (as definitionFileText does), so export → import → export is byte-equal.
 */

export const BUNDLE_FORMAT = 'workflow-builder/definition-bundle';

export interface DefinitionBundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: 1;
  /** Stable name of the parent. */
  main: string;
  /** Definitions by stable name; references between them use these names. */
  definitions: Record<string, WorkflowDefinition>;
}

/** What Export reads from the store: a definition by id. */
export type ReadDefinition = (id: string) => Promise<{ id: string; definition: WorkflowDefinition }>;

/** Schema key order (unknown keys kept as they are when the definition does not parse). */
function normalized(definition: WorkflowDefinition): WorkflowDefinition {
  const parsed = WorkflowDefinitionSchema.safeParse(definition);
  return parsed.success ? parsed.data : definition;
}

/**
 * The bundle of `parent` and every definition it reaches through child references, read with
 * `read`. Store ids become stable names; two different definitions with one stable name are an
 * error (the file could not tell them apart).
 */
export async function collectBundle(
  parent: WorkflowDefinition,
  read: ReadDefinition,
): Promise<DefinitionBundle> {
  const found = new Map<string, { id: string; definition: WorkflowDefinition }>();
  let frontier = referencedDefinitionIds(parent);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      if (found.has(id)) continue;
      const stored = await read(id);
      found.set(id, stored);
      next.push(...referencedDefinitionIds(stored.definition));
    }
    frontier = next;
  }
  const nameOfId = new Map([...found].map(([id, s]) => [id, portableName(s.definition)]));
  const main = portableName(parent);
  const definitions: Record<string, WorkflowDefinition> = {
    [main]: normalized(toPortable(parent, nameOfId)),
  };
  const others = [...found.values()].sort((a, b) =>
    portableName(a.definition).localeCompare(portableName(b.definition)),
  );
  for (const child of others) {
    const name = portableName(child.definition);
    if (definitions[name])
      throw new Error(
        `two workflows export under the stable name "${name}" (rename one of them: "${child.definition.name}")`,
      );
    definitions[name] = normalized(toPortable(child.definition, nameOfId));
  }
  return { format: BUNDLE_FORMAT, formatVersion: 1, main, definitions };
}

/** The bundle's file text: pretty JSON, main first, final newline. */
export function bundleFileText(bundle: DefinitionBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** The bundle's file name: the parent's, `-with-children.json`. */
export function bundleFileName(parent: Pick<WorkflowDefinition, 'name'>): string {
  return definitionFileName(parent).replace(/\.json$/, '-with-children.json');
}

/** True when an imported file's JSON is a bundle (rather than one definition). */
export function isBundle(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BUNDLE_FORMAT
  );
}

/**
 * Checks a bundle read from a file and orders its definitions so each comes after those it refers
 * to (children first). A message names what is wrong: the format, `main`, a reference cycle.
 */
export function readBundle(
  value: unknown,
):
  | { ok: true; main: string; order: Array<{ name: string; definition: unknown }> }
  | { ok: false; message: string } {
  const v = value as Partial<DefinitionBundle>;
  if (!isBundle(value))
    return { ok: false, message: `not a definition bundle (format is not "${BUNDLE_FORMAT}")` };
  if (v.formatVersion !== 1)
    return {
      ok: false,
      message: `bundle formatVersion ${String(v.formatVersion)} is not supported (expected 1)`,
    };
  const definitions = v.definitions;
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions))
    return { ok: false, message: 'the bundle has no "definitions" object' };
  if (typeof v.main !== 'string' || !(v.main in definitions))
    return { ok: false, message: `the bundle's "main" (${String(v.main)}) is not one of its definitions` };

  const names = Object.keys(definitions);
  const order: Array<{ name: string; definition: unknown }> = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): string | null => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'visiting')
      return `the bundle's workflows run each other in a cycle: ${[...path, name].join(' → ')}`;
    state.set(name, 'visiting');
    const definition = definitions[name];
    const refs = referencedDefinitionIds(definition as WorkflowDefinition).filter((r) => r in definitions);
    for (const ref of refs) {
      const problem = visit(ref, [...path, name]);
      if (problem) return problem;
    }
    state.set(name, 'done');
    order.push({ name, definition });
    return null;
  };
  for (const name of [v.main, ...names.filter((n) => n !== v.main).sort()]) {
    const problem = visit(name, []);
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, main: v.main, order };
}

/** What Import needs from the store. */
export interface BundleStore {
  /** Stored definitions (id and name). */
  list(): Promise<ReadonlyArray<{ id: string; name: string }>>;
  get(id: string): Promise<{ definition: WorkflowDefinition }>;
  /** Saves a new definition (the same checks as any save); its id. */
  create(definition: unknown): Promise<{ id: string }>;
}

/**
 * Imports a bundle, children first. A child whose stable name is already stored with the same
 * content is reused (importing a parent twice does not duplicate its children); any other child,
 * and always `main` (as a single-file import does), is saved as a new definition. References become this store's ids. Returns the id of every definition by
 * stable name, `main` included. A save that fails stops the import with its message (the
 * definitions saved before it stay, each valid on its own).
 */
export async function importBundle(
  bundle: { main: string; order: ReadonlyArray<{ name: string; definition: unknown }> },
  store: BundleStore,
): Promise<Map<string, string>> {
  const { main, order } = bundle;
  const stored = await store.list();
  const idOfName = new Map(stored.map((d) => [portableName(d), d.id]));
  const imported = new Map<string, string>();
  for (const { name, definition } of order) {
    const local = fromPortable(definition, idOfName);
    const existing = idOfName.get(name);
    if (existing !== undefined && name !== main) {
      const current = await store.get(existing);
      if (
        JSON.stringify(normalized(current.definition)) ===
        JSON.stringify(normalized(local as WorkflowDefinition))
      ) {
        imported.set(name, existing);
        continue;
      }
    }
    try {
      const { id } = await store.create(local);
      idOfName.set(name, id);
      imported.set(name, id);
    } catch (error) {
      throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return imported;
}
