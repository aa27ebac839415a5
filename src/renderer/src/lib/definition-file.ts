import { WorkflowDefinitionSchema, type WorkflowDefinition } from '../../../core/definition';

/**
 * The definition file format of Import / Export: the definition itself as pretty JSON with a final
 * newline, nothing added. Keys are written in the schema's order (as the store keeps them), so a
 * file exported, imported and exported again is byte-equal whatever order edits added keys in.
 */
export function definitionFileText(definition: WorkflowDefinition): string {
  const parsed = WorkflowDefinitionSchema.safeParse(definition);
  return `${JSON.stringify(parsed.success ? parsed.data : definition, null, 2)}\n`;
}

/** A file name for a definition: its name in kebab-case (PackageBuild → package-build), `.json`. */
export function definitionFileName(definition: Pick<WorkflowDefinition, 'name'>): string {
  const base = definition.name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'workflow'}.json`;
}

/** Reads an imported file's text; a message naming the problem when it is not JSON. */
export function parseDefinitionFile(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      message: `not a JSON file: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The stable name a definition file uses for another definition: its file name without `.json`. */
export function portableName(definition: Pick<WorkflowDefinition, 'name'>): string {
  return definitionFileName(definition).replace(/\.json$/, '');
}

/** Replaces every `"definitionId": <value>` found in `value` by `map(value)` (unchanged when it answers undefined). */
function mapDefinitionIds(value: unknown, map: (id: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => mapDefinitionIds(v, map));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === 'definitionId' && typeof v === 'string' ? (map(v) ?? v) : mapDefinitionIds(v, map);
  }
  return out;
}

/** The store ids of the definitions `definition` refers to (its children). */
export function referencedDefinitionIds(definition: WorkflowDefinition): string[] {
  const ids = new Set<string>();
  mapDefinitionIds(definition, (id) => {
    ids.add(id);
    return undefined;
  });
  return [...ids];
}

/**
 * A definition ready to move between machines: store ids (which differ per machine) of the
 * children it refers to become their stable names, as in examples/ (`{"definitionId": "package-build"}`).
 */
export function toPortable(
  definition: WorkflowDefinition,
  nameOfId: ReadonlyMap<string, string>,
): WorkflowDefinition {
  return mapDefinitionIds(definition, (id) => nameOfId.get(id)) as WorkflowDefinition;
}

/** The reverse of `toPortable` on import: stable names of stored definitions become their ids here. */
export function fromPortable(definition: unknown, idOfName: ReadonlyMap<string, string>): unknown {
  return mapDefinitionIds(definition, (name) => idOfName.get(name));
}
