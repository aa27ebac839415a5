import type { WorkflowDefinition } from '../definition/workflow-definition';
import { DependencyGraphDataSchema, graphOptionsOf } from '../definition/node-kinds/dependency-graph';
import { DynamicLoopDataSchema } from '../definition/node-kinds/dynamic-loop';
import { DependencyGraph } from '../graph/dependency-graph';
import { whatIfConcurrency, type WhatIf } from '../run-status/what-if';

/** The what-if of a definition's package loop before it runs, or why there is none. */
export type WhatIfBeforeRun =
  | {
      ok: true;
      loopId: string;
      /** The loop's N. */
      slots: number;
      packages: number;
      /** Packages whose build time the graph declares (the others count as the engine's default). */
      estimated: number;
      whatIf: WhatIf;
    }
  | { ok: false; reason: string };

/**
 * Predicts the first Dynamic Loop's makespan at concurrency 1…16 from what the definition itself
 * says: its inline package graph (with the node's edge kinds; none when dependencyMode is off),
 * the packages' `estimatedDurationMs` and the loop's policy — the same schedule simulation the run
 * page uses (core/run-status/what-if.ts). A graph read at run time (a workspace, an activity's
 * result, an input) is not known before the run: then `reason` says so.
 */
export function whatIfBeforeRun(definition: WorkflowDefinition, maxSlots = 16): WhatIfBeforeRun {
  const loop = definition.nodes.find((n) => n.kind === 'dynamicLoop');
  if (!loop) return { ok: false, reason: 'This workflow has no Dynamic Loop.' };
  const data = DynamicLoopDataSchema.safeParse(loop.data);
  if (!data.success) return { ok: false, reason: `Dynamic Loop "${loop.id}" has errors: fix them first.` };
  const graphNode = definition.nodes.find((n) => n.id === data.data.graph && n.kind === 'dependencyGraph');
  const graphData = graphNode ? DependencyGraphDataSchema.safeParse(graphNode.data) : undefined;
  if (!graphNode || !graphData?.success)
    return {
      ok: false,
      reason: `The graph of Dynamic Loop "${loop.id}" is not a valid Dependency graph node.`,
    };
  const source = graphData.data.source;
  if (source.type !== 'inline')
    return {
      ok: false,
      reason: `The packages of "${graphNode.id}" are read when the run starts (${source.type}): the prediction appears on the run's page.`,
    };
  if (source.packages.length === 0) return { ok: false, reason: `"${graphNode.id}" lists no packages.` };
  const options = data.data.dependencyMode === 'off' ? { edgeKinds: [] } : graphOptionsOf(graphData.data);
  const analysed = DependencyGraph.analyzePackages(source.packages, options);
  const problem = analysed.diagnostics[0];
  if (problem) return { ok: false, reason: `The package graph cannot be scheduled: ${problem.message}` };
  return {
    ok: true,
    loopId: loop.id,
    slots: data.data.maxConcurrent,
    packages: source.packages.length,
    estimated: source.packages.filter((p) => p.estimatedDurationMs !== undefined).length,
    whatIf: whatIfConcurrency(analysed.graph, undefined, {
      maxSlots,
      ...(data.data.policy !== undefined && { policy: data.data.policy }),
    }),
  };
}
