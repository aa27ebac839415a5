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

/** A file name for a definition: its name in kebab-case, `.json`. */
export function definitionFileName(definition: Pick<WorkflowDefinition, 'name'>): string {
  const base = definition.name
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

/** Offers `text` as a download named `fileName` (no server round trip; works in both hosts). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
