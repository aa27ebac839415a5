/**
 * `build`'s look at the workspace before it starts anything: the readWorkspace activity's own
 * reader and the graph engine's analysis with the run's settings — the very checks the workflow
 * makes — so a bad workspace (unreadable, a cycle, duplicate names, a filter matching nothing) is
 * named at once and exits 2 instead of starting a run that fails in its first step.
 */
import { DependencyGraph } from '../../core/graph/dependency-graph';
import type { GraphOptions } from '../../core/graph/types';
import { readWorkspaceAt, WorkspaceError } from '../activities/read-workspace';

/** A readable workspace and its graph as the run will build it. */
export interface CheckedWorkspace {
  ok: true;
  graph: DependencyGraph;
  /** Packages in the workspace, before the filter. */
  packageCount: number;
  /** `from → to (dev)` of the dev edges `breakDevCycles` dropped. */
  droppedEdges: string[];
}

/** Why the workspace cannot be built, one problem per line. */
export interface BadWorkspace {
  ok: false;
  problems: string[];
}

/** The CLI flags behind the graph settings a cycle message names. */
const FLAG_HINTS: Array<[setting: RegExp, hint: string]> = [
  [/"breakDevCycles"/, '--break-dev-cycles'],
  [/"edgeKinds"/, '--kinds (e.g. --kinds dependencies,optional,peer)'],
];

/** Reads and analyses the workspace at `root` with the run's graph settings. */
export async function checkWorkspace(
  root: string,
  options: GraphOptions,
): Promise<CheckedWorkspace | BadWorkspace> {
  let packages;
  try {
    ({ packages } = await readWorkspaceAt(root));
  } catch (error) {
    if (error instanceof WorkspaceError) return { ok: false, problems: [error.message] };
    throw error;
  }
  const { graph, diagnostics, droppedEdges } = DependencyGraph.analyzePackages(packages, options);
  if (diagnostics.length > 0) {
    return {
      ok: false,
      problems: diagnostics.map((d) => {
        const flags = FLAG_HINTS.filter(([setting]) => setting.test(d.message)).map(([, hint]) => hint);
        return flags.length > 0 ? `${d.message} (flags: ${flags.join(' or ')})` : d.message;
      }),
    };
  }
  return {
    ok: true,
    graph,
    packageCount: packages.length,
    droppedEdges: droppedEdges.map((e) => `${e.from} → ${e.to} (${e.kind})`),
  };
}
