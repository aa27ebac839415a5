/**
 * What a `buildPackage` runs, decided on the worker side. The input only names things (a workspace
 * root, script names, an allowed command's name); the programs come from the package's own
 * package.json in a workspace the user opened, or from the user's command allow-list. Nothing in
 * the input is ever executed or used as a path without being checked against the worker's policy.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { BuildPackageInput } from '../../core/activities';
import type { WorkerPolicy } from '../../core/settings/worker-policy';
import { invalidInput } from './activity-support';
import { PackageLocator } from './package-locator';
import { WORKSPACE_READ_FAILED, WorkspaceError } from './read-workspace';
import { shellInvocation } from './script-invocation';
import { resolveInsideRoot, resolveOpenedRoot } from './workspace-access';

const ACTIVITY = 'buildPackage';

/** One thing a real build runs in the package folder, or a script the package does not have. */
export type BuildStep =
  | {
      kind: 'run';
      /** What the log says: `script build: tsc -p .` or `command clean: rm -rf dist`. */
      label: string;
      program: string;
      args: string[];
      windowsVerbatimArguments: boolean;
      /** A package script: its name and text (npm's `npm_lifecycle_event` / `_script`). */
      lifecycle?: { event: string; script: string };
    }
  | { kind: 'skip'; label: string };

/** What npm exports about the package being built, read from its package.json. */
export interface PackageManifest {
  /** Absolute path of the package.json. */
  file: string;
  name: string;
  version?: string;
  /** Flat string/number/boolean values of `config`. */
  config: Record<string, string>;
}

export type BuildPlan =
  | { kind: 'simulated' }
  | { kind: 'real'; rootDir: string; packageDir: string; manifest: PackageManifest; steps: BuildStep[] };

/** Fields of the old input that let the input decide what runs; named when someone still sends them. */
const REMOVED_FIELDS: Record<string, string> = {
  cwd: 'the worker decides where a build runs (the package folder in an opened workspace); use workspaceRoot',
  logDir: 'the worker decides where build logs go (<data dir>/logs)',
};

/**
 * Refuses, before any other check, what the old input allowed: a `command` given as program and
 * arguments, `cwd`, `logDir`. The message says what to use instead.
 */
export function refuseRemovedFields(raw: unknown): void {
  if (raw === null || typeof raw !== 'object') return;
  const record = raw as Record<string, unknown>;
  if (Array.isArray(record.command)) {
    throw invalidInput(
      ACTIVITY,
      'command',
      'a program and its arguments are not accepted: input never decides what a worker runs. ' +
        "Name a command of the allow-list (Settings → Commands), or run the package's own scripts with workspaceRoot + scripts",
    );
  }
  for (const [field, why] of Object.entries(REMOVED_FIELDS)) {
    if (field in record) throw invalidInput(ACTIVITY, field, `not accepted: ${why}`);
  }
}

/** Resolves the input against the policy into what will run. Throws the refusals. */
export async function planBuild(
  input: BuildPackageInput,
  policy: WorkerPolicy,
  locator: PackageLocator = new PackageLocator(),
): Promise<BuildPlan> {
  if (input.workspaceRoot === undefined) {
    if (input.scripts !== undefined)
      throw invalidInput(ACTIVITY, 'scripts', 'needs workspaceRoot (the workspace the package is in)');
    if (input.command !== undefined)
      throw invalidInput(ACTIVITY, 'command', 'needs workspaceRoot (the workspace the package is in)');
    return { kind: 'simulated' };
  }
  const rootDir = await resolveOpenedRoot(ACTIVITY, 'workspaceRoot', input.workspaceRoot, policy.workspaces);
  const allowed =
    input.command === undefined ? undefined : policy.commands.find((c) => c.name === input.command);
  if (input.command !== undefined && allowed === undefined) {
    throw invalidInput(
      ACTIVITY,
      'command',
      `"${input.command}" is not a command of the allow-list (Settings → Commands${policy.commands.length > 0 ? `: ${policy.commands.map((c) => c.name).join(', ')}` : ', which is empty'})`,
    );
  }
  const { packageDir, manifestFile, fields } = await locatePackage(rootDir, input.packageName, locator);
  const { scripts, version, config } = fields;
  const manifest: PackageManifest = { file: manifestFile, name: input.packageName, version, config };
  const steps: BuildStep[] = (input.scripts ?? ['build']).map((name) => {
    const text = scripts.get(name);
    if (text === undefined) {
      return {
        kind: 'skip',
        label: `script ${name}: ${input.packageName} has no "${name}" script: nothing to run`,
      };
    }
    const shell = shellInvocation(text);
    return {
      kind: 'run',
      label: `script ${name}: ${text}`,
      program: shell.program,
      args: shell.args,
      windowsVerbatimArguments: shell.windowsVerbatimArguments,
      lifecycle: { event: name, script: text },
    };
  });
  if (allowed) {
    steps.push({
      kind: 'run',
      label: `command ${allowed.name}: ${[allowed.program, ...allowed.args].join(' ')}`,
      program: allowed.program,
      args: [...allowed.args],
      windowsVerbatimArguments: false,
    });
  }
  return { kind: 'real', rootDir, packageDir, manifest, steps };
}

/**
 * The folder and package.json of the package named `name` in the workspace at `rootDir`. A folder
 * the locator remembered is checked against its package.json (still there, still this package);
 * when it is not, the workspace is read again.
 */
async function locatePackage(
  rootDir: string,
  name: string,
  locator: PackageLocator,
): Promise<{ packageDir: string; manifestFile: string; fields: ManifestFields }> {
  for (;;) {
    const { dir, remembered } = await locator.find(rootDir, name).catch((error: unknown) => {
      if (error instanceof WorkspaceError)
        throw ApplicationFailure.create({
          message: error.message,
          type: WORKSPACE_READ_FAILED,
          nonRetryable: true,
        });
      throw error;
    });
    if (dir === undefined)
      throw invalidInput(ACTIVITY, 'packageName', `no package "${name}" in the workspace ${rootDir}`);
    // A remembered folder may be gone, or hold another package now: then read the workspace again.
    // What a fresh read finds wrong is the error.
    const located = await (async () => {
      const packageDir = await resolveInsideRoot(
        ACTIVITY,
        'packageName',
        rootDir,
        join(rootDir, ...dir.split('/')),
      );
      const manifestFile = join(packageDir, 'package.json');
      return { packageDir, manifestFile, fields: await readManifest(manifestFile) };
    })().catch((error: unknown) => {
      if (remembered) return undefined;
      throw error;
    });
    if (located !== undefined && (!remembered || located.fields.name === name)) return located;
    locator.forget(rootDir);
  }
}

interface ManifestFields {
  name?: string;
  scripts: Map<string, string>;
  version?: string;
  config: Record<string, string>;
}

/**
 * The `name` and `scripts` of a package.json (only string values count, as in npm), its `version` and its
 * flat `config` values.
 */
async function readManifest(file: string): Promise<ManifestFields> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw ApplicationFailure.create({
      message: `${file}: cannot read: ${(error as Error).message}`,
      type: WORKSPACE_READ_FAILED,
      nonRetryable: true,
    });
  }
  const record = (json ?? {}) as { name?: unknown; scripts?: unknown; version?: unknown; config?: unknown };
  // A Map, so a script named "constructor" is looked up in the file, never on Object.prototype.
  const scripts = new Map(
    Object.entries(asRecord(record.scripts)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(record.config))) {
    if (/^[A-Za-z0-9_]+$/.test(key) && ['string', 'number', 'boolean'].includes(typeof value))
      config[key] = String(value);
  }
  return {
    name: typeof record.name === 'string' ? record.name : undefined,
    scripts,
    version: typeof record.version === 'string' ? record.version : undefined,
    config,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
