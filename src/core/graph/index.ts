/**
 * Dependency graph engine: package graph, cycle detection, ordering, incremental readiness and
 * critical-path scheduling. Pure TypeScript (no Node, DOM or clock), JSON-serializable; runs in the
 * workflow sandbox, the main process and the renderer alike.
 * See docs/architecture/dependency-graph-engine.md.
 */
export { DependencyGraph } from './dependency-graph';
export { parseEdgeKinds } from './edge-selection';
export { filterPackages, type PackageFilterResult } from './package-filter';
export { GRAPH_JSON_FORMAT, type DependencyGraphJSON } from './graph-json';
export {
  GraphError,
  cycleRemedy,
  formatCycle,
  type GraphErrorCode,
  type GraphErrorDetails,
} from './graph-error';
export {
  DEPENDENCY_KINDS,
  type CriticalPath,
  type CycleInfo,
  type DependencyKind,
  type DependencySpec,
  type DurationInput,
  type GraphEdge,
  type GraphNode,
  type GraphOptions,
  type PackageSpec,
  type SchedulingPolicy,
} from './types';
export { ReadyTracker, type ReadyTrackerOptions } from './ready-tracker';
export type { BlockedPackage, FailedPackage, TrackerSnapshot } from './tracker-snapshot';
export { TRACKER_JSON_FORMAT, type ReadyTrackerJSON } from './ready-tracker-json';
export type { PackageState } from './package-state';
export { DEFAULT_DURATION_MS, estimateDurations, knownDurations, median } from './durations';
export {
  PACE_FACTOR_MAX,
  PACE_FACTOR_MIN,
  PACE_PRIOR_SAMPLES,
  fillUnknownEstimates,
  paceFactor,
  type DurationSample,
} from './pace';
export {
  estimateCompletion,
  simulateSchedule,
  type CompletionEstimate,
  type CompletionOptions,
  type InFlightPackage,
  type ScheduledPackage,
  type SimulationResult,
} from './schedule-simulation';
export {
  summarizeRun,
  type AttemptOutcome,
  type PackageRunStatus,
  type PackageSummary,
  type RunAttempt,
  type RunSummary,
  type RunSummaryInput,
  type Utilisation,
} from './run-summary';
export {
  runTimeline,
  type BuildSegment,
  type ConcurrencySeries,
  type PackageTimeline,
  type RunTimeline,
  type RunTimelineInput,
  type SlownessReport,
  type TimeSpan,
} from './run-timeline';
