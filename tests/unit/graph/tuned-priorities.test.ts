// Tier: quick (no server). The tuned critical-path-first order (issue 12, seventh pass): a run with
// known build times is simulated with perturbed bottom levels and the order with the shortest
// simulated makespan is kept. Proves that the tuning shortens work-bound schedules and never
// lengthens one, is deterministic (a workflow replays it), reaches the tracker's order, survives
// the tracker's JSON (continue-as-new), and takes a run's completed and running packages into account.
import { describe, expect, it } from 'vitest';
import { DependencyGraph, ReadyTracker } from '../../../src/core/graph';
import type { CompiledGraph } from '../../../src/core/graph/csr';
import { listSchedule } from '../../../src/core/graph/list-schedule';
import { SLOT_COST_MS, tunePriorities } from '../../../src/core/graph/tuned-priorities';
import { lowerBound, syntheticMonorepo, type BenchPackage } from '../../../benchmarks/lib/package-sets';

const N = 4;

function setUp(packages: readonly BenchPackage[]) {
  const graph = DependencyGraph.fromPackages(packages);
  const g = graph.snapshot();
  const byName = new Map(packages.map((p) => [p.name, p.estimatedDurationMs]));
  const durations = Float64Array.from(g.names, (name) => byName.get(name)!);
  const bottom = graph.bottomLevels(Object.fromEntries(byName));
  const levels = Float64Array.from(g.names, (name) => bottom.get(name)!);
  const none = new Uint8Array(g.n);
  return { graph, g, byName, durations, levels, fresh: { skip: none, done: none, inFlight: [] } };
}

/** Makespan of the list schedule by `priority`, each child costing SLOT_COST_MS more. */
function makespan(g: CompiledGraph, durations: Float64Array, priority: Float64Array): number {
  const cost = Float64Array.from(durations, (d) => d + SLOT_COST_MS);
  const none = new Uint8Array(g.n);
  return listSchedule(g, cost, N, 'critical-path-first', priority, none, none, []).makespan;
}

interface Running {
  name: string;
  end: number;
}

/**
 * Runs a tracker on N slots, each child costing SLOT_COST_MS more than its build, from `running`
 * at `now`: to the end, or until `stopAfter` packages were started. Returns where it stopped.
 */
function runTracker(
  tracker: ReadyTracker,
  byName: Map<string, number>,
  from: { running?: Running[]; now?: number; stopAfter?: number } = {},
): { makespan: number; order: string[]; running: Running[] } {
  const running = [...(from.running ?? [])];
  const order: string[] = [];
  let now = from.now ?? 0;
  for (;;) {
    for (let name; running.length < N && (name = tracker.nextReady()) !== undefined;) {
      order.push(name);
      running.push({ name, end: now + byName.get(name)! + SLOT_COST_MS });
    }
    if (running.length === 0 || order.length >= (from.stopAfter ?? Infinity)) {
      return { makespan: now, order, running };
    }
    running.sort((a, b) => a.end - b.end);
    const next = running.shift()!;
    now = next.end;
    tracker.complete(next.name);
  }
}

describe('tunePriorities', () => {
  it("shortens the benchmark's 50-package work-bound schedule and never lengthens one of 30 seeded sets", () => {
    const bench = setUp(syntheticMonorepo(50, 6, 12));
    const bound = lowerBound(syntheticMonorepo(50, 6, 12), N);
    const tuned = tunePriorities(bench.g, bench.durations, bench.levels, N, bench.fresh);
    const before = makespan(bench.g, bench.durations, bench.levels) / bound;
    const after = makespan(bench.g, bench.durations, tuned) / bound;
    expect(before).toBeGreaterThan(1.025);
    expect(after).toBeLessThan(before - 0.005);

    let shorter = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const s = setUp(syntheticMonorepo(30 + seed, 5, seed));
      const base = makespan(s.g, s.durations, s.levels);
      const m = makespan(s.g, s.durations, tunePriorities(s.g, s.durations, s.levels, N, s.fresh));
      expect(m).toBeLessThanOrEqual(base);
      if (m < base) shorter++;
    }
    expect(shorter).toBeGreaterThan(15);
  });

  it('is deterministic: the same run gets the same priorities', () => {
    const s = setUp(syntheticMonorepo(50, 6, 3));
    const a = tunePriorities(s.g, s.durations, s.levels, N, s.fresh);
    const b = tunePriorities(s.g, s.durations, s.levels, N, s.fresh);
    expect(a).not.toBe(s.levels);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('keeps the bottom levels when every package gets a slot or the slots are unlimited', () => {
    const s = setUp(syntheticMonorepo(12, 3, 1));
    expect(tunePriorities(s.g, s.durations, s.levels, 12, s.fresh)).toBe(s.levels);
    expect(tunePriorities(s.g, s.durations, s.levels, Infinity, s.fresh)).toBe(s.levels);
  });
});

describe('ReadyTracker with tuneForSlots', () => {
  const packages = syntheticMonorepo(50, 6, 12);

  it('starts packages in the tuned order: its run is as short as the tuned simulation, shorter than untuned', () => {
    const s = setUp(packages);
    const tuned = tunePriorities(s.g, s.durations, s.levels, N, s.fresh);
    const plain = runTracker(new ReadyTracker(s.graph, { durations: s.byName }), s.byName);
    const withTuning = runTracker(
      new ReadyTracker(s.graph, { durations: s.byName, tuneForSlots: N }),
      s.byName,
    );
    expect(withTuning.makespan).toBe(makespan(s.g, s.durations, tuned));
    expect(plain.makespan).toBe(makespan(s.g, s.durations, s.levels));
    expect(withTuning.makespan).toBeLessThan(plain.makespan);
  });

  it('charges each child the slot cost it is given: none when the durations already include it (history)', () => {
    const s = setUp(packages);
    const withoutCost = tunePriorities(s.g, s.durations, s.levels, N, s.fresh, 0);
    expect(Array.from(withoutCost)).not.toEqual(
      Array.from(tunePriorities(s.g, s.durations, s.levels, N, s.fresh)),
    );
    const tracker = new ReadyTracker(s.graph, { durations: s.byName, tuneForSlots: N, slotCostMs: 0 });
    tracker.nextReady();
    expect(tracker.toJSON().priorities).toEqual(Array.from(withoutCost));
  });

  it('keeps its tuned order across toJSON / fromJSON (continue-as-new), and refuses bad priorities', () => {
    const s = setUp(packages);
    const original = new ReadyTracker(s.graph, { durations: s.byName, tuneForSlots: N });
    // Part of a run: 20 packages started, 4 of them still running.
    const part = runTracker(original, s.byName, { stopAfter: 20 });
    expect(part.running).toHaveLength(N);
    const json = original.toJSON();
    expect(json.priorities).toHaveLength(50);
    const restored = ReadyTracker.fromJSON(s.graph, JSON.parse(JSON.stringify(json)));
    const now = part.running[0]!.end - 1;
    const rest = runTracker(restored, s.byName, { running: part.running, now });
    expect(rest.order).toEqual(runTracker(original, s.byName, { running: part.running, now }).order);
    expect(rest.order).toHaveLength(30);

    expect(() => ReadyTracker.fromJSON(s.graph, { ...json, priorities: [1, 2] })).toThrow(
      /priorities must have one finite number per package/,
    );
    expect(() =>
      ReadyTracker.fromJSON(s.graph, { ...json, priorities: json.priorities!.map((p, i) => (i ? p : null)) }),
    ).toThrow(/priorities/);
    // A tracker saved before the tuning existed has no priorities: plain bottom levels.
    const { priorities: _, ...old } = json;
    expect(() => ReadyTracker.fromJSON(s.graph, old)).not.toThrow();
  });

  it('prepareOrder fixes the tuned order at that point of the run, whatever happens before the first take', () => {
    const s = setUp(packages);
    const tracker = new ReadyTracker(s.graph, { durations: s.byName, tuneForSlots: N });
    tracker.prepareOrder();
    const first = tracker.snapshot().ready;
    for (const name of first) tracker.start(name);
    for (const name of first) tracker.complete(name);
    tracker.nextReady();
    expect(tracker.toJSON().priorities).toEqual(
      Array.from(tunePriorities(s.g, s.durations, s.levels, N, s.fresh)),
    );
  });

  it('tunes only what is left of a run: completed packages stay done, running ones hold their slots', () => {
    const s = setUp(packages);
    const tracker = new ReadyTracker(s.graph, { durations: s.byName, tuneForSlots: N });
    // A retried run: the first layer already built (as a seed marks it), before any order is asked.
    const firstLayer = packages.filter((p) => (p.dependencies ?? []).length === 0).map((p) => p.name);
    for (const name of firstLayer) tracker.complete(name);
    const first = tracker.snapshot().ready[0]!;
    tracker.start(first);
    const { order } = runTracker(tracker, s.byName, { running: [{ name: first, end: 10 }] });
    expect(order.some((name) => firstLayer.includes(name))).toBe(false);
    expect(order).toHaveLength(50 - firstLayer.length - 1);
    expect(tracker.isFinished()).toBe(true);
  });
});
