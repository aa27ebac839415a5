// Tier: unit (quick). Package filters (`build --filter`, the dependencyGraph node's `filter`):
// name globs select packages and keep everything they depend on, as pnpm's `--filter "pkg..."`;
// a pattern matching nothing is reported; edge kinds left out do not pull packages in.
import { describe, expect, it } from 'vitest';
import { DependencyGraph, filterPackages } from '../../../src/core/graph';
import type { PackageSpec } from '../../../src/core/graph';

// app → api → db → types;  app → ui → types;  docs (dev) → ui;  tools alone.
const packages: PackageSpec[] = [
  { name: '@acme/app', dependencies: ['@acme/api', '@acme/ui'] },
  { name: '@acme/api', dependencies: ['@acme/db'] },
  { name: '@acme/db', dependencies: ['@acme/types'] },
  { name: '@acme/types' },
  { name: '@acme/ui', dependencies: ['@acme/types'] },
  { name: 'docs', dependencies: [{ name: '@acme/ui', kind: 'dev' }] },
  { name: 'tools' },
];
const names = (list: readonly PackageSpec[]): string[] => list.map((p) => p.name);

describe('filterPackages', () => {
  it('keeps an exact match and its transitive dependencies, in the original order', () => {
    const result = filterPackages(packages, ['@acme/api']);
    expect(names(result.packages)).toEqual(['@acme/api', '@acme/db', '@acme/types']);
    expect(result.matched).toEqual(['@acme/api']);
    expect(result.unmatched).toEqual([]);
  });

  it('matches globs across the scope slash, and accepts pnpm’s trailing "..."', () => {
    expect(names(filterPackages(packages, ['@acme/u*']).packages)).toEqual(['@acme/types', '@acme/ui']);
    expect(names(filterPackages(packages, ['*/d?...']).packages)).toEqual(['@acme/db', '@acme/types']);
    expect(names(filterPackages(packages, ['docs']).packages)).toEqual(['@acme/types', '@acme/ui', 'docs']);
  });

  it('excludes with "!" but still keeps an excluded package another selected one depends on', () => {
    const result = filterPackages(packages, ['@acme/*', '!@acme/ui', '!@acme/app']);
    expect(result.matched).toEqual(['@acme/api', '@acme/db', '@acme/types']);
    expect(names(filterPackages(packages, ['!@acme/*']).packages)).toEqual([
      '@acme/types',
      '@acme/ui',
      'docs',
      'tools',
    ]);
    expect(names(filterPackages(packages, ['docs', '!@acme/ui']).packages)).toEqual([
      '@acme/types',
      '@acme/ui',
      'docs',
    ]);
  });

  it('selects everything without patterns, and reports each positive pattern that matches nothing', () => {
    expect(names(filterPackages(packages, []).packages)).toEqual(names(packages));
    const result = filterPackages(packages, ['@acme/apx', 'tools', '!nothing']);
    expect(names(result.packages)).toEqual(['tools']);
    expect(result.unmatched).toEqual(['@acme/apx']);
  });

  it('treats regex characters in names literally', () => {
    const odd: PackageSpec[] = [{ name: 'a.b+c' }, { name: 'aXb+c' }];
    expect(names(filterPackages(odd, ['a.b+c']).packages)).toEqual(['a.b+c']);
  });
});

describe('DependencyGraph.analyzePackages with a filter', () => {
  it('builds only the selection, and a left-out edge kind pulls nothing in', () => {
    const all = DependencyGraph.analyzePackages(packages, { filter: ['docs'] });
    expect(all.diagnostics).toEqual([]);
    expect(all.graph.topologicalSort()).toEqual(['@acme/types', '@acme/ui', 'docs']);
    const noDev = DependencyGraph.analyzePackages(packages, {
      filter: ['docs'],
      edgeKinds: ['dependency', 'optional', 'peer'],
    });
    expect(noDev.graph.topologicalSort()).toEqual(['docs']);
  });

  it('names a pattern that matches no package', () => {
    const { diagnostics } = DependencyGraph.analyzePackages(packages, { filter: ['@acme/nope'] });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'No package matches the filter "@acme/nope" (a glob over package names, e.g. "@acme/*")',
    ]);
  });

  it('leaves a cycle outside the selection alone', () => {
    const cyclic: PackageSpec[] = [
      ...packages,
      { name: 'x', dependencies: ['y'] },
      { name: 'y', dependencies: ['x'] },
    ];
    expect(DependencyGraph.analyzePackages(cyclic).diagnostics[0]?.code).toBe('CYCLE');
    expect(DependencyGraph.analyzePackages(cyclic, { filter: ['@acme/app'] }).diagnostics).toEqual([]);
  });
});
