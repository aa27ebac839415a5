/**
 * Proves the palette search's ranking (src/renderer/src/editor/palette.tsx `matchRank`), which
 * decides the node Enter adds: a label that starts with the words beats one that contains them,
 * which beats a mention in a description ("end" adds End, not Dependency graph). Quick tier.
 */
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, type NodeKindModule } from '../../../src/core/definition';
import { matchRank } from '../../../src/renderer/src/editor/palette';

const best = (q: string): string | undefined =>
  (Object.values(NODE_KINDS) as NodeKindModule[])
    .map((k) => ({ k, rank: matchRank(k, q) }))
    .filter((m) => m.rank >= 0)
    .reduce<{ k: NodeKindModule; rank: number } | undefined>(
      (a, m) => (!a || m.rank < a.rank ? m : a),
      undefined,
    )?.k.kind;

describe('palette search ranking', () => {
  it('prefers a label start, then a label, then the kind id, then a description', () => {
    expect(matchRank(NODE_KINDS.end, 'end')).toBe(0);
    expect(matchRank(NODE_KINDS.dependencyGraph, 'end')).toBe(1); // "Dep-end-ency graph"
    expect(best('end')).toBe('end');
    expect(best('loop')).toBe('dynamicLoop');
    expect(best('activity')).toBe('activity');
    expect(matchRank(NODE_KINDS.activity, 'retry')).toBe(3); // only its description mentions it
  });

  it('matches the kind id and nothing for an unknown word', () => {
    expect(matchRank(NODE_KINDS.dynamicLoop, 'dynamicloop')).toBe(2);
    expect(best('zzz')).toBeUndefined();
  });
});
