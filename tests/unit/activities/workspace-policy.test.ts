// "No command comes from workflow input" (docs/security.md, issue 7): every activity that runs
// something or touches the file system checks its input against what the user opened. Each case
// would have run the command, or read/written outside the workspace, before the fix.
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { WorkerPolicy } from '../../../src/core/settings/worker-policy';
import { createActivities } from '../../../src/main/activities';
import { resolveInsideRoot } from '../../../src/main/activities/workspace-access';
import { rejection, tempDir, writeTree } from './helpers';

/** A workspace whose package `a` has a build script that creates `<root>/built-by-script`. */
function workspace(): string {
  const root = fs.realpathSync(tempDir('wb-ws-'));
  writeTree(root, {
    'package.json': { name: 'root', private: true, workspaces: ['packages/*'] },
    'packages/a/package.json': {
      name: 'a',
      scripts: {
        build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync('../../built-by-script', process.cwd())"`,
      },
    },
  });
  return root;
}

function activitiesFor(policy: WorkerPolicy) {
  return createActivities({ logDir: tempDir(), reportDir: tempDir(), policy: () => policy });
}

const opened = (root: string): WorkerPolicy => ({ workspaces: [root], commands: [] });

describe('buildPackage: input never decides what runs', () => {
  it('refuses a command given as program and arguments (INVALID_INPUT naming command); nothing runs', async () => {
    const root = workspace();
    const marker = path.join(tempDir(), 'pwned');
    const { buildPackage } = activitiesFor(opened(root));
    const error = await rejection(
      buildPackage({
        runId: 'r',
        packageName: 'a',
        attempt: 1,
        command: ['touch', marker],
        cwd: root,
      } as unknown as Parameters<typeof buildPackage>[0]),
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(error.message).toMatch(
      /^buildPackage: invalid input: command: a program and its arguments are not accepted/,
    );
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('refuses cwd and logDir: the worker decides where a build runs and logs', async () => {
    const { buildPackage } = activitiesFor(opened(workspace()));
    for (const field of ['cwd', 'logDir']) {
      const error = await rejection(
        buildPackage({
          runId: 'r',
          packageName: 'a',
          attempt: 1,
          [field]: tempDir(),
        } as unknown as Parameters<typeof buildPackage>[0]),
      );
      expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
      expect(error.message).toContain(`invalid input: ${field}: not accepted`);
    }
  });

  it('refuses a workspace root that was never opened (WORKSPACE_NOT_OPENED naming it); the script does not run', async () => {
    const root = workspace();
    const { buildPackage } = activitiesFor({ workspaces: [workspace()], commands: [] });
    const error = await rejection(
      buildPackage({ runId: 'r', packageName: 'a', attempt: 1, workspaceRoot: root }),
    );
    expect(error).toMatchObject({ type: 'WORKSPACE_NOT_OPENED', nonRetryable: true });
    expect(error.message).toContain(
      `workspaceRoot: the workspace ${JSON.stringify(root)} is not open on this worker`,
    );
    expect(fs.existsSync(path.join(root, 'built-by-script'))).toBe(false);
  });

  it('refuses a relative root, and a symlink to an opened root counts as that root', async () => {
    const root = workspace();
    const { buildPackage } = activitiesFor(opened(root));
    const relative = await rejection(
      buildPackage({ runId: 'r', packageName: 'a', attempt: 1, workspaceRoot: 'packages/../x' }),
    );
    expect(relative).toMatchObject({ type: 'INVALID_INPUT' });
    expect(relative.message).toContain('workspaceRoot: "packages/../x" is not an absolute path');

    const link = path.join(tempDir(), 'link-to-root');
    fs.symlinkSync(root, link);
    await buildPackage({ runId: 'r', packageName: 'a', attempt: 1, workspaceRoot: link });
    expect(fs.readFileSync(path.join(root, 'built-by-script'), 'utf8')).toBe(
      path.join(root, 'packages', 'a'),
    );
  });

  it('refuses a package folder that is a symlink escaping the workspace; its script does not run', async () => {
    const root = workspace();
    const outside = fs.realpathSync(tempDir('wb-outside-'));
    writeTree(outside, {
      'package.json': {
        name: 'evil',
        scripts: { build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync('ran', '')"` },
      },
    });
    // Named literally in "workspaces", so the link is not merely missed by a glob.
    writeTree(root, {
      'package.json': { name: 'root', private: true, workspaces: ['packages/*', 'packages/evil'] },
    });
    fs.symlinkSync(outside, path.join(root, 'packages', 'evil'));
    const { buildPackage } = activitiesFor(opened(root));
    const error = await rejection(
      buildPackage({ runId: 'r', packageName: 'evil', attempt: 1, workspaceRoot: root }),
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ nonRetryable: true });
    // The reader lists the linked folder (as the package managers' globs do); the build refuses it
    // by its real path, naming both.
    expect(error.message).toContain(path.join(root, 'packages', 'evil'));
    expect(error.message).toContain(`resolves to ${outside}, outside the workspace`);
    expect(fs.existsSync(path.join(outside, 'ran'))).toBe(false);
  });

  it('resolves a package folder through its symlinks and refuses one that lands outside the root', async () => {
    const root = workspace();
    const outside = fs.realpathSync(tempDir('wb-outside-'));
    fs.symlinkSync(outside, path.join(root, 'packages', 'link'));
    const error = await rejection(
      resolveInsideRoot('buildPackage', 'packageName', root, path.join(root, 'packages', 'link')),
    );
    expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(error.message).toBe(
      `buildPackage: invalid input: packageName: the folder ${path.join(root, 'packages', 'link')} resolves to ${outside}, outside the workspace ${root}`,
    );
    expect(
      await resolveInsideRoot('buildPackage', 'packageName', root, path.join(root, 'packages', 'a')),
    ).toBe(path.join(root, 'packages', 'a'));
  });

  it('refuses an unknown command name, naming it and the allow-list', async () => {
    const root = workspace();
    const { buildPackage } = activitiesFor({
      workspaces: [root],
      commands: [{ name: 'clean', program: 'rm', args: ['-rf', 'dist'] }],
    });
    const error = await rejection(
      buildPackage({ runId: 'r', packageName: 'a', attempt: 1, workspaceRoot: root, command: 'deploy' }),
    );
    expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(error.message).toBe(
      'buildPackage: invalid input: command: "deploy" is not a command of the allow-list (Settings → Commands: clean)',
    );
    expect(fs.existsSync(path.join(root, 'built-by-script'))).toBe(false);
  });

  it('refuses a package the workspace does not have, and scripts or a command without a workspace', async () => {
    const root = workspace();
    const { buildPackage } = activitiesFor(opened(root));
    const missing = await rejection(
      buildPackage({ runId: 'r', packageName: 'zz', attempt: 1, workspaceRoot: root }),
    );
    expect(missing.message).toBe(
      `buildPackage: invalid input: packageName: no package "zz" in the workspace ${root}`,
    );
    const noRoot = await rejection(
      buildPackage({ runId: 'r', packageName: 'a', attempt: 1, scripts: ['build'] }),
    );
    expect(noRoot).toMatchObject({ type: 'INVALID_INPUT' });
    expect(noRoot.message).toContain('scripts: needs workspaceRoot');
  });

  it("runs the package's own build script from its package.json in an opened workspace", async () => {
    const root = workspace();
    const { buildPackage } = activitiesFor(opened(root));
    const result = await buildPackage({
      runId: 'r',
      packageName: 'a',
      attempt: 1,
      workspaceRoot: root,
      scripts: ['build'],
    });
    expect(result.packageName).toBe('a');
    expect(fs.readFileSync(path.join(root, 'built-by-script'), 'utf8')).toBe(
      path.join(root, 'packages', 'a'),
    );
  });

  it('keeps run ids and package names from escaping the log folder', async () => {
    const logDir = tempDir();
    const { buildPackage } = createActivities({ logDir });
    const result = await buildPackage({
      runId: '../../x',
      packageName: '../../../etc/y',
      attempt: 1,
      simulatedDurationMs: 0,
    });
    expect(path.dirname(path.dirname(result.logFile as string))).toBe(logDir);
  });
});

describe('readWorkspace: only opened workspaces', () => {
  it('refuses a root that was never opened (WORKSPACE_NOT_OPENED naming it)', async () => {
    const root = workspace();
    const { readWorkspace } = activitiesFor({ workspaces: [], commands: [] });
    const error = await rejection(readWorkspace({ root }));
    expect(error).toMatchObject({ type: 'WORKSPACE_NOT_OPENED', nonRetryable: true });
    expect(error.message).toContain(`readWorkspace: root: the workspace ${JSON.stringify(root)} is not open`);
  });

  it('reads an opened one', async () => {
    const root = workspace();
    const { readWorkspace } = activitiesFor(opened(root));
    expect((await readWorkspace({ root })).packages.map((p) => p.name)).toEqual(['a']);
  });
});
