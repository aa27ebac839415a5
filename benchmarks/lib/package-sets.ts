/**
 * Package sets the PackageBuilder benchmarks share, as the run input of the compiled PackageBuilder
 * (`packages`: name, dependencies, estimatedDurationMs = how long the simulated build sleeps).
 */
import { mulberry32, randomInt } from './random';

export interface BenchPackage {
  name: string;
  dependencies?: string[];
  estimatedDurationMs: number;
}

/**
 * A seeded synthetic monorepo like issue 12's: `count` packages in `layers` layers, each depending on
 * one package of the layer just before and up to two more of any earlier layer, builds sleeping
 * 0.5–6 s. `syntheticMonorepo(50, 6, 12)` is the issue's 50-package workspace (the same generator and
 * seed as benchmarks/child-overhead.bench.ts `sleeping=50`).
 */
export function syntheticMonorepo(count: number, layers: number, seed: number): BenchPackage[] {
  const rng = mulberry32(seed);
  const perLayer = Math.ceil(count / layers);
  const packages: BenchPackage[] = [];
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / perLayer);
    const earlier = packages.slice(0, layer * perLayer);
    const deps = new Set<string>();
    if (layer > 0) {
      // One dependency in the layer just before keeps the layering; more anywhere earlier.
      deps.add(packages[(layer - 1) * perLayer + randomInt(rng, perLayer)]!.name);
      for (let extra = randomInt(rng, 3); extra > 0; extra--)
        deps.add(earlier[randomInt(rng, earlier.length)]!.name);
    }
    packages.push({
      name: `m${i}`,
      dependencies: [...deps],
      estimatedDurationMs: 500 + randomInt(rng, 5501),
    });
  }
  return packages;
}

/** The same packages with every build time multiplied by `factor` (rounded to whole ms). */
export function timeScaled(packages: readonly BenchPackage[], factor: number): BenchPackage[] {
  if (!(factor > 0)) throw new Error(`time scale must be a number > 0, got ${factor}`);
  return packages.map((p) => ({ ...p, estimatedDurationMs: Math.round(p.estimatedDurationMs * factor) }));
}

/** max(critical path, work / n) of the packages' own build times: no schedule on n slots is shorter. */
export function lowerBound(packages: readonly BenchPackage[], n: number): number {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const finish = new Map<string, number>();
  const finishOf = (name: string): number => {
    const known = finish.get(name);
    if (known !== undefined) return known;
    const p = byName.get(name);
    if (!p) throw new Error(`unknown package ${name}`);
    const value = p.estimatedDurationMs + Math.max(0, ...(p.dependencies ?? []).map(finishOf));
    finish.set(name, value);
    return value;
  };
  const critical = Math.max(0, ...packages.map((p) => finishOf(p.name)));
  return Math.max(critical, packages.reduce((sum, p) => sum + p.estimatedDurationMs, 0) / n);
}

/** Edges of the set. */
export function edgeCount(packages: readonly BenchPackage[]): number {
  return packages.reduce((sum, p) => sum + (p.dependencies?.length ?? 0), 0);
}
