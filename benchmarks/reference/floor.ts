/**
 * The least one package can cost on this SDK and server (bench:overhead subject `sdk-floor`): a
 * parent that runs its children one after the other with `executeChild`, each child one local
 * activity — the app's own `buildPackage`, with nothing to build — and nothing else: no graph, no
 * package loop, no query, no report. Bundled next to the compiled workflows and served by the same
 * worker process, so what separates `current`'s chain from this one is the generated workflows and
 * the runtime, not the SDK, the server or the machine.
 */
import { executeChild, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';

interface FloorBuildInput {
  runId: string;
  packageName: string;
}

interface BuildResult {
  packageName: string;
  durationMs: number;
}

const { buildPackage } = proxyLocalActivities<{
  buildPackage(
    input: FloorBuildInput & { attempt: number; simulatedDurationMs: number },
  ): Promise<BuildResult>;
}>({ startToCloseTimeout: '1 minute' });

/** One package: the build as a local activity, its result returned. */
export async function FloorBuild(input: FloorBuildInput): Promise<BuildResult> {
  return await buildPackage({ ...input, attempt: 1, simulatedDurationMs: 0 });
}

/** `count` packages, each started when the one before completed, on `buildQueue`. */
export async function FloorChain(count: number, buildQueue: string): Promise<void> {
  const runId = workflowInfo().workflowId;
  for (let i = 0; i < count; i++) {
    await executeChild(FloorBuild, {
      workflowId: `${runId}/c${i}`,
      taskQueue: buildQueue,
      args: [{ runId, packageName: `c${i}` }],
    });
  }
}
