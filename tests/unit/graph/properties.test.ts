import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DependencyGraph, ReadyTracker, estimateCompletion, simulateSchedule } from '../../../src/core/graph';
import type { DependencyKind } from '../../../src/core/graph';

/**
 * Property tests on random graphs. Runs are bounded (and graphs small where a brute force is
 * exponential) so the file stays within a few seconds.
 */
const RUNS = { numRuns: 150 };

/** A random graph description: `edges` are [dependent, dependency] pairs of node numbers. */
interface RandomGraph {
  n: number;
  insertion: number[];
  edges: Array<[number, number, DependencyKind]>;
  durations: number[];
}

const KIND = fc.constantFrom<DependencyKind>('dependency', 'dev', 'peer', 'optional');
const name = (i: number): string => `p${i}`;

/** Random DAG: an edge always goes from a higher to a lower node number; insertion order is shuffled. */
function dagArb(maxNodes: number, maxEdgeFactor = 3): fc.Arbitrary<RandomGraph> {
  return fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      insertion: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      edges: fc
        .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), KIND), { maxLength: n * maxEdgeFactor })
        .map((pairs) =>
          pairs
            .filter(([a, b]) => a !== b)
            .map(([a, b, k]): [number, number, DependencyKind] => [Math.max(a, b), Math.min(a, b), k]),
        ),
      durations: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
    }),
  );
}

/** Random directed graph, cycles and self-dependencies allowed. */
function anyGraphArb(maxNodes: number): fc.Arbitrary<RandomGraph> {
  return fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      insertion: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      // Between about 0.5 and 1.5 edges per node: sparse enough for long cycles, dense enough for knots.
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), KIND), {
        minLength: Math.ceil(n / 2),
        maxLength: Math.ceil(n * 1.5),
      }),
      durations: fc.constant(new Array<number>(n).fill(1)),
    }),
  );
}

function build(r: RandomGraph): DependencyGraph {
  const g = new DependencyGraph();
  for (const i of r.insertion) g.addNode({ name: name(i), estimatedDurationMs: r.durations[i]! });
  for (const [from, to, kind] of r.edges) g.addDependency(name(from), name(to), kind);
  return g;
}

/** Packages transitively depending on `root` (excluding it), by a plain DFS over dependentsOf. */
function transitiveDependents(g: DependencyGraph, root: string): Set<string> {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    for (const w of g.dependentsOf(stack.pop()!)) {
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen;
}

/** Brute-force readiness: not completed, and every dependency completed. */
function bruteReady(g: DependencyGraph, completed: Set<string>): Set<string> {
  return new Set(
    g
      .nodes()
      .map((n) => n.name)
      .filter((v) => !completed.has(v) && g.dependenciesOf(v).every((d) => completed.has(d))),
  );
}

describe('properties on random DAGs', () => {
  it('a topological order is a permutation that respects every edge', () => {
    fc.assert(
      fc.property(dagArb(30), (r) => {
        const g = build(r);
        const order = g.topologicalSort();
        expect(new Set(order).size).toBe(r.n);
        const pos = new Map(order.map((v, i) => [v, i]));
        for (const e of g.edges()) expect(pos.get(e.to)!).toBeLessThan(pos.get(e.from)!);
        expect(g.detectCycles()).toEqual([]);
      }),
      RUNS,
    );
  });

  it('layers put every package exactly one below its deepest dependency', () => {
    fc.assert(
      fc.property(dagArb(30), (r) => {
        const g = build(r);
        const layerOf = new Map<string, number>();
        g.layers().forEach((layer, k) => layer.forEach((v) => layerOf.set(v, k)));
        for (const v of layerOf.keys()) {
          const deps = g.dependenciesOf(v).map((d) => layerOf.get(d)!);
          expect(layerOf.get(v)).toBe(deps.length === 0 ? 0 : Math.max(...deps) + 1);
        }
      }),
      RUNS,
    );
  });

  it('ready = exactly the packages whose dependencies are all complete, at every step of a run', () => {
    fc.assert(
      fc.property(dagArb(25), fc.infiniteStream(fc.nat()), (r, choices) => {
        const g = build(r);
        const t = new ReadyTracker(g);
        const completed = new Set<string>();
        const it = choices[Symbol.iterator]();
        while (!t.isFinished()) {
          const snap = t.snapshot();
          const expected = bruteReady(g, completed);
          expect(new Set(g.getReadyNodes(completed))).toEqual(expected);
          expect(new Set([...snap.ready, ...snap.running])).toEqual(expected);
          // Randomly either start a ready package or complete a running one.
          const c = it.next().value as number;
          if (snap.ready.length > 0 && (c % 2 === 0 || snap.running.length === 0)) {
            t.start(snap.ready[c % snap.ready.length]!);
          } else {
            const pkg = snap.running[c % snap.running.length]!;
            t.complete(pkg);
            completed.add(pkg);
          }
        }
        expect(completed.size).toBe(r.n);
      }),
      RUNS,
    );
  });

  it('a failure blocks exactly its transitive dependents not blocked before', () => {
    fc.assert(
      fc.property(dagArb(25), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (r, choices) => {
        const g = build(r);
        const t = new ReadyTracker(g);
        const blockedSoFar = new Set<string>();
        for (const c of choices) {
          const snap = t.snapshot();
          const active = [...snap.ready, ...snap.running];
          if (active.length === 0) break;
          const pkg = active[c % active.length]!;
          if (c % 3 === 0) {
            const blocked = t.fail(pkg, `error ${c}`);
            const expected = [...transitiveDependents(g, pkg)].filter((v) => !blockedSoFar.has(v));
            expect(new Set(blocked.map((b) => b.name))).toEqual(new Set(expected));
            expect(blocked.length).toBe(expected.length);
            for (const b of blocked) {
              expect(b.blockedBy).toBe(pkg);
              expect(t.stateOf(b.name)).toBe('blocked');
              blockedSoFar.add(b.name);
            }
          } else {
            if (t.stateOf(pkg) === 'ready') t.start(pkg);
            t.complete(pkg);
          }
        }
        // Retry re-opens exactly the failed and blocked ones and the run can then finish.
        const snap = t.snapshot();
        const reopened = t.retryFailed();
        expect(new Set(reopened)).toEqual(new Set([...snap.failed.map((f) => f.name), ...blockedSoFar]));
        for (let pkg = t.nextReady(); pkg; pkg = t.nextReady()) t.complete(pkg);
        for (const pkg of t.snapshot().running) t.complete(pkg);
        while (!t.isFinished()) t.complete(t.nextReady()!);
        expect(t.counts().completed).toBe(r.n);
      }),
      RUNS,
    );
  });

  it('the critical path equals the brute-force longest path on small graphs', () => {
    fc.assert(
      fc.property(dagArb(8, 2), (r) => {
        const g = build(r);
        const dur = (v: string): number => r.durations[Number(v.slice(1))]!;
        // Enumerate every path (graphs are tiny): longest path starting at v.
        const longestFrom = (v: string): number =>
          Math.max(0, ...g.dependentsOf(v).map(longestFrom)) + dur(v);
        const brute = Math.max(...g.nodes().map((n) => longestFrom(n.name)));
        const cp = g.criticalPath();
        expect(cp.length).toBe(brute);
        expect(cp.path.reduce((sum, v) => sum + dur(v), 0)).toBe(brute);
        for (let i = 1; i < cp.path.length; i++)
          expect(g.dependenciesOf(cp.path[i]!)).toContain(cp.path[i - 1]);
      }),
      RUNS,
    );
  });

  it('the JSON round trip is lossless for graphs and for trackers mid-run', () => {
    fc.assert(
      fc.property(dagArb(30), fc.nat(30), (r, steps) => {
        const g = build(r);
        const back = DependencyGraph.fromJSON(JSON.parse(JSON.stringify(g)));
        expect(back.toJSON()).toEqual(g.toJSON());
        expect(back.nodes()).toEqual(g.nodes());
        expect(back.edges()).toEqual(g.edges());
        expect(back.topologicalSort()).toEqual(g.topologicalSort());
        for (const n of g.nodes()) expect(back.dependentsOf(n.name)).toEqual(g.dependentsOf(n.name));

        const t = new ReadyTracker(g);
        for (let i = 0; i < steps && !t.isFinished(); i++) {
          const pkg = t.nextReady('fifo');
          if (pkg && i % 4 === 3) t.fail(pkg, 'x');
          else if (pkg) t.complete(pkg);
        }
        const restored = ReadyTracker.fromJSON(back, JSON.parse(JSON.stringify(t)));
        expect(restored.snapshot()).toEqual(t.snapshot());
        expect(restored.toJSON()).toEqual(t.toJSON());
        for (let pkg = t.nextReady(); pkg; pkg = t.nextReady()) {
          expect(restored.nextReady()).toBe(pkg);
          expect(restored.complete(pkg)).toEqual(t.complete(pkg));
        }
      }),
      RUNS,
    );
  });

  it('a simulated schedule respects dependencies and slots and is never below the lower bound', () => {
    fc.assert(
      fc.property(dagArb(25), fc.integer({ min: 1, max: 5 }), fc.boolean(), (r, slots, fifo) => {
        const g = build(r);
        const sim = simulateSchedule(g, undefined, slots, fifo ? 'fifo' : 'critical-path-first');
        expect(sim.schedule).toHaveLength(r.n);
        const at = new Map(sim.schedule.map((s) => [s.name, s]));
        for (const e of g.edges()) expect(at.get(e.from)!.start).toBeGreaterThanOrEqual(at.get(e.to)!.finish);
        for (const s of sim.schedule) {
          const overlapping = sim.schedule.filter((o) => o.start <= s.start && s.start < o.finish);
          expect(overlapping.length).toBeLessThanOrEqual(slots);
        }
        expect(sim.makespan).toBeGreaterThanOrEqual(sim.lowerBound - 1e-9);
        if (slots === 1) expect(sim.makespan).toBe(sim.totalWork);
        expect(
          estimateCompletion(g, undefined, slots, [], { policy: fifo ? 'fifo' : 'critical-path-first' })
            .remainingMs,
        ).toBe(sim.makespan);
      }),
      RUNS,
    );
  });
});

describe('properties on random graphs with cycles', () => {
  it('finds a cycle exactly when there is one, and each reported cycle is a shortest one', () => {
    fc.assert(
      fc.property(anyGraphArb(12), (r) => {
        const g = build(r);
        const names = g.nodes().map((n) => n.name);
        const n = names.length;
        const idx = new Map(names.map((v, i) => [v, i]));
        // Floyd–Warshall over dependency edges: dist[i][j] = fewest edges from i to j.
        const dist = names.map(() => new Array<number>(n).fill(Infinity));
        for (const e of g.edges()) dist[idx.get(e.from)!]![idx.get(e.to)!] = 1;
        for (let k = 0; k < n; k++)
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) dist[i]![j] = Math.min(dist[i]![j]!, dist[i]![k]! + dist[k]![j]!);
        const onCycle = names.filter((_, i) => dist[i]![i]! < Infinity);
        const cycles = g.detectCycles();
        expect(new Set(cycles.flatMap((c) => c.component))).toEqual(new Set(onCycle));
        expect(cycles.length === 0).toBe(onCycle.length === 0);
        for (const c of cycles) {
          const members = c.component.map((v) => idx.get(v)!);
          // Same component: every pair reaches each other.
          for (const a of members)
            for (const b of members) if (a !== b) expect(dist[a]![b]).toBeLessThan(Infinity);
          expect(c.componentSize).toBe(members.length);
          // A real closed path made of existing edges…
          expect(c.cycle[0]).toBe(c.cycle.at(-1));
          for (let i = 1; i < c.cycle.length; i++)
            expect(g.dependenciesOf(c.cycle[i - 1]!)).toContain(c.cycle[i]);
          // …of the shortest length found in the component.
          const girth = Math.min(...members.map((v) => dist[v]![v]!));
          expect(c.cycle.length - 1).toBe(girth);
          expect(c.shortest).toBe(true);
        }
        if (cycles.length > 0) expect(() => g.validate()).toThrow(/^Dependency cycle: /);
        else expect(() => g.validate()).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
