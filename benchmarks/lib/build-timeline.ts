/**
 * Reads the timeline a peers-benchmark workspace's builds append to (`<package> start|end <epoch ns>`)
 * and checks it: every package built exactly once, never before one of its dependencies ended.
 * From it: when the first build started, when the last ended, and how many ran at once at most —
 * the proof that a tool really kept N builds in flight.
 */
import { readFileSync } from 'node:fs';
import type { PeerPackage } from './peer-workspaces';

/** One build as the timeline saw it, in epoch milliseconds. */
export interface TimelineBuild {
  name: string;
  startMs: number;
  endMs: number;
}

/** What one tool's run did, read from its timeline. */
export interface TimelineSummary {
  builds: TimelineBuild[];
  firstStartMs: number;
  lastEndMs: number;
  maxInFlight: number;
}

/** Parses and checks `file` against the workspace's packages; throws naming the first problem. */
export function readTimeline(file: string, packages: readonly PeerPackage[]): TimelineSummary {
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const [index, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    const match = /^(\S+) (start|end) (\d+)$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: not a timeline line: ${JSON.stringify(line)}`);
    const seen = match[2] === 'start' ? starts : ends;
    if (seen.has(match[1]!)) throw new Error(`${file}: ${match[1]} ${match[2]}ed twice (built twice?)`);
    seen.set(match[1]!, Number(BigInt(match[3]!) / 1000n) / 1000);
  }
  const builds = packages.map((pkg): TimelineBuild => {
    const startMs = starts.get(pkg.name);
    const endMs = ends.get(pkg.name);
    if (startMs === undefined || endMs === undefined) throw new Error(`${file}: ${pkg.name} was not built`);
    return { name: pkg.name, startMs, endMs };
  });
  if (starts.size !== packages.length) throw new Error(`${file}: builds of packages outside the workspace`);
  const byName = new Map(builds.map((b) => [b.name, b]));
  for (const pkg of packages) {
    const build = byName.get(pkg.name)!;
    for (const dep of pkg.dependencies) {
      if (build.startMs < byName.get(dep)!.endMs) {
        throw new Error(`${file}: ${pkg.name} started before its dependency ${dep} had ended`);
      }
    }
  }
  return {
    builds,
    firstStartMs: Math.min(...builds.map((b) => b.startMs)),
    lastEndMs: Math.max(...builds.map((b) => b.endMs)),
    maxInFlight: maxInFlight(builds),
  };
}

/** The most builds running at one instant (a build ending when another starts does not overlap it). */
export function maxInFlight(builds: readonly TimelineBuild[]): number {
  const events = builds.flatMap((b) => [
    { at: b.startMs, delta: 1 },
    { at: b.endMs, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let most = 0;
  for (const event of events) {
    current += event.delta;
    most = Math.max(most, current);
  }
  return most;
}
