/**
 * The dependency tracker of the hand-written reference PackageBuilder (issue 12, "Equivalence with a
 * hand-written workflow"): which packages are pending, ready, running, completed, failed or blocked,
 * and which ready package goes next. Written from the milestone-5 pseudo-code (`getReadyPackages`,
 * `markCompleted`); it deliberately imports nothing from src/core, so the benchmark compares the
 * compiled PackageBuilder (which uses the app's graph engine) with code a Temporal user would write.
 *
 * Plain TypeScript without I/O: it runs inside the workflow sandbox.
 */

/** A package as the reference takes it in its input. */
export interface ReferencePackage {
  name: string;
  dependencies?: string[];
  /** Declared build time (ms): orders critical-path-first when no history estimate is given. */
  estimatedDurationMs?: number;
}

export type PackageStatus = 'pending' | 'ready' | 'running' | 'completed' | 'failed' | 'blocked';

/** The duration a package with neither history nor a declared estimate weighs (one hop). */
const UNKNOWN_DURATION_MS = 1;

export class DependencyTracker {
  readonly status = new Map<string, PackageStatus>();
  readonly blockedBy = new Map<string, string>();
  readonly errors = new Map<string, string>();
  /** Dependencies not completed yet, per package. */
  private readonly missing = new Map<string, number>();
  private readonly dependents = new Map<string, string[]>();
  /** Longest path of build time from a package to the end of the graph (critical-path-first key). */
  readonly bottomLevel = new Map<string, number>();
  /** Order in which packages became ready: ties of the bottom level go to the one ready first. */
  private readonly readySeq = new Map<string, number>();
  private nextSeq = 0;
  readonly edgeCount: number;

  /** Throws an Error naming the problem on a duplicate, an unknown dependency or a cycle. */
  constructor(
    readonly packages: readonly ReferencePackage[],
    estimatesMs: Readonly<Record<string, number>> = {},
  ) {
    let edges = 0;
    for (const p of packages) {
      if (this.status.has(p.name)) throw new Error(`Package "${p.name}" is listed twice`);
      this.status.set(p.name, 'pending');
      this.dependents.set(p.name, []);
    }
    for (const p of packages) {
      const deps = [...new Set(p.dependencies ?? [])];
      for (const d of deps) {
        if (!this.status.has(d)) throw new Error(`Package "${p.name}" depends on unknown package "${d}"`);
        this.dependents.get(d)!.push(p.name);
      }
      edges += deps.length;
      this.missing.set(p.name, deps.length);
    }
    this.edgeCount = edges;
    this.computeBottomLevels(estimatesMs);
    for (const p of packages) if (this.missing.get(p.name) === 0) this.markReady(p.name);
  }

  /**
   * Up to `count` ready packages, highest bottom level first (critical-path-first), marked running:
   * the pseudo-code's `getReadyPackages(availableSlots)`.
   */
  takeReady(count: number): string[] {
    const ready = [...this.status].filter(([, s]) => s === 'ready').map(([name]) => name);
    ready.sort(
      (a, b) =>
        this.bottomLevel.get(b)! - this.bottomLevel.get(a)! || this.readySeq.get(a)! - this.readySeq.get(b)!,
    );
    const taken = ready.slice(0, Math.max(0, count));
    for (const name of taken) this.status.set(name, 'running');
    return taken;
  }

  /** Ready packages in the order `takeReady` would start them (the query's queue). */
  queue(): string[] {
    const ready = [...this.status].filter(([, s]) => s === 'ready').map(([name]) => name);
    return ready.sort(
      (a, b) =>
        this.bottomLevel.get(b)! - this.bottomLevel.get(a)! || this.readySeq.get(a)! - this.readySeq.get(b)!,
    );
  }

  /** The pseudo-code's `markCompleted`: dependents whose last dependency this was become ready. */
  markCompleted(name: string): void {
    this.status.set(name, 'completed');
    for (const d of this.dependents.get(name)!) {
      const left = this.missing.get(d)! - 1;
      this.missing.set(d, left);
      if (left === 0 && this.status.get(d) === 'pending') this.markReady(d);
    }
  }

  /** A failed package blocks everything that depends on it, transitively (first blocker kept). */
  markFailed(name: string, error: string): void {
    this.status.set(name, 'failed');
    this.errors.set(name, error);
    const stack = [name];
    while (stack.length > 0) {
      for (const d of this.dependents.get(stack.pop()!)!) {
        if (this.status.get(d) !== 'pending') continue;
        this.status.set(d, 'blocked');
        this.blockedBy.set(d, name);
        stack.push(d);
      }
    }
  }

  /** True while a package is ready or running: the loop has work. */
  hasWork(): boolean {
    for (const s of this.status.values()) if (s === 'ready' || s === 'running') return true;
    return false;
  }

  count(status: PackageStatus): number {
    let n = 0;
    for (const s of this.status.values()) if (s === status) n++;
    return n;
  }

  /** Names in `status`, in input order. */
  named(status: PackageStatus): string[] {
    return this.packages.map((p) => p.name).filter((name) => this.status.get(name) === status);
  }

  private markReady(name: string): void {
    this.status.set(name, 'ready');
    this.readySeq.set(name, this.nextSeq++);
  }

  /** Bottom levels in reverse topological order (Kahn's algorithm); a package left over is on a cycle. */
  private computeBottomLevels(estimatesMs: Readonly<Record<string, number>>): void {
    const duration = (p: ReferencePackage): number =>
      (Object.hasOwn(estimatesMs, p.name) ? estimatesMs[p.name] : undefined) ??
      p.estimatedDurationMs ??
      UNKNOWN_DURATION_MS;
    const byName = new Map(this.packages.map((p) => [p.name, p]));
    const left = new Map(this.packages.map((p) => [p.name, this.dependents.get(p.name)!.length]));
    const sinks = this.packages.filter((p) => left.get(p.name) === 0).map((p) => p.name);
    while (sinks.length > 0) {
      const name = sinks.pop()!;
      const p = byName.get(name)!;
      const below = Math.max(0, ...this.dependents.get(name)!.map((d) => this.bottomLevel.get(d)!));
      this.bottomLevel.set(name, duration(p) + below);
      for (const dep of new Set(p.dependencies ?? [])) {
        const l = left.get(dep)! - 1;
        left.set(dep, l);
        if (l === 0) sinks.push(dep);
      }
    }
    if (this.bottomLevel.size < this.packages.length) {
      const onCycle = this.packages.filter((p) => !this.bottomLevel.has(p.name)).map((p) => p.name);
      throw new Error(`Dependency cycle among: ${onCycle.join(', ')}`);
    }
  }
}
