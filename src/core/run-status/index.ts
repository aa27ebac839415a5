/**
 * Run status for every view: the package status enum, the mapping from the orchestration state
 * to per-package statuses, and the deltas main sends to keep views live. Pure TypeScript.
 */
export {
  PACKAGE_RUN_STATUSES,
  PACKAGE_STATUS_LABELS,
  isDoneStatus,
  isSettledStatus,
  type PackageRunStatus,
} from './package-status';
export {
  BuildSpanSchema,
  PackageViewSchema,
  RunCloseStatusSchema,
  RunSummarySchema,
  RunViewSchema,
  countStatuses,
  toRunView,
  type BuildSpan,
  type PackageView,
  type RunCloseStatus,
  type RunSummary,
  type RunView,
} from './run-view';
export { RunDeltaSchema, applyRunDelta, diffRunViews, isEmptyRunDelta, type RunDelta } from './run-delta';
export {
  predictedVsActual,
  whatIfConcurrency,
  type PredictedVsActual,
  type WhatIf,
  type WhatIfRow,
} from './what-if';
export { durationsWithChildOverhead, type OverheadDurations } from './overhead-durations';
export { estimatesFromHistory, type HistoryEstimates, type RecordedBuild } from './history-estimates';
export { timelineOfView } from './timeline-of-view';
