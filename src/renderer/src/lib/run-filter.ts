import type { RunRecord } from '../../../core/ipc/contract';

/** The runs list's filter: a status, and text matched against the workflow id, type and name. */
export interface RunFilter {
  status: RunRecord['status'] | 'all';
  text: string;
}

/** The runs that pass the filter, in the given order. */
export function filterRuns(
  items: RunRecord[],
  filter: RunFilter,
  names: ReadonlyMap<string, string>,
): RunRecord[] {
  const text = filter.text.trim().toLowerCase();
  return items.filter((run) => {
    if (filter.status !== 'all' && run.status !== filter.status) return false;
    if (!text) return true;
    const name = run.definitionId ? (names.get(run.definitionId) ?? '') : '';
    return (
      run.workflowId.toLowerCase().includes(text) ||
      run.workflowType.toLowerCase().includes(text) ||
      name.toLowerCase().includes(text)
    );
  });
}
