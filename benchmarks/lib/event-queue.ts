/**
 * Min-heap of (time, name) events for the benchmark's simulated runs. Deliberately independent of
 * the engine's own heap so that the "tracker vs recompute" comparison measures only the tracker.
 */
export class EventQueue {
  private readonly times: number[] = [];
  private readonly names: string[] = [];

  /** Number of pending events. */
  get size(): number {
    return this.times.length;
  }

  /** Adds an event. */
  push(time: number, name: string): void {
    const { times, names } = this;
    let i = times.length;
    times.push(time);
    names.push(name);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((times[parent] as number) <= time) break;
      times[i] = times[parent] as number;
      names[i] = names[parent] as string;
      i = parent;
    }
    times[i] = time;
    names[i] = name;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.times.length > 0 ? (this.times[0] as number) : Infinity;
  }

  /** Removes and returns the earliest event's name. */
  pop(): string {
    const { times, names } = this;
    const top = names[0] as string;
    const lastTime = times.pop() as number;
    const lastName = names.pop() as string;
    const n = times.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (times[child + 1] as number) < (times[child] as number)) child++;
      if ((times[child] as number) >= lastTime) break;
      times[i] = times[child] as number;
      names[i] = names[child] as string;
      i = child;
    }
    times[i] = lastTime;
    names[i] = lastName;
    return top;
  }
}
