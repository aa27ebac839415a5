import { literal, lines, member } from '../code-writer';
import type { Emitter } from '../emitter';
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
