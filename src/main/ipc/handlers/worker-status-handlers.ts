import type { WorkerStatus } from '../../../core/ipc/contract';
import type { WorkerHostState } from '../../worker-host/worker-host';
import type { EventBus } from '../event-bus';
import type { Handlers } from '../dispatcher';

/**
 * The worker process's status for renderers: kept from the WorkerHost's state callbacks, pushed as
 * the `worker.status` event on every change and answered by `worker.status`, so a page can say
 * "the worker is restarting" instead of showing statuses that do not move.
 */
export class WorkerStatusTracker {
  private current: WorkerStatus;

  constructor(
    private readonly bus: Pick<EventBus, 'publish'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.current = { state: 'stopped', since: this.now().toISOString() };
  }

  /** The WorkerHost's `onState`. */
  update(state: WorkerHostState, message?: string): void {
    this.current = { state, ...(message ? { message } : {}), since: this.now().toISOString() };
    this.bus.publish('worker.status', this.current);
  }

  status(): WorkerStatus {
    return this.current;
  }

  handlers(): Pick<Handlers, 'worker.status'> {
    return { 'worker.status': () => this.current };
  }
}
