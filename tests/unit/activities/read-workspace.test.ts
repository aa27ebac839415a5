import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../../src/main/activities';
import { parsePnpmWorkspacePackages } from '../../../src/main/activities/pnpm-workspace-yaml';
import { readWorkspaceAt } from '../../../src/main/activities/read-workspace';
import { matchesPattern, parseWorkspacePattern } from '../../../src/main/activities/workspace-globs';
import { FIXTURES, rejection, tempDir, writeTree } from './helpers';

// These tests are about reading: each root is opened first, as the app does when the user opens
// a workspace (workspace-policy.test.ts covers the refusal of roots never opened).
const opened: string[] = [];
const activities = createActivities({
  logDir: '/unused',
  reportDir: '/unused',
  policy: () => ({ workspaces: opened, commands: [] }),
});
const readWorkspace: typeof activities.readWorkspace = (input) => {
  opened.push(input.root);
  return activities.readWorkspace(input);
};
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('readWorkspace', () => {
  it('reads npm workspaces: internal deps of every kind, external deps ignored, sorted by name', async () => {
    const result = await readWorkspace({ root: fixture('npm-workspaces') });
    expect(result.source).toBe('package.json');
    expect(result.packages).toEqual([
      { name: '@fx/a', dir: 'packages/a', dependencies: [] },
      {
        name: '@fx/b',
        dir: 'packages/b',
        dependencies: [
          { name: '@fx/a', kind: 'dependency' },
          { name: '@fx/c', kind: 'dev' },
        ],
      },
      {
        name: '@fx/c',
        dir: 'packages/c',
        dependencies: [
          { name: '@fx/a', kind: 'peer' },
          { name: '@fx/b', kind: 'optional' },
        ],
      },
      {
        // listed in dependencies and devDependencies / peerDependencies: the first field wins
        name: 'web',
        dir: 'apps/web',
        dependencies: [
          { name: '@fx/a', kind: 'dependency' },
          { name: '@fx/b', kind: 'dependency' },
          { name: '@fx/c', kind: 'dev' },
        ],
      },
    ]);
  });

  it('reads the {packages: [...]} form of workspaces', async () => {
    const result = await readWorkspace({ root: fixture('yarn-object') });
    expect(result.packages).toEqual([
      { name: 'core', dir: 'libs/core', dependencies: [] },
      { name: 'ui', dir: 'libs/ui', dependencies: [{ name: 'core', kind: 'dependency' }] },
    ]);
  });

  it('prefers pnpm-workspace.yaml: quoted globs, comments, **, a literal folder and a negation', async () => {
    const result = await readWorkspace({ root: fixture('pnpm') });
    expect(result.source).toBe('pnpm-workspace.yaml');
    expect(result.packages.map((p) => [p.name, p.dir])).toEqual([
      ['@p/bundler-cli', 'tools/bundler/cli'],
      ['@p/core', 'packages/core'],
      ['@p/lint', 'tools/lint'],
      ['@p/utils', 'packages/utils'],
      ['site', 'apps/site'],
    ]);
    expect(result.packages[0]?.dependencies).toEqual([
      { name: '@p/lint', kind: 'dev' },
      { name: '@p/utils', kind: 'dependency' },
    ]);
  });

  it('expands ** at any depth and * inside a segment', async () => {
    const result = await readWorkspace({ root: fixture('nested-globs') });
    expect(result.packages).toEqual([
      { name: 'alpha', dir: 'groups/alpha', dependencies: [] },
      {
        name: 'epsilon',
        dir: 'groups/beta/delta/epsilon',
        dependencies: [
          { name: 'eslint-plugin', kind: 'dependency' },
          { name: 'gamma', kind: 'dependency' },
        ],
      },
      {
        name: 'eslint-plugin',
        dir: 'plugins/eslint-plugin',
        dependencies: [{ name: 'alpha', kind: 'peer' }],
      },
      { name: 'gamma', dir: 'groups/beta/gamma', dependencies: [{ name: 'alpha', kind: 'dependency' }] },
    ]);
  });

  it('falls back to packages/* without a workspaces field', async () => {
    const result = await readWorkspace({ root: fixture('default-packages') });
    expect(result.source).toBe('default');
    expect(result.packages.map((p) => p.name)).toEqual(['x', 'y']);
  });

  it('never enters node_modules or dot folders', async () => {
    const root = tempDir();
    writeTree(root, {
      'package.json': { name: 'r', workspaces: ['libs/**'] },
      'libs/a/package.json': { name: 'a' },
      'libs/a/node_modules/dep/package.json': { name: 'dep' },
      'libs/.cache/b/package.json': { name: 'cached' },
    });
    const result = await readWorkspaceAt(root);
    expect(result.packages.map((p) => p.name)).toEqual(['a']);
  });

  it('fails on duplicate names, naming both package.json files', async () => {
    const error = await rejection(readWorkspace({ root: fixture('duplicate-names') }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'WorkspaceReadFailed', nonRetryable: true });
    const root = fixture('duplicate-names');
    expect(error.message).toBe(
      `Duplicate package name "same-name": ${path.join(root, 'packages/one/package.json')} and ${path.join(root, 'packages/two/package.json')}`,
    );
  });

  it.each<[string, Record<string, string | object>, RegExp, string?]>([
    [
      'a folder without manifest',
      { 'README.md': 'hi' },
      /is not a monorepo root: it has neither package.json nor pnpm-workspace.yaml/,
    ],
    ['invalid JSON in the root manifest', { 'package.json': '{ "name": ' }, /package\.json: invalid JSON: /],
    [
      'a bad workspaces field',
      { 'package.json': { workspaces: 'packages/*' } },
      /package\.json: "workspaces" must be an array of globs or \{"packages": \[globs\]\}, found "packages\/\*"/,
    ],
    [
      'a package without a name',
      { 'package.json': { workspaces: ['p/*'] }, 'p/a/package.json': { version: '1.0.0' } },
      /p[/\\]a[/\\]package\.json: has no "name"/,
    ],
    [
      'invalid JSON in a package',
      { 'package.json': { workspaces: ['p/*'] }, 'p/a/package.json': '{,}' },
      /p[/\\]a[/\\]package\.json: invalid JSON/,
    ],
    [
      'a literal entry without package.json',
      { 'package.json': { workspaces: ['p/*', 'apps/gone'] }, 'p/a/package.json': { name: 'a' } },
      /package\.json: workspace "apps\/gone" has no package\.json/,
    ],
    [
      'patterns matching nothing',
      { 'package.json': { workspaces: ['nothing/*'] } },
      /package\.json: no package\.json matches the workspace patterns "nothing\/\*"/,
    ],
    [
      'a pattern leaving the root',
      { 'package.json': { workspaces: ['../other/*'] } },
      /package\.json: pattern "\.\.\/other\/\*" leaves the root/,
    ],
    [
      'a yaml without packages',
      { 'pnpm-workspace.yaml': 'catalog:\n  a: 1\n' },
      /pnpm-workspace\.yaml: has no "packages:" list/,
    ],
    [
      'an unreadable yaml list',
      { 'pnpm-workspace.yaml': 'packages:\n  foo: bar\n' },
      /pnpm-workspace\.yaml: line 2: expected "- <glob>"/,
    ],
    [
      'a bad dependency field',
      { 'package.json': { workspaces: ['p/*'] }, 'p/a/package.json': { name: 'a', dependencies: ['b'] } },
      /"dependencies" must be an object/,
    ],
  ])('names the file and the problem for %s', async (_case, files, message, sub = '') => {
    const root = tempDir();
    writeTree(root, files);
    const error = await rejection(readWorkspace({ root: path.join(root, sub) }));
    expect(error).toMatchObject({ type: 'WorkspaceReadFailed', nonRetryable: true });
    expect(error.message).toMatch(message);
    expect(error.message).toContain(root);
  });

  it('names a missing root', async () => {
    const root = path.join(tempDir(), 'nope');
    await expect(readWorkspaceAt(root)).rejects.toThrow(`Workspace root ${root} does not exist or is not a folder`);
  });

  it('ignores a package depending on itself', async () => {
    const root = tempDir();
    writeTree(root, {
      'package.json': { workspaces: ['p/*'] },
      'p/a/package.json': { name: 'a', devDependencies: { a: '*' } },
    });
    expect((await readWorkspaceAt(root)).packages).toEqual([{ name: 'a', dir: 'p/a', dependencies: [] }]);
  });

  it('returns packages the graph engine loads', async () => {
    const { DependencyGraph } = await import('../../../src/core/graph');
    const result = await readWorkspace({ root: fixture('npm-workspaces') });
    const graph = DependencyGraph.fromPackages(result.packages);
    expect(graph.size).toBe(4);
    expect(fs.existsSync(fixture('npm-workspaces'))).toBe(true);
  });
});

describe('parsePnpmWorkspacePackages', () => {
  it('reads block lists, flow lists, quotes and comments', () => {
    expect(parsePnpmWorkspacePackages('packages:\n- a/*\n-   \'b/**\'  # b\n  - "c"\n\nother: 1\n')).toEqual([
      'a/*',
      'b/**',
      'c',
    ]);
    expect(parsePnpmWorkspacePackages('packages: [\'a/*\', "b", c] # flow\n')).toEqual(['a/*', 'b', 'c']);
    expect(parsePnpmWorkspacePackages('packages: []\n')).toEqual([]);
    expect(parsePnpmWorkspacePackages("packages:\n  - 'it''s/*'\n  - 'a#b'\n")).toEqual(["it's/*", 'a#b']);
    expect(parsePnpmWorkspacePackages('onlyBuiltDependencies:\n  - esbuild\n')).toBeUndefined();
  });

  it('rejects what it cannot read, with the line', () => {
    expect(() => parsePnpmWorkspacePackages('packages: a/*\n')).toThrow(/line 1: expected a list/);
    expect(() => parsePnpmWorkspacePackages('packages:\n  - !neg/*\n')).toThrow(
      /line 2: unsupported list item "!neg\/\*" \(quote it/,
    );
  });
});

describe('workspace patterns', () => {
  it.each([
    ['packages/*', 'packages/a', true],
    ['packages/*', 'packages/a/b', false],
    ['packages/*', 'packages', false],
    ['apps/**', 'apps/a/b/c', true],
    ['apps/**', 'apps', true],
    ['**/test/**', 'tools/x/test/fixture', true],
    ['**/test/**', 'test', true],
    ['**/test/**', 'tools/latest', false],
    ['a/**/z', 'a/z', true],
    ['a/**/z', 'a/b/c/z', true],
    ['tooling/*-config', 'tooling/eslint-config', true],
    ['tooling/*-config', 'tooling/eslint-configs', false],
    ['./libs/lib?', 'libs/lib1', true],
    ['libs/a.b', 'libs/aXb', false],
    ['**', 'x/y', true],
  ])('%s matches %s: %s', (pattern, dir, expected) => {
    expect(matchesPattern(parseWorkspacePattern(pattern), dir)).toBe(expected);
  });
});
