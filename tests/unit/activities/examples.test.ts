/**
 * The shipped examples stay consistent: the demo monorepo is the milestone's demo graph (20
 * packages, several layers, 50+ internal edges of every kind), PackageBuilder's inline packages
 * are exactly what readWorkspace reads from it, and both definitions pass the definition schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findActivity } from '../../../src/core/activities';
import { validateDefinition, WorkflowDefinitionSchema } from '../../../src/core/definition';
import { DependencyGraph, type PackageSpec } from '../../../src/core/graph';
import { readWorkspaceAt } from '../../../src/main/activities/read-workspace';
import { REPO_ROOT } from './helpers';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const DEMO = path.join(EXAMPLES, 'demo-monorepo');

interface ExampleNode {
  id: string;
  kind: string;
  data: Record<string, unknown>;
}

function loadDefinition(
  file: string,
): { nodes: ExampleNode[]; edges: Array<{ source: string; target: string }> } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
}

function nodeOfKind(definition: { nodes: ExampleNode[] }, kind: string): ExampleNode {
  const node = definition.nodes.find((n) => n.kind === kind);
  if (!node) throw new Error(`no ${kind} node`);
  return node;
}

/** Dependencies as `name:kind` strings, for comparing the two spellings of a PackageSpec. */
function normalized(packages: readonly PackageSpec[]): Array<{ name: string; deps: string[] }> {
  return packages.map((p) => ({
    name: p.name,
    deps: (p.dependencies ?? [])
      .map((d) => (typeof d === 'string' ? `${d}:dependency` : `${d.name}:${d.kind ?? 'dependency'}`))
      .sort(),
  }));
}

describe('examples/demo-monorepo', () => {
  it('has 20 packages in several layers, with 50+ internal edges of every kind', async () => {
    const { packages, source } = await readWorkspaceAt(DEMO);
    expect(source).toBe('package.json');
    expect(packages).toHaveLength(20);
    const edges = packages.flatMap((p) => p.dependencies);
    expect(edges.length).toBeGreaterThanOrEqual(50);
    expect(new Set(edges.map((e) => e.kind))).toEqual(new Set(['dependency', 'dev', 'peer', 'optional']));

    const graph = DependencyGraph.fromPackages(packages);
    expect(graph.detectCycles()).toEqual([]);
    const layers = graph.layers();
    expect(layers.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...layers.map((l) => l.length))).toBeGreaterThanOrEqual(4); // room for N = 4
  });
});

describe('examples/package-builder.json and package-build.json', () => {
  const parent = loadDefinition('package-builder.json');
  const child = loadDefinition('package-build.json');

  it('pass the definition schema and the complete validation', () => {
    expect(WorkflowDefinitionSchema.safeParse(parent).error).toBeUndefined();
    expect(WorkflowDefinitionSchema.safeParse(child).error).toBeUndefined();
    const resolveChild = (ref: object) =>
      'definitionId' in ref && ref.definitionId === 'package-build'
        ? { workflowType: 'PackageBuild_v1', taskQueue: 'package-build' }
        : undefined;
    expect(validateDefinition(child, { resolveChild }).diagnostics).toEqual([]);
    expect(validateDefinition(parent, { resolveChild }).diagnostics).toEqual([]);
  });

  it('are start → dependencyGraph → dynamicLoop → report → end and start → short build? → buildPackage (local or not) → end', () => {
    const chain = (d: typeof parent): string[] => {
      const kinds = new Map(d.nodes.map((n) => [n.id, n.kind]));
      const next = new Map(d.edges.map((e) => [e.source, e.target]));
      const out: string[] = [];
      for (let id: string | undefined = d.nodes.find((n) => n.kind === 'start')?.id; id; id = next.get(id)) {
        out.push(kinds.get(id) as string);
      }
      return out;
    };
    expect(chain(parent)).toEqual(['start', 'dependencyGraph', 'dynamicLoop', 'report', 'end']);
    // The child branches on the run's expectation: short builds run as a local activity.
    const short = nodeOfKind(child, 'condition');
    expect(short.data).toEqual({ left: '$input.expectedDurationMs', op: '<', right: 5000 });
    const target = (branch: string): string | undefined =>
      child.edges.find((e) => e.source === short.id && (e as { branch?: string }).branch === branch)?.target;
    const builds = child.nodes.filter((n) => n.kind === 'activity');
    expect(builds.map((n) => n.data.activity)).toEqual(['buildPackage', 'buildPackage']);
    const local = builds.find((n) => n.id === target('true'))!;
    const remote = builds.find((n) => n.id === target('false'))!;
    expect(local.data).toMatchObject({ local: true });
    expect(local.data.heartbeatTimeoutMs).toBeUndefined();
    expect(remote.data.local).toBeUndefined();
    expect(remote.data.heartbeatTimeoutMs).toBe(10_000);
    // Both branches build the same way: only where the call runs differs.
    const { local: _l, ...localRest } = local.data;
    const { heartbeatTimeoutMs: _h, ...remoteRest } = remote.data;
    expect(localRest).toEqual(remoteRest);
    for (const n of builds)
      expect(child.edges.some((e) => e.source === n.id && e.target === nodeOfKind(child, 'end').id)).toBe(
        true,
      );
    expect(nodeOfKind(parent, 'dynamicLoop').data.childInput).toMatchObject({
      expectedDurationMs: { $ref: '$package.expectedDurationMs' },
    });
  });

  it('inline exactly the demo monorepo’s packages, with its build times as estimates', async () => {
    const { packages } = await readWorkspaceAt(DEMO);
    const inline = (nodeOfKind(parent, 'dependencyGraph').data.source as { packages: PackageSpec[] })
      .packages;
    expect(normalized(inline)).toEqual(normalized(packages));
    for (const pkg of packages) {
      const manifest = JSON.parse(fs.readFileSync(path.join(DEMO, pkg.dir, 'package.json'), 'utf8'));
      expect(inline.find((p) => p.name === pkg.name)?.estimatedDurationMs, pkg.name).toBe(
        manifest.demo.buildMs,
      );
    }
  });

  it('builds 4 at a time, in dependency order, critical path first, without failing fast', () => {
    expect(nodeOfKind(parent, 'dynamicLoop').data).toMatchObject({
      graph: nodeOfKind(parent, 'dependencyGraph').id,
      child: { definitionId: 'package-build' },
      maxConcurrent: 4,
      dependencyMode: 'on',
      failFast: false,
      policy: 'critical-path-first',
    });
  });

  it('passes buildPackage arguments its catalog schema accepts once the references are filled in', () => {
    const args = nodeOfKind(child, 'activity').data.args as Array<Record<string, { $ref: string }>>;
    const sample: Record<string, unknown> = {
      '$input.runId': 'builder-1',
      '$input.packageName': '@acme/db',
      '$input.attempt': 1,
      '$input.simulatedDurationMs': 2500,
      '$input.failWith': undefined,
      '$input.workspaceRoot': '/repo',
      '$input.scripts': ['build', 'test'],
      '$input.command': 'clean',
    };
    const filled = args.map((arg) =>
      Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, sample[v.$ref]])),
    );
    expect(findActivity('buildPackage')!.argsSchema.safeParse(filled).error).toBeUndefined();
  });

  it('forwards only names from its input: never a working directory or a log folder', () => {
    const args = nodeOfKind(child, 'activity').data.args as Array<Record<string, unknown>>;
    for (const arg of args) for (const field of ['cwd', 'logDir']) expect(arg).not.toHaveProperty(field);
    const inputs = (child as unknown as { settings: { inputs?: Array<{ name: string; type: string }> } })
      .settings.inputs;
    expect(inputs?.map((i) => i.name)).not.toContain('cwd');
    // `command` is the name of an allowed command (the activity refuses an array).
    expect(inputs?.find((i) => i.name === 'command')?.type).toBe('string');
  });
});
