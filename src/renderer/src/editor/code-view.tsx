import { javascript } from '@codemirror/lang-javascript';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, lineNumbers, type DecorationSet } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { NodeLineRange } from '../../../core/compiler/node-lines';

/** Sets the lines drawn as the selected node's code (1-based, inclusive). */
const setHighlight = StateEffect.define<{ from: number; to: number } | null>();

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setHighlight)) continue;
      const builder = new RangeSetBuilder<Decoration>();
      const range = effect.value;
      if (range) {
        const last = Math.min(range.to, tr.state.doc.lines);
        for (let n = Math.max(1, range.from); n <= last; n++)
          builder.add(tr.state.doc.line(n).from, tr.state.doc.line(n).from, nodeLine);
      }
      next = builder.finish();
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const nodeLine = Decoration.line({ class: 'cm-node-line', attributes: { 'data-node-line': 'true' } });

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '11.5px', backgroundColor: '#fbfcfe' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: '#f1f3f8', color: '#8a93a6', borderRight: '1px solid #dde2ec' },
  '.cm-node-line': { backgroundColor: 'rgb(80 110 230 / 14%)' },
  '&.cm-focused': { outline: '2px solid #4c6ef5', outlineOffset: '-2px' },
});

export interface CodeViewProps {
  code: string;
  ranges: readonly NodeLineRange[];
  /** The node whose code is scrolled to and highlighted. */
  nodeId: string | undefined;
  /** A click on a node's code (its innermost range) selects that node. */
  onPickLine?: (line: number) => void;
}

/**
 * The generated TypeScript in a read-only CodeMirror 6 editor (TypeScript grammar, highlighted
 * tokens), scrolled to and marking the selected node's lines.
 *
 * Why a shadow root: CodeMirror styles itself at run time. In a document it writes a <style>
 * element, which the app's CSP (`style-src 'self'`, no 'unsafe-inline', see docs/security.md)
 * rightly blocks; inside a shadow root it uses a constructable stylesheet (adoptedStyleSheets),
 * which is CSSOM and not governed by style-src — so the strict CSP stays as it is, with no nonce.
 */
export function CodeView({ code, ranges, nodeId, onPickLine }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const pick = useRef(onPickLine);
  useEffect(() => {
    pick.current = onPickLine;
  }, [onPickLine]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    parent.style.height = '100%';
    shadow.replaceChildren(parent);
    const created = new EditorView({
      parent,
      root: shadow,
      state: EditorState.create({
        doc: '',
        extensions: [
          EditorState.readOnly.of(true),
          lineNumbers(),
          javascript({ typescript: true }),
          syntaxHighlighting(defaultHighlightStyle),
          highlightField,
          theme,
          EditorView.contentAttributes.of({
            'aria-label': 'Generated TypeScript (read-only)',
            'data-testid': 'code-content',
          }),
          EditorView.domEventHandlers({
            mouseup: (_event, v) => {
              const head = v.state.selection.main.head;
              pick.current?.(v.state.doc.lineAt(head).number);
              return false;
            },
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === code) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: code } });
  }, [code]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const range = nodeId ? ranges.find((r) => r.nodeId === nodeId) : undefined;
    if (!range || range.from > v.state.doc.lines) {
      v.dispatch({ effects: setHighlight.of(null) });
      return;
    }
    const pos = v.state.doc.line(range.from).from;
    v.dispatch({
      effects: [
        setHighlight.of({ from: range.from, to: range.to }),
        EditorView.scrollIntoView(pos, { y: 'start', yMargin: 8 }),
      ],
    });
  }, [code, ranges, nodeId]);

  return <div ref={host} className="code-view" data-testid="code" data-anchor-node={nodeId ?? ''} />;
}
