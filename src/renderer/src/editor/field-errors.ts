import type { Diagnostic } from '../../../core/definition';

/**
 * Diagnostics of one node by field: `nodes[3].data.retry.maximumAttempts` → `retry.maximumAttempts`.
 * Keys past the first two levels are folded into the deepest field the form has; diagnostics that
 * name no field of the data (e.g. an unreachable node) are returned under ''.
 */
export function fieldErrorsOf(diagnostics: readonly Diagnostic[], nodeId: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (d.nodeId !== nodeId) continue;
    const match = /^nodes\[\d+\]\.data((?:\.[A-Za-z_$][\w$]*)*)/.exec(d.path);
    const keys = match?.[1] ? match[1].slice(1).split('.').slice(0, 2) : [];
    const key = keys.join('.');
    // Beside the field, "nodes[3].data.graph is required" reads "is required".
    const message = d.message.startsWith(`${d.path} `) ? d.message.slice(d.path.length + 1) : d.message;
    out.set(key, [...(out.get(key) ?? []), message]);
    // A nested field's message also reaches its parent, which shows when the form has no sub-field.
    if (keys.length > 1) out.set(keys[0]!, [...(out.get(keys[0]!) ?? []), message]);
  }
  return out;
}
