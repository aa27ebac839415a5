// "No command comes from workflow input" (issue 7, docs/security.md): the attack was to start
// PackageBuild_v1 directly on the Temporal frontend with {"command": ["touch", …]}, and the worker
// ran it. Here the PackageBuild child compiled from examples/package-build.json runs on the app's
// real worker (createAppServices on the shared dev server), and is started directly over gRPC
// with the Temporal client, as any local process or web page reaching the server could.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src/main/app/app-services';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { writeTree } from '../../unit/activities/helpers';
import { packageBuildDefinition } from '../package-builder/scenario';

/** A one-package workspace whose `build` script writes `<root>/built` (the proof a build ran). */
function makeWorkspace(parent: string, name: string): string {
  const root = join(parent, name);
  writeTree(root, {
    'package.json': { name: `${name}-root`, private: true, workspaces: ['packages/*'] },
    'packages/app/package.json': {
      name: '@ws/app',
      scripts: {
        build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync('../../built', 'ok')"`,
      },
    },
  });
  return realpathSync(root);
}

/** The ApplicationFailure a failed child ended with (workflow → activity → application failure). */
async function failureOf(result: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await result.then(
    () => {
      throw new Error('expected the workflow to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const activity = (error as WorkflowFailedError).cause;
  expect(activity).toBeInstanceOf(ActivityFailure);
  const cause = (activity as ActivityFailure).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('no command comes from workflow input (PackageBuild started over gRPC)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wb-no-command-'));
  const dataDir = join(scratch, 'data');
  const taskQueue = uniqueTaskQueue('no-command');
  let app: AppServices;
  let client: Client;
  let workflowType: string;
  let opened: string;
  let neverOpened: string;
  let n = 0;

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    const reply = await app.dispatch(channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }

  function start(input: Record<string, unknown>): Promise<unknown> {
    n += 1;
    return client.workflow
      .start(workflowType, {
        taskQueue,
        workflowId: `${taskQueue}-${n}`,
        args: [{ runId: `${taskQueue}-${n}`, packageName: '@ws/app', attempt: 1, ...input }],
      })
      .then((handle) => handle.result());
  }

  beforeAll(async () => {
    opened = makeWorkspace(scratch, 'opened');
    neverOpened = makeWorkspace(scratch, 'never-opened');
    const { address, namespace } = sharedTemporal();
    app = createAppServices({
      dataDir,
      secrets: createEnvFileSecretStore(),
      connection: { mode: 'external', address, namespace },
      defaultTaskQueue: taskQueue,
    });
    await app.start();
    // Opened as the user does it in Settings → Workspaces: stored, then sent to the worker.
    expect(await call<{ roots: string[] }>('workspaces.open', { root: opened })).toEqual({ roots: [opened] });
    const saved = app.store.definitions.save({ definition: packageBuildDefinition() as never });
    const registered = await app.registry.ensure(app.store.definitions.get(saved.id));
    workflowType = registered!.workflowType;
    expect(workflowType).toBe('PackageBuild_v1');
    client = await app.clients.client();
  }, 120_000);

  afterAll(async () => {
    await app?.shutdown();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('refuses a command array in the input (INVALID_INPUT naming command); the command does not run', async () => {
    const marker = join(scratch, 'pwned-by-command');
    for (const input of [
      { command: ['touch', marker] },
      { command: ['touch', marker], workspaceRoot: opened },
      { command: ['touch', marker], cwd: scratch },
    ]) {
      const failure = await failureOf(start(input));
      expect(failure.type).toBe('INVALID_INPUT');
      expect(failure.nonRetryable).toBe(true);
      expect(failure.message).toMatch(
        /^buildPackage: invalid input: command: a program and its arguments are not accepted/,
      );
    }
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(opened, 'built'))).toBe(false);
  });

  it('refuses a workspace root never opened (WORKSPACE_NOT_OPENED naming it); its build script does not run', async () => {
    const failure = await failureOf(start({ workspaceRoot: neverOpened, scripts: ['build'] }));
    expect(failure.type).toBe('WORKSPACE_NOT_OPENED');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain(
      `workspaceRoot: the workspace ${JSON.stringify(neverOpened)} is not open on this worker`,
    );
    expect(existsSync(join(neverOpened, 'built'))).toBe(false);
  });

  it("runs the package's own build script in an opened workspace; closing it refuses the next build", async () => {
    await start({ workspaceRoot: opened, scripts: ['build'] });
    expect(readFileSync(join(opened, 'built'), 'utf8')).toBe('ok');
    rmSync(join(opened, 'built'));

    // Closed in Settings: the running worker is told at once, no restart needed.
    expect(await call<{ roots: string[] }>('workspaces.close', { root: opened })).toEqual({ roots: [] });
    const failure = await failureOf(start({ workspaceRoot: opened }));
    expect(failure.type).toBe('WORKSPACE_NOT_OPENED');
    expect(existsSync(join(opened, 'built'))).toBe(false);
  });
});
