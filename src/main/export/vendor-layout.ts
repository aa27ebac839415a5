import { posix } from 'node:path';
import { relativeImports } from '../workflow-runtime/runtime-sources';

/**
 * Where each app module lands in an export, so the project holds one copy of each.
 *
 * The workflow runtime (`src/runtime/`) already carries the graph engine and the orchestration
 * state type, verbatim from the app's `core/` (`core/graph/x.ts` → `runtime/graph/x.ts`). The
 * built-in activities import some of the same modules. Vendoring them again under the activities'
 * folder would give the project two graph engines that could drift apart after the user edits one,
 * so an activity module whose text the runtime already ships is left out, and the activity modules
 * that import it are pointed at the runtime's copy. Only import specifiers change; every other
 * line stays the app's own.
 *
 * @param runtimeFiles path under `runtimeDir` → text (readRuntimeSources)
 * @param activityFiles path under `vendorDir` → text, e.g. `core/graph/types.ts` (readActivitySources)
 * @returns the activity files to write, by path under `vendorDir`
 */
export function vendorActivityFiles(
  runtimeFiles: Readonly<Record<string, string>>,
  activityFiles: Readonly<Record<string, string>>,
  dirs: { runtimeDir: string; vendorDir: string },
): Record<string, string> {
  /** Activity module path → the runtime path of its identical copy. */
  const shared = new Map<string, string>();
  for (const [path, text] of Object.entries(activityFiles)) {
    if (!path.startsWith('core/')) continue;
    const runtimePath = path.slice('core/'.length);
    if (runtimeFiles[runtimePath] === text) shared.set(path, runtimePath);
  }

  const vendored: Record<string, string> = {};
  for (const [path, text] of Object.entries(activityFiles)) {
    if (shared.has(path)) continue;
    let rewritten = text;
    for (const specifier of new Set(relativeImports(text))) {
      const target = resolveModule(path, specifier, activityFiles);
      const runtimePath = target && shared.get(target);
      if (!runtimePath) continue;
      const from = posix.join(dirs.vendorDir, posix.dirname(path));
      let replacement = posix.relative(from, posix.join(dirs.runtimeDir, runtimePath.replace(/\.ts$/, '')));
      if (!replacement.startsWith('.')) replacement = `./${replacement}`;
      rewritten = replaceSpecifier(rewritten, specifier, replacement);
    }
    vendored[path] = rewritten;
  }
  return vendored;
}

/** The module a relative specifier of `fromPath` names among `files` (`x.ts` or `x/index.ts`). */
function resolveModule(
  fromPath: string,
  specifier: string,
  files: Readonly<Record<string, string>>,
): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (candidate in files) return candidate;
  return undefined;
}

/** `text` with every `from '<specifier>'` of an import or re-export statement pointing at `replacement`. */
function replaceSpecifier(text: string, specifier: string, replacement: string): string {
  return text.replace(
    /^(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)';/gms,
    (statement, found: string) =>
      found === specifier ? statement.replace(`'${specifier}'`, `'${replacement}'`) : statement,
  );
}
