import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import {
  ReadWorkspaceInputSchema,
  type ReadWorkspaceInput,
  type ReadWorkspaceResult,
  type WorkspacePackage,
} from '../../core/activities';
import type { DependencyKind } from '../../core/graph/types';
import { parseInput } from './activity-support';
import { findJsonSyntaxError } from './json-position';
import { parsePnpmWorkspacePackages, WorkspaceYamlError } from './pnpm-workspace-yaml';
import { resolveOpenedRoot } from './workspace-access';
import { expandWorkspacePatterns, parseWorkspacePattern } from './workspace-globs';

/** A workspace that cannot be read; the message names the file and the problem. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

/** The failure type of `readWorkspace`. */
export const WORKSPACE_READ_FAILED = 'WorkspaceReadFailed';

/** Manifest fields read, in order of precedence when one name appears in several. */
const DEPENDENCY_FIELDS: ReadonlyArray<[field: string, kind: DependencyKind]> = [
  ['dependencies', 'dependency'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'dev'],
];

/**
 * The activity: `readWorkspaceAt` on a root the user opened (`opened`, real paths compared), with
 * failures as non-retryable ApplicationFailures; any other root is WORKSPACE_NOT_OPENED. A
 * `locator` reads it for the activity and remembers where the packages are for the builds.
 */
export async function readWorkspace(
  rawInput: ReadWorkspaceInput,
  opened: readonly string[],
  locator?: { read(root: string): Promise<ReadWorkspaceResult> },
): Promise<ReadWorkspaceResult> {
  const input = parseInput('readWorkspace', ReadWorkspaceInputSchema, rawInput);
  const root = await resolveOpenedRoot('readWorkspace', 'root', input.root, opened);
  try {
    return await (locator ? locator.read(root) : readWorkspaceAt(root));
  } catch (error) {
    if (error instanceof WorkspaceError) {
      throw ApplicationFailure.create({
        message: error.message,
        type: WORKSPACE_READ_FAILED,
        nonRetryable: true,
      });
    }
    throw error;
  }
}

/**
 * Reads a monorepo's packages: the globs of pnpm-workspace.yaml's `packages:` if that file exists
 * (as pnpm does, with pnpm's glob semantics), else package.json `workspaces` (an array, or
 * `{packages: [...]}` as in Yarn; npm's semantics), else `packages/*` (see workspace-globs.ts).
 * Dependencies on other workspace packages become edges (`dependencies` → dependency,
 * `optionalDependencies` → optional, `peerDependencies` → peer, `devDependencies` → dev; the
 * first field listing it gives the kind, the others are kept as `otherKinds`); external ones are
 * ignored. Packages and their dependencies are sorted by name. Errors name the file, and for
 * malformed JSON or YAML the `file:line:column` of the problem.
 */
export async function readWorkspaceAt(rootInput: string): Promise<ReadWorkspaceResult> {
  const root = resolve(rootInput);
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory())
    throw new WorkspaceError(`Workspace root ${root} does not exist or is not a folder`);

  const { patterns, source, file } = await workspacePatterns(root);
  const manager = source === 'pnpm-workspace.yaml' ? 'pnpm' : 'npm';
  const parsed = patterns.map((text) => {
    try {
      return parseWorkspacePattern(text);
    } catch (error) {
      throw new WorkspaceError(`${file}: ${(error as Error).message}`);
    }
  });
  const { dirs, missingLiterals } = await expandWorkspacePatterns(root, parsed, manager);
  if (missingLiterals.length > 0) {
    const list = missingLiterals.map((p) => `"${p}"`).join(', ');
    throw new WorkspaceError(
      `${file}: workspace ${list} has no package.json (${join(root, missingLiterals[0] as string, 'package.json')})`,
    );
  }
  if (dirs.length === 0) {
    throw new WorkspaceError(
      source === 'default'
        ? `${root}: no workspace packages found: package.json declares no "workspaces", there is no pnpm-workspace.yaml, and packages/* holds no package.json`
        : `${file}: no package.json matches the workspace patterns ${patterns.map((p) => `"${p}"`).join(', ')}`,
    );
  }

  const manifests = await Promise.all(
    dirs.map(async (dir) => ({ dir, manifest: await readManifest(root, dir) })),
  );
  const byName = new Map<string, string>();
  for (const { dir, manifest } of manifests) {
    const other = byName.get(manifest.name);
    if (other !== undefined) {
      throw new WorkspaceError(
        `Duplicate package name "${manifest.name}": ${join(root, other, 'package.json')} and ${join(root, dir, 'package.json')}`,
      );
    }
    byName.set(manifest.name, dir);
  }

  const packages: WorkspacePackage[] = manifests.map(({ dir, manifest }) => {
    // Every field a dependency is listed in, strongest first: the first is its kind, the others
    // keep the edge when that kind is left out of the graph's edge kinds.
    const deps = new Map<string, DependencyKind[]>();
    for (const [field, kind] of DEPENDENCY_FIELDS) {
      for (const name of Object.keys(manifest.fields[field] ?? {})) {
        if (name === manifest.name || !byName.has(name)) continue;
        const kinds = deps.get(name);
        if (kinds) kinds.push(kind);
        else deps.set(name, [kind]);
      }
    }
    const dependencies = [...deps]
      .map(([name, [kind, ...otherKinds]]) => ({
        name,
        kind: kind!,
        ...(otherKinds.length > 0 && { otherKinds }),
      }))
      .sort((a, b) => compare(a.name, b.name));
    return { name: manifest.name, dependencies, dir };
  });
  packages.sort((a, b) => compare(a.name, b.name));
  return { packages, source };
}

async function workspacePatterns(
  root: string,
): Promise<{ patterns: string[]; source: ReadWorkspaceResult['source']; file: string }> {
  const pnpmFile = join(root, 'pnpm-workspace.yaml');
  const pnpmText = await readFile(pnpmFile, 'utf8').catch(() => undefined);
  if (pnpmText !== undefined) {
    let patterns: string[] | undefined;
    try {
      patterns = parsePnpmWorkspacePackages(pnpmText);
    } catch (error) {
      if (!(error instanceof WorkspaceYamlError)) throw error;
      throw new WorkspaceError(`${pnpmFile}:${error.line}:${error.column}: ${error.message}`);
    }
    if (patterns === undefined) throw new WorkspaceError(`${pnpmFile}: has no "packages:" list`);
    return { patterns, source: 'pnpm-workspace.yaml', file: pnpmFile };
  }

  const manifestFile = join(root, 'package.json');
  const manifestText = await readFile(manifestFile, 'utf8').catch(() => undefined);
  if (manifestText === undefined) {
    throw new WorkspaceError(
      `${root} is not a monorepo root: it has neither package.json nor pnpm-workspace.yaml`,
    );
  }
  const manifest = parseJsonObject(manifestFile, manifestText);
  const workspaces = manifest.workspaces;
  if (workspaces === undefined) return { patterns: ['packages/*'], source: 'default', file: manifestFile };
  const list = Array.isArray(workspaces)
    ? workspaces
    : isRecord(workspaces) && Array.isArray(workspaces.packages)
      ? workspaces.packages
      : undefined;
  if (list === undefined || !list.every((p): p is string => typeof p === 'string')) {
    throw new WorkspaceError(
      `${manifestFile}: "workspaces" must be an array of globs or {"packages": [globs]}, found ${JSON.stringify(workspaces)}`,
    );
  }
  return { patterns: list, source: 'package.json', file: manifestFile };
}

interface Manifest {
  name: string;
  fields: Record<string, Record<string, unknown> | undefined>;
}

async function readManifest(root: string, dir: string): Promise<Manifest> {
  const file = join(root, ...dir.split('/'), 'package.json');
  const json = parseJsonObject(file, await readFile(file, 'utf8'));
  if (typeof json.name !== 'string' || json.name.trim() === '') {
    throw new WorkspaceError(`${file}: has no "name" (every workspace package needs one)`);
  }
  const fields: Manifest['fields'] = {};
  for (const [field] of DEPENDENCY_FIELDS) {
    const value = json[field];
    if (value === undefined) continue;
    if (!isRecord(value)) throw new WorkspaceError(`${file}: "${field}" must be an object of name → version`);
    fields[field] = value;
  }
  return { name: json.name, fields };
}

function parseJsonObject(file: string, rawText: string): Record<string, unknown> {
  const text = rawText.replace(/^\uFEFF/, ''); // a byte-order mark, which npm and pnpm accept too
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // `file:line:column`, as compilers print it, so terminals and editors can jump there.
    const at = findJsonSyntaxError(text);
    if (at) throw new WorkspaceError(`${file}:${at.line}:${at.column}: invalid JSON: ${at.reason}`);
    throw new WorkspaceError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new WorkspaceError(`${file}: expected a JSON object`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
