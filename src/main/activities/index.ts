/**
 * The built-in activity library, registered on every worker the app runs. Activities run in
 * the worker process (never in main), so they may do I/O freely. Shaped as a factory, as in
 * Temporal's activities-dependency-injection sample, so tests and exports inject their deps.
 * Their signatures are declared in the activity catalog (`ACTIVITY_CATALOG`), which the compiler
 * emits as the generated `activity-types.ts`; a unit test of workflow-builder type-checks these
 * implementations against it.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { join } from 'node:path';
import type {
  BuildPackageInput,
  BuildPackageResult,
  ReadWorkspaceInput,
  ReadWorkspaceResult,
  WriteReportInput,
  WriteReportResult,
} from '../../core/activities';
import { EMPTY_WORKER_POLICY, type WorkerPolicy } from '../../core/settings/worker-policy';
import { defaultDataDir } from '../app/data-dir';
import { cancellableSleep } from './activity-support';
import { buildPackage, type SpawnFn } from './build-package';
import { DEFAULT_LOG_LIMITS } from './build-log';
import { PackageLocator } from './package-locator';
import { readWorkspace } from './read-workspace';
import { writeReport } from './write-report';

export interface ActivityDeps {
  /** Clock used for timestamps and durations. @default Date.now */
  now?: () => number;
  /** Sleep used by simulated builds; must reject with `signal.reason` when aborted. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The workspaces the user opened and the allowed commands, read at every call (the app's worker
   * gets changes over its parent channel). Every path and command an input names is checked
   * against it. @default nothing opened: simulated builds only
   */
  policy?: () => WorkerPolicy;
  /** Spawns real builds (a script's shell, an allowed command). @default child_process.spawn */
  spawn?: SpawnFn;
  /** The app's data folder. @default $WB_DATA_DIR, else the platform default (see app/data-dir) */
  dataDir?: string;
  /** Folder of build logs. @default `<dataDir>/logs` */
  logDir?: string;
  /** Folder of run reports. @default `<dataDir>/reports` */
  reportDir?: string;
  /** Interval of heartbeats (and progress log lines) of a running build. @default 1000 */
  heartbeatIntervalMs?: number;
  /** Grace period between SIGTERM and SIGKILL when a real build is cancelled. @default 5000 */
  killGraceMs?: number;
  /**
   * Environment read for WB_DATA_DIR, and the base of real builds' environment (without the app's
   * secrets: see build-environment.ts). @default process.env
   */
  env?: NodeJS.ProcessEnv;
  /** Most bytes of one build log; past it the middle is dropped. @default 16 MiB */
  logCapBytes?: number;
  /** Bytes of output a build's result carries (`output`). @default 64 KiB */
  outputTailBytes?: number;
}

/** Creates the activity implementations. */
export function createActivities(deps: ActivityDeps = {}) {
  const now = deps.now ?? Date.now;
  const env = deps.env ?? process.env;
  const policy = deps.policy ?? ((): WorkerPolicy => EMPTY_WORKER_POLICY);
  const dataDir = deps.dataDir ?? (env.WB_DATA_DIR || defaultDataDir(env));
  // One per worker: the parent's readWorkspace tells the builds that follow where their packages are.
  const locator = new PackageLocator();
  const buildDeps = {
    now,
    locator,
    sleep: deps.sleep ?? cancellableSleep,
    spawn: deps.spawn ?? (nodeSpawn as SpawnFn),
    logDir: deps.logDir ?? join(dataDir, 'logs'),
    heartbeatIntervalMs: deps.heartbeatIntervalMs ?? 1000,
    killGraceMs: deps.killGraceMs ?? 5000,
    policy,
    env,
    logLimits: {
      capBytes: deps.logCapBytes ?? DEFAULT_LOG_LIMITS.capBytes,
      outputTailBytes: deps.outputTailBytes ?? DEFAULT_LOG_LIMITS.outputTailBytes,
    },
    userAgent: `workflow-builder node/${process.version} ${process.platform} ${process.arch}`,
    // Under Electron (utilityProcess) execPath is the app's binary, not a Node a script could run.
    nodeExecPath: process.versions.electron === undefined ? process.execPath : undefined,
  };
  const reportDeps = { now, reportDir: deps.reportDir ?? join(dataDir, 'reports') };
  return {
    /** A trivial activity: proves the worker path end to end. */
    async greet(name: string): Promise<string> {
      return `Hello, ${name}! (worker pid ${process.pid}, ${new Date(now()).toISOString()})`;
    },
    /** Builds one package (simulated, or its own scripts in an opened workspace); see build-package.ts. */
    async buildPackage(input: BuildPackageInput): Promise<BuildPackageResult> {
      return buildPackage(buildDeps, input);
    },
    /** Reads a monorepo's packages and internal dependencies; see read-workspace.ts. */
    async readWorkspace(input: ReadWorkspaceInput): Promise<ReadWorkspaceResult> {
      return readWorkspace(input, policy().workspaces, locator);
    },
    /** Writes a run's report.json, report.md and report.html; see write-report.ts. */
    async writeReport(input: WriteReportInput): Promise<WriteReportResult> {
      return writeReport(reportDeps, input);
    },
  };
}

/** The activity interface workflows proxy (`proxyActivities<BuiltinActivities>`). */
export type BuiltinActivities = ReturnType<typeof createActivities>;
