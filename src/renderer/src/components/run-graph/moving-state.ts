/**
 * When a React Flow canvas counts as moving (FlowDetail turns it into CSS classes).
 *
 * Driven by the viewport's own changes and the pointer, not by React Flow's start/end pair: a
 * wheel gesture's end arrives on a timer and can land in the middle of the next drag, which ended
 * "moving" for that whole drag. Moving starts with the first viewport change (not with a press:
 * the hit-test shield would then take the mouse-up and turn a click on the pane into a click on
 * its parent); it lasts while a button is held and until the viewport has been still for
 * `settleMs` after that. The shield is left out while the press is on a node, a handle or an edge:
 * dragging those looks for what lies under the pointer (a connection's target handle), and the
 * viewport then moves only by auto-pan.
 */

/** How long the viewport must be still, with no button held, before the canvas counts as still. */
export const MOVING_SETTLE_MS = 300;

export interface MovingFlags {
  /** The viewport is moving: draw it as one compositor layer. */
  moving: boolean;
  /** Moving, and the pointer is not dragging a graph element: shield the graph from hit tests. */
  shielded: boolean;
}

export interface MovingStateOptions {
  /** Called when the flags change (and with both off on dispose, if they were on). */
  apply: (flags: MovingFlags) => void;
  settleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface MovingState {
  /** The viewport changed (a pan or zoom frame). */
  changed: () => void;
  /** A button went down; `onGraphElement` when on a node, handle or edge. */
  pressed: (onGraphElement: boolean) => void;
  /** Every button is up again. */
  released: () => void;
  dispose: () => void;
}

export function createMovingState(options: MovingStateOptions): MovingState {
  const settleMs = options.settleMs ?? MOVING_SETTLE_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let flags: MovingFlags = { moving: false, shielded: false };
  let held = false;
  let onElement = false;
  let timer: unknown;

  const set = (next: MovingFlags) => {
    if (next.moving === flags.moving && next.shielded === flags.shielded) return;
    flags = next;
    options.apply(flags);
  };
  const cancelTimer = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };
  const settleLater = () => {
    cancelTimer();
    timer = setTimer(() => {
      timer = undefined;
      if (!held) set({ moving: false, shielded: false });
    }, settleMs);
  };

  return {
    changed: () => {
      set({ moving: true, shielded: !(held && onElement) });
      if (held) cancelTimer();
      else settleLater();
    },
    pressed: (onGraphElement) => {
      held = true;
      onElement = onGraphElement;
      cancelTimer();
    },
    released: () => {
      held = false;
      onElement = false;
      if (flags.moving) settleLater();
    },
    dispose: () => {
      cancelTimer();
      held = false;
      set({ moving: false, shielded: false });
    },
  };
}
