import { markerNodeId } from './patterns/markers';

/** The lines of generated code one node emitted: 1-based, `from` is its `// node:` marker, inclusive. */
export interface NodeLineRange {
  nodeId: string;
  from: number;
  to: number;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * The node → lines map of generated code, read from the compiler's own `// node: <id>` markers
 * (every line a node emits follows its marker, see patterns/markers.ts), so the map cannot drift
 * from the code it describes. A node's range runs from its marker to the line before the next
 * marker, to the end of the block the marker sits in (the first later line indented less) or, inside
 * a function body, to a blank line (the emitters set the workflow's tail off with one); trailing
 * blank lines are left out. A node with several markers (a loop's call site and its helper
 * function) has several ranges, in code order.
 */
export function nodeLineRanges(code: string): NodeLineRange[] {
  const lines = code.split('\n');
  const ranges: NodeLineRange[] = [];
  for (let i = 0; i < lines.length; i++) {
    const nodeId = markerNodeId(lines[i] ?? '');
    if (nodeId === undefined) continue;
    const indent = indentOf(lines[i] ?? '');
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (markerNodeId(line) !== undefined) break;
      // Inside a function the emitters end a node's statements with a blank line before the tail.
      if (indent > 0 && line.trim() === '') break;
      if (line.trim() !== '' && indentOf(line) < indent) break;
      // A top-level marker (a helper function) ends where its function does: a closing brace at column 0.
      if (indent === 0 && line.trim() !== '' && j > i + 1 && indentOf(line) === 0 && /^}/.test(line)) {
        end = j;
        break;
      }
      end = j;
    }
    while (end > i && (lines[end] ?? '').trim() === '') end--;
    ranges.push({ nodeId, from: i + 1, to: end + 1 });
  }
  return ranges;
}

/** The first line (1-based) of `nodeId`'s code, or undefined when it emitted none. */
export function firstLineOfNode(ranges: readonly NodeLineRange[], nodeId: string): number | undefined {
  return ranges.find((r) => r.nodeId === nodeId)?.from;
}

/** The node whose code holds `line` (1-based); the innermost range wins. */
export function nodeAtLine(ranges: readonly NodeLineRange[], line: number): string | undefined {
  let best: NodeLineRange | undefined;
  for (const r of ranges)
    if (line >= r.from && line <= r.to && (!best || r.to - r.from < best.to - best.from)) best = r;
  return best?.nodeId;
}
