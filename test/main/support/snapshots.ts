import { DEFAULT_SETTINGS, type SessionState } from '../../../main/core/model';
import type { AppSnapshot, InstanceView } from '../../../main/ipc/contract';

export const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function instance(id: string, name: string, session: Omit<SessionState, 'instanceId'>): InstanceView {
  return {
    id,
    name,
    startUrl: `https://${id}.awsapps.com/start`,
    region: 'us-east-1',
    session: { instanceId: id, ...session },
    sync: null,
    syncError: null,
  };
}

export function snapshot(parts: Partial<AppSnapshot> = {}): AppSnapshot {
  return { instances: [], catalogs: [], favourites: [], recents: [], profiles: {}, settings: DEFAULT_SETTINGS, ...parts };
}

/** Acme signed in with 7 h 42 min left, accounts Prod and Dev, one favourite and two recents. */
export function acmeSnapshot(status: SessionState['status'] = 'active', expiresAt = NOW + 7 * HOUR + 42 * MINUTE + 30_000): AppSnapshot {
  return snapshot({
    instances: [instance('acme', 'Acme', { status, expiresAt })],
    catalogs: [
      {
        instanceId: 'acme',
        syncedAt: NOW,
        accounts: [
          { instanceId: 'acme', accountId: '111111111111', accountName: 'Prod', emailAddress: 'prod@acme.test', roles: ['AdministratorAccess', 'ReadOnly'] },
          { instanceId: 'acme', accountId: '222222222222', accountName: 'Dev', emailAddress: 'dev@acme.test', roles: ['PowerUser'] },
        ],
      },
    ],
    favourites: ['acme/111111111111/AdministratorAccess'],
    recents: ['acme/222222222222/PowerUser', 'acme/111111111111/AdministratorAccess', 'acme/111111111111/ReadOnly'],
  });
}
