/** Read by screen readers on a focused node: the keyboard's canvas actions (see use-editor-keys.ts). */
export const NODE_KEYS_HELP =
  'Enter: edit its properties. Alt+Down or Up: next or previous node (with Shift: add to the selection). ' +
  'C: connect the two selected nodes. Delete: remove. Arrow keys: move. Tab: add a node from the palette.';

/** The accessible name of a node on the canvas: kind, title and how many problems it has. */
export function nodeAriaLabel(
  kind: string,
  title: string,
  c: { errors: number; warnings: number } | undefined,
): string {
  const problems = (c?.errors ?? 0) + (c?.warnings ?? 0);
  return `${kind} node ${title}${problems > 0 ? `, ${problems} problem(s)` : ''}`;
}
