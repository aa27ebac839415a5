import { useState, type ReactNode, type UIEvent } from 'react';

export interface VirtualRowsProps<T> {
  items: readonly T[];
  /** Fixed height of one row, px. */
  rowHeight: number;
  /** Height of the scroll area, px. */
  height: number;
  renderRow: (item: T, index: number) => ReactNode;
  /** Rows rendered beyond the visible ones, above and below. @default 8 */
  overscan?: number;
  testId?: string;
}

/**
 * Renders only the rows in view (plus a few): thousands of runs or log lines cost the DOM what a
 * screenful does. Rows have one fixed height, so positions are arithmetic.
 */
export function VirtualRows<T>({
  items,
  rowHeight,
  height,
  renderRow,
  overscan = 8,
  testId,
}: VirtualRowsProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(items[i]!, i));
  return (
    <div
      className="virtual-rows"
      style={{ height }}
      onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid={testId}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        <div style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
