import type { DependencySpec, PackageSpec } from './types';

/**
 * Package selection by name glob, as pnpm's `--filter "<pattern>..."` does: the packages whose
 * name matches, plus everything they depend on (transitively), so the selection can be built on
 * its own. Pure; runs in the workflow sandbox (the dependencyGraph node's `filter`) and in the CLI.
 *
 * Pattern syntax (pnpm's name matcher): `*` matches any run of characters, `/` included
 * (`@acme/*`, `*-utils`); `?` one character; a leading `!` excludes names from the matched
 * packages (`!@acme/e2e-*`) — an excluded package is still built when a selected one depends on
 * it. A trailing `...` (pnpm's "with its dependencies") is accepted: dependencies are always kept.
 * Only positive patterns: every package matching them. Only `!` patterns: every package but those.
 */

/** What `filterPackages` selected. */
export interface PackageFilterResult {
  /** The selected packages, in their original order, dependency lists unchanged. */
  packages: PackageSpec[];
  /** Packages the patterns matched themselves (before dependencies were added), in original order. */
  matched: string[];
  /** Positive patterns that matched no package (most likely a typo): a caller reports them. */
  unmatched: string[];
}

/** A compiled name pattern. */
interface NamePattern {
  readonly text: string;
  readonly negated: boolean;
  readonly regex: RegExp;
}

/** The pattern as a regex over a whole package name. */
function compilePattern(raw: string): NamePattern {
  const trimmed = raw.trim();
  const negated = trimmed.startsWith('!');
  const body = (negated ? trimmed.slice(1) : trimmed).replace(/\.\.\.$/, '');
  const source = Array.from(body, (ch) =>
    ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
  ).join('');
  return { text: trimmed, negated, regex: new RegExp(`^${source}$`) };
}

function* namesOf(packages: readonly PackageSpec[]): Iterable<string> {
  for (const pkg of packages) if (typeof pkg?.name === 'string') yield pkg.name;
}

function dependencyName(dep: DependencySpec): string | undefined {
  const name = typeof dep === 'string' ? dep : (dep as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The packages matching `patterns` and their transitive dependencies (through the dependency lists
 * given: select edge kinds first, so a left-out kind does not pull packages in). Empty `patterns`
 * select everything. Malformed entries (untyped JSON) are kept for the graph loader to report.
 */
export function filterPackages(
  packages: readonly PackageSpec[],
  patterns: readonly string[],
): PackageFilterResult {
  const compiled = patterns.map(compilePattern).filter((p) => p.text !== '' && p.text !== '!');
  if (compiled.length === 0) {
    return { packages: [...packages], matched: [...namesOf(packages)], unmatched: [] };
  }
  const positive = compiled.filter((p) => !p.negated);
  const negative = compiled.filter((p) => p.negated);
  const byName = new Map<string, PackageSpec>();
  for (const pkg of packages) if (typeof pkg?.name === 'string') byName.set(pkg.name, pkg);

  const hits = new Set<NamePattern>();
  const matched: string[] = [];
  for (const name of byName.keys()) {
    const positives = positive.filter((p) => p.regex.test(name));
    positives.forEach((p) => hits.add(p));
    const included = positive.length === 0 || positives.length > 0;
    if (included && !negative.some((p) => p.regex.test(name))) matched.push(name);
  }

  const keep = new Set<string>(matched);
  const stack = [...matched];
  while (stack.length > 0) {
    const pkg = byName.get(stack.pop()!);
    for (const dep of pkg?.dependencies ?? []) {
      const name = dependencyName(dep);
      if (name !== undefined && byName.has(name) && !keep.has(name)) {
        keep.add(name);
        stack.push(name);
      }
    }
  }
  return {
    packages: packages.filter((p) => typeof p?.name !== 'string' || keep.has(p.name)),
    matched,
    unmatched: positive.filter((p) => !hits.has(p)).map((p) => p.text),
  };
}
