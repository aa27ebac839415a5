// `workflow-builder worker --workspace <dir>`: the app's worker and activities on another machine,
// building only in the workspaces it was given. The PackageBuild child is started over gRPC.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { runWorkerCommand } from '../../../src/main/cli/worker-command';
import { sharedClient, sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';

const scratch = mkdtempSync(join(tmpdir(), 'wb-cli-worker-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A one-package workspace whose `build` script writes `<root>/built`; its real path. */
function makeWorkspace(root: string): string {
  mkdirSync(join(root, 'packages', 'app'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ws', workspaces: ['packages/*'] }));
  writeFileSync(
    join(root, 'packages', 'app', 'package.json'),
    JSON.stringify({
      name: '@ws/app',
      scripts: { build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync('../../built', 'ok')"` },
    }),
  );
  return realpathSync(root);
}

describe('workflow-builder worker', () => {
  it('serves PackageBuild with the built-in activities, building only in its --workspace folders', async () => {
    const { address, namespace } = sharedTemporal();
    const taskQueue = uniqueTaskQueue('cli-worker');
    const opened = makeWorkspace(join(scratch, 'opened'));
    const other = makeWorkspace(join(scratch, 'other'));
    // The example without its fixed queue, so this test's worker is the only one serving it.
    const example = JSON.parse(readFileSync('examples/package-build.json', 'utf8')) as { settings: Record<string, unknown> };
    delete example.settings.taskQueue;
    const definition = join(scratch, 'package-build.json');
    writeFileSync(definition, JSON.stringify(example));

    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    const exited = runWorkerCommand(
      [
        '--workspace', opened,
        '--definition', definition,
        '--task-queue', taskQueue,
        '--data-dir', join(scratch, 'data'),
        '--temporal-address', address, '--namespace', namespace,
      ],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      stop.signal,
    );
    await expect.poll(() => out.join('\n'), { timeout: 90_000, interval: 200 }).toContain('worker ready on');
    expect(out).toContain(`serving PackageBuild_v1 on ${taskQueue}`);
    expect(out.at(-1)).toContain(`workspaces: ${opened}`);

    const { client, connection } = await sharedClient();
    try {
      const build = (id: string, workspaceRoot: string) =>
        client.workflow.execute('PackageBuild_v1', {
          taskQueue,
          workflowId: `${taskQueue}-${id}`,
          args: [{ runId: id, packageName: '@ws/app', attempt: 1, workspaceRoot }],
        });
      await build('opened', opened);
      expect(readFileSync(join(opened, 'built'), 'utf8')).toBe('ok');
      const refused = await build('other', other).then(
        () => 'completed',
        (error: { cause?: { cause?: { type?: string } } }) => error.cause?.cause?.type,
      );
      expect(refused).toBe('WORKSPACE_NOT_OPENED');
      expect(existsSync(join(other, 'built'))).toBe(false);
    } finally {
      await connection.close();
      stop.abort();
    }
    expect(await exited).toBe(0);
    expect(err).toEqual([]);
  }, 180_000);

  it('names a --workspace that is not a folder and exits 2', async () => {
    const err: string[] = [];
    const missing = join(scratch, 'missing');
    const code = await runCli(['worker', '--workspace', missing, '--data-dir', join(scratch, 'data-bad')], {
      out: () => undefined,
      err: (l) => err.push(l),
    });
    expect(code).toBe(2);
    expect(err).toEqual([`The folder ${missing} does not exist`]);
  });
});
