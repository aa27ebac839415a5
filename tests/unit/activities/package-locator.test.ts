// A worker remembers where the packages of a workspace are (package-locator.ts, issue 12): reading
// the whole workspace for every build made a run of n packages read n² package.json files. These
// cases prove the read is not repeated, and that what is remembered is never used once it is wrong.
// A broken package.json of *another* package is the witness: a full read fails on it, a remembered
// lookup does not.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../../src/main/activities';
import { PackageLocator } from '../../../src/main/activities/package-locator';
import { rejection, tempDir, writeTree } from './helpers';

/** A package whose build writes its own folder into `<root>/built-in`. */
const pkg = (name: string) => ({
  name,
  scripts: {
    build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync(require('path').join(process.env.INIT_CWD, 'built-in'), process.cwd())"`,
  },
});

function workspace(): string {
  const root = fs.realpathSync(tempDir('wb-locator-'));
  writeTree(root, {
    'package.json': { name: 'root', private: true, workspaces: ['packages/*'] },
    'packages/a/package.json': pkg('a'),
    'packages/b/package.json': pkg('b'),
  });
  return root;
}

const breakManifest = (root: string, dir: string): void =>
  fs.writeFileSync(path.join(root, dir, 'package.json'), '{ "name": ');

function activitiesFor(root: string) {
  return createActivities({
    logDir: tempDir(),
    reportDir: tempDir(),
    policy: () => ({ workspaces: [root], commands: [] }),
  });
}

async function buildIn(activities: ReturnType<typeof activitiesFor>, root: string, name: string) {
  await activities.buildPackage({ runId: 'r', packageName: name, attempt: 1, workspaceRoot: root });
  return path.relative(root, fs.readFileSync(path.join(root, 'built-in'), 'utf8'));
}

describe('PackageLocator: one workspace read for the builds of a run', () => {
  it('answers from memory after the first read: a broken package.json of another package is not read again', async () => {
    const root = workspace();
    const locator = new PackageLocator();
    expect(await locator.find(root, 'a')).toEqual({ dir: 'packages/a', remembered: false });
    breakManifest(root, 'packages/b');
    expect(await locator.find(root, 'a')).toEqual({ dir: 'packages/a', remembered: true });
  });

  it("the parent's readWorkspace tells the builds that follow where their packages are", async () => {
    const root = workspace();
    const activities = activitiesFor(root);
    await activities.readWorkspace({ root });
    breakManifest(root, 'packages/b');
    expect(await buildIn(activities, root, 'a')).toBe('packages/a');
  });

  it('reads again when a file deciding the member folders changes', async () => {
    const root = workspace();
    const locator = new PackageLocator();
    await locator.find(root, 'a');
    writeTree(root, {
      'package.json': { name: 'root', private: true, workspaces: ['libs/*'] },
      'libs/a/package.json': pkg('a'),
    });
    expect(await locator.find(root, 'a')).toEqual({ dir: 'libs/a', remembered: false });
    expect((await locator.find(root, 'b')).dir).toBeUndefined();
    // pnpm-workspace.yaml decides too, and takes precedence over package.json's workspaces.
    writeTree(root, { 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n' });
    expect(await locator.find(root, 'a')).toEqual({ dir: 'packages/a', remembered: false });
  });

  it('reads again for a package added since', async () => {
    const root = workspace();
    const locator = new PackageLocator();
    await locator.find(root, 'a');
    writeTree(root, { 'packages/c/package.json': pkg('c') });
    expect(await locator.find(root, 'c')).toEqual({ dir: 'packages/c', remembered: false });
  });

  it('a remembered folder that moved, or now holds another package, is looked up again', async () => {
    const root = workspace();
    const activities = activitiesFor(root);
    expect(await buildIn(activities, root, 'a')).toBe('packages/a');
    fs.renameSync(path.join(root, 'packages/a'), path.join(root, 'packages/a-moved'));
    expect(await buildIn(activities, root, 'a')).toBe('packages/a-moved');
    writeTree(root, { 'packages/a-moved/package.json': pkg('renamed') });
    const missing = await rejection(buildIn(activities, root, 'a'));
    expect(missing.message).toBe(
      `buildPackage: invalid input: packageName: no package "a" in the workspace ${root}`,
    );
    expect(await buildIn(activities, root, 'renamed')).toBe('packages/a-moved');
  });

  it('does not keep a read that failed: the next lookup reads again and names the problem', async () => {
    const root = workspace();
    const locator = new PackageLocator();
    breakManifest(root, 'packages/b');
    const broken = await rejection(locator.find(root, 'a'));
    expect(broken.message).toContain(path.join(root, 'packages', 'b', 'package.json'));
    writeTree(root, { 'packages/b/package.json': pkg('b') });
    expect(await locator.find(root, 'b')).toEqual({ dir: 'packages/b', remembered: false });
  });

  it('concurrent lookups share one read', async () => {
    const root = workspace();
    const locator = new PackageLocator();
    const found = await Promise.all(['a', 'b', 'a', 'b'].map((name) => locator.find(root, name)));
    expect(found.map((f) => f.dir)).toEqual(['packages/a', 'packages/b', 'packages/a', 'packages/b']);
    expect(found.filter((f) => !f.remembered)).toHaveLength(1);
  });
});
