import { useCallback, useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { RoleEntry } from '../catalog/role-catalog';
import { nextRoleIndex, type RoleListRow } from '../catalog/role-rows';
import { AccountRow, SectionRow } from './list-heading-rows';
import { RoleRow } from './role-row';
import { VirtualRows } from './virtual-rows';

// The first time roles are on screen is marked once per page (see bench/renderer.bench.ts).
let rolesRenderedMarked = false;

/** Height of every row, kept in step with `--row-height` in the styles. */
export const ROW_HEIGHT = 48;

export interface RoleGridProps {
  id: string;
  rows: readonly RoleListRow[];
  activeIndex: number;
  tokens: readonly string[];
  favourites: ReadonlySet<string>;
  profiles: Readonly<Record<string, string>>;
  showInstance: boolean;
  /**
   * Where this list is scrolled to, kept up to date while it scrolls. The browse list keeps one
   * for the window's life; each query starts a fresh one at the top.
   */
  memory: { top: number };
  /** A change scrolls the list back to `memory.top` (a new query, the view shown again). */
  restoreKey: string;
  /** Whether the list is on screen (its view is not hidden). */
  visible: boolean;
  onActiveChange: (index: number) => void;
  onOpenConsole: (entry: RoleEntry) => void;
  onOpenTerminal: (entry: RoleEntry) => void;
  onToggleFavourite: (entry: RoleEntry, favourite: boolean) => void;
}

/** The virtualised list of accounts and roles, with the keyboard inside it. */
export function RoleGrid(props: RoleGridProps) {
  const { rows, activeIndex, memory, restoreKey } = props;
  const container = useRef<HTMLDivElement | null>(null);
  // Set when arrows moved the active row while focus was inside the list: focus follows it.
  const focusColumn = useRef<string | null>(null);

  // Where the list is scrolled and how tall it is, as VirtualRows reports them: keeping them
  // here spares a forced layout on every keystroke.
  const scrollTop = useRef(0);
  const viewport = useRef(0);
  const onViewport = useCallback((height: number) => {
    viewport.current = height;
  }, []);
  const scrollTo = (top: number) => {
    if (container.current === null || viewport.current === 0 || !props.visible) return;
    container.current.scrollTop = top;
    scrollTop.current = top;
  };

  // Bring the active row into view when it changes, but leave the scroll alone when only the
  // data changes (accounts streaming in must not yank the list back to the active row).
  const shownActive = useRef<string | null>(null);

  useLayoutEffect(() => {
    if (scrollTop.current !== memory.top) scrollTo(memory.top);
    // A restored place wins over the active row, which may lie elsewhere.
    shownActive.current = rows[activeIndex]?.id ?? null;
  }, [memory, restoreKey]);

  useLayoutEffect(() => {
    const id = rows[activeIndex]?.id ?? null;
    if (activeIndex < 0 || id === shownActive.current || viewport.current === 0) return;
    shownActive.current = id;
    const top = activeIndex * ROW_HEIGHT;
    const bottom = top + ROW_HEIGHT;
    // A section title right above the first role stays visible too.
    const lead = activeIndex > 0 && rows[activeIndex - 1]?.kind !== 'role' ? ROW_HEIGHT : 0;
    if (top - lead < scrollTop.current) scrollTo(top - lead);
    else if (bottom > scrollTop.current + viewport.current) scrollTo(bottom - viewport.current);
  }, [activeIndex, rows]);

  useLayoutEffect(() => {
    if (rows.length > 0 && !rolesRenderedMarked) {
      rolesRenderedMarked = true;
      performance.mark('rolecall:roles-rendered');
    }
  }, [rows]);

  useEffect(() => {
    const column = focusColumn.current;
    if (column === null || container.current === null) return;
    focusColumn.current = null;
    container.current.querySelector<HTMLElement>(`[data-index="${activeIndex}"] [data-col="${column}"]`)?.focus();
  }, [activeIndex]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const column = target.dataset.col;
      if (column === undefined) return;
      const page = container.current === null ? 10 : Math.max(1, Math.floor(container.current.clientHeight / ROW_HEIGHT) - 1);
      const step = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page }[e.key];
      if (step === undefined) return;
      e.preventDefault();
      const next = nextRoleIndex(rows, activeIndex, step);
      if (next >= 0 && next !== activeIndex) {
        focusColumn.current = column;
        props.onActiveChange(next);
      }
    },
    [rows, activeIndex, props.onActiveChange],
  );

  // Rows are keyed by position, not by role: when a keystroke changes the results, each row's
  // DOM is patched with the new role instead of being torn down and built again.
  const renderRow = (index: number, top: number) => {
    const row = rows[index];
    if (row === undefined) return null;
    switch (row.kind) {
      case 'section':
        return <SectionRow key={index} index={index} top={top} title={row.title} count={row.count} />;
      case 'account':
        return <AccountRow key={index} index={index} top={top} account={row.account} showInstance={props.showInstance} />;
      case 'role':
        return (
          <RoleRow
            key={index}
            entry={row.entry}
            index={index}
            top={top}
            nested={row.nested}
            active={index === activeIndex}
            favourite={props.favourites.has(row.entry.key)}
            profile={props.profiles[row.entry.key]}
            tokens={props.tokens}
            showInstance={props.showInstance}
            onActivate={props.onActiveChange}
            onOpenConsole={props.onOpenConsole}
            onOpenTerminal={props.onOpenTerminal}
            onToggleFavourite={props.onToggleFavourite}
          />
        );
    }
  };

  return (
    <VirtualRows
      id={props.id}
      role="grid"
      aria-label="Accounts and roles"
      aria-rowcount={rows.length}
      aria-colcount={3}
      class="role-grid"
      count={rows.length}
      rowHeight={ROW_HEIGHT}
      overscan={4}
      renderRow={renderRow}
      containerRef={container}
      onScrollTop={(top) => {
        scrollTop.current = top;
        // A list being hidden is scrolled to 0: that is not where the user left it.
        if (props.visible) memory.top = top;
      }}
      onViewport={onViewport}
      onKeyDown={onKeyDown}
    />
  );
}
