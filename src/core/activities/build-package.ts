import { z } from 'zod';
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
      .describe('Simulated build: how long to take. Ignored when `command` is given'),
    failWith: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe('Fail the build with this message (non-retryable)'),
    command: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Real build: program and arguments, run without a shell'),
    cwd: z.string().min(1).optional().describe('Working directory of `command`'),
    logDir: z.string().min(1).optional().describe('Folder of build logs (default: <data dir>/logs)'),
  })
  .strict();
export type BuildPackageInput = z.infer<typeof BuildPackageInputSchema>;

/** Result of `buildPackage`. */
export interface BuildPackageResult {
  packageName: string;
  durationMs: number;
  logFile?: string;
  output?: string;
}

const BUILD_PACKAGE_TYPES = `/** Input of \`buildPackage\`. */
export interface BuildPackageInput {
  /** Id of the parent run; names the log folder. */
  runId: string;
  packageName: string;
  /** 1 for the first build, +1 per retry. */
  attempt: number;
  /** Simulated build: how long to take (ignored when \`command\` is given). */
  simulatedDurationMs?: number;
  /** Fail the build with this message (non-retryable). */
  failWith?: string;
  /** Real build: program and arguments, run without a shell. */
  command?: string[];
  /** Working directory of \`command\`. */
  cwd?: string;
  /** Folder of build logs (default: <data dir>/logs). */
  logDir?: string;
}

/** Result of \`buildPackage\`. */
export interface BuildPackageResult {
  packageName: string;
  durationMs: number;
  /** \`<logDir>/<runId>/<packageName>.log\`. */
  logFile?: string;
  /** Last lines of the build's output. */
  output?: string;
}`;

/** `buildPackage(input)`: one package's build, simulated or a real command. */
export const buildPackageActivity: ActivityCatalogEntry = {
  name: 'buildPackage',
  description:
    'Builds one package: a simulated build of simulatedDurationMs, or a real command run without a shell; writes <logDir>/<runId>/<packageName>.log.',
  signature: { params: 'input: BuildPackageInput', returns: 'Promise<BuildPackageResult>' },
  typeDeclarations: BUILD_PACKAGE_TYPES,
  argsSchema: z.tuple([BuildPackageInputSchema]),
  defaultTimeouts: { startToCloseMs: 30 * 60_000, heartbeatTimeoutMs: 10_000 },
};
