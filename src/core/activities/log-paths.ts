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

/** `<runId>/<packageName>.log`, segments made safe, with `/` separators. */
export function buildLogRelativePath(runId: string, packageName: string): string {
  return `${safePathSegment(runId)}/${safePathSegment(packageName)}.log`;
}

/** `<runId>` folder of a run's report files. */
export function reportRelativeDir(runId: string): string {
  return safePathSegment(runId);
}
