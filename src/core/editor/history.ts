import type { WorkflowDefinition } from '../definition';
import { applyChanges } from './apply-changes';
import type { WorkflowChange } from './changes';

/** One undoable step: the changes made and the changes that undo them. A bulk action is one entry. */
export interface HistoryEntry {
  /** What the step was, for the Undo button's tooltip, e.g. "Paste 2 nodes". */
  label: string;
  changes: WorkflowChange[];
  inverse: WorkflowChange[];
  /** Steps with the same key that follow each other merge into one (typing into one field is one step). */
  mergeKey?: string;
}

/** The definition being edited with its undo and redo logs. Immutable; every function returns a new one. */
export interface EditHistory {
  definition: WorkflowDefinition;
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/** Most steps kept for undo; older ones are dropped. */
export const MAX_UNDO_STEPS = 200;

/** A fresh history for a loaded definition. */
export function createHistory(definition: WorkflowDefinition): EditHistory {
  return { definition, past: [], future: [] };
}

/**
 * Applies `changes` as one undoable step (no-op for an empty list); clears the redo log. With a
 * `mergeKey` equal to the last step's, the changes join that step instead.
 */
export function commit(
  history: EditHistory,
  label: string,
  changes: WorkflowChange[],
  mergeKey?: string,
): EditHistory {
  if (changes.length === 0) return history;
  const { definition, inverse } = applyChanges(history.definition, changes);
  const last = history.past.at(-1);
  if (mergeKey !== undefined && last?.mergeKey === mergeKey && history.future.length === 0) {
    const merged: HistoryEntry = {
      label,
      changes: [...last.changes, ...changes],
      inverse: [...inverse, ...last.inverse],
      mergeKey,
    };
    return { definition, past: [...history.past.slice(0, -1), merged], future: [] };
  }
  const entry: HistoryEntry =
    mergeKey === undefined ? { label, changes, inverse } : { label, changes, inverse, mergeKey };
  const past = [...history.past, entry].slice(-MAX_UNDO_STEPS);
  return { definition, past, future: [] };
}

/** Undoes the last step; unchanged when there is none. */
export function undo(history: EditHistory): EditHistory {
  const entry = history.past.at(-1);
  if (!entry) return history;
  const { definition } = applyChanges(history.definition, entry.inverse);
  return { definition, past: history.past.slice(0, -1), future: [entry, ...history.future] };
}

/** Redoes the last undone step; unchanged when there is none. */
export function redo(history: EditHistory): EditHistory {
  const [entry, ...future] = history.future;
  if (!entry) return history;
  const { definition } = applyChanges(history.definition, entry.changes);
  return { definition, past: [...history.past, entry], future };
}
