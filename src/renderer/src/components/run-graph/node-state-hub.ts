import type { PackageRunStatus, RunView } from '../../../../core/run-status';
import { statusOf } from '../../lib/run-graph-model';
import { formatDuration } from '../../lib/run-format';

/**
 * What one package's box on the run graph shows, and a hub that tells each box only about its
 * own changes. A box subscribing to the whole run store would have every one of N boxes
 * re-check its selectors on every delta (measured: most of a 500-package page's time per update
 * went there); the hub compares package objects by identity (`applyRunDelta` keeps unchanged
 * ones) in one loop and wakes only the boxes whose state changed.
 */
export interface NodeState {
  status: PackageRunStatus;
  /** "3.2 s", "attempt 2", "by @acme/db", or null. */
  detail: string | null;
  critical: boolean;
  dimmed: boolean;
  selected: boolean;
}

/** What the hub reads from the run store. */
export interface RunSide {
  view: RunView | null;
  selected: string | null;
}

/** What the hub reads from the graph UI store. */
export interface UiSide {
  critical: ReadonlySet<string>;
  focus: ReadonlySet<string> | null;
  matches: ReadonlySet<string> | null;
  hideCompleted: boolean;
}

interface Source<S> {
  getState(): S;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

/** The state of one package's box. */
export function nodeStateOf(run: RunSide, ui: UiSide, name: string): NodeState {
  const pkg = run.view?.packages[name];
  const status = statusOf(run.view, name);
  const detail =
    status === 'completed' && pkg?.durationMs !== undefined
      ? formatDuration(pkg.durationMs)
      : status === 'building' && (pkg?.attempt ?? 1) > 1
        ? `attempt ${pkg?.attempt}`
        : status === 'blocked' && pkg?.blockedBy
          ? `by ${pkg.blockedBy}`
          : null;
  return {
    status,
    detail,
    critical: ui.critical.has(name),
    dimmed:
      (ui.focus !== null && !ui.focus.has(name)) ||
      (ui.matches !== null && !ui.matches.has(name)) ||
      (ui.hideCompleted && (status === 'completed' || status === 'up-to-date')),
    selected: run.selected === name,
  };
}

function sameState(a: NodeState, b: NodeState): boolean {
  return (
    a.status === b.status &&
    a.detail === b.detail &&
    a.critical === b.critical &&
    a.dimmed === b.dimmed &&
    a.selected === b.selected
  );
}

export interface NodeStateHub {
  /** The box's state; the same object until it changes (as useSyncExternalStore wants). */
  get(name: string): NodeState;
  /** Calls `listener` when `name`'s state changed; returns the unsubscribe function. */
  subscribe(name: string, listener: () => void): () => void;
}

export function createNodeStateHub(run: Source<RunSide>, ui: Source<UiSide>): NodeStateHub {
  const listeners = new Map<string, Set<() => void>>();
  const states = new Map<string, NodeState>();
  let unsubscribe: (() => void) | null = null;

  const refresh = (names: Iterable<string>) => {
    const r = run.getState();
    const u = ui.getState();
    for (const name of names) {
      const previous = states.get(name);
      const next = nodeStateOf(r, u, name);
      if (previous && sameState(previous, next)) continue;
      states.set(name, next);
      if (previous) for (const listener of listeners.get(name) ?? []) listener();
    }
  };

  const onRun = (s: RunSide, prev: RunSide) => {
    // A package absent from the view shows pending or skipped by the run's phase: all may change.
    const phaseChanged =
      s.view?.summary.closed !== prev.view?.summary.closed ||
      s.view?.summary.phase !== prev.view?.summary.phase;
    if (phaseChanged || !s.view || !prev.view) return refresh(listeners.keys());
    const changed: string[] = [];
    const now = s.view.packages;
    const before = prev.view.packages;
    if (now !== before)
      for (const name of listeners.keys()) if (now[name] !== before[name]) changed.push(name);
    if (s.selected !== prev.selected) changed.push(...[s.selected, prev.selected].filter((n) => n !== null));
    refresh(changed);
  };

  // The critical path is replaced on every delta: only the packages that joined or left it change.
  const onUi = (u: UiSide, prev: UiSide) => {
    if (u.focus !== prev.focus || u.matches !== prev.matches || u.hideCompleted !== prev.hideCompleted)
      return refresh(listeners.keys());
    if (u.critical === prev.critical) return;
    const changed: string[] = [];
    for (const name of u.critical) if (!prev.critical.has(name) && listeners.has(name)) changed.push(name);
    for (const name of prev.critical) if (!u.critical.has(name) && listeners.has(name)) changed.push(name);
    refresh(changed);
  };

  const start = () => {
    const offRun = run.subscribe(onRun);
    const offUi = ui.subscribe(onUi);
    unsubscribe = () => {
      offRun();
      offUi();
    };
  };

  return {
    get(name) {
      let state = states.get(name);
      if (!state) {
        state = nodeStateOf(run.getState(), ui.getState(), name);
        states.set(name, state);
      }
      return state;
    },
    subscribe(name, listener) {
      if (!unsubscribe) start();
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      // The state may have changed between the render that read it and this subscription: a
      // new object only if it did (React compares snapshots by identity).
      const cached = states.get(name);
      const fresh = nodeStateOf(run.getState(), ui.getState(), name);
      if (cached && !sameState(cached, fresh)) states.set(name, fresh);
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(name);
          states.delete(name);
        }
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = null;
        }
      };
    },
  };
}
