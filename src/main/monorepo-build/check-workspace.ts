/**
 * A monorepo build's look at the workspace before it starts anything (the CLI's `build` and the
 * app's Build a monorepo page): the readWorkspace activity's own
 * reader and the graph engine's analysis with the run's settings — the very checks the workflow
 * makes — so a bad workspace (unreadable, a cycle, duplicate names, a filter matching nothing) is
 * named at once and exits 2 instead of starting a run that fails in its first step.
 */
import { DependencyGraph } from '../../core/graph/dependency-graph';
import type { GraphOptions } from '../../core/graph/types';
import type { WorkspacePackage } from '../../core/activities/read-workspace';
import { readWorkspaceAt, WorkspaceError } from '../activities/read-workspace';

/** A readable workspace and its graph as the run will build it. */
export interface CheckedWorkspace {
  ok: true;
  graph: DependencyGraph;
  /** Packages in the workspace, before the filter. */
  packageCount: number;
  /** The workspace's packages as read (before the filter), each with its folder and dependencies. */
  packages: WorkspacePackage[];
  /** `from → to (dev)` of the dev edges `breakDevCycles` dropped. */
  droppedEdges: string[];
}

/** Why the workspace cannot be built, one problem per line. */
export interface BadWorkspace {
  ok: false;
  problems: string[];
}

/** How a caller names the graph settings a cycle message mentions (its flags or its form fields). */
export type SettingHints = Array<[setting: RegExp, hint: string]>;

/** The CLI flags behind the graph settings a cycle message names. */
export const CLI_FLAG_HINTS: SettingHints = [
  [/"breakDevCycles"/, '--break-dev-cycles'],
  [/"edgeKinds"/, '--kinds (e.g. --kinds dependencies,optional,peer)'],
];

/** Reads and analyses the workspace at `root` with the run's graph settings. */
export async function checkWorkspace(
  root: string,
  options: GraphOptions,
  hints: { label: string; settings: SettingHints } = { label: 'flags', settings: CLI_FLAG_HINTS },
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
        const flags = hints.settings.filter(([setting]) => setting.test(d.message)).map(([, hint]) => hint);
        return flags.length > 0 ? `${d.message} (${hints.label}: ${flags.join(' or ')})` : d.message;
      }),
    };
  }
  return {
    ok: true,
    graph,
    packageCount: packages.length,
    packages,
    droppedEdges: droppedEdges.map((e) => `${e.from} → ${e.to} (${e.kind})`),
  };
}
