import { buildPackageActivity } from './build-package';
import { greetActivity } from './greet';
import { readWorkspaceActivity } from './read-workspace';
import type { ActivityCatalogEntry } from './types';
import { writeReportActivity } from './write-report';

export type { ActivityCatalogEntry } from './types';

/**
 * The built-in activities, whose implementations `createActivities()` registers on every worker.
 * Order is the order of the generated `Activities` interface.
 */
export const ACTIVITY_CATALOG: readonly ActivityCatalogEntry[] = Object.freeze([
  greetActivity,
  buildPackageActivity,
  readWorkspaceActivity,
  writeReportActivity,
]);

/** The catalog entry of a built-in activity, or undefined for an unknown name. */
export function findActivity(name: string): ActivityCatalogEntry | undefined {
  return ACTIVITY_CATALOG.find((entry) => entry.name === name);
}

/** Name of the generated file and of its interface, as generated workflows import them. */
export const ACTIVITY_TYPES_FILE = 'activity-types.ts';
export const ACTIVITIES_INTERFACE = 'Activities';

/** The widest line of generated code (the compiler's prettier printWidth). */
const PRINT_WIDTH = 110;

/**
 * The declarations of the generated `activity-types.ts`: every entry's types, then
 * `export interface Activities { name(params): returns; … }` for `proxyActivities<Activities>`.
 * The compiler puts its one generated-file header above them. Deterministic (catalog order),
 * prettier-stable, no imports.
 */
export function renderActivityTypes(entries: readonly ActivityCatalogEntry[] = ACTIVITY_CATALOG): string {
  const declarations = entries.map((e) => e.typeDeclarations.trim()).filter((d) => d !== '');
  const methods = entries.map(
    (e) => `${docComment(e.description, '  ')}\n  ${e.name}(${e.signature.params}): ${e.signature.returns};`,
  );
  const activities = [
    '/**',
    ` * The built-in activities as workflows call them, through \`proxyActivities<${ACTIVITIES_INTERFACE}>(…)\`. The worker`,
    ' * registers their implementations, from createActivities().',
    ' */',
    `export interface ${ACTIVITIES_INTERFACE} {`,
    methods.join('\n'),
    '}',
  ].join('\n');
  return [...declarations, activities].join('\n\n') + '\n';
}

/** `text` as a JSDoc comment at `indent`, wrapped at the print width: prettier never wraps comments. */
function docComment(text: string, indent: string): string {
  const escaped = text.replace(/\*\//g, '*\\/');
  const single = `${indent}/** ${escaped} */`;
  if (single.length <= PRINT_WIDTH) return single;
  const lines: string[] = [];
  let line = '';
  for (const word of escaped.split(/\s+/)) {
    if (line !== '' && `${indent} * ${line} ${word}`.length > PRINT_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join('\n');
}
