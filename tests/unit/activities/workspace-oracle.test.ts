// Tier: unit (quick; about 10 s: it spawns npm and pnpm, offline, on copies of the fixtures).
// The package managers are the oracle: on every fixture of tests/fixtures/workspaces, the packages
// readWorkspaceAt finds are the ones `npm query .workspace` (npm and Yarn-form workspaces) and
// `pnpm ls -r --depth -1 --json` (pnpm workspaces; pnpm pinned as a devDependency) list, and a
// workspace they refuse is refused with the file (and position) named.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../../src/core/graph';
import { readWorkspaceAt } from '../../../src/main/activities/read-workspace';
import { REPO_ROOT, rejection, tempDir } from './helpers';

const run = promisify(execFile);
const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/workspaces');
const PNPM = path.join(REPO_ROOT, 'node_modules/.bin/pnpm');

/** The environment without the npm_* variables an enclosing `npm test` sets (they would steer npm). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/** A copy of a fixture in a temporary folder, so npm's node_modules never lands in the repository. */
function copyOf(name: string): string {
  const root = path.join(tempDir('wb-oracle-'), name);
  fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

/** Name → folder (relative, `/`) of every workspace package npm sees, after an offline install links them. */
async function npmWorkspaces(root: string): Promise<Array<[string, string]>> {
  const options = { cwd: root, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 };
  await run('npm', ['install', '--offline', '--ignore-scripts', '--no-package-lock'], options);
  const { stdout } = await run('npm', ['query', '.workspace'], options);
  const nodes = JSON.parse(stdout) as Array<{ name: string; location: string }>;
  return nodes.map((n): [string, string] => [n.name, n.location]).sort(byName);
}

/** Name → folder of every pnpm workspace project but the root (which pnpm always lists). */
async function pnpmWorkspaces(root: string): Promise<Array<[string, string]>> {
  const { stdout } = await run(PNPM, ['ls', '-r', '--depth', '-1', '--json'], { cwd: root, env: cleanEnv() });
  const projects = JSON.parse(stdout) as Array<{ name: string; path: string }>;
  return projects
    .filter((p) => path.resolve(p.path) !== fs.realpathSync(root))
    .map((p): [string, string] => [
      p.name,
      path.relative(fs.realpathSync(root), p.path).split(path.sep).join('/'),
    ])
    .sort(byName);
}

async function ours(root: string): Promise<Array<[string, string]>> {
  return (await readWorkspaceAt(root)).packages.map((p): [string, string] => [p.name, p.dir]).sort(byName);
}

function byName(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

describe('workspaces: the package manager is the oracle', () => {
  it.each([
    // braces, **, "!" exclusions, a dot folder, a folder without package.json, a package without a build script
    ['npm-globs', 6],
    // Yarn's {packages: [...], nohoist: [...]} form, with braces
    ['yarn-object', 4],
  ])('%s: the packages npm query .workspace lists', async (name, count) => {
    const root = copyOf(name);
    const expected = await npmWorkspaces(root);
    expect(expected).toHaveLength(count);
    expect(await ours(root)).toEqual(expected);
  });

  it.each([
    // a multi-line flow list with an anchor, "!" exclusions of a nested test folder and a package
    ['pnpm-exclusions', 3],
    // a devDependency cycle and a package without a build script
    ['pnpm-dev-cycle', 4],
  ])('%s: the packages pnpm ls -r lists', async (name, count) => {
    const root = copyOf(name);
    const expected = await pnpmWorkspaces(root);
    expect(expected).toHaveLength(count);
    expect(await ours(root)).toEqual(expected);
  });

  it('npm-globs: a package without a build script is still a package; edges of every kind', async () => {
    const { packages } = await readWorkspaceAt(path.join(FIXTURES, 'npm-globs'));
    expect(packages.find((p) => p.name === '@npm/web')?.dependencies).toEqual([
      { name: '@npm/core', kind: 'peer' },
      { name: '@npm/lint', kind: 'dev' },
      { name: '@npm/utils', kind: 'dependency' },
    ]);
    expect(packages.find((p) => p.name === '@npm/docs')?.dependencies).toEqual([
      { name: '@npm/gen-cli', kind: 'optional' },
      { name: '@npm/web', kind: 'dependency' },
    ]);
    expect(packages.map((p) => p.name)).toContain('@npm/utils'); // has no "build" script
  });

  it('pnpm-dev-cycle: the cycle is named with its kinds and the setting; breakDevCycles lists the edge it drops', async () => {
    const { packages } = await readWorkspaceAt(path.join(FIXTURES, 'pnpm-dev-cycle'));
    const strict = DependencyGraph.analyzePackages(packages);
    expect(strict.diagnostics.map((d) => d.message)).toEqual([
      'Dependency cycle: core → test-utils (dev) → helpers → core. To build anyway, turn on "breakDevCycles" (drops the devDependency edges that close cycles and lists them) or leave "dev" out of "edgeKinds".',
    ]);
    const broken = DependencyGraph.analyzePackages(packages, { breakDevCycles: true });
    expect(broken.diagnostics).toEqual([]);
    expect(broken.droppedEdges).toEqual([{ from: 'core', to: 'test-utils', kind: 'dev' }]);
    expect(broken.graph.topologicalSort()).toEqual(['core', 'app', 'helpers', 'test-utils']);
    const noDev = DependencyGraph.analyzePackages(packages, {
      edgeKinds: ['dependency', 'optional', 'peer'],
    });
    expect(noDev.diagnostics).toEqual([]);
  });

  it('duplicate-names: npm refuses it, and so do we, naming both folders', async () => {
    const root = copyOf('duplicate-names');
    const npm = await rejection(npmWorkspaces(root));
    expect(String(npm.stderr)).toMatch(/must not have multiple workspaces with the same name/);
    const error = await rejection(readWorkspaceAt(root));
    expect(error.message).toBe(
      `Duplicate package name "same": ${path.join(root, 'packages/first/package.json')} and ${path.join(root, 'packages/second/package.json')}`,
    );
  });

  it('malformed-json: npm and pnpm refuse it; we name the file, line and column', async () => {
    const root = copyOf('malformed-json');
    const npm = await rejection(npmWorkspaces(root));
    expect(String(npm.stderr)).toMatch(/JSON/);
    const error = await rejection(readWorkspaceAt(root));
    expect(error.message).toBe(
      `${path.join(root, 'packages/broken/package.json')}:5:3: invalid JSON: expected "," or "}" after a property value, found "\\""`,
    );
  });
});
