/**
 * The definitions `workflow-builder build` runs on a monorepo: the PackageBuilder example
 * (examples/package-builder.json, the flagship visual definition) with its dependencyGraph node
 * reading the workspace folder given as the run input `workspaceRoot`, and its dynamicLoop set from
 * the command's options; its child is the PackageBuild example as is. They are stored through the
 * same idempotent save as the examples, then compiled and started by the app's launcher — a
 * definition anyone can open on the canvas, never a second, hand-written path.
 */
import { createHash } from 'node:crypto';
import type { DependencyKind } from '../../core/graph/types';
import packageBuildJson from '../../../examples/package-build.json';
import packageBuilderJson from '../../../examples/package-builder.json';
import type { Store } from '../store';
import { storeDefinitionFiles, type ExampleFile, type LoadedExample } from './example-library';

/** What a monorepo build is asked to do: the settings that become the definition's nodes. */
export interface MonorepoBuildSettings {
  /** Children at once (the loop's N). */
  concurrency: number;
  /** Scripts each child runs in order (a package counts as done when all passed). */
  scripts: readonly string[];
  failFast: boolean;
  /** Which dependency kinds make edges; undefined: all four. */
  edgeKinds?: readonly DependencyKind[];
  /** Name globs (the selection keeps its dependencies); empty: every package. */
  filter: readonly string[];
  /** How long a run with failures waits for retryFailed (ms); 0: not at all. */
  retryWindowMs: number;
  breakDevCycles: boolean;
  /** Task queue of the PackageBuild children. @default the PackageBuild example's (package-build) */
  buildTaskQueue?: string;
}

/** The run input naming the folder (an opened workspace) the build reads and builds in. */
export const WORKSPACE_ROOT_INPUT = 'workspaceRoot';

/** The ref the parent uses for its child before the store gives the child an id. */
const CHILD_REF = 'package-build';

type Json = Record<string, unknown>;
interface DefinitionJson {
  name: string;
  description?: string;
  nodes: Array<{ id: string; kind: string; label?: string; data: Json }>;
  settings?: Json;
}

/**
 * The definition files of a monorepo build, child first (`storeDefinitionFiles` input). The
 * parent's name says the settings (`Build monorepo N=4 build+test`), with a short hash of any
 * others, so runs of different settings never share a workflow type.
 */
export function monorepoBuildFiles(settings: MonorepoBuildSettings): ExampleFile[] {
  const child = structuredClone(packageBuildJson) as unknown as DefinitionJson;
  if (settings.buildTaskQueue) child.settings = { ...child.settings, taskQueue: settings.buildTaskQueue };

  const parent = structuredClone(packageBuilderJson) as unknown as DefinitionJson;
  const graph = nodeOf(parent, 'dependencyGraph');
  graph.label = 'Workspace packages';
  graph.data = {
    source: { type: 'workspace', root: { $ref: `$input.${WORKSPACE_ROOT_INPUT}` } },
    ...(settings.edgeKinds ? { edgeKinds: [...settings.edgeKinds] } : {}),
    ...(settings.breakDevCycles ? { breakDevCycles: true } : {}),
    ...(settings.filter.length > 0 ? { filter: [...settings.filter] } : {}),
  };
  const loop = nodeOf(parent, 'dynamicLoop');
  loop.label = `Build packages, ${settings.concurrency} at a time`;
  loop.data = {
    ...loop.data,
    child: { definitionId: CHILD_REF },
    maxConcurrent: settings.concurrency,
    failFast: settings.failFast,
    retryWindowMs: settings.retryWindowMs,
    // Real builds: each child runs the package's own scripts in the opened workspace.
    childInput: {
      workspaceRoot: { $ref: `$input.${WORKSPACE_ROOT_INPUT}` },
      scripts: [...settings.scripts],
      // Earlier builds' time: a build known to be short runs as a local activity (the child's branch).
      expectedDurationMs: { $ref: '$package.expectedDurationMs' },
    },
  };
  const report = nodeOf(parent, 'report');
  report.data = { ...report.data, title: 'Monorepo build' };

  // Settings the name does not spell out are told apart by a short hash of them.
  const others = {
    edgeKinds: settings.edgeKinds,
    filter: settings.filter.length > 0 ? settings.filter : undefined,
    retryWindowMs: settings.retryWindowMs > 0 ? settings.retryWindowMs : undefined,
    breakDevCycles: settings.breakDevCycles || undefined,
    buildTaskQueue: settings.buildTaskQueue,
  };
  const hash = Object.values(others).some((v) => v !== undefined)
    ? ` ${createHash('sha256').update(JSON.stringify(others)).digest('hex').slice(0, 6)}`
    : '';
  parent.name = `Build monorepo N=${settings.concurrency} ${settings.scripts.join('+')}${settings.failFast ? ' fail-fast' : ''}${hash}`;
  parent.description =
    `PackageBuilder on the monorepo folder of the run input "${WORKSPACE_ROOT_INPUT}" (opened as a workspace): ` +
    `${settings.concurrency} packages at a time, scripts ${settings.scripts.join(', ')} in order` +
    `${settings.failFast ? ', stop at the first failure' : ', a failure blocks only its dependents'}` +
    `${settings.filter.length > 0 ? `, only ${settings.filter.join(' ')} and their dependencies` : ''}; ends with a report.`;
  parent.settings = {
    inputs: [
      {
        name: WORKSPACE_ROOT_INPUT,
        type: 'string',
        required: true,
        label: 'Monorepo folder',
        description:
          'Absolute path of the monorepo root, a workspace opened in the app or given with --workspace',
      },
    ],
  };
  return [
    { ref: CHILD_REF, definition: child },
    { ref: 'monorepo-build', definition: parent },
  ];
}

/** Stores the build's definitions (reusing same-content ones); the last one is the parent. */
export function storeMonorepoBuild(
  store: Pick<Store, 'definitions'>,
  settings: MonorepoBuildSettings,
): LoadedExample {
  return storeDefinitionFiles(store, monorepoBuildFiles(settings));
}

function nodeOf(definition: DefinitionJson, kind: string): DefinitionJson['nodes'][number] {
  const node = definition.nodes.find((n) => n.kind === kind);
  if (!node) throw new Error(`The PackageBuilder example has no ${kind} node`);
  return node;
}
