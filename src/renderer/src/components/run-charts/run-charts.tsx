import { useStore } from 'zustand';
import './run-charts.css';
import type { RunTimeline } from '../../../../core/graph';
import { useRunGraphStores } from '../run-graph/run-graph-context';
import { ConcurrencyChart } from './concurrency-chart';
import { GanttChart } from './gantt-chart';
import { WhySlowPanel } from './why-slow-panel';

export interface RunChartsProps {
  timeline: RunTimeline;
}

/**
 * The run page's charts: builds in flight against N, the Gantt of packages, and why the run was
 * slow. All three read one timeline computed in core; selection is the run store's, shared with
 * the graph and the details panel.
 */
export function RunCharts({ timeline }: RunChartsProps) {
  const { run } = useRunGraphStores();
  const selected = useStore(run, (s) => s.selected);
  const select = (name: string) => run.getState().select(name);
  const anyBuild = timeline.packages.some((p) => p.builds.length > 0);
  return (
    <section className="run-charts" aria-label="Run charts" data-testid="run-charts">
      {anyBuild ? null : (
        <p className="muted" data-testid="run-charts-empty">
          No build has started yet: the charts fill in as packages build.
        </p>
      )}
      <div className="run-charts__top">
        <section className="card run-charts__card">
          <div className="card__header">
            <h2>Concurrency</h2>
          </div>
          <ConcurrencyChart series={timeline.concurrency} startMs={timeline.startMs} slots={timeline.slots} />
        </section>
        <WhySlowPanel
          slowness={timeline.slowness}
          slots={timeline.slots}
          selected={selected}
          onSelect={select}
        />
      </div>
      <section className="card run-charts__card">
        <div className="card__header">
          <h2>Packages over time</h2>
        </div>
        <GanttChart
          packages={timeline.packages}
          startMs={timeline.startMs}
          endMs={timeline.endMs}
          selected={selected}
          onSelect={select}
        />
      </section>
    </section>
  );
}
