import type { Ref } from 'preact';
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { AppSnapshot, ShellKind } from '../../main/ipc/contract';
import type { RoleCatalog } from '../catalog/role-catalog';
import { browseRows, firstRoleIndex, nextRoleIndex, searchRows } from '../catalog/role-rows';
import { InstanceSidebar } from '../components/instance-sidebar';
import { consoleOptions, RoleDetails, type ConsoleChoice } from '../components/role-details';
import { ROW_HEIGHT, RoleGrid } from '../components/role-grid';
import { rowDomId } from '../components/role-row';
import { SearchBox } from '../components/search-box';
import { MainEmptyState } from '../components/main-empty-state';
import { formatQuantity } from '../format/count';
import { DEFAULT_SHELL, hasModKey } from '../hooks/platform';
import { RoleSearch, tokenize, type SearchBoosts } from '../search/role-search';
import { useIdleSearchWarmUp } from '../search/warm-up';
import type { WindowCommands } from '../state/use-window-store';
import type { StreamedSync } from '../state/window-state';

export interface MainViewProps {
  snapshot: AppSnapshot;
  catalog: RoleCatalog;
  syncs: Readonly<Record<string, StreamedSync>>;
  commands: WindowCommands;
  searchRef: Ref<HTMLInputElement>;
  visible: boolean;
  onAddInstance: () => void;
  onSignIn: (instanceId: string) => void;
  onShowSignIn: (instanceId: string) => void;
}

const GRID_ID = 'role-grid';

/** Instances, and every role they reach: search, favourites, recents, and what to do with a role. */
export function MainView(props: MainViewProps) {
  const { snapshot, catalog, commands } = props;
  const [query, setQuery] = useState('');
  const [browseActive, setBrowseActive] = useState<string | null>(null);
  // The active match belongs to the query it was chosen in: a new query starts at its best match.
  const [searchActive, setSearchActive] = useState<{ query: string; id: string | null } | null>(null);
  const [consoleChoice, setConsoleChoice] = useState<ConsoleChoice>({ region: '', destination: '' });
  const [shell, setShell] = useState<ShellKind>(DEFAULT_SHELL);
  const browseMemory = useRef({ top: 0 }).current;

  const favourites = useMemo(() => new Set(snapshot.favourites), [snapshot.favourites]);
  const boosts = useMemo<SearchBoosts>(() => ({ favourites, recents: new Map(snapshot.recents.map((key, i) => [key, i])) }), [favourites, snapshot.recents]);
  const search = useMemo(() => new RoleSearch(catalog.entries), [catalog]);
  useIdleSearchWarmUp(catalog);
  const tokens = useMemo(() => tokenize(query), [query]);
  const searching = tokens.length > 0;
  // The browse list is rebuilt only when the data changes; a keystroke only runs the search.
  const browse = useMemo(() => browseRows(catalog, snapshot.favourites, snapshot.recents), [catalog, snapshot.favourites, snapshot.recents]);
  const matches = useMemo(() => (searching ? searchRows(search.run(query, boosts)) : null), [searching, search, query, boosts]);
  const rows = matches ?? browse;
  // Each new query starts at the top; the browse list keeps its place, also when the view is
  // shown again (a hidden element loses its scroll position).
  const searchMemory = useMemo(() => ({ top: 0 }), [query]);
  const memory = searching ? searchMemory : browseMemory;
  const restoreKey = `${searching}:${props.visible}`;

  const activeId = searching ? (searchActive?.query === query ? searchActive.id : null) : browseActive;
  const found = activeId === null ? -1 : rows.findIndex((r) => r.id === activeId);
  const activeIndex = found >= 0 ? found : firstRoleIndex(rows);
  const activeRow = rows[activeIndex];
  const activeEntry = activeRow?.kind === 'role' ? activeRow.entry : null;

  const setActiveIndex = useCallback(
    (index: number) => {
      const id = rows[index]?.id ?? null;
      if (searching) setSearchActive({ query, id });
      else setBrowseActive(id);
    },
    [rows, searching, query],
  );

  const focusSearch = useCallback(() => {
    const ref = props.searchRef;
    if (ref !== null && typeof ref === 'object') ref.current?.focus();
  }, [props.searchRef]);

  const signOut = useCallback((id: string) => void commands.signOut(id), [commands]);
  const syncCatalog = useCallback((id: string) => void commands.syncCatalog(id), [commands]);

  const onSearchKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(((e.currentTarget as HTMLElement).closest('.roles')?.querySelector('.role-grid')?.clientHeight ?? 480) / ROW_HEIGHT) - 1);
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      const next = nextRoleIndex(rows, activeIndex, step);
      if (next >= 0) setActiveIndex(next);
    } else if (e.key === 'Enter' && activeEntry !== null) {
      e.preventDefault();
      if (hasModKey(e)) void commands.openTerminal(activeEntry);
      else void commands.openConsole(activeEntry, consoleOptions(consoleChoice));
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  };

  // Ctrl/Cmd+Enter and Escape also work with focus on a row's buttons.
  const onViewKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).id === 'role-search') return;
    if (e.key === 'Enter' && hasModKey(e) && activeEntry !== null) {
      e.preventDefault();
      void commands.openTerminal(activeEntry);
    } else if (e.key === 'Escape' && (e.target as HTMLElement).closest(`#${GRID_ID}`) !== null) {
      e.preventDefault();
      setQuery('');
      focusSearch();
    }
  };

  const instances = snapshot.instances;
  const activeInstance = activeEntry === null ? undefined : instances.find((i) => i.id === activeEntry.ref.instanceId);
  const roleCount = catalog.entries.length;
  const status = searching
    ? rows.length === 0
      ? `No role matches “${query.trim()}”.`
      : `${formatQuantity(rows.length, 'role')} ${rows.length === 1 ? 'matches' : 'match'}`
    : `${formatQuantity(roleCount, 'role')} in ${formatQuantity(catalog.accounts.length, 'account')}`;

  const showEmpty = roleCount === 0;
  return (
    <div class="main-view" onKeyDown={onViewKey}>
      <InstanceSidebar
        instances={instances}
        catalog={catalog}
        syncs={props.syncs}
        onAddInstance={props.onAddInstance}
        onSignIn={props.onSignIn}
        onShowSignIn={props.onShowSignIn}
        onSignOut={signOut}
        onSync={syncCatalog}
      />
      <section class="roles" aria-label="Roles">
        <div class="roles__toolbar">
          <SearchBox
            value={query}
            inputRef={props.searchRef}
            controls={GRID_ID}
            activeDescendant={activeIndex >= 0 && !showEmpty ? rowDomId(activeIndex) : undefined}
            onInput={setQuery}
            onKeyDown={onSearchKey}
            onClear={() => {
              setQuery('');
              focusSearch();
            }}
          />
          <p class="roles__status" role="status">
            {status}
          </p>
        </div>
        {showEmpty ? (
          <MainEmptyState instances={instances} syncs={props.syncs} onAddInstance={props.onAddInstance} onSignIn={props.onSignIn} />
        ) : (
          <RoleGrid
            id={GRID_ID}
            rows={rows}
            activeIndex={activeIndex}
            tokens={tokens}
            favourites={favourites}
            profiles={snapshot.profiles}
            showInstance={instances.length > 1}
            memory={memory}
            restoreKey={restoreKey}
            visible={props.visible}
            onActiveChange={setActiveIndex}
            onOpenConsole={(entry) => void commands.openConsole(entry, consoleOptions(consoleChoice))}
            onOpenTerminal={(entry) => void commands.openTerminal(entry)}
            onToggleFavourite={(entry, favourite) => void commands.setFavourite(entry, favourite)}
          />
        )}
      </section>
      <RoleDetails
        entry={activeEntry}
        instance={activeInstance}
        defaultRegion={snapshot.settings.defaultRegion}
        favourite={activeEntry !== null && favourites.has(activeEntry.key)}
        profile={activeEntry === null ? undefined : snapshot.profiles[activeEntry.key]}
        consoleChoice={consoleChoice}
        onConsoleChoice={setConsoleChoice}
        shell={shell}
        onShell={setShell}
        commands={commands}
      />
    </div>
  );
}
