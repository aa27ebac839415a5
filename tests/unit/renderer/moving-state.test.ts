/**
 * Quick tier (unit). Proves when a canvas counts as moving (the compositor layer and the hit-test
 * shield of FlowDetail): from the first viewport change, not from a press alone (a click on the
 * pane stays a click on the pane); held while a button is down however long the pointer rests;
 * ended only after the viewport has been still for the settle time with no button held, so a
 * wheel gesture's late end can no longer cut the next drag short; and without the shield while a
 * node or handle is being dragged.
 */
import { describe, expect, it } from 'vitest';
import {
  createMovingState,
  MOVING_SETTLE_MS,
  type MovingFlags,
} from '../../../src/renderer/src/components/run-graph/moving-state';

/** A moving state on a hand-driven clock; `applied` records every flag change. */
function harness() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const applied: MovingFlags[] = [];
  const state = createMovingState({
    apply: (f) => applied.push({ ...f }),
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  const last = () => applied.at(-1) ?? { moving: false, shielded: false };
  return { state, applied, advance, last };
}

describe('createMovingState', () => {
  it('starts with the first viewport change, not with a press', () => {
    const h = harness();
    h.state.pressed(false);
    expect(h.applied).toEqual([]);
    h.state.released();
    expect(h.applied).toEqual([]);
    h.state.changed();
    expect(h.last()).toEqual({ moving: true, shielded: true });
  });

  it('stays on while a button is held, even when the pointer rests longer than the settle time', () => {
    const h = harness();
    h.state.pressed(false);
    h.state.changed();
    h.advance(MOVING_SETTLE_MS * 5);
    expect(h.last().moving).toBe(true);
    h.state.released();
    h.advance(MOVING_SETTLE_MS - 1);
    expect(h.last().moving).toBe(true);
    h.advance(1);
    expect(h.last()).toEqual({ moving: false, shielded: false });
    expect(h.applied).toHaveLength(2);
  });

  it('ends a wheel gesture only after the viewport has been still for the settle time', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      h.state.changed();
      h.advance(MOVING_SETTLE_MS - 10);
    }
    expect(h.applied).toEqual([{ moving: true, shielded: true }]);
    h.advance(10);
    expect(h.last().moving).toBe(false);
  });

  it('keeps a drag that starts right after a wheel gesture moving (the old start/end pair dropped it)', () => {
    const h = harness();
    h.state.changed(); // a wheel frame
    h.advance(50);
    h.state.pressed(false); // the drag starts before the wheel gesture has settled
    h.state.changed();
    h.advance(MOVING_SETTLE_MS * 3);
    expect(h.last().moving).toBe(true);
    expect(h.applied).toHaveLength(1);
  });

  it('leaves the shield out while a node or handle is dragged (auto-pan), and puts it back for the pane', () => {
    const h = harness();
    h.state.pressed(true);
    h.state.changed();
    expect(h.last()).toEqual({ moving: true, shielded: false });
    h.state.released();
    h.state.changed(); // a wheel right after
    expect(h.last()).toEqual({ moving: true, shielded: true });
  });

  it('clears the classes and its timer on dispose', () => {
    const h = harness();
    h.state.changed();
    h.state.dispose();
    expect(h.last()).toEqual({ moving: false, shielded: false });
    h.advance(MOVING_SETTLE_MS * 2);
    expect(h.applied).toHaveLength(2);
  });
});
