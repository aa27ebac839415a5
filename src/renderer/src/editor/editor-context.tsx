import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from '../stores/editor-store';

const EditorStoreContext = createContext<EditorStore | null>(null);

export const EditorStoreProvider = EditorStoreContext.Provider;

/** The editor store of the open definition. */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditor must be used inside <EditorStoreProvider>');
  return store;
}

/** Selects from the editor store; re-renders when the selected value changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
