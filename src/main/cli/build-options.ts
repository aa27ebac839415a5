/**
 * The arguments of `workflow-builder build`, parsed and checked before anything starts: every
 * mistake is named (the command then exits 2).
 */
import { parseArgs } from 'node:util';
import { parseEdgeKinds } from '../../core/graph/edge-selection';
import { MAX_CONCURRENT_CHILDREN } from '../../core/definition/node-kinds/dynamic-loop';
import type { ConnectionSettings } from '../../core/settings/connection-settings';
import { defaultDataDir } from '../app/data-dir';
import {
  CONNECTION_FLAG_OPTIONS,
  CONNECTION_FLAGS_USAGE,
  connectionFromFlags,
} from '../app/connection-flags';
import type { MonorepoBuildSettings } from '../examples/monorepo-build';
import { DEFAULT_DAEMON_IDLE_MS, daemonByDefault } from '../daemon/daemon-default';

export const BUILD_USAGE = `Usage:
  workflow-builder build <folder> [options]        builds a monorepo: every package's scripts, in dependency order
  workflow-builder build --demo [options]          builds a copy of the demo monorepo (made in the data folder)
  workflow-builder build --retry <workflowId>      a new run of a closed build: failed and blocked packages
                                                   only, completed ones are reused

  --concurrency N        packages built at once (default 4, at most ${MAX_CONCURRENT_CHILDREN})
  --script NAME          a package.json script to run in each package; repeat to run several in order
                         (default: build). A package without it is skipped
  --fail-fast            stop at the first failure and cancel the builds in flight (default: a failure
                         blocks only the packages that depend on it, the rest go on)
  --kinds LIST           dependency kinds that order builds, comma-separated (default:
                         dependencies,optional,peer,dev)
  --filter GLOB          build only matching packages and what they depend on (repeatable; "!GLOB"
                         excludes), e.g. --filter '@acme/api-*'
  --break-dev-cycles     drop the devDependency edges that close a cycle (they are listed) instead of failing
  --retry-window DUR     after failures, wait this long (e.g. 30s, 5m, 1h) for a retry from the app
                         before finishing (default 0: finish at once)
  --force                cold build: with --demo, a fresh copy (no dist/ of earlier builds). A folder's
                         build is always cold: only --retry reuses completed packages
  --no-daemon            run this build's own Temporal server and worker, stopped when it ends (default
                         with the embedded server: a build daemon per data folder keeps them warm between
                         builds and exits after 10 minutes without one; not under CI=true, nor with
                         WB_DAEMON=0; WB_DAEMON_IDLE=DUR changes the 10 minutes). --daemon forces it
  --data-dir DIR         the app's data folder (default: ${defaultDataDir()}): its store, embedded
                         Temporal server, build logs and reports
  --task-queue NAME      task queue of the build's parent workflow (default: workflow-builder)
  --build-task-queue N   task queue of the package builds (default: package-build); workers started with
                         \`workflow-builder worker\` on other machines can serve it

Exit code: 0 every package built, 1 some failed (the reasons are printed), 2 bad usage or a bad
workspace (unreadable, a dependency cycle, duplicate package names).

${CONNECTION_FLAGS_USAGE}`;

/** What `build` was asked to do. */
export interface BuildOptions {
  /** The monorepo folder (absolute), or undefined with --demo / --retry. */
  folder: string | undefined;
  demo: boolean;
  retry: string | undefined;
  force: boolean;
  settings: MonorepoBuildSettings;
  dataDir: string;
  taskQueue: string | undefined;
  connection: ConnectionSettings | undefined;
  /** Run on the data folder's build daemon (src/main/daemon): embedded server only. */
  daemon: boolean;
  /** How long a daemon this build starts waits for the next build. */
  daemonIdleMs: number;
  help: boolean;
}

/** A usage mistake; the message names it. */
export class BuildUsageError extends Error {
  override readonly name = 'BuildUsageError';
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `30s`, `5m`, `1h30m`, `2d` or a bare number of seconds → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new BuildUsageError(`"${text}" is not a duration: use e.g. 30s, 5m, 1h30m or a number of seconds`);
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0));
}

/** Parses and checks the arguments (throws BuildUsageError). */
export function parseBuildOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BuildOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        concurrency: { type: 'string', short: 'n' },
        script: { type: 'string', multiple: true },
        'fail-fast': { type: 'boolean' },
        kinds: { type: 'string' },
        filter: { type: 'string', multiple: true },
        'break-dev-cycles': { type: 'boolean' },
        'retry-window': { type: 'string' },
        force: { type: 'boolean' },
        demo: { type: 'boolean' },
        retry: { type: 'string' },
        'data-dir': { type: 'string' },
        'task-queue': { type: 'string' },
        'build-task-queue': { type: 'string' },
        daemon: { type: 'boolean' },
        'no-daemon': { type: 'boolean' },
        ...CONNECTION_FLAG_OPTIONS,
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new BuildUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const sources = [positionals.length > 0, values.demo === true, values.retry !== undefined].filter(Boolean);
  if (!values.help && sources.length !== 1) {
    throw new BuildUsageError(
      'build needs exactly one of: a monorepo folder, --demo or --retry <workflowId>',
    );
  }
  if (positionals.length > 1) throw new BuildUsageError(`build takes one folder, got ${positionals.length}`);
  if (values.retry !== undefined && values.force) {
    throw new BuildUsageError(
      '--force (a cold build) and --retry (reuse completed packages) contradict each other',
    );
  }

  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENT_CHILDREN) {
    throw new BuildUsageError(
      `--concurrency must be a whole number from 1 to ${MAX_CONCURRENT_CHILDREN}, got "${values.concurrency}"`,
    );
  }
  const scripts = values.script ?? ['build'];
  for (const script of scripts) {
    if (script.trim() === '') throw new BuildUsageError('--script needs a script name, got an empty one');
  }
  let edgeKinds: ReturnType<typeof parseEdgeKinds> | undefined;
  try {
    edgeKinds = values.kinds === undefined ? undefined : parseEdgeKinds(values.kinds);
  } catch (error) {
    throw new BuildUsageError(`--kinds: ${(error as Error).message}`);
  }
  if (edgeKinds?.length === 0) throw new BuildUsageError('--kinds needs at least one kind');
  const retryWindowMs = values['retry-window'] === undefined ? 0 : parseDuration(values['retry-window']);
  if (retryWindowMs > 30 * UNITS.d!) throw new BuildUsageError('--retry-window is at most 30 days');
  let connection;
  try {
    connection = connectionFromFlags(values, env);
  } catch (error) {
    throw new BuildUsageError((error as Error).message);
  }
  if (values.daemon && values['no-daemon'])
    throw new BuildUsageError('--daemon and --no-daemon contradict each other');
  if (values.daemon && connection) {
    throw new BuildUsageError(
      '--daemon runs the embedded server: it cannot be combined with --temporal-address',
    );
  }
  let daemonIdleMs = DEFAULT_DAEMON_IDLE_MS;
  if (env.WB_DAEMON_IDLE) {
    try {
      daemonIdleMs = parseDuration(env.WB_DAEMON_IDLE);
    } catch (error) {
      throw new BuildUsageError(`WB_DAEMON_IDLE: ${(error as Error).message}`);
    }
  }
  return {
    folder: positionals[0],
    demo: values.demo === true,
    retry: values.retry,
    force: values.force === true,
    settings: {
      concurrency,
      scripts,
      failFast: values['fail-fast'] === true,
      ...(edgeKinds ? { edgeKinds } : {}),
      filter: (values.filter ?? []).map((f) => f.trim()).filter((f) => f !== ''),
      retryWindowMs,
      breakDevCycles: values['break-dev-cycles'] === true,
      ...(values['build-task-queue'] ? { buildTaskQueue: values['build-task-queue'] } : {}),
    },
    dataDir: values['data-dir'] ?? defaultDataDir(),
    taskQueue: values['task-queue'],
    connection,
    daemon:
      connection === undefined &&
      (values.daemon === true || (values['no-daemon'] !== true && daemonByDefault(env))),
    daemonIdleMs,
    help: values.help === true,
  };
}
