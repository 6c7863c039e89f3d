import { DbusConnection, sessionBusAddress, type DbusMethodCall } from '../../../main/core/secrets/dbus-connection';
import { OPEN_PLAIN_SESSION } from '../../../main/core/secrets/secret-service-handshake';

/**
 * Locks and unlocks the throwaway gnome-keyring that `scripts/test.sh` starts, through its
 * D-Bus interfaces, so tests can see what a user with a locked keyring sees.
 */
const SERVICE = 'org.freedesktop.secrets';
const LOGIN = '/org/freedesktop/secrets/collection/login';
/** The password scripts/test.sh created the login collection with. */
const TEST_PASSWORD = 'rolecall-test';

async function withBus<T>(fn: (bus: DbusConnection) => Promise<T>): Promise<T> {
  const address = sessionBusAddress(process.env);
  if (!address) throw new Error('no session bus: run the tests with scripts/test.sh');
  const bus = await DbusConnection.open(address, AbortSignal.timeout(5_000));
  try {
    return await fn(bus);
  } finally {
    bus.close();
  }
}

async function expectOk(bus: DbusConnection, call: DbusMethodCall) {
  const reply = await bus.call(call);
  if (!reply.ok) throw new Error(`${call.member} failed: ${reply.errorName} ${reply.message}`);
  return reply;
}

/** Secret Service `Lock` on the login collection, as a user or a screen locker would. */
export function lockLoginCollection(): Promise<void> {
  return withBus(async (bus) => {
    await expectOk(bus, {
      destination: SERVICE,
      path: '/org/freedesktop/secrets',
      interface: 'org.freedesktop.Secret.Service',
      member: 'Lock',
      args: [{ type: 'ao', value: [LOGIN] }],
    });
  });
}

/**
 * Unlocks the login collection without a prompt: gnome-keyring's own
 * `UnlockWithMasterPassword`, with the password sent over a "plain" Secret Service session
 * (fine on a private test bus).
 */
export function unlockLoginCollection(password: string = TEST_PASSWORD): Promise<void> {
  return withBus(async (bus) => {
    const opened = await expectOk(bus, OPEN_PLAIN_SESSION);
    const session = opened.values[1];
    if (typeof session !== 'string') throw new Error('OpenSession returned no session path');
    await expectOk(bus, {
      destination: SERVICE,
      path: '/org/freedesktop/secrets',
      interface: 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface',
      member: 'UnlockWithMasterPassword',
      args: [
        { type: 'o', value: LOGIN },
        {
          type: 'struct',
          value: [
            { type: 'o', value: session },
            { type: 'ay', value: new Uint8Array() },
            { type: 'ay', value: Buffer.from(password, 'utf8') },
            { type: 's', value: 'text/plain' },
          ],
        },
      ],
    });
  });
}

/** The `Locked` property of the login collection. */
export function loginCollectionLocked(): Promise<boolean> {
  return withBus(async (bus) => {
    const reply = await expectOk(bus, {
      destination: SERVICE,
      path: LOGIN,
      interface: 'org.freedesktop.DBus.Properties',
      member: 'Get',
      args: [
        { type: 's', value: 'org.freedesktop.Secret.Collection' },
        { type: 's', value: 'Locked' },
      ],
    });
    return reply.value === true;
  });
}
