import { GraphError, unknownDependencyError } from './graph-error';
import type { DependencyKind, PackageSpec } from './types';
import { DEPENDENCY_KINDS } from './types';

/** What `loadPackages` writes into; DependencyGraph implements it. */
export interface PackageSink {
  /** Whether a package is already present. */
  hasNode(name: string): boolean;
  /** Adds a package (never called for a duplicate). */
  addNode(pkg: { name: string; estimatedDurationMs?: number }): void;
  /** Adds an edge between two present packages. */
  addDependency(from: string, to: string, kind: DependencyKind): void;
}

/**
 * Loads a declared package list, collecting every problem instead of stopping at the first, because
 * the compiler and the UI show them all as diagnostics at once. Packages go in first (so
 * declaration order does not matter for edges), then edges; a bad package or edge is skipped and
 * reported, the rest is still loaded.
 */
export function loadPackages(packages: readonly PackageSpec[], sink: PackageSink): GraphError[] {
  const problems: GraphError[] = [];
  const accepted: PackageSpec[] = [];
  for (const pkg of packages) {
    const problem = checkPackage(pkg);
    if (problem) problems.push(problem);
    else if (sink.hasNode(pkg.name)) {
      problems.push(
        new GraphError('DUPLICATE_PACKAGE', `Package "${pkg.name}" is declared more than once`, {
          pkg: pkg.name,
        }),
      );
    } else {
      sink.addNode({
        name: pkg.name,
        ...(pkg.estimatedDurationMs !== undefined && { estimatedDurationMs: pkg.estimatedDurationMs }),
      });
      accepted.push(pkg);
    }
  }
  for (const pkg of accepted) {
    for (const dep of pkg.dependencies ?? []) {
      const to = typeof dep === 'string' ? dep : dep?.name; // input may be untyped JSON
      const kind = typeof dep === 'string' ? 'dependency' : (dep?.kind ?? 'dependency');
      if (typeof to !== 'string' || to === '') {
        problems.push(
          new GraphError('INVALID_PACKAGE', `Package "${pkg.name}" lists a dependency without a name`, {
            pkg: pkg.name,
          }),
        );
      } else if (!DEPENDENCY_KINDS.includes(kind)) {
        problems.push(
          new GraphError(
            'INVALID_PACKAGE',
            `Package "${pkg.name}" has a dependency of unknown kind "${kind}"`,
            {
              from: pkg.name,
              to,
              pkg: pkg.name,
            },
          ),
        );
      } else if (!sink.hasNode(to)) problems.push(unknownDependencyError(pkg.name, to));
      else sink.addDependency(pkg.name, to, kind);
    }
  }
  return problems;
}

function checkPackage(pkg: PackageSpec): GraphError | undefined {
  if (typeof pkg?.name !== 'string' || pkg.name === '') {
    return new GraphError('INVALID_PACKAGE', 'Package name must be a non-empty string');
  }
  const d = pkg.estimatedDurationMs;
  if (d !== undefined && (typeof d !== 'number' || !Number.isFinite(d) || d < 0)) {
    return new GraphError(
      'INVALID_PACKAGE',
      `Package "${pkg.name}" has an invalid estimatedDurationMs (${String(d)}): expected milliseconds >= 0`,
      { pkg: pkg.name },
    );
  }
  if (pkg.dependencies !== undefined && !Array.isArray(pkg.dependencies)) {
    return new GraphError('INVALID_PACKAGE', `Package "${pkg.name}": dependencies must be an array`, {
      pkg: pkg.name,
    });
  }
  return undefined;
}
