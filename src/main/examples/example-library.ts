import { WorkflowDefinitionSchema } from '../../core/definition/workflow-definition';
import type { DefinitionSummary } from '../../core/ipc/contract';
import packageBuildJson from '../../../examples/package-build.json';
import packageBuilderJson from '../../../examples/package-builder.json';
import type { Store } from '../store';

/**
 * The examples the app offers on first start. Both the Welcome card's "Load PackageBuilder" and
 * `npm run seed` call `loadExample`, so there is one way an example gets into a store.
 *
 * The JSON files are imported (not read from disk) so the desktop bundle carries them.
 */

/** Names of the examples that can be loaded. */
export const EXAMPLE_NAMES = ['package-builder'] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

export interface ExampleFile {
  /** The name other files of the example use in `{"definitionId": …}` (the file name without .json). */
  ref: string;
  definition: unknown;
}

/** Files of each example, children first: a parent refers to them by `ref`. */
const EXAMPLES: Record<ExampleName, ExampleFile[]> = {
  'package-builder': [
    { ref: 'package-build', definition: packageBuildJson },
    { ref: 'package-builder', definition: packageBuilderJson },
  ],
};

/** What `loadExample` did: the definitions, children first; the last one is the one to open. */
export interface LoadedExample {
  definitions: DefinitionSummary[];
  /** True when every definition was already stored with the same content (nothing was written). */
  alreadyLoaded: boolean;
}

/** Replaces `{"definitionId": "<ref>"}` with the store ids the referenced files were saved under. */
export function rewriteDefinitionRefs(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteDefinitionRefs(v, ids));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === 'definitionId' && typeof v === 'string' && ids.has(v)
        ? ids.get(v)
        : rewriteDefinitionRefs(v, ids);
  }
  return out;
}

/** JSON with object keys sorted, so two equal definitions compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * Saves an example's definitions with their references wired to the store's ids. Idempotent: a
 * definition already stored under the same name with the same content is reused (not saved
 * again), so loading twice — or seeding a store the app already loaded — changes nothing. A
 * stored definition of the same name that the user edited is left alone and a fresh copy is saved.
 */
export function loadExample(store: Pick<Store, 'definitions'>, name: ExampleName): LoadedExample {
  return storeDefinitionFiles(store, EXAMPLES[name]);
}

/**
 * Saves definition files (children first; `{"definitionId": "<ref>"}` names an earlier file) with
 * their references wired to the store's ids, reusing every definition already stored under the
 * same name with the same content — the idempotent save behind `loadExample` and `build`.
 */
export function storeDefinitionFiles(
  store: Pick<Store, 'definitions'>,
  files: readonly ExampleFile[],
): LoadedExample {
  const ids = new Map<string, string>();
  const definitions: DefinitionSummary[] = [];
  let wrote = false;
  for (const file of files) {
    const wanted = rewriteDefinitionRefs(file.definition, ids) as { name: string };
    const existing = store.definitions
      .list()
      .filter((d) => d.name === wanted.name)
      .find((d) => canonical(store.definitions.get(d.id).definition) === canonical(normalize(wanted)));
    const summary = existing ?? store.definitions.save({ definition: wanted });
    if (!existing) wrote = true;
    ids.set(file.ref, summary.id);
    definitions.push(summary);
  }
  return { definitions, alreadyLoaded: !wrote };
}

/** The definition as the store keeps it (defaults applied), for comparison; as is if it does not parse (save then names the problem). */
function normalize(definition: unknown): unknown {
  const parsed = WorkflowDefinitionSchema.safeParse(definition);
  return parsed.success ? parsed.data : definition;
}
