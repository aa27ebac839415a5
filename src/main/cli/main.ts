/**
 * The workflow-builder CLI (plain Node, no Electron):
 *
 *   workflow-builder export --definition <id|file.json> [--definition …] --out <dir> [--force] [--data-dir DIR]
 *
 * Writes a standalone Temporal TypeScript project (see src/main/export). A definition is a stored
 * id (from the app's data folder) or a JSON file; child definitions are looked up in the store.
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IpcFailure, type StoredDefinition } from '../../core/ipc';
import { BUILTIN_TASK_QUEUE } from '../../core/task-queues';
import { defaultDataDir } from '../app/data-dir';
import { usePrivateUmask } from '../app/private-files';
import { exportProject } from '../export/export-project';
import { openStore, type Store } from '../store';
import { defaultCompiler } from '../workflow-runtime/compiler-binding';
import type { CompilerBinding } from '../workflow-runtime/compiler-port';
import { readActivitySources, readRuntimeSources } from '../workflow-runtime/runtime-sources';
import type { CliIo } from './cli-io';
import { runRunCommand } from './run-command';
import { runBuildCommand } from './build-command';
import { runWorkerCommand } from './worker-command';
import { runDaemonCommand } from './daemon-command';
import { markStartup } from '../app/startup-timings';

export const USAGE = `Usage:
  workflow-builder build <folder> | --demo [--concurrency N] [--script NAME …] [--fail-fast]
                         [--kinds LIST] [--filter GLOB …] [--retry-window DUR] [--force]   (see build --help)
  workflow-builder build --retry <workflowId>                                      rebuild failed packages
  workflow-builder run <definition.json> [--child <child.json> …] [--input JSON]   (see run --help)
  workflow-builder worker --workspace <dir> [--definition <file.json> …]             (see worker --help)
  workflow-builder daemon status|stop                 the build daemon that keeps builds warm (daemon --help)
  workflow-builder export --definition <id|file.json> [--definition …] --out <dir> [--force]
                          [--data-dir DIR] [--task-queue NAME]

  --definition   a stored definition id (optionally id@version) or a definition JSON file; a file
                 is referred to by its name without .json (children may be files too)
  --out          the target folder; must be empty unless --force
  --force        write into a non-empty folder: generated files are overwritten, yours are kept
  --data-dir     the app's data folder (default: ${defaultDataDir()})
  --task-queue   task queue of definitions that name none (default: ${BUILTIN_TASK_QUEUE})`;

export type { CliIo } from './cli-io';

/** Runs the CLI; returns the exit code. Injected compiler for tests. */
export async function runCli(
  argv: string[],
  io: CliIo = defaultIo(),
  compiler: CompilerBinding = defaultCompiler,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run') return runRunCommand(rest, io);
  if (command === 'worker') return runWorkerCommand(rest, io);
  if (command === 'build') return runBuildCommand(rest, io);
  if (command === 'daemon') return runDaemonCommand(rest, io);
  if (command !== 'export') {
    io.err(
      command === undefined || command === '--help' ? USAGE : `Unknown command "${command}"\n\n${USAGE}`,
    );
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        definition: { type: 'string', multiple: true },
        out: { type: 'string' },
        force: { type: 'boolean' },
        'data-dir': { type: 'string' },
        'task-queue': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.definition?.length || !values.out) {
    io.err(`export needs --definition and --out\n\n${USAGE}`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const dbFile = join(dataDir, 'workflow-builder.db');
  let store: Store | undefined;
  try {
    store = existsSync(dbFile) ? openStore(dbFile) : undefined;
    const definitions: Pick<Store, 'definitions'> = store ?? {
      definitions: {
        get: (id: string) => {
          throw new IpcFailure('NOT_FOUND', `No stored definition ${id}: no app data in ${dataDir}`);
        },
      } as unknown as Store['definitions'],
    };
    const roots: StoredDefinition[] = values.definition.map((ref) => loadDefinition(ref, definitions));
    // Definition files answer child refs by their file name (examples/package-build.json is
    // "package-build"), before the store does.
    const files = new Map(roots.filter((r) => r.createdAt === FILE_STAMP).map((r) => [r.id, r]));
    const lookup: Pick<Store, 'definitions'> = {
      definitions: {
        get: (id: string, version?: number) => {
          const file = files.get(id);
          if (file && (version === undefined || version === file.version)) return file;
          return definitions.definitions.get(id, version);
        },
      } as Store['definitions'],
    };
    const result = await exportProject({
      store: lookup,
      compiler,
      defaultTaskQueue: values['task-queue'] ?? BUILTIN_TASK_QUEUE,
      runtimeFiles: await readRuntimeSources(),
      activityFiles: await readActivitySources(),
      roots,
      outDir: resolve(values.out),
      force: values.force ?? false,
    });
    io.out(`exported ${result.workflows.map((w) => w.workflowType).join(', ')} to ${result.outDir}`);
    for (const file of result.written) io.out(`  wrote ${file}`);
    for (const file of result.kept) io.out(`  kept  ${file} (yours)`);
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    store?.close();
  }
}

/** stdout/stderr; a terminal also gets raw writes for the redrawn progress line. */
function defaultIo(): CliIo {
  return {
    out: console.log,
    err: console.error,
    ...(process.stdout.isTTY
      ? {
          tty: {
            write: (text: string) => void process.stdout.write(text),
            columns: () => process.stdout.columns,
          },
        }
      : {}),
  };
}

/** createdAt of definitions read from files (they have no stored history). */
const FILE_STAMP = '1970-01-01T00:00:00.000Z';

/** `id`, `id@version` or a path to a JSON file (a file wins when it exists). */
function loadDefinition(ref: string, store: Pick<Store, 'definitions'>): StoredDefinition {
  if (ref.endsWith('.json') || existsSync(ref)) {
    const file = resolve(ref);
    let definition: unknown;
    try {
      definition = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const name = (definition as { name?: unknown }).name;
    return {
      id: basename(file, '.json'),
      name: typeof name === 'string' ? name : basename(file, '.json'),
      version: 1,
      createdAt: FILE_STAMP,
      updatedAt: FILE_STAMP,
      definition: definition as StoredDefinition['definition'],
    };
  }
  const at = ref.lastIndexOf('@');
  if (at > 0) return store.definitions.get(ref.slice(0, at), Number(ref.slice(at + 1)));
  return store.definitions.get(ref);
}

// Real paths on both sides: the built CLI is usually started through a symlink (package.json `bin`
// in node_modules/.bin), while import.meta.url names the file itself.
const isMain =
  process.argv[1] !== undefined &&
  existsSync(process.argv[1]) &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) runCliMain();

/** Runs the CLI on this process's arguments and exits with its code (the built CLI's bootstrap calls it). */
export function runCliMain(): void {
  markStartup('modules loaded');
  usePrivateUmask(); // files the CLI (and the processes it starts) create are private
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
