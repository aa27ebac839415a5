import type { HelperSource } from '../emitter';

/**
 * Runtime helpers that move a package loop along and close it: record a settled child, notice a
 * long history, checkpoint for continue-as-new, summarize the outcome and report it.
 */
export const LOOP_OUTCOME_HELPERS: readonly HelperSource[] = [
  {
    name: 'recordOutcome',
    needs: ['LoopRun'],
    imports: [['@temporalio/workflow', 'rootCause']],
    source: `
/**
 * Frees the slot of a settled child and records its package as completed (dependents may become
 * ready) or failed with the child's root cause (dependents become blocked).
 */
function recordOutcome(loop: LoopRun, outcome: ChildOutcome): void {
  const child = loop.active.get(outcome.name);
  if (child === undefined) return;
  loop.active.delete(outcome.name);
  if (outcome.ok) {
    loop.tracker.complete(outcome.name);
    loop.completed.push({
      name: outcome.name,
      durationMs: Date.now() - child.startedAt,
      childWorkflowId: child.childWorkflowId,
    });
  } else {
    loop.tracker.fail(outcome.name, rootCause(outcome.error) ?? String(outcome.error));
    loop.failedChildIds[outcome.name] = child.childWorkflowId;
  }
}`,
  },
  {
    name: 'hasFailures',
    needs: ['LoopRun'],
    imports: [],
    source: `
/** True when packages failed or are blocked. */
function hasFailures(loop: LoopRun): boolean {
  const counts = loop.tracker.counts();
  return counts.failed > 0 || counts.blocked > 0;
}`,
  },
  {
    name: 'historyIsLong',
    needs: [],
    imports: [['@temporalio/workflow', 'workflowInfo']],
    source: `
/** True once the history has \`threshold\` events, or the server suggests continue-as-new. */
function historyIsLong(threshold: number): boolean {
  const info = workflowInfo();
  return info.historyLength >= threshold || info.continueAsNewSuggested;
}`,
  },
  {
    name: 'checkpointRun',
    needs: ['RunContext', 'LoopRun'],
    imports: [['./shared', 'ResumeState', true]],
    source: `
/** The state continue-as-new hands to the next run: results, signals and the loop (graph included). */
function checkpointRun(run: RunContext, stage: number, loop: LoopRun): ResumeState {
  return {
    stage,
    generation: run.generation + 1,
    startedAt: run.startedAt,
    results: run.results,
    errors: run.errors,
    retryRequested: run.retryRequested,
    finishRequested: run.finishRequested,
    loop: {
      nodeId: loop.nodeId,
      graph: loop.graph.toJSON(),
      tracker: loop.tracker.toJSON(),
      completed: loop.completed,
      failedChildIds: loop.failedChildIds,
      attempts: loop.attempts,
      estimatedDurationsMs: loop.estimatedDurationsMs,
    },
  };
}`,
  },
  {
    name: 'closeLoop',
    needs: ['RunContext', 'LoopRun', 'failureSummary'],
    imports: [['./shared', 'LoopOutcome', true]],
    source: `
/** Ends a loop: its outcome for the results; with \`failWorkflow\`, failures fail the run at its end. */
function closeLoop(run: RunContext, loop: LoopRun, options: { failWorkflow: boolean }): LoopOutcome {
  loop.phase = 'finished';
  loop.finishedAt = new Date().toISOString();
  const snapshot = loop.tracker.snapshot();
  const outcome: LoopOutcome = {
    packages: loop.graph.size,
    completed: snapshot.completed.length,
    failed: snapshot.failed.map((f) => ({ name: f.name, error: f.error })),
    blocked: snapshot.blocked.map((b) => ({ name: b.name, blockedBy: b.blockedBy })),
  };
  if (options.failWorkflow && outcome.failed.length > 0) run.failures.push(failureSummary(loop.nodeId, outcome));
  return outcome;
}`,
  },
  {
    name: 'failureSummary',
    needs: [],
    imports: [['./shared', 'LoopOutcome', true]],
    source: `
/** \`build: 2 of 20 packages failed: db (boom), web (tsc error); 5 blocked\` */
function failureSummary(nodeId: string, outcome: LoopOutcome): string {
  const failed = outcome.failed.map((f) => \`\${f.name} (\${f.error})\`).join(', ');
  const blocked = outcome.blocked.length > 0 ? \`; \${outcome.blocked.length} blocked\` : '';
  return \`\${nodeId}: \${outcome.failed.length} of \${outcome.packages} packages failed: \${failed}\${blocked}\`;
}`,
  },
  {
    name: 'loopReport',
    needs: ['RunContext', 'describeRun'],
    imports: [],
    source: `
/** What a report node reports: the loop's full state, or its outcome if it ran before a continue-as-new. */
function loopReport(run: RunContext, nodeId: string): unknown {
  const loop = run.loops.get(nodeId);
  return loop ? describeRun({ ...run, loop }) : run.results[nodeId];
}`,
  },
];
