import type { CompiledGraph } from './csr';
import { stronglyConnectedComponents } from './cycles';
import { GraphError } from './graph-error';
import { topologicalOrder } from './topo-sort';
import type { DependencyKind, DependencySpec, GraphEdge, PackageSpec } from './types';
import { DEPENDENCY_KINDS } from './types';

const DEV = DEPENDENCY_KINDS.indexOf('dev');

/**
 * The package list with only the dependencies of the chosen kinds (`GraphOptions.edgeKinds`). A
 * dependency declared under several kinds keeps the first chosen one of `[kind, ...otherKinds]`.
 * Entries the loader must reject (no name, unknown kind) are passed through unchanged so that it
 * still reports them.
 */
export function selectEdgeKinds(
  packages: readonly PackageSpec[],
  kinds: readonly DependencyKind[] | undefined,
): readonly PackageSpec[] {
  if (kinds === undefined || DEPENDENCY_KINDS.every((k) => kinds.includes(k))) return packages;
  return packages.map((pkg) => {
    if (typeof pkg !== 'object' || pkg === null || !Array.isArray(pkg.dependencies)) return pkg;
    const dependencies = pkg.dependencies.flatMap((dep): DependencySpec[] => {
      if (typeof dep === 'string') return kinds.includes('dependency') ? [dep] : [];
      if (typeof dep !== 'object' || dep === null) return [dep];
      const declared = [dep.kind ?? 'dependency', ...(Array.isArray(dep.otherKinds) ? dep.otherKinds : [])];
      if (!DEPENDENCY_KINDS.includes(declared[0]!)) return [dep];
      const kind = declared.find((k) => kinds.includes(k));
      return kind === undefined ? [] : [{ name: dep.name, kind }];
    });
    return { ...pkg, dependencies };
  });
}

/**
 * The devDependency edges that close a cycle (`GraphOptions.breakDevCycles`). Every other edge is
 * kept; then each dev edge, in insertion order, is kept unless its target already reaches its
 * source through the edges kept so far. What remains has no cycle through a dev edge (a cycle's
 * last-kept dev edge would have been refused), so the only cycles left are made of other kinds.
 * Only edges inside a strongly connected component can close a cycle, so the searches stay
 * inside one component; O(D · (V + E)) for D dev edges in components, zero work on a DAG.
 */
export function devEdgesClosingCycles(g: CompiledGraph): GraphEdge[] {
  if (topologicalOrder(g)) return [];
  const { comp } = stronglyConnectedComponents(g);
  const kept: number[][] = Array.from({ length: g.n }, () => []);
  const devEdges: Array<[from: number, to: number]> = [];
  for (let v = 0; v < g.n; v++) {
    for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end; i++) {
      const w = g.deps[i]!;
      if (comp[w] !== comp[v]) continue; // between components: never on a cycle
      if (g.depKind[i] === DEV) devEdges.push([v, w]);
      else kept[v]!.push(w);
    }
  }
  const seen = new Int32Array(g.n).fill(-1);
  const stack: number[] = [];
  const reaches = (source: number, target: number, stamp: number): boolean => {
    stack.length = 0;
    stack.push(source);
    seen[source] = stamp;
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v === target) return true;
      for (const w of kept[v]!) {
        if (seen[w] !== stamp) {
          seen[w] = stamp;
          stack.push(w);
        }
      }
    }
    return false;
  };
  const dropped: GraphEdge[] = [];
  devEdges.forEach(([from, to], k) => {
    if (reaches(to, from, k)) dropped.push({ from: g.names[from]!, to: g.names[to]!, kind: 'dev' });
    else kept[from]!.push(to);
  });
  return dropped;
}

/**
 * The package list without the given edges (matched by their two ends). Malformed entries (the
 * input may be untyped JSON) are passed through for the loader to report.
 */
export function withoutEdges(packages: readonly PackageSpec[], edges: readonly GraphEdge[]): PackageSpec[] {
  const drop = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
  const target = (dep: DependencySpec): unknown => (typeof dep === 'string' ? dep : dep?.name);
  return packages.map((pkg) =>
    typeof pkg !== 'object' || pkg === null || !Array.isArray(pkg.dependencies)
      ? pkg
      : {
          ...pkg,
          dependencies: pkg.dependencies.filter(
            (dep) => !drop.has(`${pkg.name}\u0000${String(target(dep))}`),
          ),
        },
  );
}

/** Spellings of each kind a user may type: the kind itself, its package.json field, or the field's singular. */
const KIND_SPELLINGS: ReadonlyArray<[kind: DependencyKind, spellings: readonly string[]]> = [
  ['dependency', ['dependency', 'dependencies', 'prod']],
  ['optional', ['optional', 'optionaldependencies', 'optionaldependency']],
  ['peer', ['peer', 'peerdependencies', 'peerdependency']],
  ['dev', ['dev', 'devdependencies', 'devdependency']],
];

/**
 * A comma-separated list of edge kinds as a user types it (`--kinds dependencies,optional,peer,dev`,
 * a settings field): each item is a kind (`dev`), its package.json field (`devDependencies`) or
 * that field's singular, case-insensitive. Returns the kinds in the order given, without repeats.
 * Throws INVALID_ARGUMENT naming an unknown item and the accepted spellings.
 */
export function parseEdgeKinds(text: string): DependencyKind[] {
  const kinds: DependencyKind[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    const kind = KIND_SPELLINGS.find(([, spellings]) => spellings.includes(item))?.[0];
    if (kind === undefined) {
      throw new GraphError(
        'INVALID_ARGUMENT',
        `Unknown dependency kind "${raw.trim()}": use dependencies, optional, peer or dev (or the package.json field names)`,
      );
    }
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}
