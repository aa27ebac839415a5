/**
 * Stopping a build's whole process tree: the script's shell, what it started, and what those
 * started (a `tsc --watch` a test runner forked, a `sleep` in a loop). Killing only the shell
 * would leave grandchildren running and holding the log pipes open.
 *
 * - Linux and macOS: the build runs in its own process group (spawned `detached`), so one signal to
 *   the group (`kill(-pid)`) reaches every descendant that did not leave the group on purpose
 *   (`setsid`, daemons). SIGTERM first, SIGKILL after the grace period.
 * - Windows: there are no process groups to signal; `taskkill /pid <pid> /T /F` ends the process
 *   and every descendant Windows records for it, at once (console programs ignore a polite close).
 */

/** How to stop the tree rooted at a build's process. */
export type TreeKill =
  | { kind: 'group-signal'; /** negative: the process group */ pid: number; signal: NodeJS.Signals }
  | { kind: 'command'; program: string; args: string[] };

/** Whether a build's process is spawned as the leader of its own process group. */
export function ownProcessGroup(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32';
}

/**
 * What stops the tree of `pid` with `signal` (SIGTERM: politely, SIGKILL: now) on `platform`.
 * Windows has one forceful way for both.
 */
export function treeKill(
  pid: number,
  signal: 'SIGTERM' | 'SIGKILL',
  platform: NodeJS.Platform = process.platform,
): TreeKill {
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new RangeError(`not a process id: ${pid}`);
  if (platform === 'win32') {
    return { kind: 'command', program: 'taskkill', args: ['/pid', String(pid), '/T', '/F'] };
  }
  return { kind: 'group-signal', pid: -pid, signal };
}

/** Whether the second (SIGKILL) step does anything beyond the first on `platform`. */
export function hasGracePeriod(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32';
}
