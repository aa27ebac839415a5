import type { DevServerPorts } from './pid-file';

/**
 * How the embedded `temporal server start-dev` is run. Modelled on the Temporal SDK's
 * `DevServerConfig` (packages/testing/src/ephemeral-server.ts). The server always binds 127.0.0.1.
 */
export interface TemporalDevServerConfig {
  /**
   * Folder for `temporal.db`, the server log and the pid file; created when missing.
   * Keep it stable across runs: it is what makes workflow runs survive restarts.
   */
  dataDir: string;

  /**
   * Path of the `temporal` executable.
   *
   * @default located at each start with `findTemporalCli({ resourcesPath })` (temporal-cli.mjs)
   */
  binaryPath?: string;

  /**
   * The packaged app's `process.resourcesPath`, checked first when `binaryPath` is not given.
   *
   * @default undefined (development: TEMPORAL_CLI_PATH, PATH, then the provisioning cache)
   */
  resourcesPath?: string;

  /**
   * Namespace created at start and probed for readiness.
   *
   * @default "default"
   */
  namespace?: string;

  /**
   * Preferred ports. A port that is omitted, busy, or found busy when the server binds it is
   * replaced by a free one (the status message says so).
   *
   * @default all chosen free at the first start, then reused by restarts while still free
   */
  ports?: Partial<DevServerPorts>;

  /**
   * Serve Temporal's Web UI on its own loopback port.
   *
   * Off in the app: the UI server (ui-server 2.42, inside the CLI) answers requests for any `Host`
   * header, so a DNS-rebinding web page could drive it, and it cannot be told otherwise. See
   * docs/security.md.
   *
   * @default false
   */
  ui?: boolean;

  /**
   * SQLite pragmas, passed as `--sqlite-pragma NAME=VALUE`.
   *
   * @default DEFAULT_SQLITE_PRAGMAS (chosen by benchmarks/dev-server-pragmas.bench.ts, see docs/architecture/dev-server.md)
   */
  sqlitePragmas?: Readonly<Record<string, string>>;

  /**
   * Dynamic config values, passed as `--dynamic-config-value NAME=VALUE` (values in the server's
   * YAML/JSON syntax). `{}` runs the server with Temporal's own defaults.
   *
   * @default DEFAULT_DYNAMIC_CONFIG (chosen by benchmarks/child-overhead.bench.ts, see docs/architecture/performance.md)
   */
  dynamicConfig?: Readonly<Record<string, string>>;

  /**
   * Server log level (`--log-level`). The log is JSON (`--log-format json`).
   *
   * @default "warn"
   */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';

  /**
   * The log file is rotated to `<log>.1` at a (re)start once larger than this.
   *
   * @default 10 MiB
   */
  logMaxBytes?: number;

  /**
   * How long a start may take until both readiness calls succeed.
   *
   * @default 60_000 ms
   */
  readyTimeoutMs?: number;

  /**
   * Grace period between SIGTERM and SIGKILL when stopping.
   *
   * @default 10_000 ms
   */
  stopTimeoutMs?: number;

  /** Automatic restart after a crash. */
  restart?: {
    /**
     * Consecutive failed restarts before giving up with state 'crashed'.
     *
     * @default 5
     */
    maxAttempts?: number;
    /**
     * Delay before the first restart; doubles with each consecutive failure.
     *
     * @default 500 ms
     */
    initialDelayMs?: number;
    /**
     * Upper bound of the delay.
     *
     * @default 15_000 ms
     */
    maxDelayMs?: number;
    /**
     * A server that stayed ready this long resets the consecutive-failure count.
     *
     * @default 60_000 ms
     */
    resetAfterMs?: number;
  };

  /**
   * How many times a start picks new ports when the server reports "address already in use".
   *
   * @default 3
   */
  portAttempts?: number;

  /**
   * Check preferred ports before spawning. Turned off only by tests, to exercise the path where the
   * server itself finds a port taken (another process won the race after our check).
   *
   * @default true
   */
  checkPortsBeforeSpawn?: boolean;

  /**
   * Extra `start-dev` arguments (e.g. `--dynamic-config-value`).
   *
   * @default []
   */
  extraArgs?: readonly string[];

  /**
   * Diagnostics (reaped orphans, displaced ports, restarts).
   *
   * @default no-op
   */
  log?: (message: string) => void;
}

/**
 * WAL + synchronous=NORMAL: faster per child workflow in our measurement (see the doc), and safe —
 * with WAL, NORMAL never corrupts the db; a power loss can only drop the last commits, which the dev
 * server's own durability contract (a local dev tool) already allows.
 */
export const DEFAULT_SQLITE_PRAGMAS: Readonly<Record<string, string>> = Object.freeze({
  journal_mode: 'wal',
  synchronous: 'normal',
});

/**
 * Latency settings for a single-machine server (issue 12; measured in docs/architecture/performance.md):
 * - `history.transferProcessorMaxPollRPS`: the history service reads its transfer queue (the tasks
 *   that hand a workflow task or an activity to matching, start a child, tell a parent its child
 *   closed) at most 20 times a second by default, and the dev server has one shard, so every such
 *   hop waited for the next read: about 40 ms, nine times per child workflow. The reader is still
 *   woken by new tasks only (an idle server reads nothing more); this only lifts the rate cap.
 * - `system.enableActivityEagerExecution`: an activity scheduled on the workflow's own task queue is
 *   handed back to the worker in the reply to its workflow task instead of taking the matching
 *   round trip (the SDK asks for it by default; the server ignores the request unless enabled).
 * - `matching.numTaskqueueWritePartitions`: a task queue spreads its tasks over 4 partitions by
 *   default, so a task could land in a partition no poller was waiting on and wait in its backlog
 *   until one came by: in 11 of 17 runs of 100 instant builds the children waited 28–91 ms each
 *   on average for their first workflow task, and the run took 3.6–3.9 s instead of 1.7 s. Partitions spread one queue over
 *   several matching hosts, and the embedded server is one host. Writes go to one partition; all
 *   four are still read, so a backlog left in the others by an older version is still served.
 * None changes what is persisted: every transition is still written to the SQLite db first.
 */
export const DEFAULT_DYNAMIC_CONFIG: Readonly<Record<string, string>> = Object.freeze({
  'history.transferProcessorMaxPollRPS': '1000',
  'system.enableActivityEagerExecution': 'true',
  'matching.numTaskqueueWritePartitions': '1',
});

/**
 * `start-dev` always serves Temporal's HTTP API (port 0 means "any free port", there is no switch to
 * turn it off) and that API answers any `Host` and plain cross-origin POSTs, so a web page could
 * start workflows through it. The app never uses it: the server's own Host allow-list
 * (`frontend.httpAllowedHosts`) is set to a name no request can carry (`.invalid` never resolves),
 * so every HTTP API request is refused with 403. gRPC clients are unaffected.
 */
export const HTTP_API_REFUSE_ALL_HOSTS = 'http-api-disabled.workflow-builder.invalid';
export const HTTP_API_LOCKDOWN_ARGS: readonly string[] = Object.freeze([
  '--dynamic-config-value',
  `frontend.httpAllowedHosts=${JSON.stringify([HTTP_API_REFUSE_ALL_HOSTS])}`,
]);

export const DB_FILE_NAME = 'temporal.db';
export const LOG_FILE_NAME = 'temporal-server.log';

type Defaults = Required<
  Omit<TemporalDevServerConfig, 'binaryPath' | 'resourcesPath' | 'ports' | 'restart'>
> & {
  restart: Required<NonNullable<TemporalDevServerConfig['restart']>>;
};

/** The config with every default applied (binaryPath, resourcesPath and ports stay optional). */
export type ResolvedDevServerConfig = Defaults &
  Pick<TemporalDevServerConfig, 'binaryPath' | 'resourcesPath' | 'ports'>;

export function resolveDevServerConfig(config: TemporalDevServerConfig): ResolvedDevServerConfig {
  return {
    dataDir: config.dataDir,
    binaryPath: config.binaryPath,
    resourcesPath: config.resourcesPath,
    namespace: config.namespace ?? 'default',
    ports: config.ports,
    ui: config.ui ?? false,
    sqlitePragmas: config.sqlitePragmas ?? DEFAULT_SQLITE_PRAGMAS,
    dynamicConfig: config.dynamicConfig ?? DEFAULT_DYNAMIC_CONFIG,
    logLevel: config.logLevel ?? 'warn',
    logMaxBytes: config.logMaxBytes ?? 10 * 1024 * 1024,
    readyTimeoutMs: config.readyTimeoutMs ?? 60_000,
    stopTimeoutMs: config.stopTimeoutMs ?? 10_000,
    restart: {
      maxAttempts: config.restart?.maxAttempts ?? 5,
      initialDelayMs: config.restart?.initialDelayMs ?? 500,
      maxDelayMs: config.restart?.maxDelayMs ?? 15_000,
      resetAfterMs: config.restart?.resetAfterMs ?? 60_000,
    },
    portAttempts: config.portAttempts ?? 3,
    checkPortsBeforeSpawn: config.checkPortsBeforeSpawn ?? true,
    extraArgs: config.extraArgs ?? [],
    log: config.log ?? (() => {}),
  };
}
