import { commentText } from '../code-writer';

/**
 * The comment that opens a node's lines: `// node: <id>`, with the node's label from the canvas
 * when it has one (`// node: build — Build packages, 4 at a time`). It links the code to the
 * canvas; every line a node emits follows its marker, so a diff of the output can be traced back
 * to nodes (the golden test that changes one node checks exactly that).
 */
export function marker(node: { id: string; label?: string | undefined }): string {
  const label = node.label?.trim();
  const suffix = label === undefined || label === '' || label === node.id ? '' : ` — ${commentText(label)}`;
  return `// node: ${commentText(node.id)}${suffix}`;
}

/** The node id of a marker line, or undefined for any other line. */
export function markerNodeId(line: string): string | undefined {
  const match = /^\s*\/\/ node: (.*?)(?: — .*)?$/.exec(line);
  return match?.[1];
}
