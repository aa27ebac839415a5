import { useMemo } from 'react';
import { nodeAtLine, nodeLineRanges } from '../../../core/compiler/node-lines';
import { CodeView } from './code-view';
import { diagnosticNodeId } from './diagnostic-node';
import { useEditor } from './editor-context';

export interface CodePanelProps {
  /** Selects a node and brings it into view on the canvas. */
  onShowNode: (nodeId: string) => void;
}

/**
 * The generated TypeScript, read-only and highlighted, kept beside the canvas and recompiled after
 * edits (through compiler.compile, the same compiler as Run). Scrolls to the selected node's code
 * (the compiler's node markers, see core/compiler/node-lines.ts); a click in the code selects its
 * node; a compile error names the node that caused it and shows it on the canvas.
 */
export function CodePanel({ onShowNode }: CodePanelProps) {
  const code = useEditor((s) => s.code);
  const definition = useEditor((s) => s.history?.definition ?? null);
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  const ranges = useMemo(() => (code.code ? nodeLineRanges(code.code) : []), [code.code]);
  const errors = code.diagnostics.filter((d) => d.severity === 'error');

  return (
    <section className="code-panel" aria-label="Generated TypeScript" data-testid="code-panel">
      <h2 className="code-panel__title">
        Generated TypeScript{' '}
        <span className="muted" role="status">
          {code.status === 'compiling' ? '— compiling…' : ''}
        </span>
      </h2>
      {code.status === 'error' ? (
        <CompileFailure message={code.message ?? ''} onShowNode={onShowNode} />
      ) : null}
      {code.code === null && errors.length > 0 ? (
        <ul className="code-panel__errors" data-testid="code-errors" aria-label="Compile errors">
          {errors.map((d, i) => {
            const nodeId = diagnosticNodeId(d, definition);
            const node = definition?.nodes.find((n) => n.id === nodeId);
            return (
              <li key={`${d.path}-${i}`}>
                <span className="form-row__error">{d.message}</span>{' '}
                {nodeId ? (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onShowNode(nodeId)}
                    data-testid={`code-error-node-${nodeId}`}
                  >
                    Show {node?.label ?? nodeId}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {code.code === null ? (
        <p className="muted code-panel__empty" data-testid="code-empty">
          {code.status === 'compiling' || code.status === 'idle'
            ? 'Compiling…'
            : 'No code yet: fix the errors above and the workflow compiles here.'}
        </p>
      ) : (
        <CodeView
          code={code.code}
          ranges={ranges}
          nodeId={selected}
          onPickLine={(line) => {
            const nodeId = nodeAtLine(ranges, line);
            if (nodeId && nodeId !== selected) onShowNode(nodeId);
          }}
        />
      )}
    </section>
  );
}

/** A compile request that failed as a whole; when its message names a node's path, a way to it. */
function CompileFailure({ message, onShowNode }: { message: string; onShowNode: (nodeId: string) => void }) {
  const definition = useEditor((s) => s.history?.definition ?? null);
  const nodeId = diagnosticNodeId({ path: message }, definition);
  return (
    <p className="form-row__error code-panel__failure" role="alert">
      Could not compile: {message}{' '}
      {nodeId ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => onShowNode(nodeId)}
          data-testid={`code-error-node-${nodeId}`}
        >
          Show {nodeId}
        </button>
      ) : null}
    </p>
  );
}
