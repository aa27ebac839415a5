/**
 * Proves the Run form (src/renderer/src/editor/run-dialog.tsx) is generated from settings.inputs with
 * each type's editor: a list of strings and a map edit as lines (one item, one `key: value` per line,
 * said under the field), starting from the default; a json input stays a JSON text. Quick tier.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { InputSpec } from '../../../src/core/definition';
import { EditorStoreProvider } from '../../../src/renderer/src/editor/editor-context';
import { RunDialog } from '../../../src/renderer/src/editor/run-dialog';
import type { EditorStore } from '../../../src/renderer/src/stores/editor-store';

/** Renders the dialog over an editor store holding only a definition with these inputs. */
function render(inputs: InputSpec[]): string {
  const definition = { name: 'W', nodes: [], edges: [], settings: { inputs } };
  const store = createStore(() => ({ history: { definition }, actions: {} })) as unknown as EditorStore;
  return renderToStaticMarkup(
    <EditorStoreProvider value={store}>
      <RunDialog onClose={() => undefined} />
    </EditorStoreProvider>,
  ).replace(/&quot;/g, '"');
}

describe('RunDialog', () => {
  it('edits lists and maps as lines, and says so under the field', () => {
    const html = render([
      { name: 'scripts', type: 'strings', default: ['build', 'test'] },
      { name: 'failures', type: 'record', label: 'Packages to fail', description: 'They fail.' },
      { name: 'extra', type: 'json', default: { a: 1 } },
    ]);
    expect(html).toMatch(/<textarea[^>]*id="run-scripts"[^>]*>build\ntest<\/textarea>/);
    expect(html).toContain('One per line.');
    expect(html).toMatch(
      /<textarea[^>]*id="run-failures"[^>]*placeholder="One “key: value” per line."[^>]*><\/textarea>/,
    );
    expect(html).toContain('One “key: value” per line. They fail.');
    expect(html).toMatch(/<textarea[^>]*id="run-extra"[^>]*>{"a":1}<\/textarea>/);
  });
});
