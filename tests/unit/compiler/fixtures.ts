import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRef, ChildWorkflowRef, CompileOptions } from '../../../src/core/compiler';

/** Folder of the golden fixtures: one folder per pattern, `definition.json` + `expected/*.ts`. */
export const FIXTURES_DIR = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

/** A golden fixture. */
export interface Fixture {
  name: string;
  dir: string;
  definition: unknown;
  options: CompileOptions;
}

/** The child workflows fixtures may refer to. */
export function resolveTestChild(ref: ChildWorkflowRef): ChildRef | undefined {
  if ('workflowType' in ref) return { workflowType: ref.workflowType, taskQueue: 'workflow-builder' };
  if (ref.definitionId === 'build-package' && (ref.version === undefined || ref.version === 1)) {
    return { workflowType: 'BuildPackage_v1', taskQueue: 'workflow-builder' };
  }
  return undefined;
}

/** Every fixture, sorted by name. */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(join(FIXTURES_DIR, name, 'definition.json')))
    .sort()
    .map((name) => {
      const dir = join(FIXTURES_DIR, name);
      const optionsFile = join(dir, 'options.json');
      const extra = existsSync(optionsFile)
        ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as { definitionId?: string; version?: number })
        : {};
      return {
        name,
        dir,
        definition: JSON.parse(readFileSync(join(dir, 'definition.json'), 'utf8')) as unknown,
        options: {
          definitionId: extra.definitionId ?? name,
          version: extra.version ?? 1,
          defaultTaskQueue: 'workflow-builder',
          resolveChild: resolveTestChild,
        },
      };
    });
}

/** The runtime as every generated project vendors it (src/runtime/), checked in once for all fixtures. */
export const RUNTIME_GOLDEN_DIR = join(FIXTURES_DIR, 'runtime');

/** Every file under `dir`, by path relative to it ('graph/csr.ts'), sorted. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else files[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  if (existsSync(dir)) visit('');
  return files;
}

/** A definition with hostile user text everywhere a string can go. */
export const EVIL_DEFINITION = {
  schemaVersion: 1,
  name: 'Evil */ name `${process.exit()}` \u2028 \'quoted\' "double"',
  description: '*/ } ); process.exit(1); /* \n // line',
  nodes: [
    { id: 'start', kind: 'start', data: {} },
    {
      id: "x */ ${'y'} \\ \n",
      kind: 'activity',
      label: '*/',
      data: { activity: 'greet', args: ["'); process.exit(1); ('`${1}`\u2029"] },
    },
    { id: 'default', kind: 'activity', data: { activity: 'greet', args: [{ $ref: '$input.class' }] } },
    { id: 'end', kind: 'end', data: {} },
  ],
  edges: [
    { id: 'a', source: 'start', target: "x */ ${'y'} \\ \n" },
    { id: 'b', source: "x */ ${'y'} \\ \n", target: 'default' },
    { id: 'c', source: 'default', target: 'end' },
  ],
  settings: { inputs: [{ name: 'class', type: 'string', default: "*/'`${x}`", description: '*/ \n evil' }] },
};
