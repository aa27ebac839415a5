import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Virtual projects live inside the repository so `@temporalio/workflow` resolves from its node_modules. */
const VIRTUAL_ROOT = join(ROOT, '.typecheck-virtual');

/** Compiler options of a strict Temporal project (as the samples', stricter: unused code is an error too). */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks projects held in memory (`tsc --noEmit`, strict): each is its `src/` files by path,
 * runtime included (`runtime/index.ts`, …). Every file of every project is a root. Returns
 * `<project>/src/<file>:<line> TS<code>: <message>` per error.
 */
export function typecheckProjects(projects: Record<string, Record<string, string>>): string[] {
  const files = new Map<string, string>();
  for (const [name, project] of Object.entries(projects)) {
    for (const [file, text] of Object.entries(project)) files.set(join(VIRTUAL_ROOT, name, 'src', file), text);
  }
  const dirs = new Set<string>();
  for (const file of files.keys())
    for (let d = dirname(file); d.startsWith(VIRTUAL_ROOT); d = dirname(d)) dirs.add(d);
  const host = ts.createCompilerHost(OPTIONS);
  const base = { ...host };
  host.fileExists = (f) => files.has(resolve(f)) || base.fileExists(f);
  host.readFile = (f) => files.get(resolve(f)) ?? base.readFile(f);
  host.directoryExists = (d) => dirs.has(resolve(d)) || (base.directoryExists?.(d) ?? false);
  host.getSourceFile = (f, languageVersion, onError) => {
    const text = files.get(resolve(f));
    return text !== undefined
      ? ts.createSourceFile(f, text, languageVersion, true)
      : base.getSourceFile(f, languageVersion, onError);
  };
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(VIRTUAL_ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** `files` with the runtime's files added under `runtime/`. */
export function withRuntime(files: Record<string, string>, runtime: Record<string, string>): Record<string, string> {
  return {
    ...files,
    ...Object.fromEntries(Object.entries(runtime).map(([path, text]) => [`runtime/${path}`, text])),
  };
}
