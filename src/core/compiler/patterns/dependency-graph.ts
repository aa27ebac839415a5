import type { GraphOptions } from '../../graph/types';
import { graphOptionsOf } from '../../definition/node-kinds/dependency-graph';
import type { NodeOf } from '../../definition/workflow-definition';
import { literal, lines, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';
import { catalogTimeout } from './temporal-options';

/**
 * The dependency graph pattern: fills the node's graph variable. An inline package list is data
 * (a module-level constant checked at compile time); a workspace folder is read by the
 * readWorkspace activity; an activity's result or a run input is loaded with `loadGraph`, which
 * fails the run with the cycle or the unknown package named before anything builds.
 */
export const emitDependencyGraph: Emitter<'dependency-graph'> = ({ node }, ctx) => {
  const source = node.data.source;
  const graph = ctx.graphVariable(node.id);
  const options = graphOptionsOf(node.data);
  if (Object.keys(options).length > 0) return emitWithOptions(node, ctx, options);
  const summary = `run.results${member(node.id)} = { packages: ${graph}.size, dependencies: ${graph}.edgeCount };`;
  switch (source.type) {
    case 'inline': {
      const packages = ctx.module.name(
        `packages:${ctx.workflow.workflowType}:${node.id}`,
        `${node.id} packages`,
      );
      ctx.importFrom('./runtime', 'DependencyGraph');
      ctx.importFrom('./runtime', 'PackageSpec', true);
      ctx.declareBefore(
        lines(
          marker(
            node.id,
            `the packages of the dependency graph (${source.packages.length}), checked at compile time`,
          ),
          `const ${packages}: PackageSpec[] = ${literal(source.packages)};`,
        ),
      );
      return lines(
        marker(node.id, 'dependency graph: inline packages'),
        `${graph} = DependencyGraph.fromPackages(${packages});`,
        summary,
      );
    }
    case 'workspace': {
      const proxy = ctx.module.name(
        `activities:${ctx.workflow.workflowType}:${node.id}`,
        `${node.id} activities`,
      );
      ctx.importFrom('@temporalio/workflow', 'proxyActivities');
      ctx.importFrom('./activity-types', 'Activities', true);
      ctx.useHelper('loadGraph');
      ctx.declareBefore(
        lines(
          marker(node.id, 'reads the workspace'),
          `const ${proxy} = proxyActivities<Activities>({ startToCloseTimeout: ${catalogTimeout('readWorkspace')} });`,
        ),
      );
      const workspace = ctx.locals.name(`workspace:${node.id}`, 'workspace');
      return lines(
        marker(node.id, 'dependency graph: the packages of a workspace folder'),
        `const ${workspace} = await ${proxy}.readWorkspace({ root: ${ctx.value(source.root, { in: 'workflow' })} });`,
        `${graph} = loadGraph(${literal(node.id)}, ${workspace}.packages);`,
        summary,
      );
    }
    case 'activityResult': {
      ctx.useHelper('loadGraph');
      const ref = [
        '$result',
        source.nodeId,
        ...(source.path ? source.path.split('.').filter((s) => s !== '') : []),
      ].join('.');
      return lines(
        marker(node.id, `dependency graph: packages from the result of "${source.nodeId}"`),
        `${graph} = loadGraph(${literal(node.id)}, ${ctx.reference(ref, { in: 'workflow' })});`,
        summary,
      );
    }
    case 'input': {
      ctx.useHelper('loadGraph');
      return lines(
        marker(node.id, `dependency graph: packages of input "${source.input}"`),
        `${graph} = loadGraph(${literal(node.id)}, ${ctx.reference(`$input.${source.input}`, { in: 'workflow' })} ?? []);`,
        summary,
      );
    }
  }
};

/**
 * A node with edge settings (`edgeKinds`, `breakDevCycles`): every source goes through
 * `loadGraphWithOptions`, and the node's result also lists the dev edges it dropped. Nodes without
 * them compile as above, so existing definitions produce the same code.
 */
function emitWithOptions(node: NodeOf<'dependencyGraph'>, ctx: EmitContext, options: GraphOptions): string {
  const source = node.data.source;
  const graph = ctx.graphVariable(node.id);
  ctx.useHelper('loadGraphWithOptions');
  const before: string[] = [];
  let packages: string;
  switch (source.type) {
    case 'inline': {
      const name = ctx.module.name(`packages:${ctx.workflow.workflowType}:${node.id}`, `${node.id} packages`);
      ctx.importFrom('./runtime', 'PackageSpec', true);
      ctx.declareBefore(
        lines(
          marker(
            node.id,
            `the packages of the dependency graph (${source.packages.length}), checked at compile time`,
          ),
          `const ${name}: PackageSpec[] = ${literal(source.packages)};`,
        ),
      );
      packages = name;
      break;
    }
    case 'workspace': {
      const proxy = ctx.module.name(
        `activities:${ctx.workflow.workflowType}:${node.id}`,
        `${node.id} activities`,
      );
      ctx.importFrom('@temporalio/workflow', 'proxyActivities');
      ctx.importFrom('./activity-types', 'Activities', true);
      ctx.declareBefore(
        lines(
          marker(node.id, 'reads the workspace'),
          `const ${proxy} = proxyActivities<Activities>({ startToCloseTimeout: ${catalogTimeout('readWorkspace')} });`,
        ),
      );
      const workspace = ctx.locals.name(`workspace:${node.id}`, 'workspace');
      before.push(
        `const ${workspace} = await ${proxy}.readWorkspace({ root: ${ctx.value(source.root, { in: 'workflow' })} });`,
      );
      packages = `${workspace}.packages`;
      break;
    }
    case 'activityResult': {
      const ref = [
        '$result',
        source.nodeId,
        ...(source.path ? source.path.split('.').filter((s) => s !== '') : []),
      ];
      packages = ctx.reference(ref.join('.'), { in: 'workflow' });
      break;
    }
    case 'input':
      packages = `${ctx.reference(`$input.${source.input}`, { in: 'workflow' })} ?? []`;
      break;
  }
  const loaded = ctx.locals.name(`loaded:${node.id}`, 'loaded graph');
  return lines(
    marker(node.id, `dependency graph (${source.type}) with edge settings ${JSON.stringify(options)}`),
    ...before,
    `const ${loaded} = loadGraphWithOptions(${literal(node.id)}, ${packages}, ${literal(options)});`,
    `${graph} = ${loaded}.graph;`,
    `run.results${member(node.id)} = { packages: ${graph}.size, dependencies: ${graph}.edgeCount, droppedEdges: ${loaded}.droppedEdges };`,
  );
}
