import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileWorkflow } from '../../../src/core/compiler';
import { loadFixtures } from './fixtures';

// The `getOrchestrationState` answer is declared as text the compiler emits into shared.ts and as
// the host's type in src/core/orchestration/orchestration-state.ts: both must describe one shape.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GRAPH_DIR = join(ROOT, 'src/core/graph');
const CORE_STATE = join(ROOT, 'src/core/orchestration/orchestration-state.ts');
/** Inside the repository so `@temporalio/workflow` resolves from its node_modules. */
const VIRTUAL_SRC = join(ROOT, '.typecheck-virtual', 'orchestration-state-conformance', 'src');

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Each direction is its own declaration, so a drift names the side that no longer fits. */
const CHECK = `import type { OrchestrationState as Generated } from './shared';
import type { OrchestrationState as Core } from './orchestration/orchestration-state';
export const generatedIsCore: Core = null as unknown as Generated;
export const coreIsGenerated: Generated = null as unknown as Core;
`;

/**
 * Type-checks CHECK against a generated `shared.ts` and the core state file (`coreText`), laid
 * out as in the repository: ./runtime and ./graph are copies of src/core/graph.
 */
function conformance(sharedText: string, coreText: string): string[] {
  const files = new Map<string, string>([
    [join(VIRTUAL_SRC, 'shared.ts'), sharedText],
    [join(VIRTUAL_SRC, 'orchestration', 'orchestration-state.ts'), coreText],
    [join(VIRTUAL_SRC, 'check.ts'), CHECK],
  ]);
  for (const file of readdirSync(GRAPH_DIR).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(GRAPH_DIR, file), 'utf8');
    files.set(join(VIRTUAL_SRC, 'runtime', file), text);
    files.set(join(VIRTUAL_SRC, 'graph', file), text);
  }
  const dirs = new Set<string>();
  for (const file of files.keys())
    for (let d = dirname(file); d.startsWith(ROOT) && d !== ROOT; d = dirname(d)) dirs.add(d);
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
  const program = ts.createProgram([join(VIRTUAL_SRC, 'check.ts')], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(VIRTUAL_SRC.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

async function generatedShared(fixtureName: string): Promise<string> {
  const fixture = loadFixtures().find((f) => f.name === fixtureName);
  if (!fixture) throw new Error(`no fixture ${fixtureName}`);
  const result = await compileWorkflow(fixture.definition, fixture.options);
  if (!result.ok) throw new Error(`${fixtureName}: ${JSON.stringify(result.diagnostics)}`);
  const shared = result.value.files['shared.ts'];
  if (shared === undefined) throw new Error(`${fixtureName}: no shared.ts`);
  return shared;
}

describe('getOrchestrationState: generated shared.ts and src/core/orchestration agree', () => {
  it('the two OrchestrationState types are assignable both ways', async () => {
    const shared = await generatedShared('dynamic-loop');
    expect(conformance(shared, readFileSync(CORE_STATE, 'utf8'))).toEqual([]);
  }, 60_000);

  it('a drift is reported (the check is not vacuous)', async () => {
    const shared = await generatedShared('dynamic-loop');
    const core = readFileSync(CORE_STATE, 'utf8');
    const drifted = core.replace('  durationMs: number;', '  durationMs: string;');
    expect(drifted).not.toBe(core);
    const errors = conformance(shared, drifted).join('\n');
    expect(errors).toMatch(/^check\.ts:3 /m);
    expect(errors).toMatch(/^check\.ts:4 /m);
  }, 60_000);

  it('a drift in one direction only is reported too', async () => {
    const shared = await generatedShared('dynamic-loop');
    const core = readFileSync(CORE_STATE, 'utf8');
    // A required finishedAt still accepts the host's value in the generated type, not the reverse.
    const drifted = core.replace('  finishedAt?: string;', '  finishedAt: string;');
    expect(drifted).not.toBe(core);
    const errors = conformance(shared, drifted);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^check\.ts:3 /);
  }, 60_000);
});
