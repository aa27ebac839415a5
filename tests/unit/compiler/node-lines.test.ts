/**
 * Proves the node → line map the code view scrolls by (src/core/compiler/node-lines.ts): read from
 * the compiler's own markers in a golden file, each range starts at its node's marker, holds that
 * node's code and no other node's marker, and a line maps back to the innermost node. Quick tier.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstLineOfNode, nodeAtLine, nodeLineRanges } from '../../../src/core/compiler';

const golden = readFileSync(
  fileURLToPath(new URL('./__fixtures__/dynamic-loop/expected/workflows.ts', import.meta.url)),
  'utf8',
);
const lines = golden.split('\n');

describe('nodeLineRanges', () => {
  const ranges = nodeLineRanges(golden);

  it('finds every marker of the golden file, in code order, a loop twice (call site and helper)', () => {
    expect(ranges.map((r) => r.nodeId)).toEqual(['workspace', 'build', 'report', 'build']);
    for (const r of ranges) expect(lines[r.from - 1]).toMatch(new RegExp(`// node: ${r.nodeId}\\b`));
  });

  it('a range ends before the next node or its block, never on a blank line', () => {
    const [workspace, build, report, helper] = ranges;
    expect(lines.slice(workspace!.from - 1, workspace!.to).join('\n')).toContain('activities.readWorkspace');
    expect(lines[workspace!.to]?.trim()).toBe('}'); // the `if (stage === 0) {` block closes after it
    expect(build!.to).toBe(report!.from - 1);
    expect(lines.slice(report!.from - 1, report!.to).join('\n')).toContain('activities.writeReport');
    expect(lines.slice(report!.from - 1, report!.to).join('\n')).not.toContain('finishRun');
    // The helper function runs to its closing brace at column 0.
    expect(lines[helper!.to - 1]).toBe('}');
    expect(lines.slice(helper!.from - 1, helper!.to).join('\n')).toContain('async function runBuildLoop(');
    for (const r of ranges) expect(lines[r.to - 1]?.trim()).not.toBe('');
  });

  it('maps a node to its first line and a line back to its node', () => {
    const first = firstLineOfNode(ranges, 'report');
    expect(first).toBe(ranges[2]!.from);
    expect(nodeAtLine(ranges, first! + 1)).toBe('report');
    expect(nodeAtLine(ranges, 1)).toBeUndefined();
    expect(firstLineOfNode(ranges, 'nope')).toBeUndefined();
  });

  it('a node in a function body ends before the blank line that sets off the tail', () => {
    const code = [
      '  const run = openRun(input);',
      '',
      '  // node: a',
      '  go();',
      '',
      '  return finishRun(run);',
    ].join('\n');
    expect(nodeLineRanges(code)).toEqual([{ nodeId: 'a', from: 3, to: 4 }]);
  });

  it('handles code without markers and nested markers', () => {
    expect(nodeLineRanges('const a = 1;\n')).toEqual([]);
    const code = [
      '  // node: outer',
      '  if (x) {',
      '    // node: inner',
      '    go();',
      '  }',
      '  done();',
    ].join('\n');
    expect(nodeLineRanges(code)).toEqual([
      { nodeId: 'outer', from: 1, to: 2 },
      { nodeId: 'inner', from: 3, to: 4 },
    ]);
  });
});
