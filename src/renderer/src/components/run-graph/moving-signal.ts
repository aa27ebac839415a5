/**
 * Whether a canvas is moving, for the parts drawn beside React Flow that freeze while it moves and
 * catch up once it is still (the dot grid, the minimap). FlowDetail sets it from its moving state;
 * a plain observable, so nobody re-renders for it.
 */
export interface MovingSignal {
  get(): boolean;
  set(moving: boolean): void;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (moving: boolean) => void): () => void;
}

export function createMovingSignal(): MovingSignal {
  let moving = false;
  const listeners = new Set<(moving: boolean) => void>();
  return {
    get: () => moving,
    set(next) {
      if (next === moving) return;
      moving = next;
      for (const listener of [...listeners]) listener(moving);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
