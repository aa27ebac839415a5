import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StoredDefinition } from '../../../src/core/ipc';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import type { Store } from '../../../src/main/store';
import type { ProjectCompilerBinding } from '../../../src/main/workflow-runtime/compiler-port';
import { fixtureCompiler } from './fixture-compiler';

/** A package build scenario, independent of how the compiler wants it expressed. */
export interface PackageScenario {
  packages: Array<{ name: string; dependencies?: string[]; simulatedDurationMs?: number; failWith?: string }>;
  maxConcurrent?: number;
  failFast?: boolean;
  historyThreshold?: number;
  retryWindowMs?: number;
  policy?: 'critical-path-first' | 'fifo';
}

/** How the runtime tests turn a scenario into a stored definition and a run input. */
export interface ScenarioAdapter {
  name: string;
  compiler: ProjectCompilerBinding;
  prepare(
    store: Pick<Store, 'definitions'>,
    scenario: PackageScenario,
  ): { definition: StoredDefinition; input: Record<string, unknown> };
}

const minimal = (name: string) => ({
  schemaVersion: 1 as const,
  name,
  nodes: [{ id: 'start', kind: 'start', data: {} }],
  edges: [],
  settings: {},
});

/** The hand-written fixture project: every scenario knob travels in the input. */
export const fixtureAdapter: ScenarioAdapter = {
  name: 'fixture',
  compiler: fixtureCompiler,
  prepare(store, scenario) {
    const saved = store.definitions.save({ definition: minimal('PackageBuilder') });
    return { definition: store.definitions.get(saved.id), input: { ...scenario } };
  },
};

/**
 * The real compiler (src/core/compiler): a PackageBuild child (activity buildPackage) and a
 * PackageBuilder parent whose packages come from the run input (graph source `input`), so one
 * definition version serves every package list; loop settings live in the definition, and each
 * distinct setting combination is one version of the same definition.
 */
export const compilerAdapter: ScenarioAdapter = {
  name: 'compiled',
  compiler: defaultCompiler,
  prepare(store, scenario) {
    const ids = storeIds.get(store) ?? { child: '', parent: '', versions: new Map<string, number>() };
    if (!storeIds.has(store)) {
      ids.child = store.definitions.save({ definition: packageBuildDefinition() }).id;
      storeIds.set(store, ids);
    }
    const loop = {
      maxConcurrent: scenario.maxConcurrent ?? 4,
      failFast: scenario.failFast ?? false,
      policy: scenario.policy ?? 'critical-path-first',
      ...(scenario.historyThreshold !== undefined ? { historyThreshold: scenario.historyThreshold } : {}),
      ...(scenario.retryWindowMs !== undefined ? { retryWindowMs: scenario.retryWindowMs } : {}),
    };
    const key = JSON.stringify(loop);
    let version = ids.versions.get(key);
    if (version === undefined) {
      const definition = packageBuilderDefinition(ids.child, loop);
      const saved = ids.parent
        ? store.definitions.save({ id: ids.parent, definition })
        : store.definitions.save({ definition });
      ids.parent = saved.id;
      version = saved.version;
      ids.versions.set(key, version);
    }
    const failures = Object.fromEntries(
      scenario.packages.filter((p) => p.failWith).map((p) => [p.name, p.failWith!]),
    );
    const packages = scenario.packages.map((p) => ({
      name: p.name,
      ...(p.dependencies?.length ? { dependencies: p.dependencies } : {}),
      estimatedDurationMs: p.simulatedDurationMs ?? 100,
    }));
    return { definition: store.definitions.get(ids.parent, version), input: { packages, failures } };
  },
};

const storeIds = new WeakMap<object, { child: string; parent: string; versions: Map<string, number> }>();

/** examples/package-build.json without its fixed task queue (tests use their own queues). */
export function packageBuildDefinition(): unknown {
  const json = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../examples/package-build.json', import.meta.url)), 'utf8'),
  ) as {
    settings: { taskQueue?: string };
  };
  delete json.settings.taskQueue;
  // The runtime tests give no workspaceRoot: their builds are simulated.
  return json;
}

/** A PackageBuilder whose packages and failures are run inputs. */
export function packageBuilderDefinition(childId: string, loop: Record<string, unknown>): unknown {
  return {
    schemaVersion: 1,
    name: 'PackageBuilder',
    description: 'Runtime test parent: packages from the input, one PackageBuild child per package.',
    nodes: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'graph', kind: 'dependencyGraph', data: { source: { type: 'input', input: 'packages' } } },
      {
        id: 'build',
        kind: 'dynamicLoop',
        data: {
          graph: 'graph',
          child: { definitionId: childId },
          dependencyMode: 'on',
          childInput: {
            simulatedDurationMs: { $ref: '$package.estimatedDurationMs' },
            failWith: { $ref: '$input.failures.$package' },
          },
          ...loop,
        },
      },
      { id: 'end', kind: 'end', data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'graph' },
      { id: 'e2', source: 'graph', target: 'build' },
      { id: 'e3', source: 'build', target: 'end' },
    ],
    settings: {
      inputs: [
        { name: 'packages', type: 'packages', required: true },
        { name: 'failures', type: 'json', default: {} },
      ],
    },
  };
}

/** The adapter the runtime tests use. */
export const scenarioAdapter: ScenarioAdapter = compilerAdapter;

/** `count` independent packages named p01…, each taking `durationMs`. */
export function flatPackages(count: number, durationMs: number): PackageScenario['packages'] {
  return Array.from({ length: count }, (_, i) => ({
    name: `p${String(i + 1).padStart(2, '0')}`,
    simulatedDurationMs: durationMs,
  }));
}

/** A layered graph: `count` packages, each depending on up to two of the previous layer. */
export function layeredPackages(
  count: number,
  width: number,
  durations: (i: number) => number,
): PackageScenario['packages'] {
  const packages: PackageScenario['packages'] = [];
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / width);
    const dependencies: string[] = [];
    if (layer > 0) {
      const prevStart = (layer - 1) * width;
      dependencies.push(`pkg${String(prevStart + (i % width)).padStart(2, '0')}`);
      if (i % 3 === 0) dependencies.push(`pkg${String(prevStart + ((i + 1) % width)).padStart(2, '0')}`);
    }
    packages.push({
      name: `pkg${String(i).padStart(2, '0')}`,
      dependencies: [...new Set(dependencies)],
      simulatedDurationMs: durations(i),
    });
  }
  return packages;
}
