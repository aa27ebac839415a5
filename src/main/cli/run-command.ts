/**
 * `workflow-builder run`: saves definition files into the app's store, then compiles, bundles,
 * starts and watches the first one on Temporal — the same path as the app's Run button —
 * printing the orchestration state as it changes.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunRecord, StoredDefinition } from '../../core/ipc';
import { CONNECTION_FLAG_OPTIONS, CONNECTION_FLAGS_USAGE } from '../app/connection-flags';
import { defaultDataDir } from '../app/data-dir';
import type { RunStateUpdate } from '../run-monitor/run-monitor';
import { openCliAppFromFlags, startCliApp } from './cli-app';
import { parseOrShowUsage, type CliIo } from './cli-io';

export const RUN_USAGE = `Usage:
  workflow-builder run <definition.json> [--child <child.json> …] [--input JSON]
                       [--workspace DIR …] [--data-dir DIR] [connection flags]

  Saves the files into the app's store (children first: a parent's {"definitionId": "<file name>"}
  refers to a child file by its name without .json), then compiles, starts and watches the run.
  --input              the workflow input as JSON (default {})
  --workspace          a monorepo folder builds may run in, for this run only (repeatable); a build
                       names it as its workspaceRoot. Folders opened in the app count too
  --data-dir           the app's data folder (default: ${defaultDataDir()}); its embedded Temporal
                       dev server is started unless --temporal-address names a running server
  Exit code: 0 when the run completed, 1 when it failed (the reason is printed) or could not
  start, 2 bad usage.

${CONNECTION_FLAGS_USAGE}`;

/** Replaces `{"definitionId": "<file name>"}` references with the ids the files were saved under. */
export function rewriteRefs(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, ids));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === 'definitionId' && typeof v === 'string' && ids.has(v) ? ids.get(v) : rewriteRefs(v, ids);
  }
  return out;
}

/** A JSON file's value; a missing or invalid file names itself. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

function progressLine(update: RunStateUpdate): string {
  const { totals, concurrency, phase } = update.state;
  const started = update.diff.started.length > 0 ? `  started ${update.diff.started.join(', ')}` : '';
  const done = update.diff.completed.length > 0 ? `  done ${update.diff.completed.join(', ')}` : '';
  const failed = update.diff.failed.length > 0 ? `  FAILED ${update.diff.failed.join(', ')}` : '';
  return (
    `[${phase}] ${totals.completed}/${totals.packages} built, ${totals.failed} failed, ${totals.blocked} blocked, ` +
    `${concurrency.now}/${concurrency.max} building${started}${done}${failed}`
  );
}

/** Runs the command; returns the exit code. */
export async function runRunCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseOrShowUsage(io, RUN_USAGE, () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        child: { type: 'string', multiple: true },
        input: { type: 'string' },
        'data-dir': { type: 'string' },
        workspace: { type: 'string', multiple: true },
        ...CONNECTION_FLAG_OPTIONS,
        help: { type: 'boolean' },
      },
    }),
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(RUN_USAGE);
    return 0;
  }
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    io.err(`run needs exactly one definition file\n\n${RUN_USAGE}`);
    return 2;
  }
  let input: Record<string, unknown> = {};
  try {
    if (values.input !== undefined) input = JSON.parse(values.input) as Record<string, unknown>;
  } catch (error) {
    io.err(`Invalid --input: ${(error as Error).message}`);
    return 2;
  }
  const app = openCliAppFromFlags(io, values);
  if (typeof app === 'number') return app;
  try {
    const ids = new Map<string, string>();
    // Children first, so the parent's references to them resolve to their stored ids.
    const save = (path: string): StoredDefinition => {
      const definition = rewriteRefs(readJson(resolve(path)), ids) as StoredDefinition['definition'];
      const saved = app.store.definitions.save({ definition });
      ids.set(basename(path, '.json'), saved.id);
      io.out(`saved ${basename(path)} as "${saved.name}" (${saved.id}, version ${saved.version})`);
      return app.store.definitions.get(saved.id);
    };
    for (const path of values.child ?? []) save(path);
    const root = save(file);
    if (!(await startCliApp(app, io, root))) return 1;
    const record: RunRecord = await app.launcher.start(root, input);
    io.out(`started ${record.workflowType} as ${record.workflowId} on ${record.taskQueue}`);
    const off = app.monitor.subscribe(record.workflowId, (update) => io.out(progressLine(update)));
    await app.monitor.settled(record.workflowId);
    off();
    const closed = app.store.runs.get(record.workflowId);
    io.out(`run ${closed.status}${closed.closedAt ? ` at ${closed.closedAt}` : ''}`);
    if (closed.failure) io.err(`why: ${closed.failure}`);
    return closed.status === 'completed' ? 0 : 1;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await app.shutdown();
  }
}
