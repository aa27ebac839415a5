import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../../src/main/activities';
import { parsePnpmWorkspacePackages } from '../../../src/main/activities/pnpm-workspace-yaml';
import { readWorkspaceAt } from '../../../src/main/activities/read-workspace';
import { expandWorkspacePatterns, parseWorkspacePattern } from '../../../src/main/activities/workspace-globs';
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
        // listed in dependencies and devDependencies / peerDependencies: the first field is the
        // kind, the others are kept for graphs that leave that kind out
        name: 'web',
        dir: 'apps/web',
        dependencies: [
          { name: '@fx/a', kind: 'dependency', otherKinds: ['dev'] },
          { name: '@fx/b', kind: 'dependency', otherKinds: ['peer'] },
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
    [
      'invalid JSON in the root manifest',
      { 'package.json': '{ "name": ' },
      /package\.json:1:11: invalid JSON: expected a value, found the end of the file/,
    ],
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
      { 'package.json': { workspaces: ['p/*'] }, 'p/a/package.json': '{\n  "name": "a",\n}\n' },
      /p[/\\]a[/\\]package\.json:3:1: invalid JSON: expected a property name in double quotes, found "}"/,
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
      'a yaml packages key that is not a list',
      { 'pnpm-workspace.yaml': 'packages:\n  foo: bar\n' },
      /pnpm-workspace\.yaml:2:3: "packages" must be a list of globs, found \{"foo":"bar"\}/,
    ],
    ['invalid yaml', { 'pnpm-workspace.yaml': 'packages:\n  - [a\n' }, /pnpm-workspace\.yaml:3:1: /],
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
    expect(parsePnpmWorkspacePackages('packages:\n- a/*\n-   \'b/**\'  # b\n- "c"\n\nother: 1\n')).toEqual([
      'a/*',
      'b/**',
      'c',
    ]);
    expect(parsePnpmWorkspacePackages('packages: [\'a/*\', "b", c] # flow\n')).toEqual(['a/*', 'b', 'c']);
    expect(parsePnpmWorkspacePackages('packages: []\n')).toEqual([]);
    expect(parsePnpmWorkspacePackages("packages:\n  - 'it''s/*'\n  - 'a#b'\n")).toEqual(["it's/*", 'a#b']);
    expect(parsePnpmWorkspacePackages('onlyBuiltDependencies:\n  - esbuild\n')).toBeUndefined();
  });

  it('reads what the hand-written subset refused: multi-line flow lists, anchors and aliases', () => {
    expect(
      parsePnpmWorkspacePackages('packages: [\n  "apps/*",\n  libs/**,\n  \'!**/test/**\'\n]\n'),
    ).toEqual(['apps/*', 'libs/**', '!**/test/**']);
    const anchored = 'x-shared: &tools "tools/*"\npackages:\n  - packages/*\n  - *tools\n';
    expect(parsePnpmWorkspacePackages(anchored)).toEqual(['packages/*', 'tools/*']);
    const wholeList = 'defaults: &list\n  - a/*\n  - b/*\npackages: *list\n';
    expect(parsePnpmWorkspacePackages(wholeList)).toEqual(['a/*', 'b/*']);
  });

  it('rejects what pnpm would refuse, with line and column', () => {
    const at = (text: string): unknown => {
      try {
        parsePnpmWorkspacePackages(text);
      } catch (error) {
        const e = error as { line: number; column: number; message: string };
        return [e.line, e.column, e.message];
      }
      return 'no error';
    };
    expect(at('packages: a/*\n')).toEqual([1, 11, '"packages" must be a list of globs, found "a/*"']);
    expect(at('packages:\n  - !neg/*\n')).toEqual([
      2,
      5,
      'Unresolved tag: !neg/* (an exclusion starting with "!" must be quoted, e.g. - \'!**/test/**\')',
    ]);
    expect(at('packages:\n  - a/*\n  - 3\n')).toEqual([
      3,
      5,
      '"packages" item 2 must be a glob string, found 3',
    ]);
    expect(at('packages:\n  - a\npackages:\n  - b\n')).toMatchObject([
      3,
      1,
      expect.stringMatching(/unique/i),
    ]);
  });
});

describe('workspace patterns', () => {
  it.each([
    ['!!p/*', false, 'p/*'],
    ['!./p/', true, 'p'],
    ['apps\\web', false, 'apps/web'],
  ])('reads %s', (text, negated, glob) => {
    expect(parseWorkspacePattern(text)).toEqual({ text, negated, glob });
  });

  it.each([
    ['/abs/*', /is absolute/],
    ['C:/x', /is absolute/],
    ['a/../../b', /leaves the root/],
    ['!', /is empty/],
    ['./', /is empty/],
  ])('refuses %s', (text, message) => {
    expect(() => parseWorkspacePattern(text)).toThrow(message);
  });

  it("expands braces, **, classes and exclusions with each package manager's rules", async () => {
    const root = tempDir();
    const dirs = [
      'apps/web',
      'apps/docs',
      'apps/admin',
      'libs/a/b/c',
      'libs/a/test/x',
      'libs/lib1',
      'libs/lib2',
      'libs/.hidden',
    ];
    writeTree(root, Object.fromEntries(dirs.map((d) => [`${d}/package.json`, { name: d }])));
    writeTree(root, {
      'libs/no-manifest/README.md': 'x',
      'libs/a/node_modules/m/package.json': { name: 'm' },
    });
    const expand = async (patterns: string[], manager: 'npm' | 'pnpm'): Promise<string[]> =>
      (await expandWorkspacePatterns(root, patterns.map(parseWorkspacePattern), manager)).dirs;
    expect(await expand(['apps/{web,docs}'], 'npm')).toEqual(['apps/docs', 'apps/web']);
    expect(await expand(['libs/lib[12]'], 'pnpm')).toEqual(['libs/lib1', 'libs/lib2']);
    expect(await expand(['libs/**'], 'pnpm')).toEqual([
      'libs/a/b/c',
      'libs/a/test/x',
      'libs/lib1',
      'libs/lib2',
    ]);
    expect(await expand(['libs/**', '!**/test/**'], 'pnpm')).toEqual([
      'libs/a/b/c',
      'libs/lib1',
      'libs/lib2',
    ]);
    // pnpm: an exclusion applies wherever it stands; npm: a later pattern adds folders back.
    expect(await expand(['!libs/a/**', 'libs/**', 'libs/a/test/x'], 'pnpm')).toEqual([
      'libs/lib1',
      'libs/lib2',
    ]);
    expect(await expand(['libs/**', '!libs/a/**', 'libs/a/test/x'], 'npm')).toEqual([
      'libs/a/test/x',
      'libs/lib1',
      'libs/lib2',
    ]);
    // The root itself ("." — pnpm allows it) is never one of the packages built.
    expect(await expand(['.', 'apps/web'], 'pnpm')).toEqual(['apps/web']);
    const literal = await expandWorkspacePatterns(
      root,
      ['apps/web', 'apps/gone'].map(parseWorkspacePattern),
      'npm',
    );
    expect(literal.missingLiterals).toEqual(['apps/gone']);
  });
});
