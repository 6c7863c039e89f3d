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
  /** Every scroll position the list reaches. */
  onScrollTop?: (scrollTop: number) => void;
  /** The visible height, whenever it changes. */
  onViewport?: (height: number) => void;
}

/**
 * A scrolling list that puts only the rows in view (plus a few) in the DOM, so ten thousand
 * rows cost what thirty do. Rows are absolutely positioned inside a spacer as tall as the
 * whole list. The window of rows is computed while rendering from the scroll position (kept
 * from scroll events) and the height (kept by a ResizeObserver): nothing here reads layout, so
 * a new list of rows costs one layout, not three.
 */
export function VirtualRows({ count, rowHeight, overscan = 6, renderRow, containerRef, onScrollTop, onViewport, class: className, ...rest }: VirtualRowsProps) {
  const own = useRef<HTMLDivElement | null>(null);
  const [firstVisible, setFirstVisible] = useState(0);
  const [viewport, setViewport] = useState(() => (typeof window === 'undefined' ? 800 : window.innerHeight));

  useLayoutEffect(() => {
    const element = own.current;
    if (element === null || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const height = entries[entries.length - 1]?.contentRect.height ?? 0;
      // A hidden list measures 0: keep the last real height for when it is shown again.
      if (height > 0) {
        setViewport(height);
        onViewport?.(height);
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onViewport]);

  const setContainer = useCallback(
    (element: HTMLDivElement | null) => {
      own.current = element;
      if (typeof containerRef === 'function') containerRef(element);
      else if (containerRef) containerRef.current = element;
    },
    [containerRef],
  );

  const first = Math.max(0, Math.min(firstVisible, count - 1) - overscan);
  const last = Math.min(count, firstVisible + Math.ceil(viewport / rowHeight) + 1 + overscan);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i += 1) rows.push(renderRow(i, i * rowHeight));

  return (
    <div
      {...rest}
      ref={setContainer}
      class={`virtual-rows ${className ?? ''}`}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        // Scroll events come per pixel; the rows change only when another row reaches the top.
        setFirstVisible(Math.floor(top / rowHeight));
        onScrollTop?.(top);
      }}
    >
      <div class="virtual-rows__spacer" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
