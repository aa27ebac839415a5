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
}

/**
 * Every node kind, grouped by category, from the registry's display metadata (label, description,
 * category): a new kind appears here without a change to this component. Searchable (Ctrl/Cmd+K).
 */
export function Palette({
  kinds = Object.values(NODE_KINDS),
  onAdd,
  searchRef,
  disabled = false,
}: PaletteProps) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = kinds.filter(
      (k) =>
        q === '' ||
        k.display.label.toLowerCase().includes(q) ||
        k.display.description.toLowerCase().includes(q) ||
        k.kind.toLowerCase().includes(q),
    );
    const byCategory = new Map<NodeCategory, NodeKindModule[]>();
    for (const k of matching)
      byCategory.set(k.display.category, [...(byCategory.get(k.display.category) ?? []), k]);
    return [...byCategory];
  }, [kinds, query]);

  return (
    <aside className="palette" aria-label="Node palette">
      <input
        ref={searchRef}
        className="palette__search"
        type="search"
        placeholder="Search (Ctrl+K)"
        aria-label="Search nodes"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = groups[0]?.[1][0];
          if (e.key === 'Enter' && first && !disabled) onAdd(first.kind);
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
                  className={`palette__item palette__item--${k.display.category}`}
                  draggable={!disabled}
                  disabled={disabled}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(PALETTE_MIME, k.kind);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(k.kind)}
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
