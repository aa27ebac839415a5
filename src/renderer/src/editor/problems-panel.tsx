import { useReactFlow } from '@xyflow/react';
import { useEditor } from './editor-context';

/** Every diagnostic of the open definition; a click selects and focuses the node concerned. */
export function ProblemsPanel() {
  const diagnostics = useEditor((s) => s.diagnostics);
  const actions = useEditor((s) => s.actions);
  const flow = useReactFlow();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  return (
    <section className="problems" aria-label="Problems" data-testid="problems">
      <h2 className="problems__title">
        Problems{' '}
        <span className="muted">
          {diagnostics.length === 0 ? '— none, ready to run' : `— ${errors} error(s), ${warnings} warning(s)`}
        </span>
      </h2>
      {diagnostics.length > 0 ? (
        <ul className="problems__list">
          {diagnostics.map((d, i) => (
            <li key={`${d.path}-${i}`}>
              <button
                type="button"
                className={`problems__item problems__item--${d.severity}`}
                disabled={!d.nodeId}
                onClick={() => {
                  if (!d.nodeId) return;
                  actions.select([d.nodeId]);
                  void flow.fitView({ nodes: [{ id: d.nodeId }], duration: 200, maxZoom: 1.2 });
                }}
              >
                <span className="problems__severity">{d.severity}</span>
                <span className="problems__message">{d.message}</span>
                <code className="problems__path">{d.path}</code>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
