import { PlusIcon, RolecallMark } from './icons';

export type ViewName = 'main' | 'sign-in' | 'settings';

/** The brand, the views, and adding an instance. */
export function HeaderBar({ view, adding, onNavigate, onAddInstance }: { view: ViewName; adding: boolean; onNavigate: (view: 'main' | 'settings') => void; onAddInstance: () => void }) {
  return (
    <header class="topbar">
      <div class="brand">
        <RolecallMark />
        <span class="brand__name">Rolecall</span>
      </div>
      <nav class="tabs" aria-label="Views">
        <button type="button" class="tabs__tab" aria-current={view === 'main' ? 'page' : undefined} onClick={() => onNavigate('main')}>
          Roles
        </button>
        <button type="button" class="tabs__tab" aria-current={view === 'settings' ? 'page' : undefined} onClick={() => onNavigate('settings')}>
          Settings
        </button>
      </nav>
      <button type="button" class="button button--small topbar__add" aria-current={adding ? 'page' : undefined} onClick={onAddInstance}>
        <PlusIcon />
        Add instance
      </button>
    </header>
  );
}
