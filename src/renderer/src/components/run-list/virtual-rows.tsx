import { useImperativeHandle, useRef, useState, type ReactNode, type Ref, type UIEvent } from 'react';

/** Imperative control of a VirtualRows list. */
export interface VirtualRowsHandle {
  scrollToIndex(index: number): void;
}

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
  className?: string;
  /** Called after a scroll by the user, with whether the view is at the end. */
  onUserScroll?: (atEnd: boolean) => void;
  ref?: Ref<VirtualRowsHandle>;
}

/**
 * Renders only the rows in view (plus a few): thousands of runs or 100k log lines cost the DOM
 * what a screenful does. Rows have one fixed height, so positions are arithmetic.
 */
export function VirtualRows<T>({
  items,
  rowHeight,
  height,
  renderRow,
  overscan = 8,
  testId,
  className,
  onUserScroll,
  ref,
}: VirtualRowsProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  // Scrolls we cause ourselves are not the user's: they must not turn follow mode off.
  const programmatic = useRef(false);
  useImperativeHandle(ref, () => ({
    scrollToIndex(index: number) {
      const el = box.current;
      if (!el) return;
      programmatic.current = true;
      el.scrollTop = Math.max(0, (index + 1) * rowHeight - height);
    },
  }));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(items[i]!, i));
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setScrollTop(el.scrollTop);
    if (programmatic.current) programmatic.current = false;
    else onUserScroll?.(el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight);
  };
  return (
    <div
      ref={box}
      className={`virtual-rows ${className ?? ''}`}
      style={{ height }}
      onScroll={onScroll}
      data-testid={testId}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        <div style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
