/**
 * The canvas's editing model, pure: change objects (changes.ts), their application with inverses
 * (apply-changes.ts), undo/redo as a log of steps (history.ts), connection rules from the kinds'
 * ports (connect.ts) and selection operations — delete, copy, paste (selection.ts).
 */
export { ChangeError, applyChanges, type AppliedChanges } from './apply-changes';
export type { WorkflowChange, WorkflowChangeType } from './changes';
export { checkConnection, type ConnectionCheck, type ConnectionRequest } from './connect';
// The layout's inputs and options, for the renderer's layout worker (lib/layout-client.ts).
export { DEFINITION_LAYOUT_OPTIONS, definitionLayoutInput, roundPositions } from './tidy-up';
export {
  MAX_UNDO_STEPS,
  commit,
  createHistory,
  redo,
  undo,
  type EditHistory,
  type HistoryEntry,
} from './history';
export { freshId } from './ids';
export {
  addNodeChange,
  copySelection,
  deleteSelection,
  parseClipboard,
  pasteChanges,
  type ClipboardContent,
} from './selection';
export { layoutDefinition, NODE_SIZE, placeUnpositioned, tidyUpChanges } from './tidy-up';
export { completeReference, type ReferenceCompletion, type ReferenceScope } from './reference-completion';
export { whatIfBeforeRun, type WhatIfBeforeRun } from './what-if-before-run';
