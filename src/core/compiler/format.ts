import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';
import { format } from 'prettier/standalone';

/** The repository's prettier settings (.prettierrc), so generated code reads like the rest. */
export const PRETTIER_OPTIONS = {
  printWidth: 110,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
} as const;

/** Formats TypeScript with prettier's standalone build (pure JS: runs in every process). */
export async function formatTypeScript(code: string): Promise<string> {
  return format(code, { ...PRETTIER_OPTIONS, parser: 'typescript', plugins: [estree, typescript] });
}
