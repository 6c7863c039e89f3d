import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../../main/ipc/contract';
import { createIpcHandlers } from '../../../main/ipc/handlers';
import { registerIpcHandlers } from '../../../main/ipc/register';
import { createAppSenderPolicy } from '../../../main/ipc/sender-policy';
import { isAppUrl } from '../../../main/app/window/app-location';
import { FakeIpcMain, WINDOW_ID, ourWindow } from '../support/fake-ipc-main';
import { recordingServices } from '../support/recording-services';
import { VALID_ARGS } from '../support/sample-requests';

function setup(answers: Parameters<typeof recordingServices>[0] = {}) {
  const { services, calls } = recordingServices(answers);
  const clipboard: string[] = [];
  const ipc = new FakeIpcMain();
  const handlers = createIpcHandlers({ ...services, clipboard: { writeText: (text) => clipboard.push(text) } });
  registerIpcHandlers(ipc, handlers, createAppSenderPolicy({ windowWebContentsId: () => WINDOW_ID, isAppUrl }));
  return { ipc, calls, clipboard };
}

const EXPECTED_SERVICE: Record<string, string> = {
  'instances:add': 'instances.add',
  'instances:rename': 'instances.rename',
  'instances:remove': 'instances.remove',
  'session:sign-in': 'sessions.signIn',
  'session:cancel-sign-in': 'sessions.cancelSignIn',
  'session:sign-out': 'sessions.signOut',
  'catalog:sync': 'catalog.sync',
  'role:open-console': 'roles.openConsole',
  'role:open-terminal': 'roles.openTerminal',
  'role:copy-env': 'roles.environmentSnippet',
  'role:copy-profile-name': 'profiles.profileName',
  'role:set-favourite': 'favourites.setFavourite',
  'profile:write': 'profiles.write',
  'profile:remove': 'profiles.remove',
  'settings:update': 'settings.update',
  'link:open': 'links.openExternal',
};

describe('createIpcHandlers', () => {
  it.each(REQUEST_CHANNELS.filter((c) => c !== 'state:get'))('%s reaches the matching core service with its arguments', async (channel) => {
    const { ipc, calls } = setup();
    const response = await ipc.invoke(ourWindow, channel, ...VALID_ARGS[channel]);
    expect(response).toMatchObject({ ok: true });
    expect(calls).toEqual([`${EXPECTED_SERVICE[channel]} ${JSON.stringify(VALID_ARGS[channel])}`]);
  });

  it('state:get answers with the snapshot', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(ourWindow, 'state:get')).toMatchObject({ ok: true, value: { instances: [], favourites: [] } });
  });

  it('role:copy-env puts the credentials on the clipboard and never sends them to the window', async () => {
    const snippet = 'export AWS_SECRET_ACCESS_KEY=CANARY-secret';
    const { ipc, clipboard } = setup({ snippet });
    const response = await ipc.invoke(ourWindow, 'role:copy-env', ...VALID_ARGS['role:copy-env']);
    expect(response).toEqual({ ok: true, value: undefined });
    expect(clipboard).toEqual([snippet]);
  });

  it('role:copy-profile-name copies the name and returns it', async () => {
    const { ipc, clipboard } = setup({ profile: 'Acme/ReadOnly' });
    expect(await ipc.invoke(ourWindow, 'role:copy-profile-name', ...VALID_ARGS['role:copy-profile-name'])).toEqual({ ok: true, value: { profile: 'Acme/ReadOnly' } });
    expect(clipboard).toEqual(['Acme/ReadOnly']);
  });

  it('settings:update answers with the saved settings', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(ourWindow, 'settings:update', { sessionWarningMinutes: 30 })).toMatchObject({ ok: true, value: { sessionWarningMinutes: 30 } });
  });
});
