/**
 * What the app's worker process serves: every queue a compiled definition runs on (the registry's
 * specs), and the built-in workflows' queue on its own spec when no compiled bundle carries them
 * (one worker per queue) and `builtinWorker` asks for it.
 */
import { BUILTIN_TASK_QUEUE } from '../../core/task-queues';
import type { WorkerSpec } from '../worker-host/worker-protocol';

export function appWorkerSpecs(
  builtinSpec: WorkerSpec,
  registry: { serves(taskQueue: string): boolean; specs(): WorkerSpec[] },
  builtinWorker: boolean,
): WorkerSpec[] {
  const builtin = builtinWorker && !registry.serves(BUILTIN_TASK_QUEUE) ? [builtinSpec] : [];
  return [...builtin, ...registry.specs()];
}
