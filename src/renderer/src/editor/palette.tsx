import { useMemo, useState, type Ref } from 'react';
import { NODE_KINDS, type NodeCategory, type NodeKindModule } from '../../../core/definition';
import { PALETTE_MIME } from './palette-mime';

const CATEGORY_LABELS: Record<NodeCategory, string> = {
  flow: 'Flow',
  activities: 'Activities',
  children: 'Child workflows',
  packages: 'Packages',
  output: 'Output',
};

export interface PaletteProps {
  /** The kinds offered. @default every kind of the registry, in its order */
  kinds?: readonly NodeKindModule[];
  /** Adds a node of `kind` (click or Enter); dragging onto the canvas adds it where it drops. */
  onAdd: (kind: string) => void;
  searchRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  /** Escape in the search: back to the canvas. */
  onLeave?: () => void;
}

/**
 * Every node kind, grouped by category, from the registry's display metadata (label, description,
 * category): a new kind appears here without a change to this component. Searchable (Ctrl/Cmd+K,
 * or Tab on the canvas); Enter adds the first match, ↓ walks the matches, Escape goes back.
 */
export function Palette({
  kinds = Object.values(NODE_KINDS),
  onAdd,
  searchRef,
  disabled = false,
  onLeave,
}: PaletteProps) {
  const [query, setQuery] = useState('');
  const { groups, best } = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = kinds.map((k) => ({ k, rank: matchRank(k, q) })).filter((m) => m.rank >= 0);
    const byCategory = new Map<NodeCategory, NodeKindModule[]>();
    for (const { k } of matching)
      byCategory.set(k.display.category, [...(byCategory.get(k.display.category) ?? []), k]);
    // Enter adds the best match (a label before a mere mention in a description), not the first listed.
    const top = matching.reduce<(typeof matching)[number] | undefined>(
      (a, m) => (a === undefined || m.rank < a.rank ? m : a),
      undefined,
    );
    return { groups: [...byCategory], best: top?.k };
  }, [kinds, query]);

  return (
    <aside className="palette" aria-label="Node palette">
      <input
        ref={searchRef}
        className="palette__search"
        type="search"
        placeholder="Search (Ctrl+K or Tab)"
        aria-label="Search nodes"
        aria-keyshortcuts="Control+K Meta+K Tab"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && best && !disabled) {
            e.preventDefault();
            onAdd(best.kind);
            setQuery('');
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setQuery('');
            onLeave?.();
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            e.currentTarget
              .closest('.palette')
              ?.querySelector<HTMLElement>('.palette__item:not(:disabled)')
              ?.focus();
          }
        }}
        data-testid="palette-search"
      />
      {groups.length === 0 ? <p className="muted palette__empty">No node matches “{query}”.</p> : null}
      {groups.map(([category, items]) => (
        <section key={category} className="palette__group" aria-label={CATEGORY_LABELS[category]}>
          <h3 className="palette__heading">{CATEGORY_LABELS[category]}</h3>
          <ul className="palette__list">
            {items.map((k) => (
              <li key={k.kind}>
                <button
                  type="button"
                  className={`palette__item palette__item--${k.display.category}${query && k === best ? ' palette__item--best' : ''}`}
                  draggable={!disabled}
                  disabled={disabled}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(PALETTE_MIME, k.kind);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(k.kind)}
                  onKeyDown={(e) => {
                    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') return;
                    e.preventDefault();
                    const palette = e.currentTarget.closest('.palette');
                    if (e.key === 'Escape') return onLeave?.();
                    const items = [
                      ...(palette?.querySelectorAll<HTMLElement>('.palette__item:not(:disabled)') ?? []),
                    ];
                    const at = items.indexOf(e.currentTarget);
                    const next = e.key === 'ArrowDown' ? items[at + 1] : items[at - 1];
                    (next ?? palette?.querySelector<HTMLElement>('.palette__search'))?.focus();
                  }}
                  title={k.display.description}
                  aria-label={`Add ${k.display.label}: ${k.display.description}`}
                  data-testid={`palette-${k.kind}`}
                >
                  <span className="palette__label">{k.display.label}</span>
                  <span className="palette__description">{k.display.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}

/**
 * How well a kind matches the search (lower is better, -1 no match): label start, label, kind id,
 * description — so "end" finds End before a kind whose description mentions "dependencies".
 */
export function matchRank(k: NodeKindModule, q: string): number {
  if (q === '') return 0;
  const label = k.display.label.toLowerCase();
  if (label.startsWith(q)) return 0;
  if (label.includes(q)) return 1;
  if (k.kind.toLowerCase().includes(q)) return 2;
  if (k.display.description.toLowerCase().includes(q)) return 3;
  return -1;
}
