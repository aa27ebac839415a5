/**
 * Where the built-in activities write their files, relative to their folder (logs or reports).
 * Pure, so main (the dashboard's log tail) and the worker compute the same paths.
 */

/**
 * One path segment made from a name: `/` and `\` become `__` (scoped packages and workflow ids
 * stay readable: `@acme/core` → `@acme__core`), other characters unsafe in file names become `_`,
 * and `.`/`..`/empty can never escape the folder.
 */
export function safePathSegment(name: string): string {
  const segment = name
    .replace(/[/\\]/g, '__')
    .replace(/[^A-Za-z0-9@._+#=-]/g, '_')
    .slice(0, 200);
  return segment === '' || /^\.+$/.test(segment) ? `_${segment}` : segment;
}

/**
 * `<runId>/<packageName>.attempt-<n>.log`, segments made safe, with `/` separators: one file per
 * package per attempt (a Retry failed starts a fresh log; Temporal's own retries of one attempt
 * append to it, each under its own header line).
 */
export function buildLogRelativePath(runId: string, packageName: string, attempt: number): string {
  if (!Number.isSafeInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a positive integer, not ${attempt}`);
  return `${safePathSegment(runId)}/${safePathSegment(packageName)}.attempt-${attempt}.log`;
}

/** `<runId>` folder of a run's report files. */
export function reportRelativeDir(runId: string): string {
  return safePathSegment(runId);
}

/**
 * The log of a package's last attempt in a report, relative to the data folder (`logs/…`, where
 * the build activity writes it); undefined for a package never attempted. The HTML report and the
 * app's Report tab show the same path.
 */
export function packageLogPath(
  runId: string,
  pkg: { readonly name: string; readonly attempts: number; readonly logPath?: string },
): string | undefined {
  if (pkg.logPath) return pkg.logPath;
  if (pkg.attempts < 1) return undefined;
  return `logs/${buildLogRelativePath(runId, pkg.name, pkg.attempts)}`;
}
