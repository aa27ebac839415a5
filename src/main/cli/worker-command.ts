/**
 * `workflow-builder worker`: serves task queues from this machine — the built-in workflows and
 * those of the given definition files — with the built-in activities, building only in the
 * workspaces named by --workspace (see docs/security.md, "Who decides what runs"). A thin wrapper
 * over the app's own services, so it runs exactly the app's worker and activity code.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StoredDefinition } from '../../core/ipc';
import { CONNECTION_FLAG_OPTIONS, CONNECTION_FLAGS_USAGE } from '../app/connection-flags';
import { defaultDataDir } from '../app/data-dir';
import { openCliAppFromFlags, startCliApp } from './cli-app';
import { parseOrShowUsage, type CliIo } from './cli-io';
import { readJson, rewriteRefs } from './run-command';

export const WORKER_USAGE = `Usage:
  workflow-builder worker --workspace <dir> [--workspace …] [--definition <file.json> …]
                          [--task-queue NAME] [--data-dir DIR] [connection flags]

  Runs a worker until interrupted: the built-in workflows, the workflows of the definition files
  (children first; a parent refers to a child file by its name without .json) and the built-in
  activities. Builds run only in the --workspace folders; any other root is refused.
  --task-queue   task queue of definitions that name none (default: workflow-builder)
  --data-dir     where compiled bundles, build logs and reports go (default: ${defaultDataDir()});
                 its embedded dev server is started unless --temporal-address names a running server
  Exit code: 0 after an interrupt, 1 when the worker could not start, 2 bad usage.

${CONNECTION_FLAGS_USAGE}`;

/** Runs the worker until `signal` aborts (default: SIGINT or SIGTERM); returns the exit code. */
export async function runWorkerCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const parsed = parseOrShowUsage(io, WORKER_USAGE, () =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        workspace: { type: 'string', multiple: true },
        definition: { type: 'string', multiple: true },
        ...CONNECTION_FLAG_OPTIONS,
        'task-queue': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean' },
      },
    }),
  );
  if (!parsed) return 2;
  const { values } = parsed;
  if (values.help) {
    io.out(WORKER_USAGE);
    return 0;
  }
  const app = openCliAppFromFlags(
    io,
    values,
    values['task-queue'] ? { defaultTaskQueue: values['task-queue'] } : {},
  );
  if (typeof app === 'number') return app;
  const stop = signal ?? interrupted();
  try {
    if (!(await startCliApp(app, io))) return 1;
    const ids = new Map<string, string>();
    for (const path of values.definition ?? []) {
      const definition = rewriteRefs(readJson(resolve(path)), ids) as StoredDefinition['definition'];
      const saved = app.store.definitions.save({ definition });
      ids.set(basename(path, '.json'), saved.id);
      const loaded = await app.registry.ensure(app.store.definitions.get(saved.id));
      if (loaded) io.out(`serving ${loaded.workflowType} on ${loaded.taskQueue}`);
    }
    const queues = [...new Set(app.registry.specs().map((s) => s.taskQueue))];
    io.out(
      `worker ready on ${queues.join(', ') || 'the built-in queue'}; workspaces: ${app.policy.workspaces().join(', ') || 'none (simulated builds only)'}`,
    );
    await new Promise<void>((resolveStop) => {
      if (stop.aborted) resolveStop();
      else stop.addEventListener('abort', () => resolveStop(), { once: true });
    });
    io.out('worker stopping');
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await app.shutdown();
  }
}

/** Aborts on the first SIGINT or SIGTERM. */
function interrupted(): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return controller.signal;
}
