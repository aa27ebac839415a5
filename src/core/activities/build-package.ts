import { z } from 'zod';
import { CommandNameSchema } from '../settings/worker-policy';
import type { ActivityCatalogEntry } from './types';

/** Input of `buildPackage`. Keep in sync with BUILD_PACKAGE_TYPES (a unit test type-checks both). */
export const BuildPackageInputSchema = z
  .object({
    runId: z.string().min(1).max(400).describe('Id of the parent run; names the log folder'),
    packageName: z.string().min(1).max(214).describe('Package to build'),
    attempt: z.number().int().min(1).describe('Attempt number (1 for the first build, +1 per retry)'),
    simulatedDurationMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3_600_000)
      .optional()
      .describe('Simulated build (no workspaceRoot): how long to take'),
    failWith: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe(
        'Failure injection (demo): fail the first attempt with this message (non-retryable); a retry passes',
      ),
    workspaceRoot: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .describe(
        'Real build: absolute path of a workspace the user opened in the app (or gave the worker with --workspace)',
      ),
    scripts: z
      .array(CommandNameSchema)
      .max(20)
      .optional()
      .describe(
        'Names of package.json scripts to run in order (default ["build"]); a missing one is skipped',
      ),
    command: CommandNameSchema.optional().describe(
      'Name of a command of the Settings allow-list, run after the scripts in the package folder',
    ),
  })
  .strict();
export type BuildPackageInput = z.infer<typeof BuildPackageInputSchema>;

/** Result of `buildPackage`. */
export interface BuildPackageResult {
  packageName: string;
  durationMs: number;
  /** `<data dir>/logs/<runId>/<packageName>.attempt-<n>.log` on the worker that built it. */
  logFile?: string;
  /**
   * The end of the build's output (stdout and stderr, at most the last 64 KiB): a build on another
   * machine can be read from the parent's history.
   */
  output?: string;
  /**
   * True when the package has none of the requested scripts (and no command was named): nothing
   * ran. The run reports it `skipped`, and a skipped package unblocks its dependents.
   */
  skipped?: boolean;
}

const BUILD_PACKAGE_TYPES = `/** What \`buildPackage\` builds, and where. */
export interface BuildPackageInput {
  /** The id of the parent run, which names the folder of the build logs. */
  runId: string;
  /** The name of the package to build. */
  packageName: string;
  /** The attempt number: 1 for the first build, one more for each retry. */
  attempt: number;
  /** How long a simulated build (one without a workspaceRoot) takes. */
  simulatedDurationMs?: number;
  /** For demos: the first attempt fails with this message (non-retryable), and a retry passes. */
  failWith?: string;
  /**
   * Real build: absolute path of a workspace the user opened in the app (or gave the worker with
   * --workspace). The worker finds the package there and runs its own scripts; any other root fails
   * with WORKSPACE_NOT_OPENED.
   */
  workspaceRoot?: string;
  /**
   * Names of package.json scripts to run in order (default ["build"]); a package without one skips
   * it, and a package with none of them (and no command) is skipped.
   */
  scripts?: string[];
  /** The name of a command of the Settings allow-list, run (without a shell) after the scripts. */
  command?: string;
}

/** What one \`buildPackage\` call did. */
export interface BuildPackageResult {
  /** The package that was built. */
  packageName: string;
  /** How long the build took, in milliseconds. */
  durationMs: number;
  /** The build's log, \`<data dir>/logs/<runId>/<packageName>.attempt-<n>.log\` on the worker that built it. */
  logFile?: string;
  /** The end of the build's output: at most the last 64 KiB of stdout and stderr. */
  output?: string;
  /**
   * True when the package has none of the requested scripts (and no command was named): nothing ran,
   * and the run reports the package \`skipped\`.
   */
  skipped?: boolean;
}`;

/** `buildPackage(input)`: one package's build, simulated or its own scripts in an opened workspace. */
export const buildPackageActivity: ActivityCatalogEntry = {
  name: 'buildPackage',
  description:
    "Builds one package: a simulated build of simulatedDurationMs, or the package's own scripts in a workspace the user opened; writes <data dir>/logs/<runId>/<packageName>.attempt-<n>.log.",
  signature: { params: 'input: BuildPackageInput', returns: 'Promise<BuildPackageResult>' },
  typeDeclarations: BUILD_PACKAGE_TYPES,
  argsSchema: z.tuple([BuildPackageInputSchema]),
  defaultTimeouts: { startToCloseMs: 30 * 60_000, heartbeatTimeoutMs: 10_000 },
};
