/**
 * The seeded synthetic monorepos of the peers benchmark (issue 12): npm and pnpm workspaces whose
 * packages' `build` scripts sleep a fixed, seeded time and append their start and end to the
 * workspace's timeline file. The same files serve every tool: `workspaces` in package.json (npm, our
 * CLI), pnpm-workspace.yaml and `workspace:*` dependencies (pnpm, turbo, nx), turbo.json and nx.json
 * making `build` depend on the dependencies' `build`.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32, randomInt, type Rng } from './random';

/** One package of a generated workspace. */
export interface PeerPackage {
  name: string;
  /** Names of the workspace packages it depends on (built first by every tool). */
  dependencies: string[];
  /** How long its build sleeps, in ms (0: an instant build). */
  buildMs: number;
}

/** A generated workspace: what it is called in tables, and its packages. */
export interface PeerWorkspace {
  id: string;
  description: string;
  packages: PeerPackage[];
  /** Builds in flight for every tool (default: the benchmark's N = 4). */
  concurrency?: number;
}

/** Shape of a layered workspace: `count` packages in `layers` layers joined by exactly `edges` edges. */
export interface LayeredShape {
  count: number;
  layers: number;
  edges: number;
  seed: number;
  /** The build time of one package, drawn from the seeded generator. */
  buildMs: (rng: Rng) => number;
}

/**
 * Packages in layers of equal size; every package after the first layer depends on one package of
 * the layer before it (so the layers are real), then further edges to any earlier layer are drawn
 * until there are exactly `edges`.
 */
export function layeredWorkspace(id: string, description: string, shape: LayeredShape): PeerWorkspace {
  const rng = mulberry32(shape.seed);
  const perLayer = Math.ceil(shape.count / shape.layers);
  const width = String(shape.count - 1).length;
  const names = Array.from({ length: shape.count }, (_, i) => `@peers/p${String(i).padStart(width, '0')}`);
  const layerOf = (i: number): number => Math.floor(i / perLayer);
  const deps = names.map(() => new Set<number>());
  let edges = 0;
  for (let i = perLayer; i < shape.count; i++) {
    const start = (layerOf(i) - 1) * perLayer;
    deps[i]!.add(start + randomInt(rng, perLayer));
    edges++;
  }
  const possible = names.reduce((sum, _, i) => sum + layerOf(i) * perLayer, 0);
  if (shape.edges < edges || shape.edges > possible) {
    throw new Error(
      `${id}: ${shape.edges} edges do not fit ${shape.count} packages in ${shape.layers} layers`,
    );
  }
  while (edges < shape.edges) {
    const i = perLayer + randomInt(rng, shape.count - perLayer);
    const dep = randomInt(rng, layerOf(i) * perLayer);
    if (deps[i]!.has(dep)) continue;
    deps[i]!.add(dep);
    edges++;
  }
  const packages = names.map((name, i) => ({
    name,
    dependencies: [...deps[i]!].sort((a, b) => a - b).map((d) => names[d]!),
    buildMs: Math.round(shape.buildMs(rng)),
  }));
  return { id, description, packages };
}

/** `count` independent packages whose builds only write their timeline lines. */
export function instantWorkspace(id: string, count: number): PeerWorkspace {
  const width = String(count - 1).length;
  return {
    id,
    description: `${count} independent packages, instant builds`,
    packages: Array.from({ length: count }, (_, i) => ({
      name: `@peers/i${String(i).padStart(width, '0')}`,
      dependencies: [],
      buildMs: 0,
    })),
  };
}

/** Sleeps of 0.5–6 s, most of them short (u³): a few long builds, as in real monorepos. */
const sleeping = (rng: Rng): number => 500 + 5500 * rng() ** 3;

/** Builds of 0–40 ms: every tool is nearly all overhead (the issue's 500-package workspace). */
const short = (rng: Rng): number => 40 * rng();

/** The benchmark's workspaces, by id (the `--sizes` flag selects among them). */
export const PEER_WORKSPACES: Record<string, () => PeerWorkspace> = {
  // In the order they run by default: the issue's headline figures first, the longest run last.
  'sleep-50': () =>
    layeredWorkspace('sleep-50', '50 packages, 98 edges, 6 layers, builds sleep 0.5–6 s', {
      count: 50,
      layers: 6,
      edges: 98,
      seed: 50,
      buildMs: sleeping,
    }),
  'instant-100': () => instantWorkspace('instant-100', 100),
  'sleep-20': () =>
    layeredWorkspace('sleep-20', '20 packages, 36 edges, 4 layers, builds sleep 0.5–6 s', {
      count: 20,
      layers: 4,
      edges: 36,
      seed: 20,
      buildMs: sleeping,
    }),
  'mixed-200': () =>
    // The edge density of the issue's 500-package workspace (1,138 edges), builds of 0–40 ms.
    layeredWorkspace('mixed-200', '200 packages, 455 edges, 10 layers, builds sleep 0–40 ms', {
      count: 200,
      layers: 10,
      edges: 455,
      seed: 200,
      buildMs: short,
    }),
  // Issue 12's third target: 500 packages, 1,138 edges, builds of 0–40 ms, 16 in flight.
  'mixed-500': () => ({
    ...layeredWorkspace('mixed-500', '500 packages, 1,138 edges, 10 layers, builds sleep 0–40 ms', {
      count: 500,
      layers: 10,
      edges: 1138,
      seed: 500,
      buildMs: short,
    }),
    concurrency: 16,
  }),
};

/** Name of the timeline file at the workspace root; each line `<package> start|end <epoch ns>`. */
export const TIMELINE_FILE = 'timeline.log';

/** The one build script every package runs; paths are relative to the package folder (its cwd). */
const BUILD_SCRIPT = `#!/bin/sh
# $1: package name, $2: seconds to sleep. Appends the build's start and end to the timeline: one
# short write each (atomic with O_APPEND), so concurrent builds never mix their lines.
echo "$1 start $(date +%s%N)" >> ../../${TIMELINE_FILE}
[ "$2" = 0 ] || sleep "$2"
echo "$1 end $(date +%s%N)" >> ../../${TIMELINE_FILE}
`;

/**
 * Writes the workspace into `dir` (which must not exist yet or be empty): root manifest with
 * `packageManager` (turbo requires one), pnpm-workspace.yaml, turbo.json, nx.json, build.sh, and
 * `packages/<short name>/package.json` per package.
 */
export function writePeerWorkspace(dir: string, workspace: PeerWorkspace, pnpmVersion: string): void {
  mkdirSync(dir, { recursive: true });
  const json = (file: string, value: unknown): void =>
    writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  json('package.json', {
    name: `peers-${workspace.id}`,
    private: true,
    packageManager: `pnpm@${pnpmVersion}`,
    workspaces: ['packages/*'],
  });
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), "packages:\n  - 'packages/*'\n");
  json('turbo.json', {
    $schema: 'https://turbo.build/schema.json',
    tasks: { build: { dependsOn: ['^build'], outputs: [] } },
  });
  json('nx.json', {
    targetDefaults: { build: { dependsOn: ['^build'], cache: true } },
  });
  writeFileSync(join(dir, 'build.sh'), BUILD_SCRIPT);
  chmodSync(join(dir, 'build.sh'), 0o755);
  writeFileSync(join(dir, '.gitignore'), `node_modules\n.turbo\n.nx\n${TIMELINE_FILE}\n`);
  for (const pkg of workspace.packages) {
    const folder = join(dir, 'packages', pkg.name.split('/').at(-1)!);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'package.json'),
      `${JSON.stringify(
        {
          name: pkg.name,
          version: '1.0.0',
          private: true,
          scripts: { build: `sh ../../build.sh ${pkg.name} ${pkg.buildMs / 1000}` },
          dependencies: Object.fromEntries(pkg.dependencies.map((d) => [d, 'workspace:*'])),
        },
        null,
        2,
      )}\n`,
    );
  }
}

/** Total build time and the lower bound max(critical path, work / N) of any schedule at N. */
export function lowerBound(
  workspace: PeerWorkspace,
  n: number,
): { workMs: number; criticalPathMs: number; boundMs: number } {
  const byName = new Map(workspace.packages.map((p) => [p.name, p]));
  const finish = new Map<string, number>();
  const finishOf = (name: string): number => {
    const known = finish.get(name);
    if (known !== undefined) return known;
    const pkg = byName.get(name)!;
    const value = pkg.buildMs + Math.max(0, ...pkg.dependencies.map(finishOf));
    finish.set(name, value);
    return value;
  };
  const workMs = workspace.packages.reduce((sum, p) => sum + p.buildMs, 0);
  const criticalPathMs = Math.max(...workspace.packages.map((p) => finishOf(p.name)));
  return { workMs, criticalPathMs, boundMs: Math.max(criticalPathMs, workMs / n) };
}
