import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RolecallApi } from '../main/ipc/contract';
import { buildRoleCatalog, EMPTY_CATALOG } from './catalog/role-catalog';
import { HeaderBar, type ViewName } from './components/header-bar';
import { NoticeBar } from './components/notice-bar';
import { hasModKey } from './hooks/platform';
import { useNotices } from './state/notices';
import { useWindowStore } from './state/use-window-store';
import { streamedAccounts } from './state/window-state';
import { MainView } from './views/main-view';
import { SettingsView } from './views/settings-view';
import { SignInView } from './views/sign-in-view';

type Route = { view: 'main' } | { view: 'sign-in'; instanceId: string | null } | { view: 'settings' };

/** The window: one view at a time; the others stay mounted (hidden) so they keep their state. */
export function App({ api }: { api: RolecallApi }) {
  const notices = useNotices();
  const { state, commands } = useWindowStore(api, notices);
  const { snapshot } = state;
  const [route, setRoute] = useState<Route>({ view: 'main' });
  const searchRef = useRef<HTMLInputElement | null>(null);
  const viewRefs = useRef<Record<ViewName, HTMLDivElement | null>>({ main: null, 'sign-in': null, settings: null });
  const moveFocus = useRef(false);

  const catalog = useMemo(
    () => (snapshot === null ? EMPTY_CATALOG : buildRoleCatalog(snapshot.instances, snapshot.catalogs, streamedAccounts(state.syncs))),
    [snapshot?.instances, snapshot?.catalogs, state.syncs],
  );

  const navigate = (next: Route) => {
    moveFocus.current = true;
    setRoute(next);
  };

  // First run: nothing to list yet, so the window opens on adding an instance.
  const firstSnapshot = snapshot !== null;
  useEffect(() => {
    if (snapshot !== null && snapshot.instances.length === 0) setRoute({ view: 'sign-in', instanceId: null });
  }, [firstSnapshot]);

  // Ctrl/Cmd+K: search, from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (hasModKey(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        // The main view may be hidden until the next render: the route effect focuses it.
        moveFocus.current = true;
        setRoute({ view: 'main' });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A finished sign-in returns to the roles, where its accounts stream in.
  useEffect(() => {
    for (const flow of Object.values(state.signIns)) {
      if (flow.phase !== 'signed-in') continue;
      const name = snapshot?.instances.find((i) => i.id === flow.instanceId)?.name ?? flow.instanceId;
      commands.dismissSignIn(flow.instanceId);
      notices.info(`Signed in to ${name}.`);
      if (route.view === 'sign-in' && route.instanceId === flow.instanceId) navigate({ view: 'main' });
    }
  }, [state.signIns]);

  // Moving between views moves focus to the new view's first control.
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    if (route.view === 'main') {
      searchRef.current?.focus();
      searchRef.current?.select();
    }
    else viewRefs.current[route.view]?.querySelector<HTMLElement>('input, select, button, [tabindex="-1"]')?.focus();
  }, [route]);

  if (snapshot === null) {
    return (
      <div class="app app--loading">
        {state.loadError === null ? (
          <p class="loading" role="status">
            <span class="spinner" aria-hidden="true" />
            Loading your accounts…
          </p>
        ) : (
          <div class="empty-state" role="alert">
            <h1 class="empty-state__title">Rolecall could not load</h1>
            <p>{state.loadError.message}</p>
            <button type="button" class="button button--primary" onClick={() => location.reload()}>
              Try again
            </button>
          </div>
        )}
      </div>
    );
  }

  const signInTo = (instanceId: string) => {
    commands.signIn(instanceId);
    navigate({ view: 'sign-in', instanceId });
  };
  const addInstance = () => navigate({ view: 'sign-in', instanceId: null });
  const view = route.view;
  return (
    <div class="app">
      <h1 class="visually-hidden">Rolecall</h1>
      <HeaderBar view={view} adding={route.view === 'sign-in' && route.instanceId === null} onNavigate={(v) => navigate({ view: v })} onAddInstance={addInstance} />
      <main class="views">
        <div class="view" hidden={view !== 'main'} ref={(el) => void (viewRefs.current.main = el)}>
          <MainView
            snapshot={snapshot}
            catalog={catalog}
            syncs={state.syncs}
            commands={commands}
            searchRef={searchRef}
            visible={view === 'main'}
            onAddInstance={addInstance}
            onSignIn={signInTo}
            onShowSignIn={(instanceId) => navigate({ view: 'sign-in', instanceId })}
          />
        </div>
        <div class="view view--centered" hidden={view !== 'sign-in'} ref={(el) => void (viewRefs.current['sign-in'] = el)}>
          <SignInView
            snapshot={snapshot}
            instanceId={route.view === 'sign-in' ? route.instanceId : null}
            signIns={state.signIns}
            commands={commands}
            onInstanceAdded={(instanceId) => setRoute({ view: 'sign-in', instanceId })}
            onClose={() => navigate({ view: 'main' })}
          />
        </div>
        <div class="view view--scroll" hidden={view !== 'settings'} ref={(el) => void (viewRefs.current.settings = el)}>
          <SettingsView settings={snapshot.settings} instances={snapshot.instances} commands={commands} />
        </div>
      </main>
      <NoticeBar notices={notices} />
    </div>
  );
}
