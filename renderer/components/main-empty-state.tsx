import type { InstanceView } from '../../main/ipc/contract';
import type { StreamedSync } from '../state/window-state';
import { PlusIcon } from './icons';

export interface MainEmptyStateProps {
  instances: readonly InstanceView[];
  syncs: Readonly<Record<string, StreamedSync>>;
  onAddInstance: () => void;
  onSignIn: (instanceId: string) => void;
}

/** What the role list says when it has nothing to show yet, and the one step that fixes it. */
export function MainEmptyState({ instances, syncs, onAddInstance, onSignIn }: MainEmptyStateProps) {
  if (instances.length === 0) {
    return (
      <div class="empty-state">
        <h2 class="empty-state__title">Add your Identity Center</h2>
        <p>Rolecall signs you in once, then lists every account and permission set you can reach.</p>
        <button type="button" class="button button--primary" onClick={onAddInstance}>
          <PlusIcon />
          Add an instance
        </button>
      </div>
    );
  }
  const syncing = instances.some((i) => i.sync !== null || (syncs[i.id] !== undefined && syncs[i.id]?.finishedAt === null));
  if (syncing) {
    return (
      <div class="empty-state">
        <h2 class="empty-state__title">Fetching your accounts</h2>
        <p>They appear here as they arrive.</p>
      </div>
    );
  }
  const signedOut = instances.find((i) => i.session.status !== 'active' && i.session.status !== 'ending-soon');
  if (signedOut !== undefined) {
    return (
      <div class="empty-state">
        <h2 class="empty-state__title">Sign in to see your accounts</h2>
        <p>Your accounts and permission sets in {signedOut.name} appear here once you sign in.</p>
        <button type="button" class="button button--primary" onClick={() => onSignIn(signedOut.id)}>
          Sign in to {signedOut.name}
        </button>
      </div>
    );
  }
  return (
    <div class="empty-state">
      <h2 class="empty-state__title">No accounts yet</h2>
      <p>Your Identity Center has not given you access to any account. Ask your administrator to assign you a permission set.</p>
    </div>
  );
}
