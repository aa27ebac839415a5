import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProject, compileWorkflow, type ChildWorkflowRef } from '../../../src/core/compiler';
import { readRuntimeSources } from '../../../src/main/workflow-runtime/runtime-sources';
import { EVIL_DEFINITION, RUNTIME_GOLDEN_DIR, loadFixtures, readTree, resolveTestChild } from './fixtures';
import { typecheckProjects, withRuntime } from './virtual-typecheck';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The examples shipped with the app (examples/*.json), parent and child compiled into one project. */
type ChildDefinition = { settings: { inputs: Array<{ name: string; type: string; default?: unknown }> } };

async function compileExamples(edit: (child: ChildDefinition) => void = () => {}) {
  const read = (id: string): unknown => JSON.parse(readFileSync(join(ROOT, 'examples', `${id}.json`), 'utf8'));
  const child = read('package-build') as ChildDefinition;
  edit(child);
  const project = await compileProject(
    [
      { definition: read('package-builder'), definitionId: 'package-builder', version: 1 },
      { definition: child, definitionId: 'package-build', version: 1 },
    ],
    {
      defaultTaskQueue: 'workflow-builder',
      resolveChild: (ref: ChildWorkflowRef) =>
        'definitionId' in ref && ref.definitionId === 'package-build'
          ? { workflowType: 'PackageBuild_v1', taskQueue: 'package-build' }
          : resolveTestChild(ref),
    },
  );
  if (!project.ok) throw new Error(`examples: ${JSON.stringify(project.diagnostics)}`);
  return project.files;
}

describe('generated code type-checks (tsc --noEmit, strict) together with its runtime', () => {
  let runtime: Record<string, string>;
  beforeAll(async () => {
    runtime = await readRuntimeSources();
  });

  it('every golden project as checked in: expected/ with the golden runtime', () => {
    const goldenRuntime = readTree(RUNTIME_GOLDEN_DIR);
    expect(Object.keys(goldenRuntime)).toContain('index.ts');
    const projects: Record<string, Record<string, string>> = {};
    for (const fixture of loadFixtures()) {
      const expected = readTree(join(fixture.dir, 'expected'));
      expect(Object.keys(expected), fixture.name).toContain('workflows.ts');
      projects[fixture.name] = withRuntime(expected, goldenRuntime);
    }
    expect(Object.keys(projects).length).toBeGreaterThanOrEqual(8);
    expect(typecheckProjects(projects)).toEqual([]);
  }, 120_000);

  it('a project of several definitions, hostile text, and the examples', async () => {
    const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));
    const combined = await compileProject(
      ['dynamic-loop', 'build-package-child', 'child-workflows', 'linear-activities', 'continue-as-new-retry'].map(
        (name) => ({
          definition: fixtures[name]!.definition,
          definitionId: fixtures[name]!.options.definitionId,
          version: fixtures[name]!.options.version,
        }),
      ),
      { defaultTaskQueue: 'workflow-builder', resolveChild: resolveTestChild },
    );
    if (!combined.ok) throw new Error(JSON.stringify(combined.diagnostics));
    const evil = await compileWorkflow(EVIL_DEFINITION, {
      definitionId: 'evil',
      version: 1,
      defaultTaskQueue: 'q',
      resolveChild: resolveTestChild,
    });
    if (!evil.ok) throw new Error(JSON.stringify(evil.diagnostics));
    const examples = await compileExamples();
    // The parent starts its child by function reference, so tsc sees the child's input type.
    expect(examples['workflows.ts']).toContain('startChild(PackageBuild_v1, {');
    // A json input read per package into the child's `failWith: string` is typed from there.
    expect(examples['shared.ts']).toContain('failures?: Record<string, string>;');
    expect(
      typecheckProjects({
        'combined-project': withRuntime(combined.files, runtime),
        'hostile-text': withRuntime(evil.value.files, runtime),
        examples: withRuntime(examples, runtime),
      }),
    ).toEqual([]);
  }, 120_000);

  it("tsc checks the arguments of a child in the same project (a child input of the wrong type is an error)", async () => {
    const examples = await compileExamples((child) => {
      const input = child.settings.inputs.find((i) => i.name === 'simulatedDurationMs')!;
      input.type = 'string';
      input.default = '1000';
    });
    const errors = typecheckProjects({ 'wrong-child-input': withRuntime(examples, runtime) });
    // (The child's own call of buildPackage fails too: its simulatedDurationMs is a number.)
    expect(errors).toContainEqual(
      expect.stringMatching(/^wrong-child-input\/src\/workflows\.ts:\d+ TS2322: Type 'number \| undefined' is not assignable to type 'string/),
    );
  }, 120_000);

  it('reports errors (the check is not vacuous)', () => {
    const errors = typecheckProjects({
      broken: {
        'workflows.ts': "import { startChild } from '@temporalio/workflow';\nexport const x: number = startChild;\n",
      },
    });
    expect(errors.join('\n')).toMatch(/TS2322/);
  });
});
