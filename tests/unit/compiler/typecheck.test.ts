import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileProject, compileWorkflow } from '../../../src/core/compiler';
import { EVIL_DEFINITION, loadFixtures, resolveTestChild } from './fixtures';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GRAPH_DIR = join(ROOT, 'src/core/graph');
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

/** Type-checks projects held in memory: each is `{ 'workflows.ts': …, … }` plus a copy of src/core/graph as ./runtime. */
function typecheck(projects: Record<string, Record<string, string>>): string[] {
  const files = new Map<string, string>();
  const runtime = readdirSync(GRAPH_DIR).filter((f) => f.endsWith('.ts'));
  for (const [name, project] of Object.entries(projects)) {
    const src = join(VIRTUAL_ROOT, name, 'src');
    for (const [file, text] of Object.entries(project)) files.set(join(src, file), text);
    for (const file of runtime)
      files.set(join(src, 'runtime', file), readFileSync(join(GRAPH_DIR, file), 'utf8'));
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
  const roots = [...files.keys()].filter((f) =>
    /[\\/]src[\\/](workflows|shared|activity-types)\.ts$/.test(f),
  );
  const program = ts.createProgram(roots, OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(VIRTUAL_ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('generated code type-checks (tsc --noEmit, strict)', () => {
  it('every golden fixture, a project with a parent and its child, hostile text and the examples', async () => {
    const projects: Record<string, Record<string, string>> = {};
    for (const fixture of loadFixtures()) {
      const result = await compileWorkflow(fixture.definition, fixture.options);
      if (!result.ok) throw new Error(`${fixture.name}: ${JSON.stringify(result.diagnostics)}`);
      projects[fixture.name] = result.value.files;
    }
    const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));
    const combined = await compileProject(
      [
        'dynamic-loop',
        'build-package-child',
        'child-workflows',
        'linear-activities',
        'continue-as-new-retry',
      ].map((name) => ({
        definition: fixtures[name]!.definition,
        definitionId: fixtures[name]!.options.definitionId,
        version: fixtures[name]!.options.version,
      })),
      { defaultTaskQueue: 'workflow-builder', resolveChild: resolveTestChild },
    );
    if (!combined.ok) throw new Error(JSON.stringify(combined.diagnostics));
    projects['combined-project'] = combined.files;
    const evil = await compileWorkflow(EVIL_DEFINITION, {
      definitionId: 'evil',
      version: 1,
      defaultTaskQueue: 'q',
      resolveChild: resolveTestChild,
    });
    if (!evil.ok) throw new Error(JSON.stringify(evil.diagnostics));
    projects['hostile-text'] = evil.value.files;
    // The examples shipped with the app (examples/*.json), parent and child in one project.
    const examples = ['package-builder', 'package-build']
      .map((id) => ({ id, file: join(ROOT, 'examples', `${id}.json`) }))
      .filter(({ file }) => existsSync(file));
    if (examples.length > 0) {
      const project = await compileProject(
        examples.map(({ id, file }) => ({
          definition: JSON.parse(readFileSync(file, 'utf8')) as unknown,
          definitionId: id,
          version: 1,
        })),
        {
          defaultTaskQueue: 'workflow-builder',
          resolveChild: (ref) =>
            'definitionId' in ref && ref.definitionId === 'package-build'
              ? { workflowType: 'PackageBuild_v1', taskQueue: 'package-build' }
              : resolveTestChild(ref),
        },
      );
      if (!project.ok) throw new Error(`examples: ${JSON.stringify(project.diagnostics)}`);
      projects['examples'] = project.files;
    }
    expect(typecheck(projects)).toEqual([]);
  }, 60_000);

  it('reports errors (the check is not vacuous)', () => {
    const errors = typecheck({
      broken: {
        'workflows.ts':
          "import { startChild } from '@temporalio/workflow';\nexport const x: number = startChild;\n",
      },
    });
    expect(errors.join('\n')).toMatch(/TS2322/);
  });
});
