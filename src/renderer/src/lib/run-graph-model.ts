import type { RunGraph } from '../../../core/ipc/contract';
import {
  DependencyGraph,
  estimateCompletion,
  DEFAULT_DURATION_MS,
  fillUnknownEstimates,
  paceFactor,
  type CompletionEstimate,
  type DurationSample,
  type InFlightPackage,
} from '../../../core/graph';
import {
  chooseDirection,
  layeredLayout,
  transitiveReduction,
  type LayoutDirection,
  type LayoutEdge,
  type LayoutNode,
} from '../../../core/layout';
import { isDoneStatus, type PackageRunStatus, type RunView } from '../../../core/run-status';

/** The static part of a run page's graph, computed once per graph: engine, edges, placeholder. */
export interface RunGraphModel {
  engine: DependencyGraph | null;
  nodes: LayoutNode[];
  /** dependency → dependent, transitive edges removed. */
  edges: LayoutEdge[];
  /** Dependencies left of (LR) or above (TB) their dependents: whichever fits the canvas better. */
  direction: LayoutDirection;
  /** The engine's longest-path layers (one column for a graph it refuses). */
  layers: string[][];
  /** The instant layered layout from the engine's layers. */
  placeholder: Record<string, { x: number; y: number }>;
  dependencies: Map<string, string[]>;
  dependents: Map<string, string[]>;
}

/** Size of a package box on the canvas, px. */
export const NODE_BOX = { width: 184, height: 44 };

/** Width / height of the graph's area on a 1280 × 800 window. */
const CANVAS_ASPECT = 1.55;

export function buildRunGraphModel(graph: RunGraph): RunGraphModel {
  const names = graph.packages.map((p) => p.name);
  const known = new Set(names);
  const dependencies = new Map<string, string[]>();
  const dependents = new Map<string, string[]>(names.map((n) => [n, []]));
  const allEdges: LayoutEdge[] = [];
  for (const p of graph.packages) {
    const deps = p.dependencies.filter((d) => known.has(d));
    dependencies.set(p.name, deps);
    for (const d of deps) {
      dependents.get(d)!.push(p.name);
      allEdges.push({ source: d, target: p.name });
    }
  }
  let engine: DependencyGraph | null = null;
  let layers: string[][] = [names];
  try {
    engine = DependencyGraph.fromPackages(
      graph.packages.map((p) => ({
        name: p.name,
        dependencies: p.dependencies.filter((d) => known.has(d)),
        ...(p.estimatedDurationMs !== undefined ? { estimatedDurationMs: p.estimatedDurationMs } : {}),
      })),
    );
    layers = engine.layers();
  } catch {
    // A graph the engine refuses (a cycle): one column, edges as declared.
    engine = null;
  }
  const direction = chooseDirection(layers, NODE_BOX, CANVAS_ASPECT);
  return {
    engine,
    nodes: names.map((id) => ({ id, ...NODE_BOX })),
    edges: engine ? transitiveReduction(names, allEdges) : allEdges,
    direction,
    layers,
    placeholder: layeredLayout(layers, NODE_BOX, { direction }).positions,
    dependencies,
    dependents,
  };
}

/** The status a package shows when the view does not list it (yet). */
export function statusOf(view: RunView | null, name: string): PackageRunStatus {
  const p = view?.packages[name];
  if (p) return p.status;
  return view?.summary.closed || view?.summary.phase === 'finished' ? 'cancelled' : 'pending';
}

/** Every package `name` depends on, or that depends on it, up to `depth` steps (Infinity: all). */
export function relatedPackages(model: RunGraphModel, name: string, depth = Infinity): Set<string> {
  const related = new Set<string>([name]);
  for (const links of [model.dependencies, model.dependents]) {
    let frontier = [name];
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const n of frontier)
        for (const m of links.get(n) ?? [])
          if (!related.has(m)) {
            related.add(m);
            next.push(m);
          }
      frontier = next;
    }
  }
  return related;
}

function durationsOf(view: RunView): Record<string, number> {
  const durations: Record<string, number> = {};
  for (const [name, p] of Object.entries(view.packages))
    if (p.estimateMs !== undefined) durations[name] = p.estimateMs;
  return durations;
}

/**
 * The chain that bounds the finish time now: the longest path through what is left, where done
 * packages cost nothing and a building one costs what remains of its estimate.
 */
export function liveCriticalPath(model: RunGraphModel, view: RunView | null, now: number): string[] {
  if (!model.engine || !view) return [];
  const durations = durationsOf(view);
  for (const [name, p] of Object.entries(view.packages)) {
    if (isDoneStatus(p.status)) durations[name] = 0;
    else if (p.status === 'building' && p.startedAt)
      durations[name] = Math.max(0, (durations[name] ?? 0) - (now - Date.parse(p.startedAt)));
    else if (
      p.status === 'failed' ||
      p.status === 'blocked' ||
      p.status === 'skipped' ||
      p.status === 'cancelled'
    )
      durations[name] = 0;
  }
  try {
    const path = model.engine.criticalPath(durations).path;
    return path.filter((n) => (durations[n] ?? 0) > 0 || view.packages[n]?.status === 'building');
  } catch {
    return [];
  }
}

/**
 * The scheduling simulation's estimate of what remains (ms from now), or null when unknown: the
 * packages' estimates (build history, else declared) scaled by this run's pace so far (paceFactor).
 */
export function remainingEstimate(
  model: RunGraphModel,
  view: RunView | null,
  now: number,
): CompletionEstimate | null {
  if (!model.engine || !view || view.summary.closed || view.summary.phase === 'finished') return null;
  const completed: string[] = [];
  const excluded: string[] = [];
  const inFlight: InFlightPackage[] = [];
  const pace: DurationSample[] = [];
  const built: number[] = [];
  for (const [name, p] of Object.entries(view.packages)) {
    if (!model.engine.hasNode(name)) continue;
    // Built in this run (not reused): how its real time compares with its estimate.
    if (p.status === 'completed' && p.durationMs !== undefined) {
      built.push(p.durationMs);
      if (p.estimateMs !== undefined && p.estimateMs > DEFAULT_DURATION_MS)
        pace.push({ estimateMs: p.estimateMs, actualMs: p.durationMs });
    }
    if (isDoneStatus(p.status)) completed.push(name);
    else if (
      p.status === 'failed' ||
      p.status === 'blocked' ||
      p.status === 'cancelled' ||
      p.status === 'skipped'
    )
      excluded.push(name);
    else if (p.status === 'building' && p.startedAt)
      inFlight.push({ name, elapsedMs: Math.max(0, now - Date.parse(p.startedAt)) });
  }
  try {
    // Estimates come from other runs; this run's own pace so far corrects them (a loaded machine).
    const factor = paceFactor(pace);
    // Packages no earlier run built take this run's median so far (a first run's ETA).
    const durations = fillUnknownEstimates(
      durationsOf(view),
      model.engine.nodes().map((n) => n.name),
      built,
    );
    if (!durations) return null;
    for (const name of Object.keys(durations)) durations[name] = durations[name]! * factor;
    return estimateCompletion(model.engine, durations, Math.max(1, view.summary.concurrency.max), inFlight, {
      completed,
      excluded,
    });
  } catch {
    return null;
  }
}
