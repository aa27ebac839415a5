import { useEffect, type RefObject } from 'react';
import type { EditorStore } from '../stores/editor-store';
import { lastCopiedText, rememberCopied } from './clipboard';

/** True when the key goes to a text field (the canvas's shortcuts then stay out of the way). */
function inField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export interface EditorKeyHandlers {
  focusPalette: () => void;
  focusProperties: () => void;
  focusNode: (id: string) => void;
}

/** True when focus rests on the canvas (its pane, a node, an edge) or nowhere in particular. */
function onCanvas(target: EventTarget | null): boolean {
  return (
    target === document.body ||
    target === document.documentElement ||
    (target instanceof Element && target.closest('.react-flow') !== null)
  );
}

/**
 * The editor's keyboard: Ctrl/Cmd+Z / Shift+Z / Y undo and redo, Delete, Ctrl+C / V / D copy,
 * paste, duplicate, Shift+Alt+T tidy up, Ctrl+S save, Ctrl+K (or Tab on the canvas, as in n8n)
 * the palette search, Alt+↓/↑ select the next / previous node (with Shift: add it to the
 * selection), Enter open its properties, C connect the two selected nodes (first → second).
 * Tab opens the palette only from the canvas: elsewhere it moves focus as everywhere else, and
 * Shift+Tab always leaves the canvas backwards.
 * Copy and paste use the system clipboard events (so they work across windows) with an in-app
 * fallback for pastes the browser does not expose.
 */
export function useEditorKeys(
  store: EditorStore,
  root: RefObject<HTMLElement | null>,
  handlers: EditorKeyHandlers,
): void {
  useEffect(() => {
    // Listened on the document while the editor is open: focus often rests on <body> (after a
    // toolbar button disables itself, or a click on the pane), and the shortcuts must still work.
    // A key inside a modal dialog is the dialog's.
    const el = document;
    const inDialog = (target: EventTarget | null) =>
      target instanceof Element && target.closest('[role="dialog"]') !== null;
    if (!root.current) return;
    const actions = () => store.getState().actions;

    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (inDialog(e.target)) return;
      if (mod && key === 's') {
        e.preventDefault();
        void actions().save();
        return;
      }
      if (mod && key === 'k') {
        e.preventDefault();
        handlers.focusPalette();
        return;
      }
      if (inField(e.target) || inDialog(e.target)) return;
      if (e.key === 'Tab' && !e.shiftKey && !mod && !e.altKey && onCanvas(e.target)) {
        e.preventDefault();
        handlers.focusPalette();
        return;
      }
      const state = store.getState();
      const nodes = state.history?.definition.nodes ?? [];
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) actions().redo();
        else actions().undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        actions().redo();
      } else if (mod && key === 'd') {
        e.preventDefault();
        actions().duplicateSelection();
      } else if (mod && key === 'a') {
        e.preventDefault();
        actions().select(nodes.map((n) => n.id));
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        actions().deleteSelection();
      } else if (e.shiftKey && e.altKey && e.code === 'KeyT') {
        e.preventDefault();
        actions().tidyUp();
      } else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        if (nodes.length === 0) return;
        const current = nodes.findIndex((n) => n.id === state.selection.nodes.at(-1));
        const step = e.key === 'ArrowDown' ? 1 : -1;
        const next = nodes[(current + step + nodes.length) % nodes.length]!;
        // With Shift the walk extends the selection (to pick the two nodes C connects).
        const kept = e.shiftKey ? state.selection.nodes.filter((id) => id !== next.id) : [];
        actions().select([...kept, next.id]);
        handlers.focusNode(next.id);
      } else if (e.key === 'Enter' && state.selection.nodes.length === 1) {
        e.preventDefault();
        handlers.focusProperties();
      } else if (key === 'c' && !mod && state.selection.nodes.length === 2) {
        e.preventDefault();
        const [source, target] = state.selection.nodes as [string, string];
        actions().connect({ source, target });
      } else if (e.key === 'Escape') {
        actions().select([]);
      }
    };

    const onCopy = (e: ClipboardEvent) => {
      if (inField(e.target) || inDialog(e.target)) return;
      const text = actions().copySelection();
      if (!text) return;
      e.preventDefault();
      e.clipboardData?.setData('text/plain', text);
      rememberCopied(text);
    };
    const onCut = (e: ClipboardEvent) => {
      if (inField(e.target)) return;
      onCopy(e);
      actions().deleteSelection();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (inField(e.target) || inDialog(e.target)) return;
      e.preventDefault();
      const text = e.clipboardData?.getData('text/plain') || lastCopiedText();
      actions().paste(text.includes('workflow-builder/nodes') ? text : lastCopiedText());
    };

    el.addEventListener('keydown', onKey);
    el.addEventListener('copy', onCopy);
    el.addEventListener('cut', onCut);
    el.addEventListener('paste', onPaste);
    return () => {
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('copy', onCopy);
      el.removeEventListener('cut', onCut);
      el.removeEventListener('paste', onPaste);
    };
  }, [store, root, handlers]);
}
