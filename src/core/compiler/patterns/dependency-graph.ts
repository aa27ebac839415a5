import { graphOptionsOf } from '../../definition/node-kinds/dependency-graph';
import type { GraphOptions } from '../../graph/types';
import { literal, lines, member } from '../code-writer';
import type { Emitter } from '../emitter';
import { marker } from './markers';
import { catalogTimeout } from './temporal-options';

/**
 * The dependency graph pattern: builds the node's graph. An inline package list is data (an
 * exported constant of the generated packages.ts, checked at compile time); a workspace folder is
 * read by the readWorkspace activity; an activity's result or a run input is loaded with
 * `loadGraph`, which fails the run with the cycle or the unknown package named before anything
 * builds. A node with edge settings (`edgeKinds`, `breakDevCycles`) loads every source with
 * `loadGraphWithOptions` and its result also lists the dev edges it dropped; nodes without them
 * compile as before.
 */
export const emitDependencyGraph: Emitter<'dependency-graph'> = ({ node }, ctx) => {
  const source = node.data.source;
  const graph = ctx.graphVariable(node.id);
  const options: GraphOptions = graphOptionsOf(node.data);
  const withOptions = Object.keys(options).length > 0;
  const assign = (expression: string): string =>
    ctx.graphDeclaration === 'const' ? `const ${graph} = ${expression};` : `${graph} = ${expression};`;
  const summary = `run.results${member(node.id)} = { packages: ${graph}.size, dependencies: ${graph}.edgeCount };`;
  /** The graph from a package list expression: loaded (and checked at run time) or, inline, built. */
  const load = (packages: string, before: string[] = [], checkedAtCompileTime = false): string => {
    if (!withOptions) {
      if (checkedAtCompileTime) {
        ctx.importFrom('./runtime', 'DependencyGraph');
        return lines(marker(node), ...before, assign(`DependencyGraph.fromPackages(${packages})`), summary);
      }
      ctx.importFrom('./runtime', 'loadGraph');
      return lines(marker(node), ...before, assign(`loadGraph(${literal(node.id)}, ${packages})`), summary);
    }
    ctx.importFrom('./runtime', 'loadGraphWithOptions');
    const loaded = ctx.locals.name(`loaded:${node.id}`, `${node.id} loaded`);
    return lines(
      marker(node),
      ...before,
      `const ${loaded} = loadGraphWithOptions(${literal(node.id)}, ${packages}, ${literal(options)});`,
      assign(`${loaded}.graph`),
      `run.results${member(node.id)} = { packages: ${graph}.size, dependencies: ${graph}.edgeCount, droppedEdges: ${loaded}.droppedEdges };`,
    );
  };
  switch (source.type) {
    case 'inline': {
      const packages = ctx.module.name(
        `packages:${ctx.workflow.workflowType}:${node.id}`,
        `${node.id} packages`,
      );
      ctx.importFrom('./packages', packages);
      ctx.declarePackages(
        lines(
          `/** The packages of node ${literal(node.id)} of ${ctx.workflow.workflowType} (${source.packages.length}). */`,
          `export const ${packages}: PackageSpec[] = ${literal(source.packages)};`,
        ),
      );
      return load(packages, [], true);
    }
    case 'workspace': {
      const proxy = ctx.activityProxy([`startToCloseTimeout: ${catalogTimeout('readWorkspace')},`]);
      const workspace = ctx.locals.name(`workspace:${node.id}`, 'workspace');
      return load(`${workspace}.packages`, [
        `const ${workspace} = await ${proxy}.readWorkspace({ root: ${ctx.value(source.root, { in: 'workflow' })} });`,
      ]);
    }
    case 'activityResult': {
      const ref = [
        '$result',
        source.nodeId,
        ...(source.path ? source.path.split('.').filter((s) => s !== '') : []),
      ].join('.');
      return load(ctx.reference(ref, { in: 'workflow' }));
    }
    case 'input':
      return load(`${ctx.reference(`$input.${source.input}`, { in: 'workflow' })} ?? []`);
  }
};
