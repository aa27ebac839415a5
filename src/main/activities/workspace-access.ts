/**
 * Where activities may touch the file system: only inside a workspace the user opened. Anyone who
 * reaches a Temporal frontend can start a workflow with any input, so a root named in an input is
 * trusted only if it is (after resolving symlinks) one of the roots the worker was given, and a
 * package folder only if it stays inside that root once its symlinks are resolved.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { WORKSPACE_NOT_OPENED, invalidInput } from './activity-support';

/**
 * The real path of `root` if it is one of `opened`; else a non-retryable WORKSPACE_NOT_OPENED
 * (or INVALID_INPUT for a relative path) naming the root and the field.
 */
export async function resolveOpenedRoot(
  activity: string,
  field: string,
  root: string,
  opened: readonly string[],
): Promise<string> {
  if (!isAbsolute(root))
    throw invalidInput(activity, field, `${JSON.stringify(root)} is not an absolute path`);
  const real = await realpath(root).catch(() => undefined);
  const openedReal = await Promise.all(opened.map((dir) => realpath(dir).catch(() => undefined)));
  if (real === undefined || !openedReal.includes(real)) {
    throw ApplicationFailure.create({
      message:
        `${activity}: ${field}: the workspace ${JSON.stringify(root)} is not open on this worker; ` +
        'open it in the app (Settings → Workspaces) or start the worker with --workspace',
      type: WORKSPACE_NOT_OPENED,
      nonRetryable: true,
      details: [{ field, root }],
    });
  }
  return real;
}

/** True when `path` is `root` or below it (both real, absolute paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `dir` (a folder the workspace names, e.g. `packages/db`), refused with
 * INVALID_INPUT when it resolves outside `realRoot` — a symlink pointing out of the workspace.
 */
export async function resolveInsideRoot(
  activity: string,
  field: string,
  realRoot: string,
  dir: string,
): Promise<string> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined) throw invalidInput(activity, field, `the folder ${dir} does not exist`);
  if (!isInside(realRoot, real)) {
    throw invalidInput(
      activity,
      field,
      `the folder ${dir} resolves to ${real}, outside the workspace ${realRoot}`,
    );
  }
  return real;
}
