// Tier: quick (real dev server, about 25 s: two compiled bundles). The dependencyGraph node's edge settings on compiled
// runs, over the packages of a real workspace with a devDependency cycle
// (tests/fixtures/workspaces/pnpm-dev-cycle): by default the run fails before any child starts,
// naming the cycle with its kinds and the setting that would let it proceed; with breakDevCycles
// it builds every package in dependency order and its result lists the dropped edge.
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../../../src/core/ipc';
import { readWorkspaceAt } from '../../../src/main/activities/read-workspace';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import { EventType } from '../../../src/main/run-monitor/history-events';
import { checkExactlyN, fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { packageBuildDefinition, packageBuilderDefinition } from './scenario';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/workspaces/pnpm-dev-cycle');

describe('dependency graph edge settings on a real run', () => {
  let h: RuntimeHarness;
  let childId: string;
  beforeAll(async () => {
    h = await createRuntimeHarness(defaultCompiler, 'graph-options');
    childId = h.store.definitions.save({ definition: packageBuildDefinition() }).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The runtime-test parent with edge settings on its dependencyGraph node. */
  function parentWith(settings: Record<string, unknown>, parentId?: string): StoredDefinition {
    const definition = packageBuilderDefinition(childId, { maxConcurrent: 2 }) as {
      nodes: Array<{ id: string; data: Record<string, unknown> }>;
    };
    const graph = definition.nodes.find((n) => n.id === 'graph')!;
    Object.assign(graph.data, settings);
    const saved = h.store.definitions.save({ ...(parentId && { id: parentId }), definition });
    return h.store.definitions.get(saved.id, saved.version);
  }

  async function workspaceInput(): Promise<Record<string, unknown>> {
    const { packages } = await readWorkspaceAt(FIXTURE);
    return { packages: packages.map((p) => ({ ...p, estimatedDurationMs: 50 })), failures: {} };
  }

  it('a devDependency cycle fails the run before anything builds, naming the path, kinds and setting', async () => {
    const definition = parentWith({});
    const started = await h.launcher.start(definition, await workspaceInput());
    const failure = await h.client.workflow
      .getHandle(started.workflowId)
      .result()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.message).toBe(
      'Dependency graph "graph": Dependency cycle: core → test-utils (dev) → helpers → core. To build anyway, turn on "breakDevCycles" (drops the devDependency edges that close cycles and lists them) or leave "dev" out of "edgeKinds".',
    );
    const [run] = await fetchChain(h.client, started.workflowId, started.runId);
    expect(run!.events.some((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)).toBe(
      false,
    );
  }, 60_000);

  it('breakDevCycles builds every package in dependency order and lists the dropped edge', async () => {
    const first = parentWith({});
    const definition = parentWith({ breakDevCycles: true }, first.id);
    const input = await workspaceInput();
    const started = await h.launcher.start(definition, input);
    // The workflow returns its nodes' results.
    const results = (await h.client.workflow.getHandle(started.workflowId).result()) as Record<
      string,
      unknown
    >;
    expect(results.graph).toEqual({
      packages: 4,
      dependencies: 3,
      droppedEdges: ['core → test-utils (dev)'],
    });
    // Dependency order as the run built it: the graph without the dropped edge.
    const packages = (input.packages as Array<{ name: string; dependencies: Array<{ name: string }> }>).map(
      (p) => ({
        name: p.name,
        dependencies: p.dependencies
          .map((d) => d.name)
          .filter((d) => !(p.name === 'core' && d === 'test-utils')),
      }),
    );
    const chain = await fetchChain(h.client, started.workflowId, started.runId);
    const report = checkExactlyN(started.workflowId, chain, packages, 2);
    expect(report.violations).toEqual([]);
    expect(report.completed).toEqual(['app', 'core', 'helpers', 'test-utils']);
  }, 60_000);
});
