import { commentText } from '../code-writer';

/**
 * The comment that opens a node's lines: `// node: <id> — <what>`. Every line a node emits
 * follows one of its markers, so a diff of the output can be traced back to nodes (the golden
 * test that changes one node checks exactly that).
 */
export function marker(nodeId: string, what?: string): string {
  return `// node: ${commentText(nodeId)}${what === undefined ? '' : ` — ${commentText(what)}`}`;
}

/** The node id of a marker line, or undefined for any other line. */
export function markerNodeId(line: string): string | undefined {
  const match = /^\s*\/\/ node: (.*?)(?: — .*)?$/.exec(line);
  return match?.[1];
}
