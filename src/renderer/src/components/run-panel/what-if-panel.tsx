import type { PredictedVsActual, WhatIf } from '../../../../core/run-status';
import { formatDuration } from '../../lib/run-format';

export interface WhatIfPanelProps {
  whatIf: WhatIf;
  /** The run's concurrency. */
  slots: number;
  /** The run's makespan once it finished (start to end of the package loop). */
  actualMs?: number;
  /** After the run: the prediction at its N against what happened (src/core/run-status/what-if.ts). */
  comparison?: PredictedVsActual;
}

/**
 * Predicted makespan at concurrency 1…16 from the schedule simulation (history durations, else
 * estimates), the lower bound beside it, the point where more slots stop helping, and after the
 * run the prediction at its N against what happened.
 */
export function WhatIfPanel({ whatIf, slots, actualMs, comparison }: WhatIfPanelProps) {
  const longest = Math.max(1, ...whatIf.rows.map((r) => r.makespanMs));
  const predicted = whatIf.rows.find((r) => r.slots === slots);
  return (
    <section className="card what-if" aria-label="What if" data-testid="what-if">
      <div className="card__header">
        <h2>What if: concurrency</h2>
      </div>
      <p className="muted what-if__note">
        More than <strong data-testid="what-if-saturation">{whatIf.saturationSlots}</strong> slot
        {whatIf.saturationSlots === 1 ? '' : 's'} stop helping.
        {comparison ? null : predicted && actualMs !== undefined ? (
          <>
            {' '}
            At N = {slots}: predicted {formatDuration(predicted.makespanMs)}, actual{' '}
            {formatDuration(actualMs)}.
          </>
        ) : null}
      </p>
      {comparison ? (
        <p className="what-if__actual" data-testid="what-if-actual">
          After the run, at N = {comparison.slots}: predicted{' '}
          <strong data-testid="what-if-predicted-ms" data-ms={comparison.predictedMs}>
            {formatDuration(comparison.predictedMs)}
          </strong>
          , actual{' '}
          <strong data-testid="what-if-actual-ms" data-ms={comparison.actualMs}>
            {formatDuration(comparison.actualMs)}
          </strong>{' '}
          ({comparison.error >= 0 ? '+' : '−'}
          {Math.round(Math.abs(comparison.error) * 100)} %). With this run&apos;s own build times the schedule
          would take {formatDuration(comparison.replayedMs)}
          {comparison.overheadMs > 0
            ? `: ${formatDuration(comparison.overheadMs)} went to scheduling, workers and the server.`
            : '.'}
        </p>
      ) : null}
      <table className="what-if__table">
        <thead>
          <tr>
            <th scope="col">N</th>
            <th scope="col">Predicted</th>
            <th scope="col">Lower bound</th>
            <th scope="col" className="what-if__bar-col">
              <span className="visually-hidden">Bar</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {whatIf.rows.map((row) => (
            <tr
              key={row.slots}
              className={[
                row.slots === slots ? 'what-if__row--current' : '',
                row.slots === whatIf.saturationSlots ? 'what-if__row--saturation' : '',
              ].join(' ')}
            >
              <th scope="row">{row.slots}</th>
              <td>{formatDuration(row.makespanMs)}</td>
              <td className="muted">{formatDuration(row.lowerBoundMs)}</td>
              <td className="what-if__bar-col">
                <span className="what-if__bar" style={{ width: `${(100 * row.makespanMs) / longest}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
