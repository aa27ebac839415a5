import { useEffect, useRef } from 'react';
import { useEditor } from './editor-context';

/**
 * The generated TypeScript, read-only, kept beside the canvas and recompiled after edits (through
 * compiler.compile, the same compiler as Run). Scrolls to the selected node's code: the compiler
 * names the node in a comment or an identifier, so the first line mentioning its id is the anchor.
 */
export function CodePanel() {
  const code = useEditor((s) => s.code);
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  const ref = useRef<HTMLPreElement>(null);
  const lines = code.code?.split('\n') ?? [];
  const anchor = selected ? anchorLine(lines, selected) : -1;

  useEffect(() => {
    if (anchor < 0) return;
    ref.current
      ?.querySelector(`[data-line="${anchor}"]`)
      ?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [anchor]);

  return (
    <section className="code-panel" aria-label="Generated TypeScript" data-testid="code-panel">
      <h2 className="code-panel__title">
        Generated TypeScript{' '}
        <span className="muted">{code.status === 'compiling' ? '— compiling…' : ''}</span>
      </h2>
      {code.status === 'error' ? <p className="form-row__error">{code.message}</p> : null}
      {code.code === null ? (
        <p className="muted code-panel__empty" data-testid="code-empty">
          {code.status === 'compiling' || code.status === 'idle'
            ? 'Compiling…'
            : 'No code yet: fix the errors in Problems and the workflow compiles here.'}
        </p>
      ) : (
        <pre ref={ref} className="code-panel__code" data-testid="code">
          {lines.map((line, i) => (
            <div key={i} data-line={i} className={i === anchor ? 'code-panel__line--anchor' : undefined}>
              {line || ' '}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}

/** The line where a node's code starts: the compiler's `// node: <id> —` marker, else the first mention of its id. */
function anchorLine(lines: readonly string[], nodeId: string): number {
  const marker = lines.findIndex((l) => l.trim().startsWith(`// node: ${nodeId} `));
  return marker >= 0
    ? marker
    : lines.findIndex((l) => l.includes(`'${nodeId}'`) || l.includes(`"${nodeId}"`));
}
