/**
 * Compile-time contract between the catalog and the implementations: renders the generated
 * `activity-types.ts` into a temp folder and type-checks, with the TypeScript compiler API,
 * that `createActivities()` satisfies its `Activities` interface — strictly (each method as a
 * function type, so parameters are checked contravariantly rather than bivariantly), and that
 * neither side has an activity the other lacks.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_CATALOG, renderActivityTypes } from '../../../src/core/activities';
import { REPO_ROOT, tempDir } from './helpers';

const IMPLEMENTATION = path.join(REPO_ROOT, 'src/main/activities/index').replace(/\\/g, '/');

function contractCheck(names: readonly string[]): string {
  return [
    "import type { Activities } from './activity-types';",
    `import { createActivities } from '${IMPLEMENTATION}';`,
    'type Impl = ReturnType<typeof createActivities>;',
    'type Assert<T extends true> = T;',
    'export type NoMissing = Assert<[Exclude<keyof Activities, keyof Impl>] extends [never] ? true : false>;',
    'export type NoExtra = Assert<[Exclude<keyof Impl, keyof Activities>] extends [never] ? true : false>;',
    'const impl: Impl = createActivities();',
    'export const asActivities: Activities = impl;',
    ...names.map(
      (name) =>
        `export const ${name}: (...args: Parameters<Activities['${name}']>) => ReturnType<Activities['${name}']> = impl.${name};`,
    ),
    '',
  ].join('\n');
}

/** Type-checks files written into a fresh folder; returns the diagnostics as text. */
function typeCheck(files: Record<string, string>, types: string[] = []): string[] {
  const dir = tempDir('wb-activity-types-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(
    Object.keys(files).map((name) => path.join(dir, name)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types,
      typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      esModuleInterop: true,
      noUncheckedIndexedAccess: true,
    },
  );
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

describe('generated activity types', () => {
  it('is valid standalone TypeScript, and so is every entry’s declarations', () => {
    expect(typeCheck({ 'activity-types.ts': renderActivityTypes() })).toEqual([]);
    for (const entry of ACTIVITY_CATALOG) {
      expect(typeCheck({ 'decl.ts': `${entry.typeDeclarations}\nexport {};\n` }), entry.name).toEqual([]);
    }
  });

  it('is satisfied by createActivities() in src/main/activities', () => {
    const names = ACTIVITY_CATALOG.map((e) => e.name);
    const diagnostics = typeCheck(
      { 'activity-types.ts': renderActivityTypes(), 'check.ts': contractCheck(names) },
      ['node'],
    );
    expect(diagnostics).toEqual([]);
  }, 60_000);

  it('catches a drift between the declarations and the implementation', () => {
    const names = ACTIVITY_CATALOG.map((e) => e.name);
    const drifted = renderActivityTypes()
      .replace('  attempt: number;', '  attempt: string;')
      .replace(
        'export interface Activities {\n',
        'export interface Activities {\n  deploy(): Promise<void>;\n',
      );
    const diagnostics = typeCheck({ 'activity-types.ts': drifted, 'check.ts': contractCheck(names) }, [
      'node',
    ]);
    expect(diagnostics.join('\n')).toMatch(/NoMissing|does not satisfy the constraint 'true'/);
    expect(
      diagnostics.some(
        (d) => d.startsWith('check.ts') && d.includes("Type 'string' is not assignable to type 'number'"),
      ),
    ).toBe(true);
  }, 60_000);
});
