import type { HelperSource, ImportSource } from './emitter';
import { STATE_HELPERS } from './patterns/orchestration-state';
import { LOOP_OUTCOME_HELPERS } from './patterns/loop-outcome-helpers';
import { LOOP_STATE_HELPERS } from './patterns/loop-state-helpers';
import { RUN_CONTEXT_HELPERS } from './patterns/run-context';

/** Every runtime helper, in the order they appear at the bottom of workflows.ts. */
export const HELPERS: readonly HelperSource[] = [
  ...RUN_CONTEXT_HELPERS,
  ...STATE_HELPERS,
  ...LOOP_STATE_HELPERS,
  ...LOOP_OUTCOME_HELPERS,
];

const byName = new Map(HELPERS.map((h) => [h.name, h]));

/** The helpers `used` need, transitively, in table order (deterministic), with their imports. */
export function resolveHelpers(used: Iterable<string>): {
  sources: string[];
  imports: Array<readonly [ImportSource, string, boolean?]>;
} {
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name)) return;
    const helper = byName.get(name);
    if (!helper) throw new Error(`unknown runtime helper ${name}`);
    wanted.add(name);
    helper.needs.forEach(visit);
  };
  for (const name of used) visit(name);
  const chosen = HELPERS.filter((h) => wanted.has(h.name));
  return { sources: chosen.map((h) => h.source.trim()), imports: chosen.flatMap((h) => h.imports) };
}
