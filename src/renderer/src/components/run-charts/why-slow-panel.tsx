import type { SlownessReport } from '../../../../core/graph';
import { formatDuration } from '../../lib/run-format';

export interface WhySlowPanelProps {
  slowness: SlownessReport;
  slots: number;
  onSelect: (name: string) => void;
  selected: string | null;
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/**
 * Why the run took as long as it did, from core's timeline (src/core/graph/run-timeline.ts): how
 * busy the N slots were, how much idle slot time the critical path caused, the critical path's
 * share of the makespan, and the ten slowest packages (a click selects one).
 */
export function WhySlowPanel({ slowness, slots, onSelect, selected }: WhySlowPanelProps) {
  return (
    <section className="card why-slow" aria-label="Why was it slow" data-testid="why-slow">
      <div className="card__header">
        <h2>Why was it slow?</h2>
      </div>
      <dl className="run-facts">
        <dt>Slot utilisation</dt>
        <dd data-testid="slot-utilisation">
          {percent(slowness.slotUtilisation)} of {slots} slot{slots === 1 ? '' : 's'}
        </dd>
        <dt>Idle slot time</dt>
        <dd data-testid="idle-slot-time">{formatDuration(slowness.idleSlotMs)}</dd>
        <dt title="Idle slot time while a critical-path package built and nothing else was ready to start">
          …caused by the critical path
        </dt>
        <dd data-testid="idle-critical">
          {formatDuration(slowness.idleOnCriticalPathMs)}
          {slowness.idleSlotMs > 0 ? (
            <span className="muted">
              {' '}
              ({percent(slowness.idleOnCriticalPathMs / slowness.idleSlotMs)} of idle)
            </span>
          ) : null}
        </dd>
        <dt>Critical path</dt>
        <dd data-testid="critical-share">
          {formatDuration(slowness.criticalPath.lengthMs)} · {percent(slowness.criticalPathShare)} of{' '}
          {formatDuration(slowness.makespanMs)}
        </dd>
      </dl>
      <h3 className="why-slow__title">
        The {slowness.slowest.length} slowest package{slowness.slowest.length === 1 ? '' : 's'}
      </h3>
      <ol className="why-slow__list">
        {slowness.slowest.map((s) => (
          <li key={s.name} data-testid="slowest-item" data-package={s.name}>
            <button
              type="button"
              className={`why-slow__item ${selected === s.name ? 'why-slow__item--selected' : ''}`}
              onClick={() => onSelect(s.name)}
            >
              <span className="why-slow__name">{s.name}</span>
              <span className="why-slow__time">{formatDuration(s.durationMs)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
