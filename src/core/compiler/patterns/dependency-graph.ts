import { literal, lines, member } from '../code-writer';
import type { Emitter } from '../emitter';
import { marker } from './markers';
import { catalogTimeout } from './temporal-options';

/**
 * The dependency graph pattern: builds the node's graph. An inline package list is data (an
 * exported constant of the generated packages.ts, checked at compile time); a workspace folder is
 * read by the readWorkspace activity; an activity's result or a run input is loaded with
 * `loadGraph`, which fails the run with the cycle or the unknown package named before anything
 * builds.
 */
export const emitDependencyGraph: Emitter<'dependency-graph'> = ({ node }, ctx) => {
  const source = node.data.source;
  const graph = ctx.graphVariable(node.id);
  const assign = (expression: string): string =>
    ctx.graphDeclaration === 'const' ? `const ${graph} = ${expression};` : `${graph} = ${expression};`;
  const summary = `run.results${member(node.id)} = { packages: ${graph}.size, dependencies: ${graph}.edgeCount };`;
  switch (source.type) {
    case 'inline': {
      const packages = ctx.module.name(`packages:${ctx.workflow.workflowType}:${node.id}`, `${node.id} packages`);
      ctx.importFrom('./runtime', 'DependencyGraph');
      ctx.importFrom('./packages', packages);
      ctx.declarePackages(
        lines(
          `/** The packages of node ${literal(node.id)} of ${ctx.workflow.workflowType} (${source.packages.length}). */`,
          `export const ${packages}: PackageSpec[] = ${literal(source.packages)};`,
        ),
      );
      return lines(marker(node), assign(`DependencyGraph.fromPackages(${packages})`), summary);
    }
    case 'workspace': {
      const proxy = ctx.activityProxy([`startToCloseTimeout: ${catalogTimeout('readWorkspace')},`]);
      ctx.importFrom('./runtime', 'loadGraph');
      const workspace = ctx.locals.name(`workspace:${node.id}`, 'workspace');
      return lines(
        marker(node),
        `const ${workspace} = await ${proxy}.readWorkspace({ root: ${ctx.value(source.root, { in: 'workflow' })} });`,
        assign(`loadGraph(${literal(node.id)}, ${workspace}.packages)`),
        summary,
      );
    }
    case 'activityResult': {
      ctx.importFrom('./runtime', 'loadGraph');
      const ref = [
        '$result',
        source.nodeId,
        ...(source.path ? source.path.split('.').filter((s) => s !== '') : []),
      ].join('.');
      return lines(
        marker(node),
        assign(`loadGraph(${literal(node.id)}, ${ctx.reference(ref, { in: 'workflow' })})`),
        summary,
      );
    }
    case 'input': {
      ctx.importFrom('./runtime', 'loadGraph');
      return lines(
        marker(node),
        assign(`loadGraph(${literal(node.id)}, ${ctx.reference(`$input.${source.input}`, { in: 'workflow' })} ?? [])`),
        summary,
      );
    }
  }
};

