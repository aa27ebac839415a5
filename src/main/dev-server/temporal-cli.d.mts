// Types of temporal-cli.mjs (plain ESM, so TypeScript callers get them from here).

/** The CLI release the app is pinned to. */
export declare const TEMPORAL_CLI_VERSION: string;
/** `go install` target for the pinned release. */
export declare const TEMPORAL_CLI_MODULE: string;

/** Where a usable binary was found (or how it was produced). */
export type TemporalCliSource = 'resources' | 'env' | 'path' | 'cache' | 'built' | 'downloaded';

export interface TemporalCli {
  /** Absolute path of the executable. */
  path: string;
  /** What `temporal --version` reports after "temporal version ", e.g. `1.5.1 (Server 1.29.1, UI 2.42.1)`. */
  version: string;
  source: TemporalCliSource;
}

/** One step of the resolution that did not produce a binary, and why. */
export interface ProvisionAttempt {
  step: string;
  reason: string;
}

export interface FindTemporalCliOptions {
  /** The packaged app's `process.resourcesPath`: `<resourcesPath>/temporal/temporal[.exe]` is checked first. */
  resourcesPath?: string;
  /** @default process.env (reads TEMPORAL_CLI_PATH, PATH, XDG_CACHE_HOME) */
  env?: NodeJS.ProcessEnv;
  /** @default temporalCacheDir(env) */
  cacheDir?: string;
}

export interface ProvisionTemporalOptions extends FindTemporalCliOptions {
  /** Try `go install` when nothing is found. @default true */
  build?: boolean;
  /** Try the official release download after the build. @default true */
  download?: boolean;
  /** @default 'https://temporal.download/cli/archive' */
  downloadBaseUrl?: string;
  /** Progress lines. @default writes to stderr */
  log?: (line: string) => void;
}

export interface TemporalCliLocation {
  cli: TemporalCli | undefined;
  attempts: ProvisionAttempt[];
  /** When `cli` is undefined: every step tried, why it failed and how to fix it. */
  message?: string;
}

/** Thrown by `provisionTemporal()`; the message lists every step tried, why it failed and how to fix it. */
export declare class TemporalCliNotFoundError extends Error {
  constructor(attempts: ProvisionAttempt[], fix?: string[]);
  readonly attempts: ProvisionAttempt[];
}

/** `${XDG_CACHE_HOME:-~/.cache}/workflow-builder/temporal-<version>`. */
export declare function temporalCacheDir(env?: NodeJS.ProcessEnv): string;

/** Finds an already-present binary (resources, TEMPORAL_CLI_PATH, PATH, cache). Never builds; fast. */
export declare function findTemporalCli(options?: FindTemporalCliOptions): TemporalCli | undefined;

/** Like `findTemporalCli()`, with why each step failed. */
export declare function locateTemporalCli(options?: FindTemporalCliOptions): TemporalCliLocation;

/** Finds the binary, building (`go install`) or downloading it into the cache when absent. */
export declare function provisionTemporal(options?: ProvisionTemporalOptions): Promise<TemporalCli>;
