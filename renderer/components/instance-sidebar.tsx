import { memo } from 'preact/compat';
import { useMemo } from 'preact/hooks';
import type { InstanceView } from '../../main/ipc/contract';
import type { RoleCatalog } from '../catalog/role-catalog';
import { useNow } from '../hooks/use-now';
import type { StreamedSync } from '../state/window-state';
import { PlusIcon } from './icons';
import { InstanceCard } from './instance-card';

export interface InstanceSidebarProps {
  instances: readonly InstanceView[];
  catalog: RoleCatalog;
  syncs: Readonly<Record<string, StreamedSync>>;
  onAddInstance: () => void;
  onSignIn: (instanceId: string) => void;
  onShowSignIn: (instanceId: string) => void;
  onSignOut: (instanceId: string) => void;
  onSync: (instanceId: string) => void;
}

/**
 * The instances column. It alone ticks every second, so the role list stays still; and it
 * does not re-render while the user types a search (memo).
 */
export const InstanceSidebar = memo(function InstanceSidebar(props: InstanceSidebarProps) {
  const now = useNow(1000);
  const counts = useMemo(() => countByInstance(props.catalog), [props.catalog]);
  return (
    <aside class="sidebar" aria-labelledby="instances-heading">
      <div class="sidebar__head">
        <h2 id="instances-heading" class="sidebar__title">
          Instances
        </h2>
        <button type="button" class="icon-button" onClick={props.onAddInstance}>
          <PlusIcon />
          <span class="visually-hidden">Add an instance</span>
        </button>
      </div>
      <div class="sidebar__list">
        {props.instances.map((instance) => (
          <InstanceCard
            key={instance.id}
            instance={instance}
            now={now}
            streamed={props.syncs[instance.id]}
            accountCount={counts.get(instance.id)?.accounts ?? 0}
            roleCount={counts.get(instance.id)?.roles ?? 0}
            onSignIn={props.onSignIn}
            onShowSignIn={props.onShowSignIn}
            onSignOut={props.onSignOut}
            onSync={props.onSync}
          />
        ))}
      </div>
    </aside>
  );
});

function countByInstance(catalog: RoleCatalog): Map<string, { accounts: number; roles: number }> {
  const counts = new Map<string, { accounts: number; roles: number }>();
  for (const account of catalog.accounts) {
    const c = counts.get(account.instanceId) ?? { accounts: 0, roles: 0 };
    c.accounts += 1;
    c.roles += account.roles.length;
    counts.set(account.instanceId, c);
  }
  return counts;
}
