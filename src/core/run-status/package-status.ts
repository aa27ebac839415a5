/**
 * The one status enum of a package in a run, shared by every view (graph, lists, panels, charts)
 * and by the main process's live updates. Pure data: runs in main, renderer and Web Workers.
 */

/** Every status a package of a run can have, in the order views list them. */
export const PACKAGE_RUN_STATUSES = [
  'pending',
  'ready',
  'waiting-for-slot',
  'building',
  'completed',
  'up-to-date',
  'failed',
  'blocked',
  'skipped',
  'cancelled',
] as const;

/** The status of one package in a run. */
export type PackageRunStatus = (typeof PACKAGE_RUN_STATUSES)[number];

/** Words a user reads for each status. */
export const PACKAGE_STATUS_LABELS: Readonly<Record<PackageRunStatus, string>> = {
  pending: 'Pending',
  ready: 'Ready',
  'waiting-for-slot': 'Waiting for a slot',
  building: 'Building',
  completed: 'Completed',
  'up-to-date': 'Up to date',
  failed: 'Failed',
  blocked: 'Blocked',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** True when the package will not change any more in this run (unless a retry re-opens it). */
export function isSettledStatus(status: PackageRunStatus): boolean {
  return (
    status === 'completed' ||
    status === 'up-to-date' ||
    status === 'failed' ||
    status === 'blocked' ||
    status === 'skipped' ||
    status === 'cancelled'
  );
}

/** True when the package's result is available to its dependents. */
export function isDoneStatus(status: PackageRunStatus): boolean {
  return status === 'completed' || status === 'up-to-date';
}
