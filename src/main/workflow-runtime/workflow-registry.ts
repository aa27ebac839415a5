import { IpcFailure, type StoredDefinition } from '../../core/ipc';
import type { Store } from '../store';
import type { WorkerSpec } from '../worker-host/worker-protocol';
import type { BundleCache, BundleResult } from './bundle-cache';
import type { CompileCache } from './compile-cache';
import {
  formatDiagnostics,
  type ChildRefLike,
  type CompiledProjectWorkflow,
  type CompileProjectResult,
  type ProjectCompilerBinding,
  type ResolvedChild,
} from './compiler-port';
import { DefinitionClosure } from './definition-closure';
import { markStartup } from '../app/startup-timings';

/** The part of the WorkerHost the registry drives. */
export interface RestartableWorkerHost {
  restart(): Promise<void>;
}

export interface WorkflowRegistryOptions {
  store: Pick<Store, 'definitions' | 'runs'>;
  compiler: ProjectCompilerBinding;
  bundles: BundleCache;
  /** The runtime (graph engine) sources copied into every project. */
  runtimeFiles: () => Promise<Record<string, string>>;
  /** Task queue of definitions that do not name one. */
  defaultTaskQueue: string;
  workerHost: RestartableWorkerHost;
  /**
   * Workflows the app runs on a task queue of its own (the built-in ones). When compiled
   * workflows use that queue too, these are bundled with them, so one worker serves the queue.
   */
  builtin?: { taskQueue: string; files: () => Promise<Record<string, string>> };
  /**
   * Compiled projects kept across processes (the CLI starts a new one per command). Only for the
   * app's own compiler: its keys carry that compiler's fingerprint.
   */
  compileCache?: CompileCache;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** What `ensure` resolved: the workflow to start and where. */
export type RegisteredWorkflow = CompiledProjectWorkflow;

/**
 * Which compiled workflows the worker runs. The loaded set is every definition version that has
 * an open run (the store's runs with status `running`), the one being started, and every child
 * definition they reference. They are compiled together into ONE project (versioned workflow
 * types never clash), bundled through the BundleCache, and that bundle is served on every task
 * queue the set uses. The WorkerHost is restarted (gracefully) only when the bundle hash or the
 * task queues changed.
 */
export class WorkflowRegistry {
  private current:
    { bundle: BundleResult; taskQueues: string[]; workflows: CompiledProjectWorkflow[] } | undefined;
  /** What `current` was compiled from (roots and the store's definition heads): see doEnsure. */
  private currentKey: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly closure: DefinitionClosure;
  readonly stats = { ensures: 0, restarts: 0 };

  constructor(private readonly options: WorkflowRegistryOptions) {
    this.closure = new DefinitionClosure(options.store, options.compiler, options.defaultTaskQueue);
  }

  /** True when the loaded bundle serves `taskQueue` (then nothing else may run a worker on it). */
  serves(taskQueue: string): boolean {
    return this.current?.taskQueues.includes(taskQueue) ?? false;
  }

  /** Worker specs of the loaded bundle (the WorkerHost asks at every start). */
  specs(): WorkerSpec[] {
    const current = this.current;
    if (!current) return [];
    return current.taskQueues.map((taskQueue) => ({ taskQueue, workflowBundlePath: current.bundle.path }));
  }

  /** Workflows in the loaded bundle. */
  loaded(): readonly CompiledProjectWorkflow[] {
    return this.current?.workflows ?? [];
  }

  /** The loaded bundle (undefined before the first ensure that loaded anything). */
  bundle(): BundleResult | undefined {
    return this.current?.bundle;
  }

  /** Maps a child ref to its workflow type and task queue (for compiler.compile). */
  resolveChild(ref: ChildRefLike): ResolvedChild | undefined {
    return this.closure.resolveChild(ref);
  }

  /**
   * Makes sure the worker runs `definition` (and every version with open runs). Compiles,
   * bundles (cached), restarts the worker if the bundle changed. Serialized: concurrent calls
   * queue up. Without a definition it loads only the open runs (app start); it returns whether
   * the worker was (re)started.
   */
  ensure(definition?: StoredDefinition): Promise<RegisteredWorkflow | undefined> {
    const next = this.queue.then(() => this.doEnsure(definition));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doEnsure(definition?: StoredDefinition): Promise<RegisteredWorkflow | undefined> {
    this.stats.ensures += 1;
    const log = this.options.log ?? (() => undefined);
    const roots = new Map<string, StoredDefinition>();
    if (definition) roots.set(`${definition.id}@${definition.version}`, definition);
    for (const run of this.options.store.runs.list({ status: 'running', limit: 500 })) {
      if (run.definitionId === null || run.definitionVersion === null) continue;
      const k = `${run.definitionId}@${run.definitionVersion}`;
      if (roots.has(k)) continue;
      try {
        roots.set(k, this.options.store.definitions.get(run.definitionId, run.definitionVersion));
      } catch (error) {
        log('warn', `definition ${k} of open run ${run.workflowId} cannot be loaded: ${String(error)}`);
      }
    }
    if (roots.size === 0) return undefined;

    // The same roots against unchanged stored definitions compile to the same project: reuse the
    // loaded one (a run's start ensures the definition its worker was just started with). Child
    // refs without a version resolve to the current head, so every head is part of the key.
    const key = JSON.stringify([
      [...roots.keys()].sort(),
      this.options.store.definitions.list().map((d) => `${d.id}@${d.version}@${d.updatedAt}`),
    ]);
    if (this.current && key === this.currentKey) {
      markStartup('definitions unchanged: loaded project reused');
      return definition ? this.workflowOf(this.current.workflows, definition) : undefined;
    }
    this.currentKey = undefined;

    const result = await this.compile(key, [...roots.values()], definition);
    if (!result.ok) {
      throw new IpcFailure(
        'COMPILE_ERROR',
        `Cannot compile ${definition ? `"${definition.name}"` : 'the open runs'}: ${formatDiagnostics(result.diagnostics)}`,
      );
    }
    if (result.workflows.length === 0) return undefined;

    const taskQueues = [...new Set(result.workflows.map((w) => w.taskQueue))].sort();
    const builtin = this.options.builtin;
    const extraWorkflowFiles =
      builtin && taskQueues.includes(builtin.taskQueue) ? await builtin.files() : undefined;
    const bundle = await this.options.bundles.bundle({
      files: result.files,
      runtimeFiles: await this.options.runtimeFiles(),
      ...(extraWorkflowFiles ? { extraWorkflowFiles } : {}),
    });
    markStartup(bundle.cacheHit ? 'bundle from cache' : 'bundle made');
    const changed =
      this.current?.bundle.hash !== bundle.hash ||
      this.current.taskQueues.join('\n') !== taskQueues.join('\n');
    this.current = { bundle, taskQueues, workflows: result.workflows };
    this.currentKey = key;
    if (changed) {
      this.stats.restarts += 1;
      const started = performance.now();
      await this.options.workerHost.restart();
      log(
        'info',
        `worker reloaded with bundle ${bundle.hash.slice(0, 12)} (${result.workflows.map((w) => w.workflowType).join(', ')}) in ${Math.round(performance.now() - started)} ms`,
      );
    }
    if (!definition) return undefined;
    return this.workflowOf(result.workflows, definition);
  }

  /**
   * The project of `roots`, from the compile cache when the same roots against the same stored
   * definitions were compiled before by the same compiler (`key`: roots and every head; a stored
   * version never changes). Only a project where every definition compiled is kept: one that
   * dropped a failing older version is compiled again, so its warning is given again.
   */
  private async compile(
    key: string,
    roots: StoredDefinition[],
    definition: StoredDefinition | undefined,
  ): Promise<CompileProjectResult> {
    const log = this.options.log ?? (() => undefined);
    const cache = this.options.compileCache;
    // The registry's default task queue is fixed, so `key` leaves it out; across processes it is not
    // (the CLI's --task-queue), and definitions that name none compile to it.
    const cacheKey = `${this.options.defaultTaskQueue}\n${key}`;
    const cached = cache?.get(cacheKey);
    if (cached) {
      markStartup('definitions from the compile cache');
      return cached;
    }
    let dropped = 0;
    const { result } = await this.closure.compile(roots, (failing) => {
      // An older version with open runs that no longer compiles must not block new runs.
      const drop = failing.filter(
        (d) => !(definition && d.id === definition.id && d.version === definition.version),
      );
      for (const d of drop)
        log('warn', `${d.name} v${d.version} does not compile; its open runs are left without a worker`);
      dropped += drop.length;
      return drop;
    });
    markStartup('definitions compiled');
    if (result.ok && dropped === 0) await cache?.put(cacheKey, result);
    return result;
  }

  private workflowOf(
    workflows: readonly CompiledProjectWorkflow[],
    definition: StoredDefinition,
  ): RegisteredWorkflow {
    const workflow = workflows.find(
      (w) => w.definitionId === definition.id && w.version === definition.version,
    );
    if (!workflow)
      throw new IpcFailure('COMPILE_ERROR', `The compiler produced no workflow for "${definition.name}"`);
    return workflow;
  }
}
