import type { CycleInfo, GraphEdge, GraphOptions } from './types';

/** Machine-readable reason of a `GraphError`. */
export type GraphErrorCode =
  /** The graph has a dependency cycle (`cycle` names one). */
  | 'CYCLE'
  /** An edge or a query names a package that is not in the graph (`from`/`to`/`pkg`). */
  | 'UNKNOWN_PACKAGE'
  /** The same package name was added twice (`pkg`). */
  | 'DUPLICATE_PACKAGE'
  /** A package name is not a non-empty string, or a dependency kind is unknown. */
  | 'INVALID_PACKAGE'
  /** Several problems at once; each one is in `diagnostics`. */
  | 'INVALID_GRAPH'
  /** A serialized graph or tracker does not have the expected shape. */
  | 'INVALID_JSON'
  /** A tracker event does not fit the package's current state (e.g. completing a pending package). */
  | 'INVALID_STATE'
  /** A duration, slot count or other argument is out of range. */
  | 'INVALID_ARGUMENT';

/** Structured fields of a `GraphError`; which ones are set depends on the code. */
export interface GraphErrorDetails {
  /** CYCLE: the first cycle, closed (`['a', 'b', 'a']`). */
  readonly cycle?: readonly string[];
  /** CYCLE: every cycle found, one per strongly connected component. */
  readonly cycles?: readonly CycleInfo[];
  /** UNKNOWN_PACKAGE on an edge: the dependent end. */
  readonly from?: string;
  /** UNKNOWN_PACKAGE on an edge: the dependency end. */
  readonly to?: string;
  /** The package the error is about. */
  readonly pkg?: string;
  /** INVALID_GRAPH: the individual problems. */
  readonly diagnostics?: readonly GraphError[];
}

/**
 * The one error type of the graph engine. `code` and the structured fields are for programs (the
 * compiler turns them into diagnostics); `message` is written for the user to act on.
 */
export class GraphError extends Error {
  /** Machine-readable reason. */
  readonly code: GraphErrorCode;
  /** See `GraphErrorDetails.cycle`. */
  readonly cycle?: readonly string[];
  /** See `GraphErrorDetails.cycles`. */
  readonly cycles?: readonly CycleInfo[];
  /** See `GraphErrorDetails.from`. */
  readonly from?: string;
  /** See `GraphErrorDetails.to`. */
  readonly to?: string;
  /** See `GraphErrorDetails.pkg`. */
  readonly pkg?: string;
  /**
   * Every individual problem: itself for a single error, the parts of an INVALID_GRAPH error.
   * Callers can always iterate this without checking the code.
   */
  readonly diagnostics: readonly GraphError[];

  /** Creates an error; prefer the factory functions below so messages stay uniform. */
  constructor(code: GraphErrorCode, message: string, details: GraphErrorDetails = {}) {
    super(message);
    this.name = 'GraphError';
    this.code = code;
    if (details.cycle) this.cycle = details.cycle;
    if (details.cycles) this.cycles = details.cycles;
    if (details.from !== undefined) this.from = details.from;
    if (details.to !== undefined) this.to = details.to;
    if (details.pkg !== undefined) this.pkg = details.pkg;
    this.diagnostics = details.diagnostics ?? [this];
  }

  /**
   * True for a GraphError, also one created in another realm (workflow sandbox, worker) where
   * `instanceof` fails because each realm has its own class.
   */
  static is(value: unknown): value is GraphError {
    return (
      value instanceof GraphError ||
      (value instanceof Error &&
        value.name === 'GraphError' &&
        typeof (value as GraphError).code === 'string')
    );
  }

  /** Plain-object form for logs and IPC (Error objects do not survive JSON.stringify). */
  toJSON(): { name: string; code: GraphErrorCode; message: string } & GraphErrorDetails {
    const { cycle, cycles, from, to, pkg } = this;
    const parts = this.diagnostics.length > 1 || this.diagnostics[0] !== this ? this.diagnostics : undefined;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(cycle && { cycle }),
      ...(cycles && { cycles }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ...(pkg !== undefined && { pkg }),
      ...(parts && { diagnostics: parts }),
    };
  }
}

/**
 * Formats a closed cycle the way users read it: `a → b → c → a`. With the cycle's edges, each edge
 * that is not a plain `dependencies` entry is tagged with its kind after its target:
 * `a → b (dev) → a` reads "a dev-depends on b, b depends on a".
 */
export function formatCycle(cycle: readonly string[], edges?: readonly GraphEdge[]): string {
  return cycle
    .map((name, i) => {
      const kind = i > 0 ? edges?.[i - 1]?.kind : undefined;
      return kind === undefined || kind === 'dependency' ? name : `${name} (${kind})`;
    })
    .join(' → ');
}

/**
 * What the user can change so that a run over a graph with this cycle proceeds: the settings of
 * `GraphOptions` (their names are the dependencyGraph node's fields; the CLI maps them to flags).
 */
export function cycleRemedy(cycle: CycleInfo, options: GraphOptions = {}): string {
  const kinds = new Set(cycle.edges.map((e) => e.kind));
  if (kinds.has('dev') && !options.breakDevCycles) {
    return 'To build anyway, turn on "breakDevCycles" (drops the devDependency edges that close cycles and lists them) or leave "dev" out of "edgeKinds".';
  }
  const optional = (['peer', 'optional', 'dev'] as const).filter((k) => kinds.has(k));
  if (optional.length > 0) {
    return `To build anyway, leave ${optional.map((k) => `"${k}"`).join(' and ')} out of "edgeKinds".`;
  }
  return 'No setting lets a run proceed: every edge of it is a "dependencies" entry, so one of those package.json entries has to go.';
}

/** A package filter pattern (`GraphOptions.filter`) that matches no package: most likely a typo. */
export function unmatchedFilterError(pattern: string): GraphError {
  return new GraphError(
    'INVALID_ARGUMENT',
    `No package matches the filter "${pattern}" (a glob over package names, e.g. "@acme/*")`,
  );
}

/** The error thrown for a cyclic graph; names the first cycle and counts the others. */
export function cycleError(cycles: readonly CycleInfo[], remedy?: GraphOptions): GraphError {
  const first = cycles[0];
  if (!first) throw new Error('cycleError needs at least one cycle');
  const more =
    cycles.length > 1 ? ` (and ${cycles.length - 1} more cycle${cycles.length > 2 ? 's' : ''})` : '';
  const advice = remedy === undefined ? '' : `. ${cycleRemedy(first, remedy)}`;
  return new GraphError(
    'CYCLE',
    `Dependency cycle: ${formatCycle(first.cycle, first.edges)}${more}${advice}`,
    {
      cycle: first.cycle,
      cycles,
    },
  );
}

/** The error for an edge whose dependency end is not in the graph. */
export function unknownDependencyError(from: string, to: string): GraphError {
  return new GraphError('UNKNOWN_PACKAGE', `Package "${from}" depends on unknown package "${to}"`, {
    from,
    to,
    pkg: to,
  });
}

/** The error for a query or event naming a package that is not in the graph. */
export function unknownPackageError(pkg: string): GraphError {
  return new GraphError('UNKNOWN_PACKAGE', `Unknown package "${pkg}"`, { pkg });
}

/** Combines several problems into one error; a single problem is returned as is. */
export function combineErrors(errors: readonly GraphError[]): GraphError {
  if (errors.length === 1 && errors[0]) return errors[0];
  const lines = errors.map((e) => `- ${e.message}`).join('\n');
  return new GraphError('INVALID_GRAPH', `${errors.length} problems in the package graph:\n${lines}`, {
    diagnostics: errors,
  });
}
