import type { ComponentChildren, JSX, Ref } from 'preact';
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualRowsProps extends Omit<JSX.HTMLAttributes<HTMLDivElement>, 'ref' | 'onScroll'> {
  count: number;
  /** Every row has this height in CSS pixels (the CSS gives rows the same height). */
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap. */
  overscan?: number;
  renderRow: (index: number, top: number) => ComponentChildren;
  /** Receives the scroll container, for keyboard scrolling and remembering the position. */
  containerRef?: Ref<HTMLDivElement>;
  onScrollTop?: (scrollTop: number) => void;
}

/**
 * A scrolling list that puts only the rows in view (plus a few) in the DOM, so ten thousand
 * rows cost what thirty do. Rows are absolutely positioned inside a spacer as tall as the
 * whole list; the browser keeps the scroll position as rows come and go.
 */
export function VirtualRows({ count, rowHeight, overscan = 6, renderRow, containerRef, onScrollTop, class: className, ...rest }: VirtualRowsProps) {
  const own = useRef<HTMLDivElement | null>(null);
  const [range, setRange] = useState({ first: 0, last: Math.min(count, 40) });

  const measure = useCallback(() => {
    const element = own.current;
    if (element === null) return;
    const first = Math.max(0, Math.floor(element.scrollTop / rowHeight) - overscan);
    const visible = Math.ceil(element.clientHeight / rowHeight) + 1;
    const last = Math.min(count, first + visible + overscan * 2);
    // Scroll events fire per pixel; re-render only when the rendered window changes.
    setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, [count, rowHeight, overscan]);

  useLayoutEffect(() => {
    measure();
    const element = own.current;
    if (element === null || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  const setContainer = useCallback(
    (element: HTMLDivElement | null) => {
      own.current = element;
      if (typeof containerRef === 'function') containerRef(element);
      else if (containerRef) containerRef.current = element;
    },
    [containerRef],
  );

  const rows: ComponentChildren[] = [];
  const last = Math.min(range.last, count);
  for (let i = range.first; i < last; i += 1) rows.push(renderRow(i, i * rowHeight));

  return (
    <div
      {...rest}
      ref={setContainer}
      class={`virtual-rows ${className ?? ''}`}
      onScroll={(e) => {
        measure();
        onScrollTop?.(e.currentTarget.scrollTop);
      }}
    >
      <div class="virtual-rows__spacer" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
