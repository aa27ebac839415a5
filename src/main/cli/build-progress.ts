/**
 * What `build` prints while a run goes: the orchestration state the RunMonitor delivers (the
 * workflow's own query answer), as counts — done / failed / blocked / in flight / queued — and an
 * ETA from the graph engine's scheduling simulation over the run's own estimates (`state.eta`), the
 * same estimate the dashboard shows. A terminal gets one status line redrawn in place plus a line
 * per finished package; anything else (CI logs, pipes) gets plain lines, one per change.
 */
import type { DependencyGraph } from '../../core/graph/dependency-graph';
import { fillUnknownEstimates } from '../../core/graph/pace';
import { estimateCompletion } from '../../core/graph/schedule-simulation';
import type { OrchestrationState } from '../../core/orchestration/orchestration-state';
import type { RunStateUpdate } from '../run-monitor/run-monitor';

/** `0.4s`, `12.3s`, `1:05`, `12:00`, `1:02:03`. */
export function formatDuration(ms: number): string {
  if (ms < 59_950) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * Milliseconds until the run's remaining packages are built (the simulation of the rest of the run
 * with the run's estimates and N slots), or undefined when it cannot tell (the graph does not match
 * the state, or the loop is over).
 */
export function remainingMs(
  graph: DependencyGraph | undefined,
  state: OrchestrationState,
  now: number,
): number | undefined {
  if (!graph || state.phase === 'finished' || state.phase === 'awaiting-retry') return undefined;
  // Packages no earlier run built take this run's median so far; before any finished, no ETA.
  const estimates = fillUnknownEstimates(
    state.eta.estimatedDurationsMs,
    graph.nodes().map((n) => n.name),
    state.completed.map((c) => c.durationMs),
  );
  if (!estimates) return undefined;
  try {
    const estimate = estimateCompletion(
      graph,
      estimates,
      Math.max(1, state.concurrency.max),
      state.active.map((a) => ({ name: a.name, elapsedMs: Math.max(0, now - Date.parse(a.startedAt)) })),
      {
        completed: state.completed.map((c) => c.name),
        excluded: [...state.failed.map((f) => f.name), ...state.blocked.map((b) => b.name)],
        policy: state.eta.policy,
      },
    );
    return estimate.remainingMs;
  } catch {
    return undefined;
  }
}

/** `12/20 done · 2 skipped · 1 failed · 3 blocked · 4 in flight · 0 queued · ETA 0:08` */
export function statusLine(state: OrchestrationState, eta: number | undefined): string {
  const t = state.totals;
  const parts = [
    `${t.completed}/${t.packages} done`,
    ...(t.skipped ? [`${t.skipped} skipped`] : []),
    `${t.failed} failed`,
    `${t.blocked} blocked`,
    `${t.active} in flight`,
    `${t.queued} queued`,
  ];
  if (state.phase === 'awaiting-retry') parts.push('waiting for a retry');
  else if (state.phase !== 'finished')
    parts.push(eta === undefined ? 'ETA after a first build' : `ETA ${formatDuration(eta)}`);
  return parts.join(' · ');
}

/** The lines a change adds to the log: one per package that started, finished, failed or got blocked. */
export function changeLines(update: RunStateUpdate): string[] {
  const { diff, state } = update;
  const lines: string[] = [];
  for (const name of diff.started) {
    const attempt = state.active.find((a) => a.name === name)?.attempt ?? 1;
    lines.push(`  → ${name}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
  }
  for (const name of diff.completed) {
    const done = state.completed.find((c) => c.name === name);
    lines.push(`  ✓ ${name}${done ? ` ${formatDuration(done.durationMs)}` : ''}`);
  }
  // A package without the requested scripts: nothing ran, its dependents go on.
  for (const name of diff.skipped) lines.push(`  – ${name} skipped (none of the scripts)`);
  for (const name of diff.failed) {
    const failed = state.failed.find((f) => f.name === name);
    lines.push(`  ✗ ${name}${failed ? `: ${failed.error}` : ''}`);
  }
  for (const name of diff.blocked) {
    const blocked = state.blocked.find((b) => b.name === name);
    lines.push(`  ⊘ ${name}${blocked ? ` blocked by ${blocked.blockedBy}` : ''}`);
  }
  return lines;
}

/** Where progress goes: plain lines, or a terminal whose last line is redrawn. */
export interface ProgressSink {
  out: (line: string) => void;
  /** Set for a terminal: writes raw text (the status line is redrawn with \r and a clear). */
  tty?: { write: (text: string) => void; columns?: () => number | undefined };
}

/**
 * Prints a run's progress. `update` for each monitor update; `tick` redraws the status line (a
 * terminal's ETA counts down between changes); `end` leaves the terminal on a clean line.
 */
export class BuildProgress {
  private last: OrchestrationState | undefined;
  private lastPlain = '';
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly graph: DependencyGraph | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  update(update: RunStateUpdate): void {
    // Before the graph is loaded the state counts no packages: nothing to say yet.
    if (update.state.totals.packages === 0 && update.state.phase === 'building') return;
    this.last = update.state;
    const lines = changeLines(update);
    const status = statusLine(update.state, remainingMs(this.graph, update.state, this.now()));
    if (this.sink.tty) {
      this.clear();
      for (const line of lines) this.sink.tty.write(`${line}\n`);
      this.draw(status);
      return;
    }
    for (const line of lines) this.sink.out(line);
    // A plain log gets the counts only when they changed (not for every query answer).
    if (status !== this.lastPlain) this.sink.out(`[${update.state.phase}] ${status}`);
    this.lastPlain = status;
  }

  tick(): void {
    if (!this.sink.tty || !this.last) return;
    this.clear();
    this.draw(statusLine(this.last, remainingMs(this.graph, this.last, this.now())));
  }

  end(): void {
    this.clear();
  }

  private draw(status: string): void {
    // A line wider than the terminal would wrap, and the clear would then erase only its last row.
    const width = this.sink.tty?.columns?.();
    const line = width && status.length >= width ? `${status.slice(0, Math.max(1, width - 2))}…` : status;
    this.sink.tty?.write(`\x1b[2K\r${line}`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.sink.tty?.write('\x1b[2K\r');
    this.drawn = false;
  }
}
