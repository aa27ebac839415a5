import { EventEmitter } from 'node:events';
import type { ServerStatus } from '../../core/ipc/contract';
import type { StatusListener } from './temporal-service';

type StatusPatch = { [K in keyof ServerStatus]?: ServerStatus[K] | undefined };

/**
 * Holds the current ServerStatus and tells listeners about each change. `since` moves only when the
 * state changes, so the UI can say "starting for 12 s" while messages update underneath.
 */
export class StatusEmitter {
  private current: ServerStatus;
  private readonly emitter = new EventEmitter();

  constructor(initial: Omit<ServerStatus, 'since'>) {
    this.current = clean({ ...initial, since: new Date().toISOString() });
  }

  get(): ServerStatus {
    return this.current;
  }

  /** Applies a patch; a key set to undefined is removed (e.g. `message` once the server is ready). */
  set(patch: StatusPatch): ServerStatus {
    const next = { ...this.current, ...patch } as ServerStatus;
    if (next.state !== this.current.state) next.since = new Date().toISOString();
    this.current = clean(next);
    for (const listener of this.emitter.listeners('status') as StatusListener[]) {
      try {
        listener(this.current);
      } catch {
        // A failing listener (e.g. a closed window) must not break the server's lifecycle.
      }
    }
    return this.current;
  }

  subscribe(listener: StatusListener): () => void {
    this.emitter.on('status', listener);
    return () => this.emitter.off('status', listener);
  }
}

/** Drops undefined keys: the IPC schema is strict and structured clone keeps them otherwise. */
function clean(status: ServerStatus): ServerStatus {
  return Object.fromEntries(
    Object.entries(status).filter(([, value]) => value !== undefined),
  ) as ServerStatus;
}
