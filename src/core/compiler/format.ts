import type * as Estree from 'prettier/plugins/estree';
import type * as TypeScriptPlugin from 'prettier/plugins/typescript';
import type * as Standalone from 'prettier/standalone';

/** The repository's prettier settings (.prettierrc), so generated code reads like the rest. */
export const PRETTIER_OPTIONS = {
  printWidth: 110,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
} as const;

// Loaded on the first format, not with the compiler: prettier's TypeScript parser is a large module
// (~0.15 s to load) that would otherwise delay every CLI start before anything else can begin
// (issue 12: the worker process is forked only once the CLI's modules are loaded).
let prettier: Promise<[typeof Standalone, typeof Estree, typeof TypeScriptPlugin]> | undefined;

/** Formats TypeScript with prettier's standalone build (pure JS: runs in every process). */
export async function formatTypeScript(code: string): Promise<string> {
  prettier ??= Promise.all([
    import('prettier/standalone'),
    import('prettier/plugins/estree'),
    import('prettier/plugins/typescript'),
  ]);
  const [{ format }, estree, typescript] = await prettier;
  return format(code, { ...PRETTIER_OPTIONS, parser: 'typescript', plugins: [estree, typescript] });
}
