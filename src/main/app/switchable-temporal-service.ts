import type { ServerStatus } from '../../core/ipc';
import type { ConnectionSettings } from '../../core/settings/connection-settings';
import type { StatusListener, TemporalConnectionOptions, TemporalService } from '../dev-server';

/**
 * A TemporalService whose target can change while the app runs (Settings → Temporal connection):
 * every other service keeps the one reference, and `replace()` stops the current embedded server
 * (or forgets the cluster) before the next one is created. Listeners stay subscribed across it.
 */
export class SwitchableTemporalService implements TemporalService {
  private inner: TemporalService;
  private unsubscribeInner: () => void;
  private readonly listeners = new Set<StatusListener>();

  constructor(
    private readonly create: (settings: ConnectionSettings) => TemporalService,
    settings: ConnectionSettings,
  ) {
    this.inner = create(settings);
    this.unsubscribeInner = this.forward(this.inner);
  }

  get mode(): 'embedded' | 'external' {
    return this.inner.mode;
  }

  get namespace(): string {
    return this.inner.namespace;
  }

  start(): Promise<ServerStatus> {
    return this.inner.start();
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  status(): ServerStatus {
    return this.inner.status();
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connectionOptions(): TemporalConnectionOptions {
    return this.inner.connectionOptions();
  }

  /** Stops the current target and switches to `settings` (not started: call `start()`). */
  async replace(settings: ConnectionSettings): Promise<void> {
    await this.inner.stop();
    this.unsubscribeInner();
    this.inner = this.create(settings);
    this.unsubscribeInner = this.forward(this.inner);
    this.publish(this.inner.status());
  }

  private forward(service: TemporalService): () => void {
    return service.onStatus((status) => this.publish(status));
  }

  private publish(status: ServerStatus): void {
    for (const listener of this.listeners) listener(status);
  }
}
