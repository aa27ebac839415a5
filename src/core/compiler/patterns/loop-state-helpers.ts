import type { HelperSource } from '../emitter';

/**
 * Runtime helpers that open a package loop: its state (LoopRun: graph, ReadyTracker, in-flight
 * children), a graph read at run time, the seed of a retried run and the continue-as-new restore.
 */
export const LOOP_STATE_HELPERS: readonly HelperSource[] = [
  {
    name: 'LoopRun',
    needs: [],
    imports: [
      ['./runtime', 'DependencyGraph', true],
      ['./runtime', 'ReadyTracker', true],
      ['./runtime', 'SchedulingPolicy', true],
      ['./shared', 'CompletedPackage', true],
      ['./shared', 'OrchestrationState', true],
    ],
    source: `
/** A package loop in progress. */
interface LoopRun {
  readonly nodeId: string;
  readonly graph: DependencyGraph;
  readonly tracker: ReadyTracker;
  readonly maxConcurrent: number;
  readonly policy: SchedulingPolicy;
  readonly historyThreshold: number;
  readonly estimatedDurationsMs: Record<string, number>;
  /** Bottom level (critical path length from the package on) of each package, for the queue order. */
  readonly priority: Map<string, number>;
  readonly completed: CompletedPackage[];
  /** Attempts started per package; the next child id ends in \`#<attempt + 1>\`. */
  readonly attempts: Record<string, number>;
  /** Children in flight, by package: a settled child is removed at once. */
  readonly active: Map<string, ActiveChild>;
  failedChildIds: Record<string, string>;
  phase: OrchestrationState['phase'];
  drainStartedAt: number;
  finishedAt: string | undefined;
}

/** A child workflow in flight. \`settled\` never rejects: it resolves to the child's outcome. */
interface ActiveChild {
  readonly attempt: number;
  readonly childWorkflowId: string;
  readonly startedAt: number;
  readonly settled: Promise<ChildOutcome>;
}

/** How a package's child workflow ended. */
type ChildOutcome = { name: string; ok: true } | { name: string; ok: false; error: unknown };`,
  },
  {
    name: 'loadGraph',
    needs: [],
    imports: [
      ['@temporalio/workflow', 'ApplicationFailure'],
      ['./runtime', 'DependencyGraph'],
      ['./runtime', 'PackageSpec', true],
    ],
    source: `
/**
 * A package graph from data read at run time. A cycle or an unknown dependency fails the run
 * before anything builds, naming the problem (a plain error would only fail the workflow task).
 */
function loadGraph(nodeId: string, packages: readonly PackageSpec[]): DependencyGraph {
  const { graph, diagnostics } = DependencyGraph.analyzePackages(packages);
  if (diagnostics.length > 0) {
    throw ApplicationFailure.create({
      type: 'InvalidDependencyGraph',
      message: \`Dependency graph "\${nodeId}": \${diagnostics.map((d) => d.message).join('; ')}\`,
      nonRetryable: true,
    });
  }
  return graph;
}`,
  },
  {
    name: 'loadGraphWithOptions',
    needs: [],
    imports: [
      ['@temporalio/workflow', 'ApplicationFailure'],
      ['./runtime', 'DependencyGraph'],
      ['./runtime', 'GraphOptions', true],
      ['./runtime', 'PackageSpec', true],
    ],
    source: `
/**
 * \`loadGraph\` with the node's edge settings (edge kinds, dropping the dev edges that close
 * cycles). The dropped edges are returned as \`from → to (dev)\` lines for the node's result, so
 * the run says which dependencies it did not honour. A cycle's message names the setting that would
 * let the run proceed.
 */
function loadGraphWithOptions(
  nodeId: string,
  packages: readonly PackageSpec[],
  options: GraphOptions,
): { graph: DependencyGraph; droppedEdges: string[] } {
  const { graph, diagnostics, droppedEdges } = DependencyGraph.analyzePackages(packages, options);
  if (diagnostics.length > 0) {
    throw ApplicationFailure.create({
      type: 'InvalidDependencyGraph',
      message: \`Dependency graph "\${nodeId}": \${diagnostics.map((d) => d.message).join('; ')}\`,
      nonRetryable: true,
    });
  }
  return { graph, droppedEdges: droppedEdges.map((e) => \`\${e.from} → \${e.to} (\${e.kind})\`) };
}`,
  },
  {
    name: 'withoutDependencies',
    needs: [],
    imports: [['./runtime', 'DependencyGraph']],
    source: `
/** The same packages without dependency edges (dependencyMode "off"). */
function withoutDependencies(graph: DependencyGraph): DependencyGraph {
  return DependencyGraph.fromPackages(graph.nodes());
}`,
  },
  {
    name: 'openLoop',
    needs: ['RunContext', 'LoopRun', 'applySeed'],
    imports: [
      ['./runtime', 'DependencyGraph'],
      ['./runtime', 'ReadyTracker'],
      ['./runtime', 'estimateDurations'],
      ['./runtime', 'SchedulingPolicy', true],
      ['./shared', 'LoopCheckpoint', true],
    ],
    source: `
/** Starts a package loop over \`source\`, or restores the one a continue-as-new checkpoint carries. */
function openLoop(
  run: RunContext,
  nodeId: string,
  source: DependencyGraph,
  checkpoint: LoopCheckpoint | undefined,
  config: { maxConcurrent: number; policy: SchedulingPolicy; historyThreshold: number },
): LoopRun {
  const graph = checkpoint ? DependencyGraph.fromJSON(checkpoint.graph) : source;
  const estimatedDurationsMs =
    checkpoint?.estimatedDurationsMs ??
    Object.fromEntries(estimateDurations(graph, undefined, run.input.estimatedDurationsMs ?? {}));
  const tracker = checkpoint
    ? ReadyTracker.fromJSON(graph, checkpoint.tracker)
    : new ReadyTracker(graph, { durations: estimatedDurationsMs });
  const loop: LoopRun = {
    nodeId,
    graph,
    tracker,
    ...config,
    estimatedDurationsMs,
    priority: config.policy === 'fifo' ? new Map() : graph.bottomLevels(estimatedDurationsMs),
    completed: checkpoint?.completed ?? [],
    attempts: checkpoint?.attempts ?? {},
    active: new Map(),
    failedChildIds: checkpoint?.failedChildIds ?? {},
    phase: 'building',
    drainStartedAt: 0,
    finishedAt: undefined,
  };
  if (!checkpoint) applySeed(run, loop);
  run.loops.set(nodeId, loop);
  run.loop = loop;
  return loop;
}`,
  },
  {
    name: 'applySeed',
    needs: ['RunContext', 'LoopRun'],
    imports: [],
    source: `
/** Retry after close: marks the packages the previous run completed as completed, dependencies first. */
function applySeed(run: RunContext, loop: LoopRun): void {
  const seeded = new Map<string, { durationMs?: number; childWorkflowId?: string }>();
  for (const entry of run.input.seed?.completed ?? []) {
    if (typeof entry === 'string') seeded.set(entry, {});
    else seeded.set(entry.name, entry);
  }
  if (seeded.size === 0) return;
  for (const name of loop.graph.topologicalSort()) {
    const seed = seeded.get(name);
    if (seed === undefined || loop.tracker.stateOf(name) !== 'ready') continue;
    loop.tracker.complete(name);
    loop.completed.push({ name, durationMs: seed.durationMs ?? 0, childWorkflowId: seed.childWorkflowId ?? '' });
  }
}`,
  },
];
