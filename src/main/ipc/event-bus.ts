import type { EventName, EventPayloadOf } from '../../core/ipc';

/** A listener that receives every event, whatever its name (the transports forward them all). */
export type AnyEventListener = (event: EventName, payload: unknown) => void;

/** The main process's one fan-out point for events pushed to renderers. */
export class EventBus {
  private readonly listeners = new Set<AnyEventListener>();

  /** Publishes an event to every subscriber; a throwing subscriber does not stop the others. */
  publish<E extends EventName>(event: E, payload: EventPayloadOf<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken transport must not take the publisher down; it is removed on its own close.
      }
    }
  }

  /** Subscribes to all events; returns the unsubscribe function. */
  subscribe(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
