/**
 * The app's worker host when a `build` runs on the build daemon: instead of forking a worker, it
 * hands the daemon's warm worker the bundles and the policy a WorkerHost would have sent its own
 * process (build-daemon.ts). Stopping it detaches, which closes this command's workspaces there.
 */
import { EMPTY_WORKER_POLICY } from '../../core/settings/worker-policy';
import type { WorkerHostOptions, WorkerHostState } from '../worker-host/worker-host';
import type { AppWorkerHost } from '../worker-host/app-worker-host';
import type { DaemonConnection } from './daemon-client';
import { markStartup } from '../app/startup-timings';

export class DaemonWorkerHost implements AppWorkerHost {
  private currentState: WorkerHostState = 'stopped';
  /** Why the daemon could not serve this command's workers, if it could not. */
  failure: string | undefined;
  private workerPid: number | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly daemon: DaemonConnection,
    private readonly options: Pick<WorkerHostOptions, 'workers' | 'policy' | 'onState'>,
  ) {
    daemon.onWorkerState((state, message) => {
      if (state === 'crashed') this.setState('crashed', message);
    });
  }

  get state(): WorkerHostState {
    return this.currentState;
  }

  /** The daemon's worker process. */
  get pid(): number | undefined {
    return this.workerPid;
  }

  start(): Promise<void> {
    this.starting ??= this.serve().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** The daemon's worker is warm already. */
  prewarm(): void {}

  policyChanged(): void {
    if (this.currentState === 'ready') this.daemon.policy(this.currentPolicy());
  }

  /** New bundles: the daemon restarts its worker if they differ from what it serves. */
  async restart(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.start();
  }

  async stop(): Promise<void> {
    this.daemon.close();
    this.setState('stopped');
  }

  private async serve(): Promise<void> {
    this.setState('starting');
    try {
      const served = await this.daemon.serve(this.options.workers(), this.currentPolicy());
      this.workerPid = served.workerPid;
      this.failure = undefined;
      markStartup(
        `build daemon's worker ${served.restarted ? 'started with the specs' : 'warm'} (pid ${served.workerPid})`,
      );
      this.setState('ready');
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.setState('crashed', this.failure);
      throw error;
    }
  }

  private currentPolicy(): ReturnType<NonNullable<WorkerHostOptions['policy']>> {
    return this.options.policy?.() ?? EMPTY_WORKER_POLICY;
  }

  private setState(state: WorkerHostState, message?: string): void {
    this.currentState = state;
    this.options.onState?.(state, message);
  }
}
